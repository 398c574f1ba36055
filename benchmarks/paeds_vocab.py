"""People pools and places of `paeds_export.py`, written for it alone (not taken from the other generators).

A children's hospital trust with a community (home-care) service: its medical-devices library lends pumps,
ventilators, suction units, monitors and nebulisers to families. People come from hand-made pools (British,
Irish, Somali, Pakistani, Bangladeshi, Nigerian, Ghanaian, Caribbean, Chinese, Vietnamese, everyday-word names)
and from Faker locales (British, Irish, Polish, Romanian in "dev12"; British, Lithuanian, Portuguese, Polish in
"fresh10"); given names kept by sex so that "mum" and "dad" go with the right people. "fresh10" (held out) shares no
name word, site, ward, building, room, town, street, postcode, school, charity, eponym, mailbox or job title with
"dev12" (the held-out draw also drops any Faker name carrying a word of the dev split's people).
"""

from __future__ import annotations

# origin: (female given, male given, surnames); disjoint between the splits.
POOLS: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = {
    "dev12": {
        "british": (["Kayleigh", "Chantelle", "Jade", "Leanne", "Stacey", "Demi-Leigh", "Maisie", "Harper",
                     "Lacey-Mae", "Lexi", "Amelia-Rose", "Millie"],
                    ["Kyle", "Jordan", "Callum", "Dean", "Reece", "Bradley", "Alfie", "Freddie", "Teddy", "Archie",
                     "Riley", "Jaxon"],
                    ["Whitfield", "Ashworth", "Entwistle", "Greenhalgh", "Haworth", "Sutcliffe", "Pilkington",
                     "Cunliffe", "Duckworth", "Halliwell"]),
        "irish": (["Aisling", "Roisin", "Grainne", "Orla", "Clodagh", "Sinead"],
                  ["Cian", "Oisin", "Padraig", "Declan", "Tadhg", "Ronan"],
                  ["Doherty", "Gallagher", "Moriarty", "Ní Bhriain", "O'Sullivan", "Brennan", "Quinlan",
                   "McGuinness"]),
        "somali": (["Hodan", "Ayaan", "Sagal", "Fadumo", "Ikran", "Hibo"],
                   ["Abdirahman", "Mahad", "Guled", "Abdiwali", "Liban", "Yonis"],
                   ["Warsame", "Jama", "Abdi", "Farah", "Egal", "Hirsi", "Osman", "Nur"]),
        "pakistani": (["Ayesha", "Maryam", "Khadija", "Sana", "Iqra", "Noor"],
                      ["Zain", "Ibrahim", "Haris", "Usman", "Bilal", "Hamza"],
                      ["Chaudhry", "Butt", "Akhtar", "Raja", "Javed", "Anwar", "Rehman"]),
        "bangladeshi": (["Tahmina", "Nusrat", "Shirin", "Rumana", "Sumaiya"],
                        ["Rahim", "Shahid", "Tanvir", "Arif", "Sabbir"],
                        ["Miah", "Begum", "Uddin", "Chowdhury", "Islam", "Ahmed", "Khatun"]),
        "caribbean": (["Shanice", "Kerry-Ann", "Tanisha", "Jada", "Marcia", "Shereen"],
                      ["Delroy", "Tyrone", "Jermaine", "Leon", "Winston", "Kemar"],
                      ["Campbell", "Thompson", "Gayle", "Clarke", "McKenzie", "Edwards", "Bailey", "Reid"]),
        "nigerian": (["Chiamaka", "Temitope", "Ngozi", "Bukola"], ["Tunde", "Obinna", "Segun", "Chidi"],
                     ["Adebayo", "Okafor", "Balogun", "Nwosu", "Adeyemi"]),
        "ghanaian": (["Akosua", "Abena", "Efua", "Adwoa"], ["Kwame", "Kofi", "Yaw", "Kwabena"],
                     ["Mensah", "Owusu", "Boateng", "Asante", "Agyeman", "Appiah"]),
        "chinese": (["Li Na", "Xin Yi", "Hoi Yan", "Man Yee"], ["Zhi Hao", "Kin Wah", "Chun Yu", "Ming"],
                    ["Liu", "Wu", "Tang", "Kwan", "Mak"]),
        "vietnamese": (["Thu Trang", "Ngoc Anh", "Linh"], ["Duc Minh", "Quang", "Tuan"],
                       ["Nguyen", "Tran", "Pham", "Hoang"]),
        "word": (["Summer", "Poppy", "Ruby", "Faith"], ["Hunter", "Rocco"], ["Walker", "Marsh", "Lamb", "Fisher"]),
    },
    "fresh10": {
        "british": (["Tegan", "Shannon", "Bethany", "Danielle", "Lauren", "Kirsty", "Willow", "Lyla", "Esme",
                     "Nevaeh", "Ivy-Rose", "Orla-Mae"],
                    ["Liam", "Connor", "Ashley", "Nathan", "Jamie", "Craig", "Oakley", "Albie", "Reggie", "Ezra",
                     "Roman", "Arlo"],
                    ["Bagshaw", "Hollingworth", "Slater", "Wragg", "Allsop", "Bramley", "Widdowson", "Froggatt",
                     "Boam", "Hallam"]),
        "irish": (["Eimear", "Muireann", "Deirdre", "Bláthnaid", "Fionnuala", "Nuala"],
                  ["Colm", "Ciarán", "Eoghan", "Fergal", "Donal", "Cathal"],
                  ["Ní Mhaoláin", "Cassidy", "Flanagan", "Mulcahy", "Hennessy", "O'Driscoll", "Keohane", "Dunne"]),
        "somali": (["Nimco", "Ubah", "Hamdi", "Sahra", "Ifrah", "Deeqa"],
                   ["Abdullahi", "Khadar", "Sharmarke", "Mukhtar", "Idris", "Bashiir"],
                   ["Dualeh", "Aden", "Ismail", "Samatar", "Yusuf", "Elmi", "Gedi", "Hassan"]),
        "pakistani": (["Hira", "Amna", "Mehwish", "Rabia", "Zara", "Saima"],
                      ["Faisal", "Adeel", "Waqas", "Saad", "Junaid", "Danyal"],
                      ["Siddiqui", "Sheikh", "Mirza", "Abbasi", "Nawaz", "Kiani", "Tahir"]),
        "bangladeshi": (["Farzana", "Jesmin", "Lutfa", "Afia", "Sharmin"],
                        ["Mizanur", "Jahangir", "Shafiq", "Rafiq", "Nazmul"],
                        ["Ali", "Hoque", "Rahman", "Karim", "Sarker", "Bibi", "Talukdar"]),
        "caribbean": (["Latoya", "Sharelle", "Monique", "Precious", "Kadian", "Yolanda"],
                      ["Desmond", "Errol", "Trevor", "Marlon", "Courtney", "Dwayne"],
                      ["Blackwood", "Gordon", "Henry", "Morgan", "Stewart", "Dixon", "Barrett", "Samuels"]),
        "nigerian": (["Adaeze", "Chinwe", "Uchenna", "Nkechi"], ["Ikechukwu", "Chijioke", "Ugochukwu", "Emeka"],
                     ["Okeke", "Onyeka", "Chukwu", "Anozie", "Obi"]),
        "ghanaian": (["Esi", "Akua", "Afua", "Yaa"], ["Kwaku", "Kwesi", "Fiifi", "Kobina"],
                     ["Acheampong", "Darko", "Ofori", "Quaye", "Amoah", "Tetteh"]),
        "chinese": (["Mei", "Wai Man", "Yu Ting", "Siu Ling"], ["Wai Keung", "Jian", "Hao Ran", "Ka Wai"],
                    ["Yeung", "Chan", "Lam", "Cheng", "Tse"]),
        "vietnamese": (["Thi Lan", "Phuong", "Thanh Huyen"], ["Van Long", "Khanh", "Huy"],
                       ["Vu", "Dang", "Bui", "Truong"]),
        "word": (["Autumn", "Blossom", "Jewel", "Honey"], ["Rocky", "Storm"], ["Cook", "Butcher", "Steel", "Moss"]),
    },
}
WEIGHTS = {"british": 3.0, "irish": 1.2, "somali": 1.0, "pakistani": 1.4, "bangladeshi": 1.0, "caribbean": 1.0,
           "nigerian": 0.8, "ghanaian": 0.8, "chinese": 0.6, "vietnamese": 0.5, "word": 0.6}
# Faker locales and their weights next to the pools (the pools weigh WEIGHTS).
LOCALES = {"dev12": {"en_GB": 3.0, "en_IE": 1.0, "pl_PL": 1.2, "ro_RO": 1.0},
           "fresh10": {"en_GB": 3.0, "lt_LT": 1.2, "pt_PT": 1.0, "pl_PL": 0.8}}
# What families and colleagues call people (a planted name too).
NICKNAMES = {"dev12": {"Kerry-Ann": "Kez", "Abdirahman": "Abdi", "Chiamaka": "Chi-Chi", "Temitope": "Temi",
                       "Bradley": "Brad", "Alfie": "Alf", "Padraig": "Paddy", "Stacey": "Stace", "Kwabena": "Kobby"},
             "fresh10": {"Ikechukwu": "Ike", "Bethany": "Beth", "Deirdre": "Dee", "Fionnuala": "Fiona",
                         "Danielle": "Dani", "Oakley": "Oaks", "Chijioke": "CJ", "Abdullahi": "Abdul",
                         "Nathan": "Nate"}}

# --- look-alikes that must be kept ----------------------------------------------------------------------------
# (site, town, [(building, ward or unit, room)]): sites, wards and houses named after people, animals and themes.
SITES = {
    "dev12": [
        ("Sir Alfred Jessop Children's Hospital", "Preston",
         [("Jessop Wing", "Squirrel Ward", "Bay 2"), ("Jessop Wing", "Kingfisher Neonatal Unit", "Nursery 3"),
          ("Jessop Wing", "Starfish HDU", "Cubicle 4"), ("Jessop Wing", "Darwin Ward", "Bay 1"),
          ("Edith Cavell Building", "Edith Cavell Ward", "Side Room 6"),
          ("Edith Cavell Building", "Bumblebee Day Unit", "Treatment Room"),
          ("Lighthouse Building", "Lighthouse Oncology Unit", "Room 11"),
          ("Medical Physics Block", "Medical Devices Library", "Loans Store")]),
        ("Claire House Children's Hospice", "Wirral", [("Main House", "Seahorse Suite", "Bedroom 3")]),
        ("Peter Pan Community Children's Centre", "Blackburn",
         [("Peter Pan Centre", "Community Children's Nursing Team", "Equipment Room"),
          ("Peter Pan Centre", "Home Ventilation Service", "Clinic 2")]),
        ("Ronald McDonald House Preston", "Preston", [("Ronald McDonald House", "Parents' Lounge", "Kitchen")]),
    ],
    "fresh10": [
        ("Florence Nightingale Children's Hospital", "Derby",
         [("Nightingale Block", "Hedgehog Ward", "Bay 5"), ("Nightingale Block", "Owl Neonatal Unit", "ITU Nursery"),
          ("Nightingale Block", "Dolphin PICU", "Bed Space 3"), ("Seacole Wing", "Mary Seacole Ward", "Side Room A"),
          ("Seacole Wing", "Safari Day Case Unit", "Recovery"), ("Treetops Building", "Treetops Ward", "Room 8"),
          ("Clinical Engineering", "Equipment Library", "Despatch")]),
        ("Zoe's Place Baby Hospice", "Nottingham", [("Zoe's Place", "Butterfly Suite", "Nursery One")]),
        ("Grace Darling Community Children's Service", "Chesterfield",
         [("Grace Darling House", "Children's Community Nursing", "Kit Room"),
          ("Grace Darling House", "Long Term Ventilation Team", "Clinic B")]),
        ("Eckersley House", "Derby", [("Eckersley House", "Family Kitchen", "Laundry")]),
    ],
}
# Places that are no ward: what a child is admitted to or a nurse works on is one of the others.
NOT_WARDS = {"dev12": ["Medical Devices Library", "Community Children's Nursing Team", "Home Ventilation Service",
                       "Parents' Lounge"],
             "fresh10": ["Equipment Library", "Children's Community Nursing", "Long Term Ventilation Team",
                         "Family Kitchen"]}
TOWNS = {"dev12": ["Preston", "Blackburn", "Chorley", "Burnley", "Lancaster", "Leyland", "Accrington", "Wirral",
                   "Clitheroe"],
         "fresh10": ["Derby", "Chesterfield", "Mansfield", "Loughborough", "Ilkeston", "Matlock", "Buxton",
                     "Nottingham", "Swadlincote"]}
STREETS = {"dev12": ["Garstang Road", "Blackpool Road", "Whalley New Road", "Moor Lane", "Leyland Lane",
                     "Ribbleton Avenue", "Manchester Road", "Plungington Road", "Brunshaw Avenue", "Cromwell Close"],
           "fresh10": ["Uttoxeter New Road", "Normanton Road", "Burton Road", "Kedleston Road", "Chatsworth Road",
                       "Ashbourne Road", "Sheffield Road", "Nottingham Road", "Peveril Crescent", "Abbey Street"]}
FLATS = {"dev12": ["Flat 3, ", "Flat 12 ", "Apt 4, "], "fresh10": ["Flat B, ", "2nd floor flat, ", "Unit 6 "]}
# A town's postcode districts and its landlines' area code (a child's home is in one town).
TOWN_CODES = {
    "dev12": {"Preston": (["PR1", "PR2"], "01772"), "Blackburn": (["BB1", "BB2"], "01254"),
              "Chorley": (["PR6", "PR7"], "01257"), "Burnley": (["BB10", "BB11"], "01282"),
              "Lancaster": (["LA1"], "01524"), "Leyland": (["PR25"], "01772"), "Accrington": (["BB5"], "01254"),
              "Wirral": (["CH41", "CH43"], "0151"), "Clitheroe": (["BB7"], "01200")},
    "fresh10": {"Derby": (["DE1", "DE22", "DE23", "DE24"], "01332"), "Chesterfield": (["S40", "S41"], "01246"),
                "Mansfield": (["NG18", "NG19"], "01623"), "Loughborough": (["LE11"], "01509"),
                "Ilkeston": (["DE7"], "0115"), "Matlock": (["DE4"], "01629"), "Buxton": (["SK17"], "01298"),
                "Nottingham": (["NG7", "NG5"], "0115"), "Swadlincote": (["DE11"], "01283")},
}
EMAIL_DOMAINS = {"dev12": ["nhs.net", "lthtr.nhs.uk"], "fresh10": ["nhs.net", "uhdb.nhs.uk"]}
HOME_MAIL = {"dev12": ["gmail.com", "hotmail.co.uk", "icloud.com"], "fresh10": ["yahoo.co.uk", "outlook.com",
                                                                               "googlemail.com"]}
MAILBOXES = {"dev12": ["lthtr.medicaldeviceslibrary@nhs.net", "ccn.preston@nhs.net", "homevent.nw@nhs.net"],
             "fresh10": ["uhdb.equipmentlibrary@nhs.net", "dchs.childrenscommunitynursing@nhs.net",
                         "clinicalengineering.derby@nhs.net"]}
SCHOOLS = {"dev12": ["St Wilfrid's RC Primary School", "Moor Park Nursery", "Highfield Academy",
                     "Ribbleton Avenue Infant School", "Larches House School"],
           "fresh10": ["Ashgate Croft School", "Bemrose School", "Little Acorns Day Nursery",
                       "Royal School for the Deaf Derby", "St Benedict Catholic Academy"]}
CHARITIES = {"dev12": ["The Joshua Tree", "Friends of Squirrel Ward", "Max's Fund", "Ellie's Fund",
                       "Rays of Sunshine"],
             "fresh10": ["Friends of Hedgehog Ward", "Evie's Gift", "The Lewis Foundation", "Tiny Toes Appeal",
                         "Harvey's Gang"]}
EPONYMS = {"dev12": ["Guthrie card", "Apgar score", "Hickman line", "Broviac line", "Yankauer sucker", "Luer lock",
                     "Doppler probe", "Moro reflex"],
           "fresh10": ["Nissen fundoplication", "Heimlich valve", "Schrader valve", "Bourdon gauge",
                       "Kawasaki disease", "Wilms tumour", "Hirschsprung's disease", "Guedel airway"]}
JOB_TITLES = {"dev12": ["Children's Community Nurse", "Clinical Technologist", "Play Specialist",
                        "Medical Devices Library Coordinator", "Home Ventilation Nurse Specialist",
                        "Band 6 Clinical Engineer"],
              "fresh10": ["Lead Nurse for Long Term Ventilation", "Senior Clinical Engineer", "Hospital Play Worker",
                          "Equipment Library Technician", "Paediatric Physiotherapist", "Neonatal Outreach Lead"]}
# Makers' and suppliers' service lines (organisation numbers, kept).
DESKS = {"dev12": ["0800 028 8280", "01480 460780", "0345 266 2627"],
         "fresh10": ["0800 917 8776", "01256 338400", "0333 200 4511"]}
TEAMS = {"dev12": ["CCN North", "CCN South", "Home Vent", "NICU", "Library", "Oncology Outreach"],
         "fresh10": ["LTV", "Community East", "Community West", "Neonatal Outreach", "Clin Eng", "PICU"]}
