"""Vocabulary and phrasing of `community_export.py`, written for it alone (not taken from the other generators).

A community renal (home haemodialysis) and equipment service with some theatre/ICU biomedical jobs. People come
from hand-made multi-origin pools (South Asian, West African, Caribbean, Eastern European, Filipino, Chinese and
Arabic romanised, English with nicknames, names that are ordinary words) and two Faker locales, a different set
per split; phrasing families are templates whose `{slot}`s `community_scene.Scene` fills. "dev7" may be read by
people improving the detectors; "fresh5" is held out: other pools, locales, templates, streets, towns, care
homes and surgeries. Templates never contain a word that is also a person's name in either split.
"""

from __future__ import annotations

LOCALES = {"dev7": {"fr_DZ": 1.5, "es_CA": 0.6}, "fresh5": {"de_CH": 1.0, "es": 0.8}}

# (given names, surnames) per origin; disjoint between the splits and from the other generators' pools.
POOLS = {
    "dev7": {
        "south_asian": (["Harpreet", "Gurdeep", "Manjit", "Rupinder", "Bhavesh", "Hetal", "Dipika", "Nilesh",
                         "Farzana", "Shahida", "Tanvir", "Ruksana", "Chaminda", "Nuwan"],
                        ["Sandhu", "Dhillon", "Grewal", "Chauhan", "Mistry", "Solanki", "Parmar", "Begum", "Uddin",
                         "Chowdhury", "Perera", "Jayasuriya"]),
        "west_african": (["Kwabena", "Akosua", "Yaw", "Efua", "Abena", "Ebere", "Chidinma", "Obinna", "Adaeze",
                          "Funmilayo", "Ayodele"],
                         ["Asante", "Boateng", "Owusu", "Mensah-Bonsu", "Nwachukwu", "Nwosu", "Adeyemi", "Oyelaran",
                          "Ogunleye", "Appiah"]),
        "caribbean": (["Delroy", "Marcia", "Winston", "Claudette", "Everton", "Beverley", "Leroy", "Hyacinth"],
                      ["Brathwaite", "Gayle", "McKenzie", "Thompson-Grant", "Ellis-Reid", "Forbes"]),
        "east_european": (["Ionela", "Florin", "Mihaela", "Bogdan", "Radoslav", "Yordanka", "Ilze", "Raimonds"],
                          ["Popescu", "Dumitrescu", "Ivanova", "Georgieva", "Kalniņa", "Stoica", "Petrov"]),
        "filipino": (["Jocelyn", "Marivic", "Rommel", "Leonora", "Arnel", "Rizalina"],
                     ["De Guzman", "Mangubat", "Sison", "Aquino", "Salazar", "Dimaano"]),
        "chinese": (["Ka Wai", "Siu Ming", "Wing Yee", "Chi Keung"], ["Leung", "Cheung", "Yip", "Lau", "Chu"]),
        "arabic": (["Abdulrahman", "Mariam", "Yousef", "Noor", "Khalid", "Huda", "Abdel-Karim"],
                   ["Al-Hashimi", "El-Sayed", "Haddad", "Mansour", "Al Nuaimi"]),
        "word": (["Hope", "Grace", "Summer", "Joy"], ["Baker", "Bishop", "Mason", "Cook"]),
        "english": (["Jonathan", "Margaret", "Rebecca", "Deborah", "Anthony", "Nicholas"],
                    ["Pickering", "Hollis", "Rowbotham", "Fairclough", "Ashworth-Pryce", "Lees"]),
    },
    "fresh5": {
        "south_asian": (["Jaswinder", "Kuldip", "Sukhvinder", "Pritesh", "Jignesh", "Rekha", "Mumtaz", "Shamima",
                         "Rezaul", "Thilini"],
                        ["Bains", "Gill", "Sidhu", "Lad", "Makwana", "Rahman", "Miah", "Fernando",
                         "Wickramasinghe"]),
        "west_african": (["Kwame", "Ama", "Kojo", "Adwoa", "Nnamdi", "Ifeoma", "Tobenna", "Olamide", "Blessing",
                          "Precious"],
                         ["Agyeman", "Ofori", "Darko-Mensah", "Okonkwo", "Adebayo", "Oladipo", "Sesay", "Kamara",
                          "Bangura"]),
        "caribbean": (["Errol", "Paulette", "Lloyd", "Yvonne", "Clinton", "Sonia"],
                      ["Henry-Walsh", "Bailey-Gayle", "Spence", "Morrison-Clarke", "Bogle"]),
        "east_european": (["Ionut", "Alina", "Vasile", "Desislava", "Stoyan", "Dace", "Jānis", "Zuzana"],
                          ["Ionescu", "Constantin", "Dimitrova", "Todorov", "Ozoliņš", "Liepa", "Horváthová"]),
        "filipino": (["Divina", "Edgardo", "Marilou", "Reynaldo", "Teresita"],
                     ["Pascual", "Mendoza", "Santos-Reyes", "Navarro", "Ocampo"]),
        "chinese": (["Wai Man", "Mei Ling", "Kin Fai"], ["Tsang", "Kwok", "Fung", "Ng"]),
        "arabic": (["Abdullah", "Fatima-Zahra", "Omar", "Layla", "Tariq", "Samira"],
                   ["Al-Rashid", "Nasser", "Khoury", "Saleh", "El-Masri"]),
        "word": (["Faith", "Dawn", "Autumn", "Rose"], ["Fisher", "Shepherd", "Carpenter", "Marsh"]),
        "english": (["Robert", "Patricia", "Josephine", "Barbara", "Kenneth"],
                    ["Ollerenshaw", "Greenhalgh", "Threlfall", "Haworth-Booth", "Pilling"]),
    },
}
NICKNAMES = {"Jonathan": "Jonno", "Margaret": "Mags", "Rebecca": "Becs", "Deborah": "Debs", "Anthony": "Tone",
             "Nicholas": "Nicky", "Robert": "Robbo", "Patricia": "Trish", "Josephine": "Jo", "Barbara": "Babs",
             "Kenneth": "Kenny", "Funmilayo": "Funmi", "Ayodele": "Ayo", "Olamide": "Lami", "Abdulrahman": "Abdul",
             "Marivic": "Vic", "Reynaldo": "Rey", "Sukhvinder": "Sukhi", "Harpreet": "Preet"}

# Role words written before a name ("sister Asante", "the reg dr Nwosu"), as typed on a phone or formally.
ROLES = {"dev7": ["sister", "the reg dr", "dn", "staff nurse", "charge nurse", "hca", "sr", "cns", "matron",
                  "the f1 dr", "renal tech", "dr"],
         "fresh5": ["ward sister", "consultant dr", "community nurse", "student nurse", "band 6", "rn", "the sho",
                    "renal sister", "mr", "nurse"]}
RELATIVES = {"dev7": ["pt's daughter", "pts son", "his wife", "her husband", "daughter in law", "next of kin"],
             "fresh5": ["patient's niece", "pts partner", "her son", "his daughter", "main carer", "grandson"]}

# --- look-alikes that must be kept ----------------------------------------------------------------------------
SITES = ["Soar Valley Renal Centre", "Albion Street Dialysis Unit", "Wycliffe Road Satellite Unit",
         "Belvoir General Hospital", "Charnwood Community Hospital", "Florence Nightingale House"]
WARDS = ["Mary Seacole Ward", "Nye Bevan ITU", "Edith Cavell Ward", "Theatre 4", "Recovery Bay 2", "Ward 31",
         "Renal HDU", "Elizabeth Garrett Anderson Suite", "Jenner Day Unit", "Main Theatres", "Cardiac ITU"]
CARE_HOMES = {"dev7": ["the Beeches care home", "Rosemount Lodge", "St Clare's Nursing Home", "Ashgrove Court",
                       "Hollybank House"],
              "fresh5": ["the Laurels", "Oakleigh Manor care home", "St Bernadette's Nursing Home",
                         "Willowbrook Court", "Heatherdene"]}
GP_SURGERIES = {"dev7": ["Castle Mead Surgery", "Dr Ahmed & Partners", "Quorn Medical Centre",
                         "The Limes Surgery"],
                "fresh5": ["Priory Fields Practice", "Dr Osei and Partners", "Bottesford Health Centre",
                           "The Elms Medical Practice"]}
TOWNS = {"dev7": ["Loughborough", "Melton Mowbray", "Coalville", "Hinckley", "Oakham"],
         "fresh5": ["Grantham", "Newark", "Sleaford", "Worksop", "Retford"]}
STREETS = {"dev7": ["Ingleberry Road", "Forest Rise", "Tuckers Close", "Sparrow Hill", "Knightthorpe Lane",
                    "Cottesmore Drive"],
           "fresh5": ["Harlaxton Walk", "Balderton Gate", "Manthorpe Crescent", "Kirkgate Mews", "Carlton Heights"]}
POSTCODES = {"dev7": ["LE11", "LE13", "LE67", "LE10", "LE15"], "fresh5": ["NG31", "NG24", "NG34", "S80", "DN22"]}
MAKERS = [  # (maker, models, device type)
    ("Fresenius", ["5008S", "4008S classix", "5008 CorDiax"], "Haemodialysis machine"),
    ("Baxter", ["AK 98", "AK 200 Ultra S"], "Haemodialysis machine"),
    ("Nipro", ["Surdial X", "Surdial 55 Plus"], "Haemodialysis machine"),
    ("NxStage", ["System One", "PureFlow SL"], "Home haemodialysis system"),
    ("Quanta", ["SC+"], "Home haemodialysis system"),
    ("Arjo", ["Maxi Move", "Sara Stedy"], "Patient hoist"),
    ("Invacare", ["Birdie Evo", "Softform Premier Active 2"], "Hoist / mattress"),
    ("Getinge", ["Maquet Servo-u"], "Ventilator"),
    ("Medtronic", ["Valleylab FT10", "Puritan Bennett 980"], "Electrosurgical unit"),
    ("BD", ["Alaris GP Plus", "Alaris CC Plus"], "Infusion pump"),
    ("Mindray", ["BeneVision N12"], "Patient monitor"),
]
WATER_PARTS = ["RO membrane", "carbon filter", "pre-filter cartridge", "conductivity probe", "UV lamp",
               "Diasafe plus filter", "softener resin", "dialysate filter", "water inlet solenoid"]
ALARMS = ["alarm 1043", "error E207", "code 33-18", "fault F12", "pressure alarm TMP high", "conductivity alarm",
          "air detector alarm", "blood leak alarm", "E-Lo battery", "err 0x2A"]
VERSIONS = ["sw 4.60", "v5.12.3", "firmware 2.3.1", "SW v1.9", "build 7.02b"]
JOB_TITLES = ["renal technician", "home therapies nurse", "community equipment coordinator",
              "clinical scientist", "senior EBME engineer", "district nursing team leader", "theatre coordinator",
              "dialysis unit manager"]
TEAMS = ["Home Therapies Team", "Community Equipment Service", "EBME Renal", "Theatres Biomed",
         "ICU Equipment Group", "Water Treatment Team"]
MAILBOXES = ["renal.hometherapies@nhs.net", "ebme.helpdesk@svh.nhs.uk", "communityequipment@svh.nhs.uk",
             "theatres.biomed@svh.nhs.uk"]
STANDARDS = ["HTM 01-05", "BS EN 60601-1", "ISO 23500", "HTM 06-01", "BS EN 62353", "MHRA DB2006(05)"]

# --- phrasing families -------------------------------------------------------------------------------------------
# Lower-case typed-on-a-phone notes are written in lower case here and lowered whole (planted values too).
VISIT = {
    "dev7": [
        "pt {pat} rang re {alarm} on the {model} cb on {mob} tmrw am w/ {role} ok",
        "visited {addr} {pat} dob {dob} machine in back bedroom {part} changed tested to {std} fine",
        "attended home address spoke to {rel} who says the machine keeps going off at night every night since "
        "the {part} was done so i checked the {part} and it was fine then ran a test and it passed so she is "
        "happy and will ring us on {tel} if it happens again",
        "{pat} nhs {nhs} hosp no {hosp} home hd {model} sw {sw} {alarm} x3 pls cb {mob}",
        "key worker {role} asked us to go b4 friday pt at {care_home} room {room} {model} not starting",
        "spoke w/ {rel} on {mob} will be in after 2 pm asked for {first} to come again as last time",
        "water test done at pt home {addr} result ok {part} due next visit see {team} sheet",
        "msg left for {pat} on {tel} re {model} service no answer tried {mob} too",
        "{rel} wants the water results emailed to {pemail} not posted pls",
    ],
    "fresh5": [
        "Visited {pat} at home ({addr}), {model} reporting {alarm}; {part} swapped, passed to {std}.",
        "Called {rel} {mob} - pt in hospital at {site} so visit moved, please rebook via {mailbox}",
        "so went round and the lady {pat} was not in but her neighbour let me in with the key and the {model} "
        "had the {alarm} so i have reset it and left a note for {first} the nurse who comes on tuesdays",
        "Pt {pat} (DOB {dob}, NHS {nhs}, unit {hosp}) - {model} relocated to {care_home}.",
        "{role} phoned from {gp} about {pat} needing a {model} at {addr}",
        "Patient contact: {tel} / {mob}. {rel} holds the spare key.",
        "re-attended, {alarm} again, escalated to {title} and {team}, {model} on {sw}",
        "Copy of service sheet sent to {pemail} at the request of {pat}.",
    ],
}
FAULT = {
    "dev7": [
        "{model} {alarm}", "{alarm} on start up pt {pat} cb {mob}", "hoist wont lower at {care_home}",
        "pt says machine beeping all night", "{part} leaking under sink", "{model} in {ward} {room} fails self test",
        "request from {role} ext {ext}", "mattress deflating pt {pat} at {addr}", "water plant {alarm}",
        "community bed needed in {town} for pt {pat}", "{gp} asked for a hoist review for {pat}",
    ],
    "fresh5": [
        "{model} shows {alarm}", "No dialysate flow - {pat} rang {tel}", "Hoist battery not charging ({care_home})",
        "{part} replacement due", "{model} in {ward} failed PAT", "Alarm from {model}, caller {rel}",
        "Pump occluding, {ward} bleep {bleep}", "Bed will not tilt, {pat} {addr}",
        "Collect profiling bed from {town} depot",
    ],
}
THEATRE = {
    "dev7": [
        "{model} in {ward} {room} {alarm} during list {role} bleep {bleep} swapped for loan unit {version} "
        "checked to {std}",
        "ITU {room} {model} sw {sw} updated after FSN handed back to {role} {date}",
    ],
    "fresh5": [
        "Theatre list delayed: {model} ({ward}, {room}) threw {alarm}. {role} informed, bleep {bleep}.",
        "{model} on {ward} updated to {sw} per field notice dated {date}; signed off by {role}.",
    ],
}
# A forwarded e-mail pasted into a job (header block, then the message) and a copied signature.
FORWARD = {
    "dev7": "From: {staff} <{email}>\nSent: {sent}\nTo: {mailbox}\nSubject: FW: {model} at pt home\n\n{body}",
    "fresh5": "-----Original Message-----\nFrom: {staff} [mailto:{email}]\nDate: {sent}\nCc: {mailbox}\n\n{body}",
}
SIGNATURE = {
    "dev7": "\n\nmany thanks\n{staff}\n{title} | {team}\n{site}\nT: {tel} ext {ext}\nSent from my iPhone",
    "fresh5": "\n\nKind regards,\n\n{staff}\n{title}\n{team}, {site}\nDirect line {tel} | Bleep {bleep}",
}
HISTORY = {
    "dev7": ["installed at {addr}", "moved to {care_home}", "{part} changed", "swapped by {first}",
             "pt {pat} transferred to unit", "collected from {addr} by {role}", "{alarm} logged", "water test ok"],
    "fresh5": ["Installed: {addr}", "Relocated to {care_home}", "{part} renewed", "Exchanged ({first})",
               "Patient {pat} deceased, collect", "Returned to {site}", "{alarm} recorded", "Disinfection done"],
}
