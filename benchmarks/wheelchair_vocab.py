"""People pools and places of `wheelchair_export.py`, written for it alone.

A community wheelchair, posture and equipment loan service run by an NHS trust with a contracted approved repairer.
"dev16" is a West Yorkshire trust (Calderdale, Bradford district); "fresh14" (held out) a Kent one, and shares no
name word, town, street, location, GP practice, mailbox, job title, role or relation word, nickname or repairer with
"dev16" (the held-out draw also drops any Faker name carrying a word of the dev split's people). Clinic rooms named
after people and GP practices named after their partners are kept values.
"""

from __future__ import annotations

# origin: (female given, male given, surnames); disjoint between the splits. Clients, carers and staff.
POOLS: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = {
    "dev16": {
        "yorkshire": (["Kerry-Ann", "Shelley", "Tracey", "Janine", "Leanne", "Marjorie", "Edna", "Gaynor"],
                      ["Gavin", "Darren", "Wilfred", "Stanley", "Keith", "Barrington", "Clive"],
                      ["Sutcliffe", "Haigh", "Crowther", "Greenwood", "Holdsworth", "Illingworth", "Mitchell-Hey",
                       "Barraclough", "Firth", "Lumb", "Hirst", "Thackray-Booth"]),
        "welsh": (["Bethan", "Catrin", "Nia", "Eluned"], ["Gethin", "Iwan", "Rhodri", "Dafydd"],
                  ["ap Rhys", "Llewellyn", "Pritchard", "Bowen", "Vaughan-Jones"]),
        "scottish": (["Morag", "Isla", "Kirsty"], ["Hamish", "Fraser", "Calum"],
                     ["MacLeod", "Urquhart", "McAllister", "Baird"]),
        "irish": (["Siobhán", "Niamh", "Aoife"], ["Pádraig", "Eoin", "Ruairí"],
                  ["O'Driscoll", "Ní Bhriain", "McGuinness", "Keane"]),
        "south_asian": (["Nasreen", "Shazia", "Rukhsana", "Farzana"], ["Imran", "Tariq", "Shahid", "Arshad"],
                        ["Hussain", "Akhtar", "Chaudhry", "Rashid", "Bi"]),
        "african": (["Precious", "Nomvula", "Thandiwe", "Chiamaka"], ["Themba", "Sipho", "Emeka", "Kwabena"],
                    ["Dlamini", "Nkosi", "Mthembu", "Okonkwo", "Asante"]),
        "east_european": (["Agnieszka", "Jolanta", "Rasa", "Daiva"], ["Tomasz", "Mindaugas", "Darius"],
                          ["Kowalczyk", "Petrauskas", "Zielińska", "Nowicki", "Jankauskas"]),
        "word": (["Faith", "Sky"], ["Hunter"], ["Frost", "Gale", "Moss"]),
    },
    "fresh14": {
        "kentish": (["Lorraine", "Debbie", "Hayley", "Stacey", "Brenda", "Yvonne", "Glenda", "Mandy"],
                    ["Trevor", "Lee", "Norman", "Malcolm", "Reginald", "Graham", "Terry"],
                    ["Fagg", "Huckstep", "Pettman", "Gurr", "Sparkes", "Bourner", "Rolfe", "Wellard", "Beeching-Hall",
                     "Stonham", "Ovenden", "Tuffin-Roberts"]),
        "welsh": (["Angharad", "Ffion", "Gwenllian"], ["Emyr", "Geraint", "Aled"],
                  ["Prosser", "Gwynne", "Bevan-Price", "Pugh"]),
        "scottish": (["Ishbel", "Catriona", "Eilidh"], ["Lachlan", "Murdo", "Ruaridh"],
                     ["Sinclair", "Farquharson", "McKechnie", "Menzies"]),
        "irish": (["Gráinne", "Caoimhe", "Róisín"], ["Cathal", "Tadhg", "Colm"],
                  ["Ó Súilleabháin", "Mac Giolla Bhríde", "Hennessy", "Dunleavy"]),
        "south_asian": (["Jaswinder", "Hansa", "Rupinder", "Taslima"], ["Gurpreet", "Mahesh", "Abdul", "Rajinder"],
                        ["Sandhu", "Mistry", "Begum", "Uddin", "Chauhan"]),
        "african": (["Abena", "Efua", "Hodan", "Ngozi"], ["Kofi", "Yaw", "Abdirahman", "Chukwuemeka"],
                    ["Boateng", "Owusu", "Warsame", "Eze", "Nwachukwu"]),
        "east_european": (["Ioana", "Zuzana", "Mirela"], ["Mihai", "Radu", "Marek"],
                          ["Popescu", "Ionescu", "Horváthová", "Dimitrov", "Kováč"]),
        "word": (["Mercy", "Summer"], ["Rowan"], ["Brook", "Rivers", "Hart"]),
    },
}
WEIGHTS = {"yorkshire": 3.0, "kentish": 3.0, "welsh": 0.8, "scottish": 0.8, "irish": 0.8, "south_asian": 1.2,
           "african": 1.0, "east_european": 0.9, "word": 0.8}
# Faker locales next to the pools, with their weights.
LOCALES = {"dev16": {"en_GB": 2.0, "en_IE": 0.4, "lt_LT": 0.3, "zu_ZA": 0.3, "en_PK": 0.4, "pl_PL": 0.3},
           "fresh14": {"en_GB": 2.0, "ga_IE": 0.3, "ro_RO": 0.3, "tw_GH": 0.3, "en_IN": 0.4, "sk_SK": 0.3}}
# What people are called by those who know them (planted names too).
NICKNAMES = {"dev16": {"Gavin": "Gav", "Kerry-Ann": "Kez", "Darren": "Daz", "Barrington": "Barry", "Wilfred": "Wilf",
                       "Nomvula": "Vuvu", "Tomasz": "Tomek", "Dafydd": "Dai"},
             "fresh14": {"Trevor": "Trev", "Reginald": "Reg", "Malcolm": "Mal", "Chukwuemeka": "Chuks",
                         "Gurpreet": "Preet", "Rajinder": "Raj", "Lachlan": "Lachie", "Abdirahman": "Abdi"}}

# --- look-alikes that must be kept ----------------------------------------------------------------------------
TRUST = {"dev16": "Calder and Aire Community Healthcare NHS Trust",
         "fresh14": "Medway and Weald Community Health NHS Trust"}
DOMAIN = {"dev16": "calderaire.nhs.uk", "fresh14": "mwch.nhs.uk"}
# The SharePoint site the lists live on; the lists' paths as the export's "Path" column shows them.
SITE = {"dev16": "sites/CAWheelchairService", "fresh14": "sites/MWPostureMobility"}
LISTS = {"dev16": ("Equipment", "Repairs"), "fresh14": ("LoanEquipment", "RepairJobs")}
# The guest accounts of the approved repairer's engineers: their UPN's tenant.
TENANT = {"dev16": "calderaire.onmicrosoft.com", "fresh14": "mwchnhs.onmicrosoft.com"}
# town: (postcode districts, dialling code)
TOWNS: dict[str, dict[str, tuple[list[str], str]]] = {
    "dev16": {"Halifax": (["HX1", "HX2", "HX3"], "01422"), "Sowerby Bridge": (["HX6"], "01422"),
              "Brighouse": (["HD6"], "01484"), "Keighley": (["BD20", "BD21"], "01535"),
              "Shipley": (["BD17", "BD18"], "01274"), "Todmorden": (["OL14"], "01706"),
              "Hebden Bridge": (["HX7"], "01422"), "Bingley": (["BD16"], "01274")},
    "fresh14": {"Maidstone": (["ME14", "ME15", "ME16"], "01622"), "Tonbridge": (["TN9", "TN10"], "01732"),
                "Sevenoaks": (["TN13"], "01732"), "Gillingham": (["ME7", "ME8"], "01634"),
                "Sittingbourne": (["ME10"], "01795"), "Faversham": (["ME13"], "01795"),
                "Tenterden": (["TN30"], "01580"), "Cranbrook": (["TN17"], "01580")},
}
STREETS = {"dev16": ["Acacia Road", "Moorside Crescent", "Sunnybank Terrace", "Spring Hall Lane", "Lightcliffe Road",
                     "Albert Promenade", "Cragg Vale Close", "Nab Wood Grove", "Fountain Street", "Bankfield Mews"],
           "fresh14": ["Orchard Rise", "Hop Pocket Lane", "Oast Court", "Pilgrims Way", "Cherry Tree Walk",
                       "Bluebell Close", "Chart Road", "Hythe Place", "Loose Road", "Quarry Wood Drive"]}
FLATS = {"dev16": ["Flat 3, ", "Flat 12 ", "Apt 7, "], "fresh14": ["Flat 2 ", "Ground floor flat, ", "Unit 5, "]}
# Where equipment is: depots, stores, clinic rooms (two named after people), or out with the client.
LOCATIONS = {"dev16": ["Lowfields Depot", "Dean Clough Store", "Grey-Thompson Room", "Hawking Room", "Clinic Room 4",
                       "Seating Clinic (Halifax)", "Repairer's workshop", "With client"],
             "fresh14": ["Aylesford Depot", "Lordswood Store", "Bader Room", "Simmonds Suite", "Clinic Room B",
                         "Posture Clinic (Maidstone)", "At repairer", "Issued - client home"]}
OUT_WITH_CLIENT = {"dev16": "With client", "fresh14": "Issued - client home"}
STORES = {"dev16": ["Lowfields Depot", "Dean Clough Store"], "fresh14": ["Aylesford Depot", "Lordswood Store"]}
PRACTICES = {"dev16": ["Dr Khan & Partners", "Drs Ackroyd, Iqbal and Partners", "Calder Valley Medical Practice",
                       "Dr Oyelaran's Surgery", "Spring Hall Group Practice", "Drs Moorhouse & Chadha"],
             "fresh14": ["Dr Patel & Partners", "Drs Fenwick and Okafor", "The Oast Surgery", "Dr Mensah's Practice",
                         "Weald Medical Partnership", "Drs Lovegrove, Sahota & Partners"]}
MAILBOXES = {"dev16": ["cat.wheelchairservice@nhs.net", "wheelchair.repairs@calderaire.nhs.uk",
                       "seating.clinic@calderaire.nhs.uk"],
             "fresh14": ["kentmedway.wheelchairs@nhs.net", "posture.mobility@mwch.nhs.uk", "loanstore@mwch.nhs.uk"]}
REPAIRER = {"dev16": ("Pennine Mobility Services Ltd", "penninemobility.co.uk"),
            "fresh14": ("Wealden Rehab Engineering Ltd", "wealdenrehab.co.uk")}
# The prescriber's job title (the "Prescriber role" choice column).
JOB_TITLES = {"dev16": ["Wheelchair Therapist", "Rehabilitation Engineer", "Senior Wheelchair Therapist",
                        "Clinical Scientist (Rehabilitation Engineering)"],
              "fresh14": ["Posture and Mobility Therapist", "Clinical Engineer (Rehab)",
                          "Specialist Physiotherapist - Wheelchairs", "Highly Specialist OT"]}
# Words written before a person's name in the free text: therapists, engineers, paid carers.
ROLES = {"dev16": {"ther": ["OT", "physio"], "eng": ["tech", "eng"], "carer": ["carer", "PA"]},
         "fresh14": {"ther": ["therapist", "WT"], "eng": ["fitter", "repairer"],
                     "carer": ["support worker", "care worker"]}}
# Relatives: relation word and the sex it implies ("" either).
RELATIONS = {"dev16": {"mum": "f", "dad": "m", "daughter": "f", "son": "m", "partner": "", "husband": "m",
                       "grandson": "m", "niece": "f"},
             "fresh14": {"mother": "f", "father": "m", "wife": "f", "stepson": "m", "nephew": "m",
                         "granddaughter": "f", "sister": "f", "fiancé": ""}}
HOME_MAIL = {"dev16": ["hotmail.co.uk", "gmail.com", "talktalk.net", "yahoo.co.uk"],
             "fresh14": ["btinternet.com", "outlook.com", "icloud.com", "live.co.uk"]}
