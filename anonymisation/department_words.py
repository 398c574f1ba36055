"""The words a department, team or function is called by: "ebme.helpdesk@", "chased Fleet", "spoke to Procurement".

A shared mailbox whose local part is made of them reaches a team (recognizers_email), and after "chased" or
"spoke to" one of them names the team, not a person (contextual_names), unless it is somebody's name too.
"""

from __future__ import annotations

from intake.anonymisation.initials import TEAMS

# Words of a shared departmental mailbox's local part ("ebme.helpdesk@", "medical.physics@"): it reaches a
# team, not a person, and is kept. Generic company mailboxes ("info@", "sales@") are not hospital roles and are
# still reported, as Presidio does.
ROLE_MAILBOX_WORDS = frozenset({
    "helpdesk", "help", "desk", "ebme", "physics", "medical", "engineering", "team", "dept", "department", "admin",
    "enquiries", "enquiry", "support", "service", "services", "servicedesk", "noreply", "reception",
    "office", "estates", "procurement", "pharmacy", "theatres", "ward", "switchboard", "bookings", "accounts",
    "finance", "it", "ict", "clinical", "biomedical", "bme", "mes", "equipment", "library",
    "devices", "device", "faults", "fault", "medphys", "repairs", "repair", "loans", "loan", "stores", "workshop",
    "maintenance", "calibration", "safety", "alerts", "contracts", "orders", "purchasing", "quality",
    "medicaldevices", "medical-devices", "mdsm", "mdso", "ppm", "tech", "technical", "electronics", "renal", "icu",
    "biomed", "medeng", "clineng", "clin", "facilities", "helpline", "hotline",
    "central", "duty", "oncall", "nursing", "radiology", "pathology", "lab", "labs", "laboratory", "imaging",
    "cardiology", "respiratory", "critical", "care", "emergency", "outpatients", "maternity", "midwifery",
    "paediatrics", "neonatal", "theatre", "surgery", "governance", "risk", "incidents", "datix", "infection",
    "control", "ipc", "decontamination", "sterile", "hsdu", "transport", "portering", "porters", "security",
    "catering", "logistics", "supplies", "supply", "asset", "assets", "inventory", "operations", "ops",
    "appointments", "referrals", "records", "informatics", "digital", "systems", "telecoms", "network",
    "training", "education", "research", "audit", "compliance", "complaints", "pals", "safeguarding", "dpo", "ig",
    "privacy", "foi", "and", "of",
    # departments as their mailboxes abbreviate them ("decon.team@", "cssd@", "endo.unit@")
    "decon", "steri", "ssd", "cssd", "endo", "endoscopy", "physio", "physiotherapy", "haem", "haematology",
    "biochem", "pharm", "rad", "xray", "mri", "ct", "ed", "ae", "amu", "ccu", "hdu", "itu", "nicu", "scbu", "opd",
    "unit", "admissions", "discharge", "bed", "site", "managers", "nurses", "matrons", "coordinator",
    "coordinators", "oncology", "dialysis", "audiology", "ophthalmology", "dental", "orthopaedics", "urology",
    "gynaecology", "stroke", "rehab", "medicine", "anaesthetics", "recovery", "daycase", "daysurgery",
    "anaes", "anaesth", "anaesthesia", "ortho", "gynae", "paeds", "obs", "maxfax", "plastics", "dsu", "pacu",
    "resus", "majors", "minors", "cardio", "resp", "gastro", "derm", "rheum", "onc", "uro",
    "techs", "technicians", "manager", "no", "do", "not", "reply", "nic",
    # what a medical devices team receives back ("fsn-returns@", "recalls@", "field.safety@")
    "fsn", "fsca", "returns", "recalls", "recall", "field", "notices",
    # what a service sends out or answers ("bctv.batteries@", "spares@", "results@")
    "batteries", "battery", "spares", "parts", "consumables", "results",
    # community and therapy services ("renal.hometherapies@", "communityequipment@", "wheelchair.services@")
    # Welsh services' bilingual mailboxes ("gwasanaeth.ocsigen@", "archebion@", "ymholiadau@")
    "gwasanaeth", "gwasanaethau", "archebion", "ymholiadau", "cymorth", "swyddfa", "adran", "ocsigen",
    "clinic", "clinics", "community", "home", "homecare", "therapy", "therapies", "district", "wheelchair",
    "wheelchairs",
    "occupational", "continence", "podiatry", "dietetics", "palliative", "hospice", "children", "paediatric",
    "diabetes", "neuro", "neurology", "rheumatology", "dermatology", "stoma", "orthotics", "prosthetics",
    "vascular", "screening", "frailty", "falls", "sleep", "water", "treatment",
    # point-of-care testing and home haemodialysis ("poct@", "hhd.team@", "renal.techs@")
    "poct", "hhd", "haemodialysis", "hemodialysis", "satellite", "micro", "microbiology",
    # ambulance services ("fleet.workshop@", "makeready.hub@", "eoc.duty@", "hart.team@")
    "fleet", "makeready", "make", "ready", "eoc", "hart", "dispatch", "despatch", "depot", "station", "stations",
    "vehicle", "vehicles", "ambulance", "paramedic", "paramedics", "crew", "crews", "resilience", "hub",
    # children's and home-care teams ("ccn.preston@", "homevent.nw@", "picu.equipment@")
    "ccn", "cnt", "hv", "hvs", "mdt", "nnu", "picu", "paed", "peds", "neonates", "neonatology", "vent", "vents",
    "ventilation", "oxygen", "enteral", "feeding", "nutrition", "homevent", "ltv", "niv",
    # radiation protection and imaging physics ("medphys.radprot@", "rpa.team@", "nucmed.physics@")
    "radprot", "radiation", "protection", "rpa", "rps", "mpe", "nucmed", "nuclear", "dosimetry", "laser", "ris", "pacs",
    # maternity's places ("birthsuite.pah@", "labour.ward@", "delivery.suite@")
    "birth", "birthing", "suite", "labour", "delivery", "antenatal", "postnatal",
    "infant", "infants", "baby", "babies", "newborn", "perinatal", "obstetrics", "obstetric", "fetal", "foetal",
    "midwives", "breastfeeding", "lactation", "women", "womens",
    # a group's list ("cl3.users@", "lab.group@")
    "users", "group",
    # research and university laboratories' shared services ("core.facility@", "microscopy.booking@")
    "core", "facility", "booking", "instrumentation", "chemistry", "biology", "biosciences", "genomics",
    "proteomics", "microscopy", "cytometry", "sequencing", "store",
    # Spanish hospitals' services ("laboratorio.hematologia@", "electromedicina@", "mantenimiento.hgu@")
    "laboratorio", "hematologia", "bioquimica", "microbiologia", "inmunologia", "genetica", "urgencias",
    "mantenimiento", "electromedicina", "suministros", "compras", "farmacia", "radiologia", "informatica",
    "soporte", "calidad", "almacen", "servicio", "servicios", "sat", "asistencia", "tecnica", "secretaria",
    "direccion", "gestion", "analisis", "clinicos", "hospital",
})


def team_code(text: str, start: int, end: int) -> bool:
    """The span is one word in capitals that a team or department is called by ("told RIS", "CT2 (ED)"), in a
    note that is not all capitals (where "ED" may be Ed)."""
    span = text[start:end]
    return span.isalpha() and span.isupper() and span.lower() in TEAMS and not text.isupper()
