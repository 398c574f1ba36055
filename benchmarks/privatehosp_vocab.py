"""People pools and places of `privatehosp_export.py`, written for it alone.

An independent-sector hospital group's clinical engineering service: acute sites with theatres and day surgery, a
private birth suite, an oncology day unit, an imaging centre and a physiotherapy clinic; consultants in private
practice with their own secretaries, insured, self-pay and NHS-funded patients, international patients. "dev13"
is a Surrey group; "fresh11" (held out) is a Yorkshire group and shares no name word, site, ward, building, room,
town, street, house name, mailbox, job title or eponym with "dev13" (the held-out draw also drops any Faker name
carrying a word of the dev split's people).
"""

from __future__ import annotations

# origin: (female given, male given, surnames); disjoint between the splits.
POOLS: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = {
    "dev13": {
        "british": (["Philippa", "Harriet", "Felicity", "Imogen", "Rosemary", "Penelope", "Camilla", "Lucinda",
                     "Gillian", "Jacqueline", "Georgina", "Henrietta"],
                    ["Rupert", "Hugo", "Crispin", "Jeremy", "Alistair", "Giles", "Piers", "Roderick", "Barnaby",
                     "Jolyon", "Torquil", "Nigel"],
                    ["Hargreaves", "Pemberton", "Fairbrother", "Ashcroft", "Cholmondeley", "Fotheringham",
                     "Bellingham", "Trelawney", "Stanhope", "Bracewell", "Wickham", "Ffoulkes-Hyde"]),
        "indian": (["Priyanka", "Deepa", "Anjali", "Kavita", "Shalini", "Meera"],
                   ["Rajesh", "Vikram", "Sanjay", "Arvind", "Manoj", "Pradeep"],
                   ["Patel", "Iyer", "Menon", "Kapoor", "Nair", "Banerjee", "Venkataraman"]),
        "filipino": (["Maricel", "Rowena", "Jocelyn", "Analyn", "Marites", "Lourdes"],
                     ["Rodel", "Jomar", "Arnel", "Reynaldo", "Ferdinand"],
                     ["Dela Cruz", "Bautista", "Villanueva", "Macaraeg", "Dimaculangan", "Pangilinan", "Ocampo"]),
        "gulf": (["Noura", "Maha", "Latifa", "Hessa", "Mariam"], ["Abdulaziz", "Khalid", "Saud", "Hamad", "Rashid"],
                 ["Al-Mansouri", "Al-Suwaidi", "Al-Dosari", "Al-Harthy", "Al-Kuwari", "Al-Otaibi"]),
        "cypriot": (["Eleni", "Despina", "Andri", "Chrystalla"], ["Andreas", "Costas", "Panayiotis", "Christakis"],
                    ["Georgiou", "Constantinou", "Papadopoulos", "Charalambous", "Ioannou"]),
        "egyptian": (["Mona", "Rania", "Dalia"], ["Tarek", "Hesham", "Amr", "Sherif"],
                     ["El-Sayed", "Abdelrahman", "Mahmoud", "Fawzy", "Ghoneim"]),
        "zimbabwean": (["Tendai", "Rutendo", "Chipo", "Nyasha"], ["Tatenda", "Farai", "Tinashe"],
                       ["Moyo", "Ncube", "Chikwanha", "Mutasa", "Dube"]),
        "japanese": (["Yuki", "Haruka", "Emiko"], ["Kenji", "Takashi", "Hiroshi"],
                     ["Tanaka", "Watanabe", "Yamamoto", "Kobayashi"]),
        "word": (["Hope", "April", "Joy"], ["Frank", "Sterling"], ["Price", "Wells", "Bush", "Sharp", "Stone"]),
    },
    "fresh11": {
        "british": (["Brenda", "Maureen", "Christine", "Janet", "Wendy", "Sharon", "Lorraine", "Tracey", "Hayley",
                     "Gemma", "Lindsey", "Joanne"],
                    ["Malcolm", "Keith", "Graham", "Stuart", "Clive", "Derek", "Gareth", "Darren", "Shaun", "Glen",
                     "Royston", "Neville"],
                    ["Ackroyd", "Holroyd", "Sugden", "Crabtree", "Illingworth", "Thackray", "Barraclough",
                     "Murgatroyd", "Oldroyd", "Wainwright", "Dewhurst", "Pickersgill"]),
        "gujarati": (["Hetal", "Nisha", "Falguni", "Bhavna", "Komal"],
                     ["Hitesh", "Jignesh", "Nilesh", "Ketan", "Mehul"],
                     ["Mistry", "Parmar", "Chauhan", "Solanki", "Desai"]),
        "mirpuri": (["Shazia", "Nasreen", "Rukhsana", "Farhana"], ["Tariq", "Zahid", "Nadeem", "Arshad"],
                    ["Hussain", "Mahmood", "Qureshi", "Bashir", "Kayani"]),
        "keralan": (["Jincy", "Bincy", "Sherin", "Anju", "Reshma", "Sumi"], ["Jibin", "Shijo", "Tijo", "Anoop"],
                    ["Varghese", "Kurian", "Chacko", "Puthenveettil", "Kuriakose", "Thekkekara"]),
        "kenyan": (["Wanjiru", "Njeri", "Akinyi", "Wambui"], ["Kamau", "Otieno", "Mwangi"],
                   ["Kariuki", "Odhiambo", "Mutua", "Wafula", "Kiplagat"]),
        "cantonese": (["Mei Ling", "Pui Shan", "Ka Man"], ["Chi Keung", "Wai Lun", "Siu Ming"],
                      ["Leung", "Cheung", "Lau", "Ng", "Yip"]),
        "kurdish": (["Shilan", "Nazdar", "Bahar", "Runak"], ["Rebwar", "Hawre", "Karwan", "Dilshad"],
                    ["Rasul", "Salih", "Othman", "Barzani"]),
        "word": (["Holly", "Dawn", "Crystal"], ["Rob", "Rowan"], ["Fox", "Marshall", "Lowe", "Parsons", "Gold"]),
    },
}
WEIGHTS = {"british": 3.0, "indian": 1.0, "filipino": 1.0, "gulf": 0.8, "cypriot": 0.6, "egyptian": 0.6,
           "zimbabwean": 0.7, "japanese": 0.4, "word": 0.5, "gujarati": 1.0, "mirpuri": 1.0, "keralan": 1.0,
           "kenyan": 0.6, "cantonese": 0.5, "kurdish": 0.5}
# Faker locales and their weights next to the pools.
LOCALES = {"dev13": {"en_GB": 3.0, "en_IN": 1.0, "es_ES": 0.7, "it_IT": 0.6, "yo_NG": 0.5},
           "fresh11": {"en_GB": 3.0, "tr_TR": 0.6, "pt_BR": 0.8, "hu_HU": 0.5, "ig_NG": 0.5, "hr_HR": 0.4}}
# What colleagues call people (a planted name too).
NICKNAMES = {"dev13": {"Philippa": "Pip", "Penelope": "Penny", "Jeremy": "Jez", "Christakis": "Chris",
                       "Abdulaziz": "Aziz", "Reynaldo": "Rey", "Jacqueline": "Jackie", "Barnaby": "Barney"},
             "fresh11": {"Christine": "Chrissie", "Lorraine": "Lol", "Malcolm": "Mal",
                         "Gareth": "Gaz", "Royston": "Roy", "Jignesh": "Jig", "Nasreen": "Naz"}}

# --- look-alikes that must be kept ----------------------------------------------------------------------------
# (site, code, town, [(building, department or ward, room)]); the clinical area's kind after it: "theatre", "ward",
# "birth", "onc", "imaging", "physio", "clinic", "eng".
SITES = {
    "dev13": [
        ("The Hartley Hospital Guildford", "HG", "Guildford",
         [("Hartley Wing", "Main Theatres", "Theatre 2", "theatre"),
          ("Hartley Wing", "Main Theatres", "Anaesthetic Room 3", "theatre"),
          ("Hartley Wing", "Cheselden Day Surgery Unit", "Recovery Bay 4", "theatre"),
          ("Hartley Wing", "Wey Ward", "Room 12", "ward"), ("Hartley Wing", "Wey Ward", "Room 7", "ward"),
          ("Lister Outpatients", "Outpatients", "The Harvey Consulting Room", "clinic"),
          ("Lister Outpatients", "Outpatients", "The Jenner Room", "clinic"),
          ("Lister Outpatients", "Cardiac Physiology", "Echo Room 1", "clinic"),
          ("Old House", "Clinical Engineering", "EBME Workshop", "eng")]),
        ("Princess Adelaide Hospital", "PA", "Weybridge",
         [("Adelaide House", "The Florence Nightingale Suite", "Birth Room 2", "birth"),
          ("Adelaide House", "The Florence Nightingale Suite", "Pool Room", "birth"),
          ("Adelaide House", "Special Care Nursery", "Cot Space 3", "birth"),
          ("Adelaide House", "Maternity Theatre", "Theatre 5", "theatre"),
          ("Mole Building", "Outpatients", "The Garrett Anderson Room", "clinic")]),
        ("Hartley Cancer Centre Woking", "CW", "Woking",
         [("Franklin Building", "Rosalind Franklin Oncology Day Unit", "Chair 6", "onc"),
          ("Franklin Building", "Rosalind Franklin Oncology Day Unit", "Side Room B", "onc"),
          ("Franklin Building", "Aseptic Suite", "Isolator Room", "onc"),
          ("Franklin Building", "Radiotherapy", "Linac Bunker 1", "imaging")]),
        ("Hartley Imaging Centre Farnham", "IF", "Farnham",
         [("Imaging Centre", "MRI", "Scanner Room 1", "imaging"), ("Imaging Centre", "CT", "CT Control", "imaging"),
          ("Imaging Centre", "Ultrasound", "The Ian Donald Room", "imaging")]),
        ("Hartley Physiotherapy Godalming", "PG", "Godalming",
         [("Physio Centre", "Physiotherapy", "The Per Ling Gym", "physio"),
          ("Physio Centre", "Physiotherapy", "Treatment Cubicle 3", "physio"),
          ("Physio Centre", "Hydrotherapy", "Pool Hall", "physio")]),
    ],
    "fresh11": [
        ("The Cavendish Hospital Harrogate", "CAV", "Harrogate",
         [("Brontë Wing", "Theatre Suite", "Theatre 1", "theatre"),
          ("Brontë Wing", "Theatre Suite", "Anaesthetic Room B", "theatre"),
          ("Brontë Wing", "Paget Day Case Unit", "Pod 6", "theatre"),
          ("Brontë Wing", "Nidd Ward", "Bedroom 21", "ward"), ("Brontë Wing", "Nidd Ward", "Bedroom 9", "ward"),
          ("Priestley House", "Consulting Suite", "The John Snow Room", "clinic"),
          ("Priestley House", "Consulting Suite", "The Cheyne Room", "clinic"),
          ("Priestley House", "Endoscopy", "Procedure Room 2", "clinic"),
          ("Estates Yard", "Medical Engineering", "Workshop 2", "eng")]),
        ("The Wilberforce Hospital Hull", "WIL", "Hull",
         [("Ferens Building", "Lady Anne Birth Suite", "Delivery Room 4", "birth"),
          ("Ferens Building", "Lady Anne Birth Suite", "Water Birth Room", "birth"),
          ("Ferens Building", "Neonatal Care", "Incubator Bay", "birth"),
          ("Ferens Building", "Obstetric Theatre", "Theatre 3", "theatre")]),
        ("Pennine Oncology Centre Leeds", "POC", "Leeds",
         [("Marsden House", "Percival Pott Oncology Day Unit", "Treatment Chair 11", "onc"),
          ("Marsden House", "Percival Pott Oncology Day Unit", "Quiet Room", "onc"),
          ("Marsden House", "Pharmacy Aseptics", "Cleanroom 2", "onc")]),
        ("Moorside Imaging Centre Bradford", "MIC", "Bradford",
         [("Moorside", "Magnetic Resonance", "The Mansfield Suite", "imaging"),
          ("Moorside", "Computed Tomography", "CT Scan Room", "imaging"),
          ("Moorside", "Obstetric Ultrasound", "Scan Room 2", "imaging")]),
        ("Dales Physio and Rehab Skipton", "DPR", "Skipton",
         [("Rehab Centre", "Rehabilitation Gym", "The Guttmann Gym", "physio"),
          ("Rehab Centre", "Hand Therapy", "Splinting Room", "physio")]),
    ],
}
GROUP = {"dev13": "Hartley Healthcare", "fresh11": "Pennine Independent Hospitals"}
DOMAIN = {"dev13": "hartleyhealth.co.uk", "fresh11": "pennineindependent.org.uk"}
LOGIN_DOMAIN = {"dev13": "HARTLEY", "fresh11": "PIH"}
# town: (postcode districts, landline area code)
TOWNS = {
    "dev13": {"Guildford": (["GU1", "GU2", "GU4"], "01483"), "Weybridge": (["KT13"], "01932"),
              "Woking": (["GU21", "GU22"], "01483"), "Farnham": (["GU9", "GU10"], "01252"),
              "Godalming": (["GU7", "GU8"], "01483"), "Cranleigh": (["GU6"], "01483"),
              "Haslemere": (["GU27"], "01428"), "Camberley": (["GU15", "GU16"], "01276"),
              "Epsom": (["KT17", "KT18"], "01372"), "Dorking": (["RH4", "RH5"], "01306"),
              "Wimbledon": (["SW19"], "020")},
    "fresh11": {"Harrogate": (["HG1", "HG2", "HG3"], "01423"), "Hull": (["HU5", "HU7"], "01482"),
                "Leeds": (["LS6", "LS17"], "0113"), "Bradford": (["BD9"], "01274"), "Skipton": (["BD23"], "01756"),
                "Knaresborough": (["HG5"], "01423"), "Ilkley": (["LS29"], "01943"), "Beverley": (["HU17"], "01482"),
                "Wetherby": (["LS22"], "01937"), "Keighley": (["BD20", "BD21"], "01535"),
                "Shipley": (["BD18"], "01274")},
}
STREETS = {"dev13": ["Epsom Road", "Portsmouth Road", "Merrow Lane", "Ockham Road South", "Tilford Road",
                     "Brooklands Road", "Woodham Lane", "Hurtmore Road", "Pewley Hill", "Old Avenue", "The Drive",
                     "St George's Avenue"],
           "fresh11": ["Otley Road", "Kings Road", "Beverley Road", "Skipton Road", "Cottingham Road",
                       "Harlow Moor Drive", "Wetherby Road", "Bingley Road", "Station Road", "Leeds Road",
                       "Newland Park", "Valley Drive"]}
HOUSES = {"dev13": ["Rose Cottage", "The Old Rectory", "Hillcrest", "Orchard House", "Brambles", "Little Oaks"],
          "fresh11": ["Fell View", "Low Farm", "The Barn", "Moorcroft", "Beck House", "Heather Lea"]}
FLATS = {"dev13": ["Flat 3, ", "Apt 12, ", "Flat 1 "], "fresh11": ["Flat 4, ", "Apartment 22, ", "Flat B "]}
HOME_MAIL = {"dev13": ["btinternet.com", "gmail.com", "icloud.com", "me.com"],
             "fresh11": ["hotmail.co.uk", "outlook.com", "yahoo.co.uk", "sky.com"]}
# Private practice secretaries write from their consultant's practice domain ("{s}" the consultant's surname).
PRACTICE_MAIL = {"dev13": ["{s}orthopaedics.co.uk", "{s}surgical.com", "practice{s}.co.uk"],
                 "fresh11": ["{s}-clinic.co.uk", "{s}medical.uk", "{s}privatepractice.co.uk"]}
MAILBOXES = {"dev13": ["clinical.engineering@hartleyhealth.co.uk", "theatres.guildford@hartleyhealth.co.uk",
                       "birthsuite.pah@hartleyhealth.co.uk", "ebme.helpdesk@hartleyhealth.co.uk",
                       "physio.godalming@hartleyhealth.co.uk"],
             "fresh11": ["medeng@pennineindependent.org.uk", "cavendish.theatres@pennineindependent.org.uk",
                         "bookings.moorside@pennineindependent.org.uk", "ladyanne.midwives@pennineindependent.org.uk",
                         "pharmacy.poc@pennineindependent.org.uk"]}
EPONYMS = {"dev13": ["Bair Hugger", "Guedel airway", "Doppler", "Holter", "Hudson mask", "Yankauer",
                     "Foley catheter", "Pinard"],
           "fresh11": ["Luer lock connector", "Mayo table", "Swan-Ganz catheter", "Clark electrode",
                       "Lloyd Davies stirrups", "Trendelenburg tilt", "Allen key"]}
JOB_TITLES = {"dev13": ["Theatre Manager", "Lead Midwife", "Senior EBME Technician", "Head of Clinical Engineering",
                        "Medical Secretary", "Outpatients Sister", "Chemotherapy Nurse", "Superintendent Radiographer"],
              "fresh11": ["Perioperative Services Lead", "Birth Suite Coordinator", "Medical Engineering Officer",
                          "Practice Manager", "Oncology Day Unit Manager", "MRI Lead", "Musculoskeletal Physio",
                          "Hospital Director"]}
# Makers' and insurers' lines (organisation numbers, kept).
DESKS = {"dev13": ["0800 328 0117", "0345 603 2150", "01344 387 400", "0800 085 6233"],
         "fresh11": ["0800 073 2401", "0333 014 8800", "01923 475 100", "0345 850 1070"]}
# Job numbers, purchase orders, contracts, incident references: how each split numbers them.
NUMBERING = {"dev13": {"wo": "WO{yy}-{n:05d}", "po": "45{d8}", "contract": "SC-{yyyy}-{d3}", "inc": "DX{d5}",
                       "tag": "CE{n:05d}"},
             "fresh11": {"wo": "J{n:07d}", "po": "PIH/PO/{yy}/{d5}", "contract": "PIH-CON-{d4}", "inc": "IR/{yy}/{d4}",
                         "tag": "M{n:06d}"}}
