"""dev21 of `endoscopy_export.py`: a south Wales university health board's endoscopy and decontamination service
(people, places and kept look-alikes), written for it alone. Swansea, Neath Port Talbot, the valleys and Cardiff:
Welsh names and their nicknames, valleys English, Cardiff's Somali and Yemeni, Bangladeshi, Italian-Welsh cafe
families, Indian and Keralan doctors and nurses; SA and CF postcodes, 029 and 01792 numbers, NHS numbers; Cymraeg
words in the notes; units named after people (Dilys Glanmor Endoscopy Unit). Every value is one Windows-1252 can
write (the washers' cycle log is saved so). Shares no value with `endoscopy_borders.py` (fresh19)."""

from __future__ import annotations

# origin: (female given, male given, surnames)
POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "welsh": (["Catrin", "Ffion", "Angharad", "Nia", "Sioned", "Eleri", "Bethan", "Lowri", "Mererid", "Heledd",
               "Rhiannon", "Siân", "Carys", "Elin", "Nerys", "Gwenno"],
              ["Rhys", "Dafydd", "Gareth", "Iwan", "Emyr", "Gethin", "Aled", "Rhodri", "Huw", "Owain", "Geraint",
               "Ieuan"],
              ["Pritchard", "Prosser", "Bevan", "Powell", "Griffiths", "Llewellyn", "Rees", "Jenkins", "Watkins",
               "Parry", "Howells", "Gwilym", "Rowlands", "Meredith", "Vaughan", "Lloyd", "ap Iorwerth"]),
    "valleys": (["Kayleigh", "Jodie", "Lynette", "Cerys", "Stacey"], ["Jason", "Kyle", "Wayne", "Clive", "Dai"],
                ["Probert", "Gwynne", "Prothero", "Beynon", "Harries", "Mathias", "Hopkin"]),
    "somali": (["Hibo", "Nasra", "Fowsia"], ["Abdiaziz", "Saeed", "Guled"], ["Hersi", "Nur", "Duale", "Aden"]),
    "yemeni": (["Samira", "Arwa"], ["Nabil", "Fuad"], ["Al-Aidaroos", "Saleh", "Mothana"]),
    "bangladeshi": (["Shirin", "Rumana", "Jahanara"], ["Mizanur", "Shafiq", "Jubair"],
                    ["Miah", "Uddin", "Begum", "Choudhury"]),
    "italian": (["Giovanna", "Lucia"], ["Mario", "Carlo"], ["Sidoli", "Conti", "Rabaiotti", "Bracchi"]),
    "indian": (["Deepa", "Lakshmi", "Jincy", "Sheeba"], ["Venkat", "Suresh", "Arvind", "Jobin"],
               ["Subramanian", "Nair", "Raghavan", "Varghese", "Kuriakose"]),
}
WEIGHTS = {"welsh": 3.0, "valleys": 1.2, "somali": 0.4, "yemeni": 0.3, "bangladeshi": 0.5, "italian": 0.3,
           "indian": 0.6}
LOCALES = {"en_GB": 0.6, "en_IN": 0.15}
NICKNAMES = {"Dafydd": "Daf", "Angharad": "Hari", "Rhiannon": "Rhi", "Bethan": "Beth", "Geraint": "Ger",
             "Gareth": "Gaz", "Kayleigh": "Kay", "Venkat": "Venky", "Mizanur": "Mizan", "Giovanna": "Gio",
             "Ieuan": "Ifan", "Lowri": "Lows"}
# relation word -> the relative's sex ("" either)
RELATIONS = {"husband": "m", "daughter": "f", "mam": "f", "son": "m", "partner": "", "sister-in-law": "f"}
ROLES = {"endo": ["Dr", "consultant", "Prof"], "nurse": ["Sr", "SN", "nyrs", "staff nurse"],
         "decon": ["decon tech", "LDU", "tech"], "eng": ["EBME", "eng"], "lab": ["micro", "lab"],
         "field": ["FSE", "rep"]}

# --- places: town -> (postcode districts, dialling code) ---------------------------------------------------------
TOWNS: dict[str, tuple[list[str], str]] = {
    "Treforys": (["SA6"], "01792"), "Sgeti": (["SA2"], "01792"), "Castell-nedd": (["SA10", "SA11"], "01639"),
    "Port Talbot": (["SA12", "SA13"], "01639"), "Pontardawe": (["SA8"], "01792"), "Llanelli": (["SA14", "SA15"],
                                                                                               "01554"),
    "Ystradgynlais": (["SA9"], "01639"), "Pontypridd": (["CF37"], "01443"), "Aberdâr": (["CF44"], "01685"),
    "Grangetown": (["CF11"], "029"), "Y Barri": (["CF62"], "01446"), "Penarth": (["CF64"], "029"),
    "Tonypandy": (["CF40"], "01443"),
}
STREETS = ["Heol y Nant", "Stryd Fawr", "Heol Gwyrosydd", "Lôn Las", "Clos y Wern", "Heol Llangyfelach",
           "Commercial Street", "Bute Street", "Heol Maes yr Haf", "Ffordd Brynhyfryd", "Pen-y-Graig Road",
           "Clydach Road", "Heol Cae Gurwen"]
HOUSES = ["Bryn Awel", "Ty Gwyn", "Maes yr Haf", "Penlan Fach"]  # house names without a number
FLATS = ["Flat ", "Fflat "]
HOME_MAIL = ["btinternet.com", "hotmail.co.uk", "gmail.com", "sky.com"]

# --- the service (kept) -----------------------------------------------------------------------------------------
TRUST = "Bwrdd Iechyd Prifysgol Tawe Nedd"
HOSPITALS = ["Ysbyty Glan Tawe", "Ysbyty Castell-nedd Port Talbot", "Ysbyty Cwm Cynon", "Ysbyty Gorseinon"]
UNITS = ["Dilys Glanmor Endoscopy Unit", "Tomos Gwyther Bronchoscopy Suite", "Uned Dadheintio Glan Tawe",
         "Endoscopy Decontamination Unit (Castell-nedd)", "Urology Day Unit"]
WARDS = ["Ward Cyfarthfa", "Ward Dyfed", "Ward Penllergaer", "Gastro Day Unit", "Ward Rhossili", "ENT Clinic 3"]
ROOMS = ["Endo Room {n}", "Ystafell {n}", "Bronch Suite {n}", "Cysto Room {n}"]
WASHERS = ["Washer 1", "Washer 2", "Washer 3", "Washer 4", "AER 5"]
PROCEDURES = {"Gastroscope": ["OGD", "OGD + biopsy", "PEG insertion", "Banding"],
              "Colonoscope": ["Colonoscopy", "Flexi Sig", "Colonoscopy + polypectomy"],
              "Bronchoscope": ["Bronchoscopy", "Bronch + BAL"], "EBUS bronchoscope": ["EBUS-TBNA"],
              "Duodenoscope": ["ERCP", "ERCP + stent"], "Flexible cystoscope": ["Flexible cystoscopy", "Stent removal"],
              "ENT nasendoscope": ["Nasendoscopy", "FEES"]}
GP_PRACTICES = ["Meddygfa'r Llan", "Tawe Medical Centre", "Canolfan Iechyd Cwmtawe", "Grangetown Health Centre",
                "Meddygfa Brynhyfryd", "Pentwyn Surgery"]
MAILBOXES = ["endoscopy.decon.tawe@wales.nhs.uk", "ldu.glantawe@wales.nhs.uk", "ebme.tawe@wales.nhs.uk",
             "water.results.micro@wales.nhs.uk"]
HELPLINES = ["01792 703 456", "0330 088 2266", "029 2074 2233"]
JOB_TITLES = ["Decontamination Lead", "Endoscopy Unit Manager", "Senior Decontamination Technician",
              "Nurse Endoscopist", "Consultant Gastroenterologist", "Clinical Scientist (Microbiology)",
              "Authorising Engineer (Decontamination)", "EBME Technician", "Field Service Engineer"]
TITLE_GROUPS = ["decon", "nurse", "decon", "endo", "endo", "lab", "eng", "eng", "field"]  # who holds each
STAFF_DOMAIN = "wales.nhs.uk"
LOGIN_DOMAIN = "CYMRU"
