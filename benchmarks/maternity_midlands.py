"""dev20 of `maternity_export.py`: an East Midlands trust's maternity and neonatal service (people, places and kept
look-alikes), written for it alone. Leicester and Leicestershire: Gujarati, Punjabi, Pakistani, Somali, Polish,
Romanian, Kurdish, Caribbean and East Midlands English names; LE postcodes, 0116 and county numbers, mothers from
abroad with their home country's mobiles; units and wards named after people (a birth centre after a midwife, a
neonatal unit after a paediatrician, Bailey Ward). Shares no value with `maternity_grampian.py` (fresh18)."""

from __future__ import annotations

# origin: (female given, male given, surnames)
POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "gujarati": (["Hetal", "Bhavna", "Krupa", "Dipti", "Nisha", "Jalpa", "Komal", "Mittal", "Falguni"],
                 ["Jignesh", "Hitesh", "Ketan", "Nilesh", "Chirag", "Paresh"],
                 ["Mistry", "Chauhan", "Parmar", "Solanki", "Lad", "Vaghela", "Gohil", "Makwana", "Chudasama",
                  "Patel"]),
    "punjabi": (["Harpreet", "Jaspreet", "Manjit", "Rajwinder", "Navdeep", "Simran"],
                ["Harjinder", "Kulwinder", "Balvinder", "Gurdip", "Jaswant"],
                ["Kaur", "Sandhu", "Dhillon", "Gill", "Bains", "Johal", "Sidhu", "Virdi"]),
    "pakistani": (["Ayesha", "Sadia", "Nabila", "Rubina", "Saima", "Shazia"], ["Imran", "Zubair", "Asif", "Kashif"],
                  ["Hussain", "Akhtar", "Mahmood", "Iqbal", "Bibi", "Rashid", "Qureshi"]),
    "somali": (["Hodan", "Amina", "Fadumo", "Sahra", "Ifrah", "Ubah"], ["Abdirahman", "Mahad", "Abdullahi", "Liban"],
               ["Mohamed", "Abdi", "Warsame", "Farah", "Yusuf", "Egal", "Jama", "Osman"]),
    "polish": (["Agata", "Magdalena", "Joanna", "Małgorzata", "Aleksandra"], ["Krzysztof", "Paweł", "Michał"],
               ["Wiśniewska", "Kamińska", "Lewandowska", "Dąbrowski", "Mazur", "Pawlak"]),
    "romanian": (["Andreea", "Ioana", "Roxana", "Mihaela", "Bianca"], ["Florin", "Ionuț", "Cătălin", "Bogdan"],
                 ["Popescu", "Ionescu", "Dumitru", "Stoica", "Munteanu", "Constantin"]),
    "kurdish": (["Rojin", "Avin", "Shilan", "Rasha"], ["Rebwar", "Karwan", "Hawre"],
                ["Rahimi", "Karimi", "Sleman", "Rasul"]),
    "caribbean": (["Shanice", "Keisha", "Tanisha"], ["Jermaine", "Delano", "Marlon"],
                  ["Walters", "Samuels", "Beckford", "Henry", "Grant"]),
    "eastmidlands": (["Gemma", "Stacey", "Kelly", "Leanne", "Danielle", "Joy", "Summer"],
                     ["Dean", "Lee", "Wayne", "Ashley", "Craig"],
                     ["Pochin", "Tebbutt", "Wragg", "Hextall", "Smalley", "Orton", "Marriott", "Bramley", "Toon",
                      "Cufflin"]),
}
WEIGHTS = {"gujarati": 2.0, "punjabi": 1.2, "pakistani": 1.0, "somali": 0.9, "polish": 0.7, "romanian": 0.7,
           "kurdish": 0.4, "caribbean": 0.6, "eastmidlands": 1.6}
LOCALES = {"en_GB": 0.5, "en_IN": 0.3, "pl_PL": 0.15, "ro_RO": 0.15}
NICKNAMES = {"Małgorzata": "Gosia", "Aleksandra": "Ola", "Krzysztof": "Krzys", "Jaspreet": "Jas",
             "Rajwinder": "Raj", "Kulwinder": "Kully", "Danielle": "Dani", "Gemma": "Gem", "Abdullahi": "Abdul",
             "Mihaela": "Miha", "Falguni": "Fal", "Balvinder": "Bal"}
# relation word -> the relative's sex ("" either)
RELATIONS = {"husband": "m", "partner": "", "mum": "f", "MIL": "f", "sister": "f", "dad": "m"}
ROLES = {"midwife": ["MW", "midwife", "RM"], "cmw": ["CMW", "comm MW"], "nnurse": ["NNU nurse", "SN"],
         "msw": ["MSW", "support worker"], "doctor": ["Reg", "SHO"], "tech": ["EBME", "tech"],
         "sw": ["SW", "social worker"], "interp": ["interpreter"], "hv": ["HV", "health visitor"]}
LANGUAGES = ["Gujarati", "Punjabi", "Urdu", "Somali", "Polish", "Romanian", "Kurdish Sorani", "Tigrinya"]
INTERPRETING = ["Language Line", "DA Languages"]  # agencies (plain text, not planted)

# --- places: town -> (postcode districts, dialling code) ---------------------------------------------------------
TOWNS: dict[str, tuple[list[str], str]] = {
    "Belgrave": (["LE4"], "0116"), "Highfields": (["LE2"], "0116"), "Evington": (["LE5"], "0116"),
    "Braunstone": (["LE3"], "0116"), "Beaumont Leys": (["LE4"], "0116"), "Oadby": (["LE2"], "0116"),
    "Wigston": (["LE18"], "0116"), "Syston": (["LE7"], "0116"), "Loughborough": (["LE11"], "01509"),
    "Shepshed": (["LE12"], "01509"), "Coalville": (["LE67"], "01530"), "Hinckley": (["LE10"], "01455"),
    "Melton Mowbray": (["LE13"], "01664"),
}
STREETS = ["Melton Road", "Narborough Road", "Evington Road", "Catherine Street", "Loughborough Road",
           "Hinckley Road", "Braunstone Lane", "Gipsy Lane", "Uppingham Road", "St Saviours Road", "Ashby Road",
           "Forest Road", "Belvoir Drive", "Checketts Road", "Welford Road"]
BLOCKS = ["Maxfield House", "St Peter's Court", "Goscote House", "Framland House"]  # flats' blocks
FLATS = ["Flat ", "flat "]
HOME_MAIL = ["gmail.com", "hotmail.co.uk", "yahoo.com", "outlook.com", "icloud.com"]
# an overseas mother's mobile, as typed: (country code, pattern of digits "#")
OVERSEAS = [("+48", "### ### ###"), ("+40", "7## ### ###"), ("+91", "9#### #####"), ("+92", "3## #######"),
            ("+252", "61 #######")]

# --- the service (kept) -----------------------------------------------------------------------------------------
TRUST = "Soar Valley University Hospitals NHS Trust"
HOSPITALS = ["Soar Valley Royal Infirmary", "Charnwood General Hospital", "Wreake Community Hospital"]
UNITS = ["Rosalind Paget Birth Centre", "Cicely Williams Neonatal Unit", "Wreake Midwife-led Unit",
         "Fetal Medicine Unit", "Community Midwifery Hub (Belgrave)"]
WARDS = ["Bailey Ward", "Kestrel Ward", "Delivery Suite", "Ward 31 Transitional Care", "Maternity Assessment Unit",
         "Lark Ward"]
BEDS = ["LW Rm {n}", "Bed {n}", "Cot {n}", "Pool Room {n}", "Triage Bay {n}", "ITU cot {n}"]
GP_PRACTICES = ["Dr Sheth & Partners", "Spinney Hill Medical Centre", "The Charnwood Surgery",
                "Dr Pathak's Practice", "Humberstone Road Surgery", "Hazelmere Medical Group"]
MAILBOXES = ["svuh.maternityequipment@nhs.net", "medphys.helpdesk@svuh.nhs.uk", "svuh.infantfeeding@nhs.net",
             "ebme.neonatal@svuh.nhs.uk"]
HELPLINES = ["0116 258 7712", "0300 303 1573", "0116 225 4400"]
JOB_TITLES = ["Community Midwife", "Band 7 Labour Ward Coordinator", "Maternity Support Worker", "Neonatal Nurse",
              "ANNP", "Obstetric Registrar", "Infant Feeding Lead", "Medical Physics Technologist",
              "Clinical Scientist"]
TITLE_GROUPS = ["cmw", "midwife", "msw", "nnurse", "nnurse", "doctor", "midwife", "tech", "tech"]  # who holds each
STAFF_DOMAIN = "nhs.net"
LOGIN_DOMAIN = "SVUH"
