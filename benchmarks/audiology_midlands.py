"""dev22 of `audiology_export.py`: a West Midlands trust's audiology department (people, places and kept look-alikes),
written for it alone. Wolverhampton, Walsall, Dudley and Sandwell: Black Country families, Punjabi Sikh, Gujarati and
Mirpuri families, Polish families who came in the 2000s, Irish families of the post-war building trade and Jamaican
families of the Windrush years; WV, WS, DY and B postcodes, 01902, 01922, 01384 and 0121 numbers, NHS numbers;
community clinics held in health centres and a hearing centre named after a Walsall nurse. Every value is one
UTF-16 writes; none is shared with `audiology_ulster.py` (fresh20)."""

from __future__ import annotations

# origin: (female given, male given, surnames)
POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "black_country": (["Tracey", "Sharon", "Janice", "Lorraine", "Kerry", "Dawn", "Marilyn", "Brenda", "Shelley",
                       "Gaynor", "Lynne", "Joanne"],
                      ["Darren", "Trevor", "Colin", "Keith", "Dean", "Lee", "Malcolm", "Barry", "Roy", "Neville"],
                      ["Hickman", "Pountney", "Whitehouse", "Cartwright", "Bissell", "Timmins", "Bache", "Hingley",
                       "Parkes", "Worton", "Fellows", "Round", "Aston", "Onions", "Jukes", "Millward", "Bagley",
                       "Nock", "Homer", "Tonks"]),
    "punjabi": (["Gurpreet", "Harjinder", "Manjit", "Kulwinder", "Sukhvinder", "Rajwant", "Parminder", "Jaspreet",
                 "Amandeep"],
                ["Jaspal", "Balwinder", "Harbhajan", "Kuldip", "Gurdev", "Tarsem", "Jasvir", "Amrik", "Satnam"],
                ["Sandhu", "Dhillon", "Bains", "Johal", "Sidhu", "Grewal", "Atwal", "Bassi", "Kalsi", "Sahota",
                 "Chahal", "Virdee", "Kaur", "Singh"]),
    "gujarati": (["Hetal", "Bhavna", "Rekha", "Hansa", "Nirmala", "Jyoti", "Kokila"],
                 ["Nilesh", "Jayesh", "Kalpesh", "Dinesh", "Pravin", "Hasmukh", "Mahendra"],
                 ["Mistry", "Lad", "Chauhan", "Solanki", "Parmar", "Makwana", "Gohil", "Vaghela", "Tailor"]),
    "mirpuri": (["Nasreen", "Shazia", "Rukhsana", "Zareena"], ["Tariq", "Imran", "Zafar", "Mushtaq"],
                ["Hussain", "Akhtar", "Mahmood", "Iqbal", "Rafiq", "Chaudhry"]),
    "polish": (["Agnieszka", "Magdalena", "Beata", "Ewelina", "Justyna"], ["Krzysztof", "Paweł", "Marek", "Sławomir"],
               ["Nowak", "Wiśniewski", "Kamiński", "Lewandowski", "Dąbrowski", "Jabłoński"]),
    "irish": (["Siobhan", "Bridget", "Mairead", "Eileen", "Noreen", "Colette"],
              ["Declan", "Padraig", "Ciaran", "Dermot", "Fintan", "Kieran"],
              ["Keane", "Flanagan", "Moran", "McGrath", "Brennan", "Quinlan", "Fitzgerald", "Mulcahy", "Tierney"]),
    "caribbean": (["Marcia", "Beverley", "Claudette", "Hyacinth", "Pauline", "Yvonne", "Sonia"],
                  ["Delroy", "Winston", "Errol", "Lloyd", "Leroy", "Clinton", "Desmond"],
                  ["Campbell", "Ricketts", "Gayle", "Morrison", "Francis", "Grizzle", "McKenzie", "Barrett", "Samuels",
                   "Whyte"]),
}
WEIGHTS = {"black_country": 3.0, "punjabi": 1.6, "gujarati": 0.8, "mirpuri": 0.6, "polish": 0.5, "irish": 0.7,
           "caribbean": 0.9}
NICKNAMES = {"Kulwinder": "Kully", "Harjinder": "Harj", "Balwinder": "Bally", "Bhavna": "Bhav", "Siobhan": "Shiv",
             "Declan": "Dec", "Beverley": "Bev", "Krzysztof": "Krzys", "Magdalena": "Magda", "Agnieszka": "Aga",
             "Malcolm": "Mal", "Gaynor": "Gay", "Padraig": "Paddy", "Harbhajan": "Bhajan", "Sukhvinder": "Sukhi"}
# relation word -> the relative's sex ("" either); the first three look after children
RELATIONS = {"Mum": "f", "Dad": "m", "Nan": "f", "daughter": "f", "son": "m", "wife": "f", "husband": "m",
             "carer": ""}
GUARDIANS = ["Mum", "Dad", "Nan"]
ROLES = {"aud": ["audiologist", "Aud", "CS"], "tech": ["tech", "HA tech", "AP"], "admin": ["admin", "clerk"],
         "eng": ["cal eng", "engineer"], "tod": ["ToD", "teacher of the deaf"], "gp": ["Dr"], "maker": ["rep"]}

# --- places: town -> (postcode districts, dialling code) ---------------------------------------------------------
TOWNS: dict[str, tuple[list[str], str]] = {
    "Wolverhampton": (["WV1", "WV2", "WV3", "WV4", "WV6", "WV10", "WV11"], "01902"),
    "Walsall": (["WS1", "WS2", "WS3", "WS5"], "01922"), "Willenhall": (["WV12", "WV13"], "01902"),
    "Dudley": (["DY1", "DY2", "DY3"], "01384"), "Stourbridge": (["DY8", "DY9"], "01384"),
    "Tipton": (["DY4"], "0121"), "Wednesbury": (["WS10"], "0121"), "West Bromwich": (["B70", "B71"], "0121"),
    "Bloxwich": (["WS3"], "01922"), "Sedgley": (["DY3"], "01902"),
}
STREETS = ["Lichfield Road", "Wolverhampton Street", "Stafford Street", "Dudley Road", "Birmingham New Road",
           "Penn Road", "Tettenhall Road", "Caldmore Green", "Bentley Lane", "Coppice Road", "Hollyhedge Lane",
           "Bromford Road", "Sandwell Street", "Cannock Road", "Moat Farm Way", "Bushbury Lane"]
FLATS = ["Flat {n}", "Apt {n}"]
HOUSES = ["The Old Forge", "Rosedene", "Oakleigh Bungalow"]
HOME_MAIL = ["hotmail.co.uk", "gmail.com", "yahoo.co.uk", "btinternet.com", "live.co.uk"]

# --- the service (kept) -----------------------------------------------------------------------------------------
TRUST = "Black Country and Tame Valley Hospitals NHS Trust"
HOSPITALS = ["New Cross Hospital", "Manor Hospital", "Russells Hall Hospital", "Cannock Chase Hospital"]
CLINICS = ["Audiology Department (New Cross)", "Dorothy Pattison Hearing Centre", "Hollybush Paediatric Audiology",
           "Adult Hearing Aid Repair Service", "Hearing Therapy & Tinnitus Service"]
ROOMS = ["Clinic Room {n}", "Test Room {n}", "VRA Room", "Repair Bench {n}", "Cal Lab", "Mould Lab"]
BOOTHS = ["Booth 1", "Booth 2", "Booth 3", "Booth 4 (paeds)", "Booth 5"]
TEAMS = ["Adult Rehab Team", "Paediatric Audiology Team", "Newborn Hearing Screening Team", "Balance Team",
         "Repairs & Batteries Team", "Hearing Therapy Team"]
CLINIC_SITES = ["Pennfields Health Centre", "Bilston Health Centre", "Darlaston Health Centre",
                "Brierley Hill Health and Social Care Centre", "Pinfold Health Centre"]
SITE_TOWNS = ["Bilston", "Darlaston", "Brierley Hill", "Aldridge", "Oldbury"]
SCHOOLS = ["Goldthorn Park Primary School", "St Patrick's Catholic Primary", "Castlecroft Primary School",
           "Park Hall Academy", "Blakenall Heath Junior School", "Ormiston Sandwell Academy",
           "Perry Hall Primary School", "Old Park School"]
GP_PRACTICES = ["Whitmore Reans Medical Practice", "Caldmore Surgery", "Ettingshall Medical Centre",
                "Netherton Surgery", "Lyng Medical Centre", "Coalway Road Surgery"]
CHARITIES = ["RNID", "Hearing Link", "Deafblind UK"]
MAILBOXES = ["bctv.audiology-repairs@nhs.net", "bctv.audiology.paeds@nhs.net", "bctv.batteries@nhs.net",
             "bctv.medphys.calibration@nhs.net"]
HELPLINES = ["01922 656 301", "01902 695 110", "0808 808 0123"]
JOB_TITLES = ["Principal Clinical Scientist (Audiology)", "Senior Audiologist", "Associate Audiologist",
              "Hearing Aid Repair Technician", "Audiology Assistant Practitioner", "Teacher of the Deaf",
              "Audiology Admin Lead", "Medical Physics Technologist"]
TITLE_GROUPS = ["aud", "aud", "aud", "tech", "tech", "tod", "admin", "eng"]  # who holds each
STAFF_DOMAIN = "nhs.net"
LOGIN_DOMAIN = "BCTV"
