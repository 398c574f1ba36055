"""Vocabulary and phrasing of `inventory_export.py`, written for it alone (not taken from the other generators).

People come from Faker locales and hand-made pools, a different set per split; phrasing families are sentence
templates whose `{slot}`s are filled with planted values (see `inventory_export.Scene`). "dev6" may be read by
people improving the detectors; "fresh4" is held out: other locales, other pools, other templates and streets.
"""

from __future__ import annotations

LOCALES = {
    "dev6": {"pl_PL": 3.0, "en_IN": 3.0, "pt_BR": 2.0, "yo_NG": 2.0, "en_GB": 4.0, "bg_BG": 0.4},
    "fresh4": {"pt_PT": 2.0, "hr_HR": 2.0, "tr_TR": 2.0, "ig_NG": 2.0, "lt_LT": 1.5, "en_KE": 2.0, "mk_MK": 0.4},
}

# Hand-made pools: Filipino, Greek and Chinese (romanised) given names and surnames; Tamil and Vietnamese for
# the held-out split. Disjoint between the splits.
POOLS = {
    "dev6": (["Maricel", "Jericho", "Rowena", "Dionisio", "Lorna", "Eleftheria", "Stavros", "Panagiota", "Wei",
              "Xiaoling", "Jianhong", "Meiying", "Bienvenido", "Rosalinda", "Evangelos"],
             ["Dimaculangan", "Bautista", "Macaraeg", "Papadopoulou", "Karamanlis", "Theodorakis", "Zhang",
              "Huang", "Xu", "Liang", "Tolentino", "Villanueva", "Georgiadis", "Zhou", "Manalastas"]),
    "fresh4": (["Analyn", "Rodelio", "Marites", "Christos", "Vasiliki", "Ioannis", "Yuxuan", "Haoran", "Lixin",
                "Kavitha", "Senthil", "Thanh", "Nguyet", "Ligaya", "Zhiwei"],
               ["Panganiban", "Dimagiba", "Lacson", "Antoniou", "Hatzidakis", "Kyriakou", "Guo", "Tang", "Cheng",
                "Subramaniam", "Ramasamy", "Pham", "Tran", "Sarmiento", "Ouyang"]),
}

NICKNAMES = {"Katarzyna": "Kasia", "Małgorzata": "Gosia", "Aleksandra": "Ola", "Krzysztof": "Krzysiek",
             "Oluwaseun": "Seun", "Babatunde": "Tunde", "Olumide": "Mide", "Christopher": "Chris",
             "Elizabeth": "Liz", "Margaret": "Maggie", "Venkatesh": "Venky", "Ioannis": "Yannis",
             "Bienvenido": "Ben", "Rosalinda": "Rosie", "Chukwuemeka": "Emeka", "Nkechinyere": "Nkechi"}
TITLES = ["Dr", "Dr.", "Sr", "Sister", "Mr", "Mrs", "Ms", "Miss", "Prof", "Nurse", "Matron"]

# --- look-alike reference data (kept) -----------------------------------------------------------------------
SITES = ["Prince Albert General Hospital", "Hexley Royal Infirmary", "Queen Adelaide Hospital",
         "Wharf Road Health Centre", "Mill Lane Day Hospital", "St Wilfrid's Community Hospital",
         "Thornbury Moor Hospital", "Ashby Road Clinic"]
BUILDINGS = ["Main Block", "Jubilee Wing", "Tower Block", "Outpatients", "Block C", "Willow House"]
DEPTS = ["Critical Care", "Theatres", "Renal", "Maternity", "Radiology", "Cardiology", "Emergency Dept",
         "Outpatients", "Neonates", "Respiratory", "Medical Physics", "Endoscopy"]
WARDS = ["Nightingale Ward", "Seacole Unit", "Cavell Ward", "Lister Ward", "Jenner Ward", "Fleming Ward",
         "Florey Unit", "Garrett Anderson Ward", "Rosalind Franklin Suite", "Harvey Ward", "Snow Ward",
         "Bevan Unit", "Turing Ward", "Barnardo Ward", "Mary Seacole HDU", "Ward 14", "AMU", "ITU Bay 3",
         "Hunter Ward", "Kingfisher Ward"]
TOWNS = ["Hexley", "Thornbury", "Ashby", "Kettlewell", "Morecambe", "Halifax", "Stockport", "Wigan"]
MAKERS = [  # (as typed in the register, models, device type)
    ("Welch Allyn", ["Connex 6000", "Spot Vital Signs 4400"], "Vital Signs Monitor"),
    ("Welch-Allyn Inc", ["Connex 6000"], "Vital Signs Monitor"),
    ("Baxter", ["Colleague 3", "Sigma Spectrum"], "Infusion Pump"),
    ("B. Braun", ["Perfusor Space", "Infusomat Space"], "Syringe Driver"),
    ("B BRAUN", ["Perfusor Space"], "Syringe Driver"),
    ("Dräger", ["Evita V500", "Babylog VN500"], "Ventilator"),
    ("Draeger", ["Fabius plus"], "Anaesthetic Machine"),
    ("Fisher & Paykel", ["Airvo 2", "MR850"], "Humidifier"),
    ("Hamilton Medical", ["Hamilton-C6", "Hamilton-T1"], "Ventilator"),
    ("Karl Storz", ["Image1 S", "Power LED 300"], "Endoscopy Stack"),
    ("Hill-Rom", ["Progressa", "Centrella"], "Bed"),
    ("Nihon Kohden", ["Cardiofax M", "Life Scope G5"], "ECG Machine"),
    ("Huntleigh", ["Dopplex DMX", "Flowtron ACS900"], "Doppler"),
    ("Zoll", ["R Series", "AED Plus"], "Defibrillator"),
    ("Seca", ["Seca 284", "Seca 657"], "Weighing Scale"),
    ("Richard Wolf", ["Endocam Logic"], "Endoscopy Stack"),
    ("Eschmann", ["TD 800"], "Electrosurgical Unit"),
    ("3M", ["Bair Hugger 675"], "Patient Warmer"),
    ("Spacelabs", ["Lifescreen Pro"], "Holter Monitor"),
    ("Clement Clarke", ["Wright Peak Flow Meter"], "Peak Flow Meter"),
]
SUPPLIERS = ["Henry Schein", "Williams Medical Supplies", "Peter Bennett Medical Ltd", "Pennine Healthcare",
             "J. Pritchard Biomedical Services", "Davies & Sons (Medical) Ltd", "Harrison Scientific",
             "NHS Supply Chain"]
JOB_TITLES = ["Senior Clinical Technologist", "Biomedical Engineer", "EBME Manager", "Ward Manager",
              "Charge Nurse", "Clinical Scientist", "Estates Officer", "Practice Development Nurse",
              "Decontamination Lead", "Medical Devices Safety Officer"]
TEAMS = ["EBME Workshop", "Medical Physics", "Estates & Facilities", "Clinical Engineering Team",
         "Decontamination Services", "Equipment Library"]
DEVICE_TERMS = ["Doppler", "Holter monitor", "Geiger counter", "Wright peak flow meter", "Bair Hugger",
                "Allen test", "Swan-Ganz catheter", "Guedel airway", "Yankauer sucker", "Foley catheter",
                "Thomas splint", "Venturi mask", "Luer lock", "Korotkoff sounds", "Clark electrode",
                "Wheatstone bridge"]
STANDARDS = ["IEC 60601-1", "IEC 62353", "BS EN 60601-2-24", "ISO 13485", "HTM 01-01", "IEC 61010-1"]
MAILBOXES = ["medical.physics@hexley.nhs.uk", "ebme.helpdesk@nhs.net", "equipment.library@hexley.nhs.uk",
             "decon.team@hexley.nhs.uk", "MDSO@hexley.nhs.uk"]
STREETS = {
    "dev6": ["Chapel Lane", "Orchard Close", "Beech Grove", "Station Road", "Kestrel Way", "Millbrook Drive",
             "Tanners Row", "Hawthorn Avenue"],
    "fresh4": ["Quarry Bank", "Larkspur Court", "Weavers Fold", "Copper Beech Rise", "Gasworks Lane",
               "Sandpiper Crescent", "Dunmore Terrace", "Bracken View"],
}
POSTCODE_AREAS = ["HX", "LS", "BD", "M", "WN", "SK", "LA", "OL"]

# --- phrasing families --------------------------------------------------------------------------------------
# Slots, personal: staff (a colleague in any form), pat (a patient), nhs, mrn, dob, phone, mobile, addr (house
# number + street, then a postcode), email, login, initials, reg (vehicle), badge (staff/payroll number).
# Kept: ward, site, town, term (eponymous device or test), maker, model, part, err, fw, tag, room, bleep, ext,
# pat_id (PAT test id), mailbox, std, title, team, date.
FAULT = {
    "dev6": [
        "{term} not reading, reported by {staff} on {ward}",
        "pt {pat} ({mrn}) alarm kept sounding during obs, staff member {staff} removed from use",
        "screen blank after drop, see Datix {datix}. {staff} ({title}) rang ext {ext}",
        "err {err} on start-up, {staff} says it happened twice on {ward}",
        "Incident: pump free-flowed on pt {pat}, NHS no {nhs}, DOB {dob}. MHRA yellow card raised by {staff}",
        "battery not holding charge - {staff} bleep {bleep}",
        "cracked housing, found in {room} by {staff}",
        "{title} {staff} asks for loan replacement asap, mob {mobile}",
        "failed electrical safety (PAT {pat_id}) - {std} earth bond",
        "fw {fw} upgrade required per FSN, contact {mailbox}",
        "{staff} / {staff} reported intermittent fault with the {term}",
        "patient {pat} complained device hot to touch, DOB {dob}, hosp no {mrn}",
    ],
    "fresh4": [
        "Ward rang: {term} giving odd values. Caller {staff}, call back on {phone}",
        "Following adverse event involving {pat} (NHS {nhs}) the unit was quarantined - {staff}",
        "Noisy fan. Left at reception for {team} by {staff}",
        "Code {err} displayed, {staff} tried power cycle, no joy",
        "Datix {datix}: near miss, wrong rate programmed for {pat} born {dob} ({mrn})",
        "Device dropped in {room}; {staff} ({title}) witnessed, ext {ext}",
        "Occlusion alarm false triggering - raised by {staff}, bleep {bleep}",
        "Needs {std} test after repair by third party ({maker})",
        "{staff} asks whether firmware {fw} fixes the freeze",
        "Relative of {pat} phoned ({mobile}) saying home unit stopped",
    ],
}
WORK = {
    "dev6": [
        "replaced part {part}, tested to {std}, returned to {ward}. {initials}",
        "no fault found, advised {staff}. PAT {pat_id} passed",
        "fitted new battery {part}; fw now {fw}. Handed to {staff}",
        "sent to {maker} for repair, courier collected, van {reg}",
        "checked {term} against reference, within tolerance. Signed {staff} badge {badge}",
        "calibrated, next due {date}. queries to {mailbox}",
        "spoke to {staff} on {phone}, user error, retrained on {ward}",
    ],
    "fresh4": [
        "Board swapped ({part}), safety test {std} ok. - {initials}",
        "Tested ok, returned via porters to {ward}; {staff} informed",
        "Upgraded to {fw} as per FSN; logged to {mailbox}",
        "Repaired under contract by {maker}. Engineer {staff} (payroll {badge})",
        "{term} checked, passes. Completed {date}",
        "Unable to reproduce. Left msg for {staff} on {mobile}",
        "Collected from {site} by {staff} in pool car {reg}",
    ],
}
FSR = {  # vendor field service reports pasted into the job
    "dev6": ["FSR {fsr}: engineer {staff} attended {date}, replaced {part}, fw {fw}",
             "Service report {fsr} - site contact {staff} ({title}), tel {phone}"],
    "fresh4": ["{maker} visit report {fsr}; on site {date}; signed by {staff}",
               "FSR#{fsr} engineer {staff}, mobile {mobile}, parts {part}"],
}
NOTES = {  # register comments and PPM/inspection notes
    "dev6": ["belongs to {ward}, do not move - {staff}", "PPM done {date} by {staff}, {std} pass",
             "key holder {staff} ext {ext}", "on loan from {site}", "asset tag {tag} replaced, old tag lost",
             "contact {email} re replacement", "{term} kept in {room}",
             "home loan delivered to {addr} for {pat}", "NA", "-"],
    "fresh4": ["Ask {staff} before moving", "Inspected {date} ({initials}), ok", "Stored {room}, {site}",
               "Replacement bid submitted by {staff}, {title}", "Label {tag} reprinted", "email {email} for keys",
               "{term} accessory kit in cupboard", "Community kit, patient lives at {addr}", "None", "unknown"],
}
LOAN = {  # loan and decontamination forms: patient details column
    "dev6": ["{pat}, DOB {dob}, {addr}, tel {phone}", "{pat} / NHS {nhs} / {mrn}",
             "Pt: {pat} (age {age}) DOB {dob}", "{pat} c/o carer {staff} {mobile}"],
    "fresh4": ["Home loan: {pat}; address {addr}; {phone}", "{pat}, hosp {mrn}, NHS {nhs}",
               "{pat} born {dob} aged {age}", "Borrower {pat}, next of kin {staff}, {mobile}"],
}
DECON = {
    "dev6": ["decontaminated, cert {cert} signed {staff}", "returned soiled, recleaned by {staff} ({team})",
             "decon form missing - chased {staff} on {ward}", "cleaned with Tristel, {initials}"],
    "fresh4": ["Decon certificate {cert} - {staff}", "Cleaned, bagged and tagged by {team}; {initials}",
               "Unit arrived without decon form, {staff} to sign", "Returned clean; checked by {staff}"],
}
ISSUE_REASON = {"dev6": "Home loan", "fresh4": "Community loan"}
