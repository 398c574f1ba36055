"""What a column's name says it holds: "Responsible Engineer" people, "Contact Tel" phone numbers, "Crew Collar"
staff numbers, "Notes" free text. The profiler confirms a hint by the shape of the values before acting on it.
"""

from __future__ import annotations

import re

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
PERSON_WORDS = frozenset({
    "engineer", "technician", "tech", "contact", "caller", "requester", "requested", "reporter", "reported",
    "raised", "modified", "owner", "staff", "user", "username", "patient", "surname", "forename", "firstname",
    "lastname", "givenname", "maiden", "person", "responsible", "assignee", "assigned", "author", "creator",
    "approved", "signed", "officer", "nurse", "doctor", "clinician", "consultant", "middle", "employee",
    "initials", "eng", "analyst", "handler", "signature", "sig", "signatory", "witness", "driver", "crew",
    "attending", "attendant", "responder",
})
# "Taken By", "Closed By", "Resolved By": whoever did it; not "Powered By" or "Covered By" (a thing, a contract).
_NOT_DONE_BY_PEOPLE = frozenset({"powered", "covered", "caused", "supplied", "manufactured", "made", "funded",
                                 "owned", "leased", "sponsored", "affected", "replaced", "superseded"})
NAME_QUALIFIERS = frozenset({"first", "last", "given", "full", "fore", "sur", "family", "middle", "maiden",
                             "contact", "caller", "staff", "user", "patient", "person", "engineer", "mothers"})
ORG_WORDS = frozenset({"site", "mfr", "manufacturer", "model", "device", "supplier", "company", "vendor", "dept",
                       "department", "location", "building", "room", "file", "table", "city", "state", "country",
                       "domain", "product", "part", "contractor", "hospital", "trust", "ward", "organisation",
                       "organization", "job", "set", "type", "category", "code"})
ORG_NAME_WORDS = frozenset({"site", "mfr", "manufacturer", "supplier", "company", "vendor", "contractor",
                            "hospital", "trust", "organisation", "organization"})
PHONE_WORDS = frozenset({"tel", "telephone", "phone", "mobile", "mob", "fax", "ext", "extension", "bleep", "pager",
                         "cell", "telno", "phoneno"})
STAFF_NUMBER_WORDS = frozenset({"payroll", "badge", "esr", "smartcard", "hcpc", "gmc", "nmc"})
STAFF_WORDS = frozenset({"staff", "employee", "personnel", "crew", "emp", "pay", "assignment", "collar", "collars",
                         "student", "trainee"})
MEASURE_WORDS = frozenset({"date", "time", "datetime", "hours", "hrs", "cost", "costs", "count", "rate", "grade",
                           "band", "level", "total", "amount", "price", "minutes", "mins", "qty", "quantity",
                           "size", "type", "year", "years", "age"})
ID_WORDS = frozenset({"no", "nos", "number", "numbers", "num", "id", "ids", "ref"})
# Patient administration and community systems whose number is the patient's ("RiO ID", "SystmOne No", "PAS
# Number", "CRN"), as recognizers_mrn reads their labels in text.
_PATIENT_SYSTEM = re.compile(r"\b(?:rio|systm ?one|emis|lorenzo|ipms?|pas|crn|hrn|pid|cnn)\b")
# What a column says about a person, not who they are ("Patient Language", "patient.contacts.relationship", "NOK
# Relationship"): no person's name is in it.
ATTRIBUTE_WORDS = frozenset({"language", "languages", "religion", "ethnicity", "ethnic", "gender", "sex",
                             "nationality", "relationship", "relation", "interpreter", "preferred", "consent",
                             "category", "status", "role", "roles"})
FREE_TEXT_WORDS = frozenset({"notes", "note", "comment", "comments", "fault", "problem", "resolution", "remarks",
                             "details", "narrative", "text", "log", "summary", "observations", "action", "actions",
                             "work", "findings", "history", "memo"})


def column_words(name: str) -> list[str]:
    spaced = _CAMEL.sub(" ", name)
    return [w for w in re.split(r"[^a-z0-9]+", spaced.lower()) if w]


def column_hints(name: str) -> set[str]:
    """Entity types (and FREE_TEXT) the column name suggests."""
    words = column_words(name)
    ws = set(words)
    joined = " ".join(words)
    hints: set[str] = set()
    if ws & {"email", "mail"} or "e mail" in joined:
        hints.add("EMAIL_ADDRESS")
    if ws & PHONE_WORDS and not ws & {"country", "code", "type"}:
        hints.add("PHONE_NUMBER")
    if ws & {"dob", "birthday", "birthdate", "born"} or ("birth" in ws):
        hints.add("DATE_OF_BIRTH")
    if ws & {"nhs", "chi", "hcn"}:
        hints.add("UK_NHS")  # Scotland's CHI and Northern Ireland's H&C numbers are NHS numbers by another name
    if "nino" in ws or "national insurance" in joined or ("national" in ws and "id" in ws) or "ni number" in joined:
        hints.add("UK_NINO")
    if ws & {"mrn"} or "hospital number" in joined or "hosp no" in joined or "unit number" in joined \
            or ("patient" in ws and ws & {"id", "no", "number"}) \
            or (ws & {"membership", "member"} and ws & {"no", "nos", "number", "num"}) \
            or ws & {"accession", "accno"} or ("acc" in ws and ws & {"no", "num", "number"}) \
            or ((system := _PATIENT_SYSTEM.search(re.sub(r"[^a-z0-9]+", " ", name.lower()))) is not None
                and (ws & ID_WORDS or system.group(0).replace(" ", "") in ws)) \
            or (("client" in ws or "service user" in joined) and ws & ID_WORDS):
        # "MembershipNo": an insured patient's number with the insurer; "Accession No": a patient's imaging study
        hints.add("MRN")
    if ws & {"postcode", "zip", "zipcode", "postal"} or "post code" in joined:
        hints.add("UK_POSTCODE")
    if ws & {"address", "street", "addr"} and "EMAIL_ADDRESS" not in hints and not ws & {"ip", "mac", "ipv4", "ipv6"}:
        hints.add("ADDRESS")
    if (ws & {"cc", "card"} and ws & {"number", "no", "num"}) or "ccnumber" in ws or "credit" in ws:
        hints.add("CREDIT_CARD")
    if ws & {"ip"}:
        hints.add("IP_ADDRESS")
    # "Crew Collar", "staff_number", "ESR", "payroll no": each value names one member of staff.
    named = {w for w in ws if not w.isdigit()}  # "Crew 1", "Crew 2"
    if ws & MEASURE_WORDS:
        pass  # "Staff Cost", "Engineer Hours", "Crew Count": amounts, not numbers naming someone
    elif ws & {"id", "ids", "key", "fk", "pk"} or any(w.endswith("id") and w[:-2] in STAFF_WORDS | PERSON_WORDS
                                                      for w in ws):
        pass  # "StaffID", "Engineer Staff ID": a key the mapping joins on and hashes into an id; pseudonymised on
        # one side only, the join would break
    elif ws & STAFF_NUMBER_WORDS or (ws & STAFF_WORDS and (ws & ID_WORDS or named <= STAFF_WORDS)) or (
            named and named <= PERSON_WORDS | STAFF_WORDS | {"attending", "attendant", "responder", "driver", "by"}):
        # a column of people ("Engineer", "Attending", "Completed By") holding numbers holds their staff numbers
        hints.add("STAFF_ID")
    if (ws & {"keysafe", "keybox", "lockbox", "keycode", "doorcode"} or re.search(
            r"\b(?:key (?:safe|box)|lock box|(?:door|entry|access|gate|keypad) (?:code|pin))\b", joined)) \
            and not ws & {"location", "position", "where", "type", "fitted", "date"}:
        hints.add("ACCESS_CODE")  # the code that opens someone's home
    if ws & {"school", "schools"} and not ws & {"type", "holiday", "holidays", "hols", "term", "year", "nurse"}:
        hints.add("ADDRESS")  # a child's school: where the child is found every weekday, as a home is at night
    if ws & {"w3w", "what3words", "what3word", "threewords"} or "what 3 words" in joined \
            or "what three words" in joined:
        hints.add("ADDRESS")  # three words that name a 3 m square: someone's door, or the scene of their fall
    taken = hints & {"EMAIL_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH", "UK_NHS", "UK_NINO", "MRN", "UK_POSTCODE",
                     "ADDRESS", "CREDIT_CARD"}
    # "Checked By", "Done By", an events list's "by" ("events.by"): whoever did it
    done_by = "by" in ws and (any(w.endswith(("ed", "en")) and w not in _NOT_DONE_BY_PEOPLE for w in ws - {"by"})
                              or "done" in ws or _leaf_words(name) == {"by"})
    if not taken and not ws & {"date", "time", "datetime", "hours", "cost", "id", "count"} \
            and not (ws & ATTRIBUTE_WORDS and not ws & {"name", "names"}) and (ws & PERSON_WORDS or (
        ("name" in ws or "names" in ws) and (ws & NAME_QUALIFIERS or len(ws) == 1) and not ws & ORG_WORDS
    ) or done_by):
        hints.add("PERSON")
    if ws & FREE_TEXT_WORDS or name.strip().lower() in {"description", "problem description", "fault description"}:
        hints.add("FREE_TEXT")
    return hints


# Tables whose rows are organisations, places or things ("organisations", "tblSuppliers", "public.sites"): their
# own "Name" column names one of them ("Rays of Sunshine", "Natus", "Squirrel Ward"), never a person.
_THING_TABLES = frozenset({
    "organisation", "organization", "org", "company", "supplier", "manufacturer", "maker", "vendor", "contractor",
    "charity", "funder", "site", "location", "ward", "department", "dept", "building", "room", "hospital", "trust",
    "clinic", "asset", "device", "equipment", "model", "part", "product", "item", "category", "type", "team",
    "service", "contract", "store",
})
_OWN_NAME = frozenset({"name", "names", "full", "display", "short", "long", "legal", "trading", "common"})


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def describes_things(table: str) -> bool:
    """The table's rows are organisations, places or things ("organisations", "tblSuppliers", "public.sites")."""
    return any(_singular(w) in _THING_TABLES for w in column_words(table))


def names_its_rows(table: str, column: str) -> bool:
    """The column is the own name of a table of organisations, places or things ("organisations.name")."""
    cols = set(column_words(column))
    return bool(cols & {"name", "names"}) and cols <= _OWN_NAME and describes_things(table)


def is_patient_column(name: str) -> bool:
    """"Patient", "Pt", "Patient Details": a column about the patient, not a measure of one ("Patient Age") nor a
    flag ("Patient Involved")."""
    ws = set(column_words(name))
    return bool(ws & {"patient", "patients", "pt", "pts"}) and not ws & (
        MEASURE_WORDS | ORG_WORDS | {"involved", "status", "flag", "weight", "height", "sex", "gender", "harm"})


def is_org_name_column(name: str) -> bool:
    ws = set(column_words(name))
    return bool(ws & ORG_NAME_WORDS) and ("name" in ws or len(ws) == 1)


# What a place or an organisation column is called, in the last part of its name ("clinical.hospital",
# "gp.practice", "Ward", "Depot"): its values are places, whoever they are named after.
_PLACE_WORDS = frozenset({"hospital", "ward", "site", "location", "department", "dept", "practice", "surgery",
                          "clinic", "depot", "unit", "building", "trust", "board", "supplier", "manufacturer", "maker",
                          "provider", "commissioner", "contractor", "vendor", "company"})


# The parts of an address no one is found by alone ("patient.address.town", "County"): a town is kept in free text
# unless it is written as part of a home address.
_REGION_WORDS = frozenset({"town", "city", "locality", "county", "region", "country", "state", "district", "area",
                           "village"})


def _leaf_words(name: str) -> set[str]:
    """The words of the last part of a dotted name ("patient.address.town": {"town"})."""
    return set(column_words(name.rsplit(".", 1)[-1]))


def names_region(name: str) -> bool:
    """The column (the last part of a dotted name) holds a town, county or country, not a street or a postcode."""
    return bool(_leaf_words(name) & _REGION_WORDS)


def names_places(name: str) -> bool:
    """The column holds places or organisations by its name, not a person's or a number of them ("Hospital", not
    "Hospital Number", "Ward Contact", "Site Phone" or "Practice Email")."""
    ws = _leaf_words(name)
    return bool(ws & _PLACE_WORDS) and not ws & (PERSON_WORDS | ID_WORDS | PHONE_WORDS | {
        "email", "mail", "address", "postcode", "nhs", "mrn", "chi", "code"})


# What an equipment column is called, in the last part of its name ("loan.assetTag", "Serial No", "Kit Barcode"):
# its values are the equipment's, however often one person has the same one on loan.
_EQUIPMENT_WORDS = frozenset({"asset", "tag", "serial", "sn", "device", "equipment", "equip", "kit", "item", "barcode",
                              "model", "part", "stock", "inventory", "machine", "fleet", "cylinder"})


def names_equipment(name: str) -> bool:
    """The column holds the equipment's codes by its name ("loan.assetTag", "Device Serial"), not a person's."""
    ws = _leaf_words(name)
    return bool(ws & _EQUIPMENT_WORDS) and not ws & (PERSON_WORDS | {"patient", "pt"})
