"""fresh17 of `sleep_export.py`: the Isle of Man's and the Channel Islands' sleep and respiratory service (people,
places and kept look-alikes), written for it alone and held out. Manx, Jersey and Guernsey names ("Le" and "de"
surnames), the islands' Madeiran, Latvian, Polish and Filipino communities; IM/JE/GY postcodes, 01624/01534/01481
numbers and the islands' mobiles; house names without a number; no NHS numbers: each island's own social security
number and hospital number shapes (`sleep_scene`). Shares no value with `sleep_london.py` (dev19)."""

from __future__ import annotations

POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "manx": (["Breesha", "Aalin", "Moirrey", "Ealish", "Voirrey", "Fenella", "Kirree"],
             ["Juan", "Orry", "Jamys", "Colum", "Stoyll", "Fingal"],
             ["Quayle", "Kermode", "Corlett", "Kinvig", "Cregeen", "Qualtrough", "Callister", "Kneale", "Quilliam",
              "Costain", "Kewley", "Skillicorn", "Faragher", "Gelling", "Quirk", "Clucas", "Crellin", "Teare"]),
    "jersey": (["Jocelyn", "Marguerite", "Elodie", "Annabel", "Rosalind", "Felicity"],
               ["Rupert", "Philippe", "Giles", "Ralph", "Jonty", "Yves"],
               ["Le Brocq", "Le Cornu", "de Gruchy", "Le Sueur", "Renouf", "Pallot", "Le Quesne", "Vibert",
                "Le Feuvre", "Gallichan", "Hamon", "Journeaux", "Mauger", "Huelin", "Romeril"]),
    "guernsey": (["Hermione", "Clementine", "Daphne", "Priscilla"], ["Rollo", "Crispin", "Hilary", "Rodney"],
                 ["Le Page", "Ozanne", "Brehaut", "Le Tissier", "Mahy", "Le Poidevin", "Tostevin", "Robilliard",
                  "De Garis", "Bichard", "Dorey", "Torode", "Ogier", "Guille", "Falla"]),
    "madeiran": (["Conceição", "Fátima", "Graça", "Lurdes"], ["João", "Agostinho", "Duarte", "Nélio"],
                 ["Freitas", "Gonçalves", "Abreu", "Vieira", "Nóbrega", "Gouveia"]),
    "baltic": (["Ilze", "Zane", "Līga", "Ewelina"], ["Jānis", "Andris", "Grzegorz", "Łukasz"],
               ["Bērziņš", "Kalniņa", "Ozoliņš", "Wróblewski", "Szymańska", "Krawczyk"]),
    "filipino": (["Maricel", "Rowena"], ["Rodel", "Jomar"], ["Dela Cruz", "Bautista", "Villanueva", "Macaraeg"]),
}
WEIGHTS = {"manx": 2.2, "jersey": 1.8, "guernsey": 1.6, "madeiran": 0.8, "baltic": 0.5, "filipino": 0.3}
LOCALES = {"en_GB": 0.5, "pt_PT": 0.2, "lv_LV": 0.12, "fr_FR": 0.12}
NICKNAMES = {"Moirrey": "Moira", "Agostinho": "Gus", "Marguerite": "Daisy", "Rupert": "Roo", "Clementine": "Clemmie",
             "Jamys": "Jimmy", "Grzegorz": "Greg", "Hermione": "Minnie", "Priscilla": "Cilla", "Jonty": "Jont"}
RELATIONS = {"mum": "f", "dad": "m", "spouse": "", "stepdaughter": "f", "grandson": "m", "sister-in-law": "f",
             "lodger": ""}
ROLES = {"physio": ["clinical physiologist", "CP", "sleep tech"], "tech": ["clin eng", "workshop"],
         "carer": ["care assistant", "home carer"], "driver": ["delivery driver", "van driver"],
         "admin": ["receptionist", "secretary"]}

# --- places: town -> (island, postcode districts, dialling code) ----------------------------------------------
TOWNS: dict[str, tuple[str, list[str], str]] = {
    "Douglas": ("man", ["IM1", "IM2"], "01624"), "Onchan": ("man", ["IM3"], "01624"),
    "Ramsey": ("man", ["IM8"], "01624"), "Peel": ("man", ["IM5"], "01624"), "Port Erin": ("man", ["IM9"], "01624"),
    "Laxey": ("man", ["IM4"], "01624"),
    "St Helier": ("jersey", ["JE2", "JE4"], "01534"), "St Brelade": ("jersey", ["JE3"], "01534"),
    "Gorey": ("jersey", ["JE3"], "01534"), "St Clement": ("jersey", ["JE2"], "01534"),
    "St Peter Port": ("guernsey", ["GY1"], "01481"), "St Sampson": ("guernsey", ["GY2"], "01481"),
    "Vale": ("guernsey", ["GY3"], "01481"), "Castel": ("guernsey", ["GY5"], "01481"),
}
STREETS = {"man": ["Bucks Road", "Ballaquayle Road", "Peel Road", "Ballabrooie Drive", "Queen's Promenade",
                   "Ballakilley Close"],
           "jersey": ["Rue de la Corbière", "La Route de St Aubin", "Bath Street", "Rue des Prés", "Val Plaisant"],
           "guernsey": ["Les Banques", "Rue du Pré", "Le Bordage", "Route de Carteret", "Les Gravées"]}
HOUSES = ["Thie Veg", "Ballavarane Cottage", "Les Charrières", "La Maison du Coin", "Les Fontaines",
          "La Vieille Maison", "Cronk y Berry"]
FLATS = ["Apartment ", "Apt "]
HOME_MAIL = ["manx.net", "cwgsy.net", "icloud.com", "btinternet.com", "jerseymail.je"]
MOBILE_PREFIX = {"man": ["7624"], "jersey": ["7797", "7829", "7700"], "guernsey": ["7781", "7911", "7839"]}

# --- the service (kept) -----------------------------------------------------------------------------------------
TRUST = "Islands Respiratory and Sleep Network"
UNITS = ["Illiam Dhone Respiratory Unit", "Sir Isaac Brock Sleep Laboratory", "Lillie Langtry Respiratory Suite",
         "Harbour View Sleep Centre"]
WARDS = ["Ward 9 Noble's", "Corbière Ward", "Victoria Wing Day Unit", "Lihou Ward"]
GP_PRACTICES = ["Dr Kermeen & Partners", "Ramsey Group Practice", "Dr Le Marquand's Surgery",
                "Castletown Medical Centre", "The Cobo Health Centre", "Dr Quine and Partners"]
MAILBOXES = ["sleep.service@manxcare.im", "respphys@health.gov.je", "sleeplab@gov.gg"]
HELPLINES = ["01624 650 505", "01534 442 800", "01481 707 366"]
JOB_TITLES = ["Chief Clinical Physiologist", "Sleep Technologist", "Respiratory Nurse Practitioner",
              "Clinical Engineering Officer", "Assistant Practitioner (Sleep)"]
STAFF_DOMAIN = {"man": "manxcare.im", "jersey": "health.gov.je", "guernsey": "gov.gg"}
LOGIN_DOMAIN = "ISLNET"
COURIERS = ["IOM Post Parcels", "Clarke's Island Carriers"]
LICENSING = "DVL"
