"""What a table or a column is, guessed from its name (for `mapping_guess`): the words in a table's name that say
which entity its rows are, and the headers clinical-engineering systems write for each product field, matched
exactly first, then closely."""

from __future__ import annotations

import difflib
import re

# Words in a table's name -> the entity its rows are (first match wins, so "work order" beats "order").
TABLE_WORDS = (("job", "jobs"), ("workorder", "jobs"), ("work order", "jobs"), ("wo", "jobs"), ("call", "jobs"),
               ("request", "jobs"), ("repair", "jobs"), ("ppm", "ppm_schedules"), ("schedule", "ppm_schedules"),
               ("contract", "contracts"), ("staff", "contacts"), ("contact", "contacts"), ("employee", "contacts"),
               ("user", "contacts"), ("engineer", "contacts"), ("people", "contacts"),
               ("manufacturer", "manufacturers"),
               ("maker", "manufacturers"), ("mfr", "manufacturers"), ("supplier", "suppliers"),
               ("vendor", "suppliers"),
               ("model", "device_models"), ("site", "sites"), ("hospital", "sites"), ("location", "locations"),
               ("loc", "locations"), ("room", "locations"), ("equipment", "assets"), ("equip", "assets"),
               ("asset", "assets"), ("device", "assets"), ("inventory", "assets"), ("register", "assets"))

# Headers as written in CMMS exports, normalised (lower case, words): entity.field -> synonyms.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "assets.asset_number": ("asset no", "asset number", "asset tag", "tag", "tag no", "asset tag no", "equipment no",
                            "equipment number", "equip no", "inventory no", "inventory number", "asset", "barcode",
                            "control no", "control number"),
    "assets.serial_number": ("serial", "serial no", "serial number", "sn", "s n"),
    "assets.status": ("status", "asset status", "equipment status", "status code", "state"),
    "assets.risk_class": ("risk", "risk class", "risk level", "criticality", "risk rating"),
    "assets.device_class": ("device class", "class", "mdd class", "risk classification", "mdr class"),
    "assets.acquisition_date": ("purchase date", "acquisition date", "acquired", "date purchased", "install date",
                                "installed", "installation date", "commissioned", "commission date"),
    "assets.acquisition_cost": ("purchase cost", "cost", "purchase price", "price", "acquisition cost", "value"),
    "assets.warranty_expiry": ("warranty expiry", "warranty end", "warranty", "warranty until", "warranty expires"),
    "assets.last_ppm_date": ("last ppm", "last service", "last pm", "last maintenance", "last serviced"),
    "assets.next_ppm_due": ("next ppm", "next ppm due", "next service", "next pm", "next due", "next service due"),
    "assets.notes": ("notes", "comments", "remarks", "note"),
    "assets.owner": ("owner", "custodian", "owned by", "keeper"),
    "assets.responsible_engineer": ("responsible engineer", "responsible", "engineer responsible"),
    "assets.contact_phone": ("contact tel", "contact phone", "tel", "telephone", "phone", "contact number"),
    "assets.last_modified_by": ("last modified by", "modified by", "updated by", "changed by", "edited by"),
    "jobs.job_number": ("job no", "job number", "job", "work order", "work order no", "wo", "wo no", "wo number",
                        "job ref", "call no", "request no", "ticket", "ticket no"),
    "jobs.job_type": ("job type", "type", "work type", "wo type", "order type", "maintenance type", "category"),
    "jobs.status": ("status", "job status"),
    "jobs.raised_at": ("date raised", "raised", "opened", "date opened", "reported", "date reported", "logged",
                       "created", "request date", "raised on"),
    "jobs.completed_at": ("date completed", "completed", "closed", "date closed", "finished", "completion date"),
    "jobs.fault_description": ("fault description", "fault", "problem", "description", "reported fault", "issue",
                               "symptom", "fault reported"),
    "jobs.outcome": ("outcome", "resolution", "work done", "action taken", "action", "remedy", "findings", "repair"),
    "jobs.engineer": ("engineer", "technician", "assigned to", "tech", "engineer name"),
    "jobs.labour_hours": ("labour hours", "hours", "labour", "time spent", "duration", "time"),
    "jobs.parts_cost": ("parts cost", "parts", "material cost", "parts price"),
    "jobs.requested_by": ("requested by", "reported by", "caller", "caller name", "requester", "raised by"),
    "jobs.requester_phone": ("requester phone", "caller ext", "ext", "extension", "caller phone", "bleep"),
    "contacts.name": ("name", "full name", "staff name", "contact name", "contact"),
    "contacts.job_title": ("job title", "title", "position", "role", "grade"),
    "contacts.phone": ("phone", "telephone", "tel", "mobile", "ext", "extension"),
    "contacts.email": ("email", "e mail", "email address"),
    "sites.name": ("site name", "site", "name", "hospital"), "sites.code": ("site code", "code"),
    "sites.address": ("address", "address line 1", "street"), "sites.postcode": ("postcode", "post code", "zip"),
    "locations.building": ("building", "block"), "locations.department": ("department", "dept"),
    "locations.ward": ("ward",), "locations.room": ("room", "room no"), "locations.name": ("location", "name"),
    "manufacturers.name": ("manufacturer", "manufacturer name", "mfr name", "name", "make"),
    "manufacturers.phone": ("phone", "telephone", "tel"), "manufacturers.email": ("email", "e mail"),
    "suppliers.name": ("supplier", "supplier name", "vendor", "name"),
    "suppliers.phone": ("phone", "telephone", "tel"), "suppliers.email": ("email", "e mail"),
    "device_models.name": ("model", "model name", "name"), "device_models.device_type": ("device type", "type",
                                                                                         "description"),
    "device_models.category_code": ("umdns", "gmdn", "category code", "category"),
    "ppm_schedules.interval_months": ("interval months", "interval", "frequency", "ppm frequency months"),
    "ppm_schedules.last_done": ("last done", "last ppm", "last"), "ppm_schedules.next_due": ("next due", "next ppm"),
    "contracts.start_date": ("start date", "start", "from"), "contracts.end_date": ("end date", "end", "to", "expiry"),
    "contracts.annual_cost": ("annual cost", "cost", "price", "value"),
}
# Columns of an asset table that make de-duplicated entities, and what they feed.
DERIVED = (("manufacturers", ("manufacturer", "make", "maker", "mfr", "brand")),
           ("device_models", ("model", "model name", "model no")),
           ("sites", ("site", "hospital", "site name")),
           ("suppliers", ("supplier", "vendor", "service agent", "service provider")))
LOCATION_WORDS = ("location", "ward", "room", "department", "dept", "area")
NAME_PARTS = (("first name", "forename", "given name", "firstname"), ("surname", "last name", "family name"))
FUZZY = 0.86


def words(header: str) -> str:
    """"SerialNumber", "Serial_No.", "serial no" -> "serial number" / "serial no": lower-case words."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", header.strip())
    spaced = re.sub(r"^(tbl|tb|t)(?=[A-Z ])", "", spaced) if spaced[:3].lower() == "tbl" else spaced
    return " ".join(re.findall(r"[a-z0-9]+", spaced.lower()))


def table_entity(table: str) -> str | None:
    name = words(re.sub(r"^tbl", "", table))
    squashed = name.replace(" ", "")
    tokens = {w.removesuffix("s") for w in name.split()} | set(name.split())
    for word, entity in TABLE_WORDS:
        if word in tokens or word in name or (len(word) > 3 and word.replace(" ", "") in squashed):
            return entity
    return None


def match_header(headers: list[str], synonyms: tuple[str, ...], taken: set[str]) -> str | None:
    """The header that names the field: an exact synonym first (in the synonyms' order), then a close one."""
    free = [h for h in headers if h not in taken]
    by_words = {words(h): h for h in free}
    for synonym in synonyms:
        if synonym in by_words:
            return by_words[synonym]
    best, score = None, FUZZY
    for h in free:
        for synonym in synonyms:
            ratio = difflib.SequenceMatcher(None, words(h), synonym).ratio()
            if ratio > score:
                best, score = h, ratio
    return best
