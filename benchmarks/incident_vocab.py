"""People pools and places of `incident_export.py`, written for it alone.

An acute NHS trust's medical-device incident export and field safety notice tracker. "dev15" is a Worcestershire
trust of three hospitals; "fresh13" (held out) a Norfolk and Suffolk one, and shares no name word, site, ward or
unit, town, street, mailbox, committee, job title or nickname with "dev15" (the held-out draw also drops any Faker
name carrying a word of the dev split's people). Wards and units named after people are kept values.
"""

from __future__ import annotations

# origin: (female given, male given, surnames); disjoint between the splits. Staff, patients and their relatives.
POOLS: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = {
    "dev15": {
        "british": (["Hazel", "Glenys", "Muriel", "Sheila", "Doreen", "Pamela", "Valerie", "Beverley", "Patricia",
                     "Jillian"],
                    ["Gordon", "Cyril", "Desmond", "Royston", "Lionel", "Howard", "Vernon", "Mervyn", "Clifford"],
                    ["Penhaligon", "Thistlewood", "Pargeter", "Attwood", "Blakemore", "Winterbottom", "Scattergood",
                     "Huxtable", "Bagnall", "Postlethwaite", "Wainwright", "Fairbairn-Lowe", "Ashby-Kerr"]),
        "irish": (["Ailbhe", "Úna", "Muireann", "Clíona"], ["Diarmuid", "Cormac", "Fiachra", "Tiernan"],
                  ["O'Mahony", "Ní Mhurchú", "McAteer", "Cullinane", "O'Halloran"]),
        "polish": (["Bożena", "Jadwiga", "Halina"], ["Bogdan", "Zbigniew", "Jarosław"],
                   ["Wasilewski", "Szczepańska", "Wróblewski", "Sobczak"]),
        "nigerian": (["Ijeoma", "Oluwakemi", "Ebunoluwa"], ["Nnaemeka", "Oluwatobi", "Tochukwu"],
                     ["Ogbuagu", "Olatunbosun", "Ogunbanjo", "Ezeilo"]),
        "indian": (["Meenakshi", "Vaishnavi", "Sowmya"], ["Balaji", "Murali", "Anand"],
                   ["Ramanathan", "Chidambaram", "Deshpande", "Gokhale"]),
        "pakistani": (["Sadia", "Shabnam", "Humaira"], ["Zeeshan", "Waqar", "Mohammed"],
                      ["Bhatti", "Awan", "Minhas", "Rehman"]),
        "filipino": (["Marivic", "Lovely", "Rhea"], ["Edgardo", "Rommel", "Jerome"],
                     ["Dimaculangan", "Macaraeg", "Panganiban", "Macapagal"]),
        "zimbabwean": (["Tariro", "Vimbai", "Ruvimbo"], ["Tawanda", "Munyaradzi", "Takudzwa"],
                       ["Makoni", "Chinotimba", "Mhlanga", "Gumbo"]),
        "chinese": (["Meiling", "Xiaofeng"], ["Jianhua", "Guoqiang"], ["Fong", "Ng", "Szeto"]),
        "portuguese": (["Leonor", "Filipa"], ["Gonçalo", "Vasco"], ["de Souza", "Figueiredo", "Albuquerque"]),
        "afrikaans": (["Annelie"], ["Pieter"], ["van der Merwe", "du Plessis", "Botha"]),
        "word": (["Rose", "Hope", "May"], ["Robin"], ["Bell", "Stone", "Wood"]),
    },
    "fresh13": {
        "british": (["Pauline", "Maxine", "Denise", "Lynne", "Janice", "Christine", "Bridget", "Sylvia", "Rosemary",
                     "Dorothy"],
                    ["Colin", "Roger", "Geoffrey", "Wayne", "Dennis", "Raymond", "Terence", "Bernard", "Cecil"],
                    ["Gotobed", "Thurlow", "Spurgeon", "Kerrison", "Fiddaman", "Gedge", "Loveday", "Softley",
                     "Howlett", "Lloyd-Hughes", "Parker-Ellis", "Whitmore-Jones"]),
        "irish": (["Nuala", "Sorcha", "Gobnait", "Treasa"], ["Oisín", "Donnacha", "Seosamh", "Ultan"],
                  ["Ní Fhlatharta", "Mac Aodha", "Breathnach", "O'Callaghan", "O'Shaughnessy"]),
        "polish": (["Wiesława", "Urszula", "Grażyna"], ["Czesław", "Leszek", "Mirosław"],
                   ["Jabłońska", "Pawlak", "Dąbrowski", "Pietrzak"]),
        "nigerian": (["Temitope", "Chinyere", "Abimbola"], ["Ikechukwu", "Adewale", "Obafemi"],
                     ["Adebisi", "Okoro", "Oyebanji", "Akintola"]),
        "indian": (["Kamaljit", "Sunanda", "Geetha"], ["Hardeep", "Ravindra", "Prakash"],
                   ["Dhaliwal", "Panicker", "Grewal", "Bhatt"]),
        "pakistani": (["Rubina", "Uzma", "Sobia"], ["Faisal", "Kamran", "Naveed"],
                      ["Yousaf", "Mahmood", "Janjua", "Abbasi"]),
        "filipino": (["Lorelei", "Jennylyn", "Mylene"], ["Dindo", "Jerwin", "Elmer"],
                     ["Tolentino", "Manalo", "Buenaventura", "Sarmiento"]),
        "zimbabwean": (["Tsitsi", "Rumbidzai", "Fadzai"], ["Kudakwashe", "Tafadzwa", "Simbarashe"],
                       ["Mapfumo", "Chigumba", "Sibanda", "Zvobgo"]),
        "chinese": (["Huiying", "Lihua"], ["Zhenyu", "Weiming"], ["Mok", "Tse", "Yip"]),
        "portuguese": (["Beatriz", "Madalena"], ["Duarte", "Afonso"], ["Sampaio", "da Costa", "Pinheiro"]),
        "afrikaans": (["Marelize"], ["Johan"], ["van Niekerk", "de Villiers", "le Roux"]),
        "word": (["Faith", "Joy", "Grace"], ["Sonny"], ["Brook", "Fox", "Frost"]),
    },
}
WEIGHTS = {"british": 3.0, "irish": 1.0, "polish": 0.8, "nigerian": 0.8, "indian": 0.8, "pakistani": 0.8,
           "filipino": 0.8, "zimbabwean": 0.6, "chinese": 0.5, "portuguese": 0.5, "afrikaans": 0.3, "word": 0.9}
# Faker locales next to the pools, with their weights.
LOCALES = {"dev15": {"en_GB": 2.5, "en_IE": 0.6, "pl_PL": 0.5, "yo_NG": 0.4, "en_IN": 0.4, "en_PK": 0.3,
                     "pt_PT": 0.3},
           "fresh13": {"en_GB": 2.5, "ga_IE": 0.5, "pl_PL": 0.5, "ig_NG": 0.4, "en_IN": 0.4, "en_PK": 0.3,
                       "pt_PT": 0.3}}
# What colleagues call people (planted names too).
NICKNAMES = {"dev15": {"Beverley": "Bev", "Patricia": "Trish", "Mohammed": "Mo", "Jillian": "Jill",
                       "Oluwatobi": "Tobi", "Munyaradzi": "Munya", "Valerie": "Val", "Pamela": "Pam"},
             "fresh13": {"Terence": "Terry", "Christine": "Chrissie", "Kudakwashe": "Kuda", "Bridget": "Bridie",
                         "Ikechukwu": "Ike", "Dorothy": "Dot", "Wiesława": "Wiesia", "Rosemary": "Ro"}}

# --- look-alikes that must be kept ----------------------------------------------------------------------------
TRUST = {"dev15": "Malvern Vale Hospitals NHS Trust", "fresh13": "Broadland and Waveney Hospitals NHS Trust"}
# (site, town, [wards and units]): many named after people.
SITES = {
    "dev15": [
        ("Teme Valley General Hospital", "Worcester",
         ["Elgar Ward", "Withering Ward", "Jex-Blake Ward", "Lind Coronary Care Unit", "Critical Care Unit",
          "Emergency Department"]),
        ("Arrow Valley Hospital", "Redditch", ["Sister Dora Ward", "Anning Ward", "Laennec Respiratory Unit",
                                               "Day Surgery Unit"]),
        ("Lickey Hills Community Hospital", "Bromsgrove", ["Cicely Saunders Unit", "Baskerville Ward"]),
    ],
    "fresh13": [
        ("Wensum University Hospital", "Norwich",
         ["Elizabeth Fry Ward", "Julian Ward", "Sir Thomas Browne Unit", "Gurney Critical Care", "Cley Ward",
          "Emergency Assessment Unit"]),
        ("Waveney District Hospital", "Lowestoft", ["Sewell Ward", "Colman Ward", "Paston Ward",
                                                    "Ness Point Ward"]),
        ("Breckland Community Hospital", "Thetford", ["Margery Kempe Unit", "Boudicca Ward"]),
    ],
}
SPECIALTIES = {"dev15": ["Acute Medicine", "Cardiology", "Respiratory Medicine", "General Surgery",
                         "Care of the Elderly", "Anaesthetics", "Emergency Medicine", "Palliative Care"],
               "fresh13": ["Gastroenterology", "Stroke Medicine", "Orthopaedics", "Intensive Care Medicine",
                           "Renal Medicine", "Urology", "Geriatric Medicine", "Rehabilitation"]}
TOWNS = {"dev15": ["Worcester", "Redditch", "Bromsgrove", "Malvern", "Droitwich Spa", "Evesham", "Pershore"],
         "fresh13": ["Norwich", "Lowestoft", "Thetford", "Dereham", "Wymondham", "Cromer", "Beccles", "Diss"]}
# A town's postcode districts and its landlines' area code (a patient's home is in one town).
TOWN_CODES = {
    "dev15": {"Worcester": (["WR1", "WR2", "WR3", "WR4", "WR5"], "01905"), "Redditch": (["B97", "B98"], "01527"),
              "Bromsgrove": (["B60", "B61"], "01527"), "Malvern": (["WR13", "WR14"], "01684"),
              "Droitwich Spa": (["WR9"], "01905"), "Evesham": (["WR11"], "01386"),
              "Pershore": (["WR10"], "01386")},
    "fresh13": {"Norwich": (["NR1", "NR2", "NR3", "NR4", "NR6"], "01603"), "Lowestoft": (["NR32", "NR33"], "01502"),
                "Thetford": (["IP24"], "01842"), "Dereham": (["NR19", "NR20"], "01362"),
                "Wymondham": (["NR18"], "01953"), "Cromer": (["NR27"], "01263"), "Beccles": (["NR34"], "01502"),
                "Diss": (["IP22"], "01379")},
}
STREETS = {"dev15": ["Ombersley Road", "Tolladine Road", "Barbourne Terrace", "Hanbury Road", "Plough Croft",
                     "Orchard Rise", "Cherry Orchard Drive", "Malvern Road", "Evesham Road", "Kings Acre Close"],
           "fresh13": ["Unthank Road", "Earlham Road", "Magdalen Street", "Gorleston Road", "Thorpe Road",
                       "Yarmouth Road", "Cromer Road", "Beccles Road", "Sandringham Close", "Reedham Drive"]}
FLATS = {"dev15": ["Flat 3, ", "Flat 11 ", "Ground floor flat, "], "fresh13": ["Flat B, ", "Apt 4, ", "Flat 2A "]}
DOMAIN = {"dev15": "mvh.nhs.uk", "fresh13": "bwh.nhs.uk"}
HOME_MAIL = {"dev15": ["btinternet.com", "hotmail.com", "gmail.com"],
             "fresh13": ["yahoo.co.uk", "outlook.com", "live.co.uk"]}
MAILBOXES = {"dev15": ["medical.devices@mvh.nhs.uk", "ebme.helpdesk@mvh.nhs.uk", "patientsafety.team@mvh.nhs.uk",
                       "mvh.fsn-returns@nhs.net"],
             "fresh13": ["clinical.engineering@bwh.nhs.uk", "mdso.office@bwh.nhs.uk", "risk.management@bwh.nhs.uk",
                         "bwh.equipmentlibrary@nhs.net"]}
COMMITTEES = {"dev15": ["Medical Devices Safety Group", "Patient Safety Review Panel", "Nursing and Midwifery Board"],
              "fresh13": ["Medical Equipment Management Committee", "Serious Incident Learning Forum",
                          "Quality and Safety Committee"]}
# Job titles by group (the reporter's job title column, and the notes).
JOB_TITLES = {
    "dev15": {"nurse": ["Band 5 Staff Nurse", "Band 6 Staff Nurse", "Junior Sister"],
              "doc": ["Specialty Registrar", "Foundation Year 1 Doctor", "Consultant Anaesthetist"],
              "hca": ["Healthcare Assistant", "Senior Healthcare Assistant"], "senior": ["Matron", "Ward Manager"],
              "ebme": ["Senior EBME Technician", "Clinical Engineer"],
              "handler": ["Medical Devices Safety Officer", "Patient Safety Manager"]},
    "fresh13": {"nurse": ["Registered Nurse", "Deputy Sister", "Staff Nurse (Band 6)"],
                "doc": ["Core Trainee", "Foundation Doctor", "Consultant Intensivist"],
                "hca": ["Clinical Support Worker", "Nursing Associate"], "senior": ["Ward Sister", "Senior Matron"],
                "ebme": ["Clinical Engineering Technologist", "Medical Equipment Engineer"],
                "handler": ["Medical Device Safety Lead", "Head of Patient Safety"]},
}
