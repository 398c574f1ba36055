"""dev19 of `sleep_export.py`: a London teaching hospital's sleep and respiratory physiology service (people, places
and kept look-alikes), written for it alone. Names of many origins (West African, South Asian, Eastern European,
Caribbean, Irish, Turkish, Chinese, English), every one writable in Windows-1252 because the portal's export is
(Turkish and Polish letters outside it are left to Faker and filtered out); London postcodes and 020 numbers;
units and GP practices named after people. Shares no value with `sleep_islands.py` (fresh17)."""

from __future__ import annotations

# origin: (female given, male given, surnames)
POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "westafrican": (["Adaeze", "Chioma", "Funmilayo", "Ngozi", "Abena", "Yewande", "Folasade", "Ifeoma", "Efua",
                     "Olubunmi"],
                    ["Oluwaseun", "Chukwuemeka", "Kwabena", "Kofi", "Babatunde", "Obinna", "Adebayo", "Ikenna",
                     "Oluwatobi"],
                    ["Okonkwo", "Mensah", "Boateng", "Owusu", "Nwosu", "Ogunleye", "Asante", "Oyelaran", "Danquah",
                     "Adeyinka", "Akinola"]),
    "southasian": (["Priya", "Shabnam", "Anjali", "Farzana", "Kavitha", "Rukhsana"],
                   ["Arjun", "Sanjay", "Farhan", "Vikram", "Rizwan", "Tariq"],
                   ["Patel", "Begum", "Rahman", "Chowdhury", "Iyer", "Hussain", "Sivakumar", "Uddin"]),
    "easterneuropean": (["Katarzyna", "Agnieszka", "Zuzana", "Ivana", "Oksana", "Monika"],
                        ["Piotr", "Tomasz", "Marek", "Andrzej", "Vasyl", "Lukáš"],
                        ["Kowalski", "Nowak", "Wójcik", "Novák", "Horváth", "Kovalenko", "Šimková", "Zielinski"]),
    "caribbean": (["Marcia", "Claudette", "Paulette", "Sonia", "Jacqueline"],
                  ["Winston", "Delroy", "Errol", "Lloyd", "Desmond", "Leroy"],
                  ["Campbell", "Francis", "Thompson", "McKenzie", "Bailey", "Barrett", "Forbes"]),
    "irish": (["Siobhán", "Róisín", "Aoife", "Bríd", "Orla"], ["Seán", "Pádraig", "Ciarán", "Donal", "Eamon"],
              ["O'Sullivan", "Ó Súilleabháin", "Murphy", "Kavanagh", "Fitzgerald", "McCarthy", "Brennan"]),
    "turkish": (["Gül", "Zeynep", "Elif", "Özlem", "Meltem"], ["Mehmet", "Mustafa", "Hüseyin", "Emre", "Gökhan",
                                                               "Ümit"],
                ["Öztürk", "Demir", "Çelik", "Kaya", "Aslan", "Erdem", "Özkan", "Polat"]),
    "chinese": (["Xiaoling", "Jing", "Hui", "Meiling"], ["Wei", "Jun", "Zhiwei", "Chun"],
                ["Wong", "Chan", "Zhang", "Cheung", "Lam", "Huang", "Leung"]),
    "english": (["Sharon", "Tracy", "Debbie", "Joanne"], ["Gary", "Terry", "Kevin", "Darren"],
                ["Sutton", "Hollis", "Webb", "Pryce"]),
}
WEIGHTS = {"westafrican": 1.6, "southasian": 1.2, "easterneuropean": 0.9, "caribbean": 1.0, "irish": 0.7,
           "turkish": 0.7, "chinese": 0.5, "english": 1.2}
LOCALES = {"en_GB": 0.6, "yo_NG": 0.25, "tr_TR": 0.15, "pl_PL": 0.15, "en_PK": 0.12}
NICKNAMES = {"Olubunmi": "Bunmi", "Oluwaseun": "Seun", "Babatunde": "Tunde", "Oluwatobi": "Tobi",
             "Katarzyna": "Kasia", "Chukwuemeka": "Emeka", "Jacqueline": "Jackie", "Pádraig": "Paddy",
             "Folasade": "Sade", "Funmilayo": "Funmi", "Andrzej": "Andy"}
RELATIONS = {"wife": "f", "husband": "m", "daughter": "f", "son": "m", "partner": "", "niece": "f",
             "brother": "m"}
ROLES = {"physio": ["sleep physiologist", "Physiologist", "HCS"], "tech": ["EBME tech", "store tech"],
         "carer": ["carer", "PA"], "driver": ["driver", "courier"], "admin": ["booking clerk", "admin"]}

# --- places: area -> (postcode districts, the 020 number's first digit) ------------------------------------------
TOWNS: dict[str, tuple[list[str], str]] = {
    "Peckham": (["SE15"], "7"), "Brixton": (["SW2", "SW9"], "7"), "Hackney": (["E8", "E9"], "8"),
    "Tottenham": (["N15", "N17"], "8"), "Harlesden": (["NW10"], "8"), "Walthamstow": (["E17"], "8"),
    "Woolwich": (["SE18"], "8"), "Lewisham": (["SE13"], "8"), "Camberwell": (["SE5"], "7"),
    "Dalston": (["E8"], "7"), "Finsbury Park": (["N4"], "7"), "Stratford": (["E15"], "3"),
}
STREETS = {"London": ["Bellenden Road", "Choumert Grove", "Coldharbour Lane", "Mare Street", "Kingsland Road",
                      "Philip Lane", "Craven Park Road", "Hoe Street", "Powis Street", "Rushey Green",
                      "Denmark Hill", "Stroud Green Road", "Romford Road", "Acre Lane"]}
HOUSES = ["Tabard Court", "Marlowe House", "Aylesham Tower", "Nye Bevan Estate"]  # flats' blocks
FLATS = ["Flat ", "Flat no. "]
HOME_MAIL = ["gmail.com", "yahoo.co.uk", "hotmail.com", "outlook.com", "live.co.uk"]

# --- the service (kept) -----------------------------------------------------------------------------------------
TRUST = "South Thames University Hospitals NHS Foundation Trust"
UNITS = ["Mary Seacole Sleep & Ventilation Unit", "Stopford Respiratory Physiology", "Hackett Home Ventilation Service",
         "Southbank Sleep Centre"]
WARDS = ["Nightingale Ward 4", "Cavendish Ward", "Respiratory Day Unit", "Ward 9 Chest Medicine"]
GP_PRACTICES = ["Dr Bhattacharyya & Partners", "The Hargreave Medical Centre", "Camberwell Green Surgery",
                "Dr Mensah-Bonsu's Practice", "Peckham Rye Medical Practice", "The Whitcombe Practice"]
MAILBOXES = ["sthft.sleepservice@nhs.net", "sthft.homevent@nhs.net", "ebme.loans@sthft.nhs.uk"]
HELPLINES = ["0800 028 1923", "0330 123 4471", "020 3299 8100"]
JOB_TITLES = ["Senior Sleep Physiologist", "Band 6 Respiratory Physiologist", "Healthcare Science Practitioner",
              "Home Ventilation Nurse Specialist", "EBME Loans Technician"]
STAFF_DOMAIN = "nhs.net"
LOGIN_DOMAIN = "STHFT"
COURIERS = ["Thames Medical Couriers", "CitySprint Healthcare"]
LICENSING = "DVLA"
