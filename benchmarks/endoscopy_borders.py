"""fresh19 of `endoscopy_export.py`: the Scottish Borders' endoscopy and decontamination service (people, places and
kept look-alikes), written for it alone and held out. Border and Lowland Scots names, Polish and Bulgarian families
who came for the mills and the farms, Syrian families resettled in the towns, Filipino and Keralan nurses, Nigerian
doctors; TD and EH postcodes, 01896 and the towns' own codes, CHI numbers; units named after people (Jeannie Deans
Endoscopy Unit, Mungo Park Day Procedures Unit). Shares no value with `endoscopy_wales.py` (dev21)."""

from __future__ import annotations

POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "borders": (["Isobel", "Alison", "Fiona", "Moira", "Elspeth", "Gail", "Kirsteen", "Morven"],
                ["Alastair", "Ewan", "Graeme", "Iain", "Hector", "Walter", "Callum", "Ruaridh"],
                ["Elliot", "Armstrong", "Turnbull", "Rutherford", "Pringle", "Hogg", "Laidlaw", "Renwick", "Tait",
                 "Haig", "Cranston", "Brydon", "Redpath", "Nichol", "Anderson", "Douglas"]),
    "lowland": (["Agnes", "Senga", "Jessie"], ["Tam", "Rab", "Wullie"], ["McDougall", "Blackie", "Fairbairn"]),
    "polish": (["Katarzyna", "Dorota", "Zuzanna"], ["Tomasz", "Łukasz", "Grzegorz"],
               ["Wójcik", "Zieliński", "Szymańska", "Kowalczyk"]),
    "bulgarian": (["Desislava", "Galina"], ["Stoyan", "Plamen"], ["Petrova", "Dimitrov", "Georgieva"]),
    "syrian": (["Lama", "Nour", "Hiba"], ["Khaled", "Omar", "Bassel"], ["Al-Hamwi", "Haddad", "Khoury", "Darwish"]),
    "nurses": (["Ligy", "Maricel", "Jocelyn", "Jisha"], ["Binoy", "Reynaldo"],
               ["Kurian", "Cherian", "Dela Cruz", "Villanueva"]),
    "nigerian": (["Adaeze", "Folake"], ["Chinedu", "Babatunde"], ["Okonkwo", "Adebayo", "Nwosu"]),
}
WEIGHTS = {"borders": 3.2, "lowland": 0.8, "polish": 0.6, "bulgarian": 0.3, "syrian": 0.4, "nurses": 0.5,
           "nigerian": 0.4}
LOCALES = {"en_GB": 0.35, "pl_PL": 0.1, "en_IE": 0.1}
NICKNAMES = {"Alastair": "Ali", "Elspeth": "Elsie", "Katarzyna": "Kasia", "Grzegorz": "Grzes", "Wullie": "Wull",
             "Babatunde": "Tunde", "Chinedu": "Nedu", "Reynaldo": "Rey", "Ruaridh": "Roo", "Isobel": "Izzy",
             "Desislava": "Desi", "Kirsteen": "Kirst"}
RELATIONS = {"wife": "f", "son-in-law": "m", "niece": "f", "neighbour": "", "next of kin": "", "father": "m"}
ROLES = {"endo": ["Dr.", "Cons", "Mr."], "nurse": ["SCN", "RGN", "charge nurse"],
         "decon": ["SSD", "decon op", "reprocessing"], "eng": ["medical physics", "MEMS"],
         "lab": ["labs", "micro dept"], "field": ["service eng", "mfr eng"]}

# --- places: town -> (postcode districts, dialling code) ---------------------------------------------------------
TOWNS: dict[str, tuple[list[str], str]] = {
    "Hawick": (["TD9"], "01450"), "Galashiels": (["TD1"], "01896"), "Melrose": (["TD6"], "01896"),
    "Kelso": (["TD5"], "01573"), "Jedburgh": (["TD8"], "01835"), "Selkirk": (["TD7"], "01750"),
    "Peebles": (["EH45"], "01721"), "Duns": (["TD11"], "01361"), "Eyemouth": (["TD14"], "01890"),
    "Innerleithen": (["EH44"], "01896"), "Earlston": (["TD4"], "01896"), "Coldstream": (["TD12"], "01890"),
}
STREETS = ["Wilton Hill", "Teviot Crescent", "Buccleuch Street", "Roxburgh Street", "Abbotsford Road",
           "Eildon Terrace", "Channel Street", "Forest Road West", "Wilderhaugh", "Bongate", "Bowmont Street",
           "Ednam Road", "Gala Park"]
HOUSES = ["Whitmuir Farm Cottage", "Lilliesleaf Mains", "Easter Softlaw", "The Schoolhouse, Ettrickbridge"]
FLATS = ["{n}/1 ", "Flat {n}/2 "]
HOME_MAIL = ["outlook.com", "yahoo.co.uk", "icloud.com", "talktalk.net"]

# --- the service (kept) -----------------------------------------------------------------------------------------
TRUST = "NHS Borders"
HOSPITALS = ["Borders General Hospital", "Hawick Community Hospital", "Kelso Community Hospital",
             "Hay Lodge Hospital"]
UNITS = ["Jeannie Deans Endoscopy Unit", "Mungo Park Day Procedures Unit", "Sterile Services Department (BGH)",
         "Huntlyburn Reprocessing Hub", "Tweed Urology Suite"]
WARDS = ["Medical Ward 5", "Ward 9 Surgical", "Cauldshiels Ward", "Ettrick Ward", "Day Procedure Unit",
         "ENT Outpatients"]
ROOMS = ["Procedure Room {n}", "Scope Room {L}", "Theatre {n}", "Bronchoscopy Bay {n}"]
WASHERS = ["AER-A", "AER-B", "AER-C", "AER-D", "Reprocessor B2"]
PROCEDURES = {"Gastroscope": ["UGIE", "Upper GI endoscopy + CLO", "PEG", "Variceal banding"],
              "Colonoscope": ["LGIE", "Flexible sigmoidoscopy", "Colonoscopy - polyp removal"],
              "Bronchoscope": ["FOB", "Bronchoscopy with washings"], "EBUS bronchoscope": ["EBUS"],
              "Duodenoscope": ["ERCP sphincterotomy", "ERCP stone extraction"],
              "Flexible cystoscope": ["Check cystoscopy", "JJ stent removal"],
              "ENT nasendoscope": ["Flexible nasendoscopy", "Swallow assessment (FEES)"]}
GP_PRACTICES = ["Teviot Medical Practice", "Roxburgh Street Surgery", "Eildon Medical Practice",
                "Kelso Medical Group", "Waverley Medical Practice", "Knoll Health Centre"]
MAILBOXES = ["endoscopy.bgh@borders.scot.nhs.uk", "ssd.decon@borders.scot.nhs.uk", "mems.helpdesk@borders.scot.nhs.uk",
             "micro.results@borders.scot.nhs.uk"]
HELPLINES = ["01896 826 000", "0345 602 0106", "0131 242 2222"]
JOB_TITLES = ["Sterile Services Manager", "Charge Nurse (Endoscopy)", "Decontamination Operative",
              "Consultant Physician", "Consultant Surgeon", "Biomedical Scientist", "Medical Physics Technician",
              "Senior Clinical Technologist", "Service Engineer"]
TITLE_GROUPS = ["decon", "nurse", "decon", "endo", "endo", "lab", "eng", "eng", "field"]  # who holds each
STAFF_DOMAIN = "borders.scot.nhs.uk"
LOGIN_DOMAIN = "BORDERS"
