"""People and kept vocabulary of `ambulance_export.py`, written for it alone (not taken from the other generators).

An NHS ambulance trust's medical-devices and fleet-equipment system: defibrillators, ventilators, suction units,
carry chairs, stretchers and syringe drivers on vehicles (fleet numbers, registrations, call signs) at stations
named after towns, streets and people. People come from hand-made pools (South Asian, West African, Eastern
European, Irish and Scottish, Welsh, English with nicknames, names that are ordinary words) and two Faker locales,
a different set per split; "fresh6" (held out) shares no name word, station, town, street or hospital with "dev8".
The phrasing templates are in `ambulance_text.py`.
"""

from __future__ import annotations

LOCALES = {"dev8": {"ro_RO": 0.8, "sl_SI": 0.6}, "fresh6": {"hu_HU": 0.8, "et_EE": 0.6}}

# (given names, surnames) per origin; disjoint between the splits.
POOLS = {
    "dev8": {
        "south_asian": (["Amarjit", "Balwinder", "Kiranjit", "Navdeep", "Sunita", "Vikram", "Anjali", "Mehul",
                         "Shabana", "Imran", "Nusrat", "Kamran"],
                        ["Bhatti", "Sangha", "Johal", "Rana", "Thakkar", "Hussain", "Akhtar", "Qureshi", "Ghosh",
                         "Banerjee"]),
        "west_african": (["Oluwaseun", "Temitope", "Chukwuemeka", "Ngozi", "Kofi", "Akua", "Yaa", "Femi", "Bisi"],
                         ["Adewale", "Olatunji", "Eze", "Okafor", "Osei", "Danquah", "Afolabi", "Nnadi"]),
        "east_european": (["Agnieszka", "Krzysztof", "Małgorzata", "Tomasz", "Ewelina", "Dariusz", "Rasa", "Andrius",
                           "Oksana"],
                          ["Wiśniewski", "Kowalczyk", "Zielińska", "Nowicki", "Kazlauskas", "Petrauskienė",
                           "Bondarenko", "Horvat"]),
        "irish_scottish": (["Siobhán", "Ciarán", "Niamh", "Pádraig", "Eilidh", "Struan", "Morag", "Fergus"],
                           ["O'Donoghue", "MacLeod", "McGillivray", "Ní Bhriain", "Gallagher", "Kerr", "Drummond",
                            "Farquharson"]),
        "welsh": (["Dafydd", "Rhian", "Gethin", "Angharad", "Iwan", "Sioned", "Llinos", "Emyr"],
                  ["Pritchard", "Llewellyn", "ap Rhys", "Bowen", "Prosser", "Vaughan-Jones", "Griffiths"]),
        "word": (["Ivy", "Hazel", "Robin", "Amber", "Sunny"], ["Wood", "Hill", "Moss", "Frost", "Bell", "Sharp"]),
        "english": (["Christopher", "Stephen", "Elizabeth", "Samantha", "Gareth", "Katherine", "Daniel", "Joanne"],
                    ["Marsden", "Brindley", "Hepworth", "Cartwright", "Wilkinson", "Tomlinson"]),
    },
    "fresh6": {
        "south_asian": (["Kamaljit", "Inderjit", "Devinder", "Hardeep", "Neha", "Rohit", "Sanjay", "Zubair",
                         "Nasreen", "Tahira", "Arif"],
                        ["Bassi", "Heer", "Virdi", "Dosanjh", "Sharma", "Iqbal", "Mahmood", "Siddiqui", "Nair",
                         "Pillai"]),
        "west_african": (["Babatunde", "Folasade", "Adaobi", "Chiamaka", "Kwesi", "Esi", "Fiifi", "Yetunde", "Segun"],
                         ["Ogunbiyi", "Akinola", "Obi", "Chukwu", "Asamoah", "Quaye", "Addo", "Nwankwo"]),
        "east_european": (["Bartosz", "Katarzyna", "Paweł", "Justyna", "Vytautas", "Ieva", "Mykola", "Halyna",
                           "Marek"],
                          ["Lewandowska", "Wójcik", "Szymański", "Jankauskas", "Vasylenko", "Kovalenko", "Novák",
                           "Dvořáková"]),
        "irish_scottish": (["Seán", "Caoimhe", "Eoghan", "Róisín", "Ruaridh", "Catriona", "Hamish", "Mairead"],
                           ["Ó Briain", "MacKinnon", "McAlister", "Nic Giolla Phádraig", "Doherty", "Buchanan",
                            "Munro", "Maclean"]),
        "welsh": (["Rhodri", "Cerys", "Bethan", "Huw", "Eirlys", "Aled", "Carys", "Gwilym"],
                  ["ab Owen", "Rowlands", "Pugh", "Meredith", "Gwynne", "Parry-Williams", "Howells"]),
        "word": (["Holly", "Heather", "Penny", "Rusty", "Jade"], ["Stone", "Rivers", "Fox", "Lamb", "Hunter", "Snow"]),
        "english": (["Andrew", "Victoria", "Michael", "Susan", "Gemma", "Lee", "Nigel", "Tracey"],
                    ["Brearley", "Oldroyd", "Sugden", "Ackroyd", "Holroyd", "Dewhurst"]),
    },
}
NICKNAMES = {"Christopher": "Chris", "Stephen": "Steve", "Elizabeth": "Liz", "Samantha": "Sam", "Gareth": "Gaz",
             "Katherine": "Kate", "Daniel": "Dan", "Joanne": "Jo", "Oluwaseun": "Seun", "Temitope": "Tope",
             "Chukwuemeka": "Emeka", "Agnieszka": "Aga", "Krzysztof": "Krzys", "Małgorzata": "Gosia",
             "Siobhán": "Shiv", "Pádraig": "Paddy", "Dafydd": "Dai", "Kiranjit": "Kiran", "Navdeep": "Nav",
             "Andrew": "Andy", "Victoria": "Vicky", "Michael": "Mick", "Susan": "Sue", "Babatunde": "Tunde",
             "Folasade": "Sade", "Bartosz": "Bartek", "Katarzyna": "Kasia", "Rhodri": "Rhod", "Gwilym": "Gwil",
             "Ruaridh": "Rory", "Inderjit": "Indy", "Mairead": "Mags", "Tracey": "Trace"}

# --- look-alikes that must be kept (reference values) -----------------------------------------------------------
TRUST = {"dev8": "msas", "fresh6": "nwfas"}  # e-mail domains: <x>.nhs.uk
STATIONS = {"dev8": [("Kingsway", "KW"), ("Nelson Street", "NS"), ("Ashbourne", "AB"), ("Belper", "BP"),
                     ("Swadlincote", "SW"), ("Stanley Road", "SR"), ("Lichfield", "LI"), ("Uttoxeter", "UX"),
                     ("Percy Street", "PS"), ("Buxton", "BX"), ("Victoria Road", "VR"), ("Bakewell", "BK")],
            "fresh6": [("Albert Street", "AS"), ("Wellington Road", "WR"), ("Kendal", "KL"), ("Penrith", "PN"),
                       ("Morley", "MO"), ("Gordon Street", "GS"), ("Barrow", "BW"), ("Whitehaven", "WH"),
                       ("Florence Park", "FP"), ("Brunswick", "BR"), ("Carlton Moor", "CM"), ("Keswick", "KS")]}
TOWNS = {"dev8": ["Ripley", "Heanor", "Alfreton", "Burton upon Trent", "Matlock", "Derby"],
         "fresh6": ["Ulverston", "Cockermouth", "Workington", "Maryport", "Appleby", "Carlisle"]}
HOSPITALS = {"dev8": ["Royal Derby", "Queen's Hospital Burton", "Royal Stoke", "Chesterfield Royal", "Stepping Hill",
                      "Macclesfield District General", "Samuel Johnson Community Hospital"],
             "fresh6": ["Cumberland Infirmary", "Furness General", "West Cumberland Hospital",
                        "Royal Lancaster Infirmary", "Westmorland General", "Victoria Hospital Blackpool",
                        "Ruth Lancaster James Cottage Hospital"]}
STREETS = {"dev8": ["Oak Road", "Duffield Road", "Mill Hill Lane", "Sandbed Lane", "Chellaston Road", "Spondon Road",
                    "Hilton Close", "Jubilee Crescent"],
           "fresh6": ["Stricklandgate", "Shap Road", "Fell View", "Brampton Road", "Castle Garth", "Lowther Street",
                      "Beckside", "Harraby Grove"]}
POSTCODES = {"dev8": ["DE1", "DE22", "DE56", "DE5", "ST14", "DE13"],
             "fresh6": ["CA1", "CA11", "LA9", "LA14", "CA28", "CA13"]}
W3W_WORDS = {"dev8": ["filled", "count", "soap", "index", "home", "raft", "lamp", "crisp", "tulip", "verbs",
                      "organ", "rising", "bonus", "glare", "snack", "pulse"],
             "fresh6": ["ladder", "cobweb", "frozen", "mostly", "grapes", "rental", "spoon", "tinned", "wobble",
                        "fetch", "heron", "basket", "skills", "dozen", "plump", "waving"]}
GRID_SQUARES = {"dev8": ["SK", "SJ"], "fresh6": ["NY", "SD"]}
STORES = ["Make Ready store", "HART store", "Equipment cage", "Medical Devices workshop", "Spares pool",
          "Fleet workshop bay 2"]
VEHICLE_TYPES = ["DCA", "RRV", "PTS", "HART", "Bariatric", "Neonatal transfer"]

# (maker, model, device type): what an ambulance carries.
MODELS = [("Physio-Control", "LIFEPAK 15", "Defibrillator/monitor"),
          ("Stryker", "LUCAS 3.1", "Mechanical CPR device"), ("ZOLL", "X Series", "Defibrillator/monitor"),
          ("ZOLL", "AED Plus", "AED"), ("Philips", "HeartStart FRx", "AED"),
          ("Corpuls", "corpuls3", "Defibrillator/monitor"), ("Laerdal", "LSU 4000", "Suction unit"),
          ("Weinmann", "MEDUMAT Standard²", "Transport ventilator"),
          ("Smiths Medical", "ParaPAC plus 310", "Transport ventilator"),
          ("Hamilton Medical", "HAMILTON-T1", "Transport ventilator"),
          ("Dräger", "Oxylog 3000 plus", "Transport ventilator"), ("Ferno", "Pegasus PROFlexx", "Stretcher"),
          ("Stryker", "Power-PRO XT", "Powered stretcher"), ("Stryker", "Stair-PRO 6252", "Carry chair"),
          ("Ferno", "Compact 2", "Carry chair"), ("BD", "BodyGuard T34", "Syringe driver"),
          ("Mangar Health", "ELK lifting cushion", "Lifting cushion"), ("Masimo", "Rad-57", "Pulse CO-oximeter"),
          ("Ferno", "KED", "Extrication device")]
VERSIONS = ["v3.2.1", "SW 04.10", "firmware 2.14.0", "3205207-014", "v1.8b", "SW 2.1.0.6", "rev C"]
ERRORS = ["ERR 0427", "E04", "Code 17", "self test fail 3E", "Service LED", "ERR 2304", "Fault 11", "LOW VAC"]
JOB_TITLES = ["Paramedic", "Specialist Paramedic", "Advanced Paramedic", "ECA", "EMT",
              "Emergency Care Assistant", "Associate Ambulance Practitioner", "Clinical Team Leader",
              "Duty Operations Manager", "Fleet Technician", "Medical Devices Technician", "Make Ready Operative",
              "Emergency Medical Dispatcher", "Station Manager"]
TEAMS = ["HART", "Make Ready", "Fleet", "EOC", "Clinical Hub", "Medical Devices", "CFR team", "Resilience",
         "Logistics", "Clinical Audit"]
STANDARDS = ["BS EN 1789", "BS EN 1865-1", "BS EN 62353", "IEC 60601-1", "ISO 10079-1", "BS EN 1865-4", "LOLER",
             "PUWER"]
MAILBOXES = {"dev8": ["medical.devices@msas.nhs.uk", "fleet.workshop@msas.nhs.uk", "eoc.duty@msas.nhs.uk",
                      "clinical.audit@msas.nhs.uk", "makeready.kingsway@msas.nhs.uk"],
             "fresh6": ["devices.team@nwfas.nhs.uk", "fleet.helpdesk@nwfas.nhs.uk", "control.room@nwfas.nhs.uk",
                        "cardiac.arrest.audit@nwfas.nhs.uk", "hart.kendal@nwfas.nhs.uk"]}
ORG_PHONES = {"dev8": ["01332 861000", "0300 300 3000 ext 4410", "01283 566333"],
              "fresh6": ["01228 596000", "0345 112 0999", "01539 716600"]}
