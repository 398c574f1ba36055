"""fresh20 of `audiology_export.py`: a Northern Ireland health and social care trust's audiology service in the
north-west (Derry/Londonderry, Strabane, Limavady, Omagh, Enniskillen), written for it alone and held out. Irish
names in Irish and in English spellings (fadas, Ó/Ní/Mac), Ulster Scots families, Lithuanian and Portuguese and
Timorese families who came for the meat plants, Keralan and Filipino nurses, Chinese families; BT postcodes, 028
numbers, Health and Care numbers; a hearing centre named after a nurse; Irish-medium schools. Shares no value with
`audiology_midlands.py` (dev22)."""

from __future__ import annotations

POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "irish": (["Aoibheann", "Caoimhe", "Gráinne", "Róisín", "Clodagh", "Orla", "Bríd", "Máiréad", "Saoirse",
               "Úna", "Fionnuala", "Deirbhile"],
              ["Ciarán", "Pádraig", "Oisín", "Cathal", "Darragh", "Éamonn", "Colm", "Fiachra", "Tiarnán",
               "Ruairí", "Donal"],
              ["Ó Dochartaigh", "Mac Giolla Bhríde", "McLaughlin", "O'Kane", "McGinley", "Devlin", "Quigley",
               "McElhinney", "Gallagher", "Doherty", "McCallion", "Mc Closkey", "Bradley", "Deery", "Ó Catháin",
               "McGonagle", "Breslin", "Duddy"]),
    "ulster_scots": (["Wilma", "Heather", "Lorna", "Ruby", "Sandra", "Elaine", "Hazel"],
                     ["Ivan", "Sammy", "Raymond", "Ernie", "Cecil", "Wilson", "Nigel"],
                     ["Hamilton", "Irvine", "Crawford", "Beattie", "Moffett", "Kerr", "Johnston", "Alcorn",
                      "Gault", "McFarland", "Loughlin", "Elliott"]),
    "lithuanian": (["Rūta", "Jurgita", "Vilma", "Daiva"], ["Tomas", "Darius", "Mindaugas", "Saulius"],
                   ["Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Žukauskas"]),
    "portuguese": (["Filomena", "Graça", "Lúcia"], ["João", "Domingos", "Abílio"],
                   ["Pereira", "Soares", "Guterres", "Ximenes", "da Costa"]),
    "keralan": (["Anju", "Bincy", "Smitha", "Reshma"], ["Shibu", "Jomon", "Binu", "Sajan"],
                ["Kurian", "Mathew", "Varghese", "Thekkekara", "Pulickal"]),
    "filipino": (["Maricar", "Rowena", "Jhoanna"], ["Romeo", "Arnel", "Jerome"], ["Bautista", "Santos", "Mendoza",
                                                                                   "Aquino"]),
    "chinese": (["Mei Ling", "Siu Wai", "Ka Yan"], ["Wai Keung", "Chi Ming"], ["Chan", "Wong", "Lau", "Cheung"]),
}
WEIGHTS = {"irish": 3.2, "ulster_scots": 1.6, "lithuanian": 0.5, "portuguese": 0.4, "keralan": 0.5, "filipino": 0.3,
           "chinese": 0.3}
NICKNAMES = {"Pádraig": "Páidí", "Éamonn": "Eamo", "Fionnuala": "Nuala", "Gráinne": "Gráinn", "Ruairí": "Rory",
             "Ciarán": "Ciaro", "Deirbhile": "Dervla", "Mindaugas": "Mindo", "Raymond": "Ray", "Cecil": "Cec",
             "Tiarnán": "Tiarnie"}
RELATIONS = {"mother": "f", "father": "m", "granny": "f", "daughter-in-law": "f", "nephew": "m", "partner": "",
             "home help": ""}
GUARDIANS = ["mother", "father", "granny"]
ROLES = {"aud": ["Audiologist", "AUD", "Clin Phys"], "tech": ["Technician", "HA Tech"], "admin": ["Admin", "AO"],
         "eng": ["Med Phys", "Cal Engineer"], "tod": ["Sensory Support Teacher", "Ed Aud"], "gp": ["Dr."],
         "maker": ["repair centre", "service tech"]}

# --- places: town -> (postcode districts, dialling code) ---------------------------------------------------------
TOWNS: dict[str, tuple[list[str], str]] = {
    "Derry": (["BT47", "BT48"], "028 71"), "Strabane": (["BT82"], "028 71"), "Limavady": (["BT49"], "028 77"),
    "Omagh": (["BT78", "BT79"], "028 82"), "Enniskillen": (["BT74"], "028 66"), "Dungiven": (["BT47"], "028 77"),
    "Castlederg": (["BT81"], "028 81"), "Lisnaskea": (["BT92"], "028 67"), "Irvinestown": (["BT94"], "028 68"),
    "Eglinton": (["BT47"], "028 71"),
}
STREETS = ["Strand Road", "Culmore Road", "Northland Road", "Clooney Terrace", "Main Street", "Derry Road",
           "Market Street", "Abercorn Road", "Killyclogher Road", "Forthill Road", "Sligo Road", "Bishop Street",
           "Irish Street", "Drumahoe Road", "Glenshane Road", "Lisnagelvin Park"]
FLATS = ["Apartment {n},", "Unit {n},"]
HOUSES = ["Drumnakilly Cottage", "Tullyhommon Farm", "Carrickmore House"]  # townland house names without a number
HOME_MAIL = ["outlook.com", "icloud.com", "aol.co.uk", "mail.com", "eircom.net"]

# --- the service (kept) -----------------------------------------------------------------------------------------
TRUST = "Western Health and Social Care Trust"
HOSPITALS = ["Altnagelvin Area Hospital", "South West Acute Hospital", "Omagh Hospital and Primary Care Complex",
             "Waterside Hospital"]
CLINICS = ["Audiology Department Altnagelvin", "Agnes Jones Audiology Suite", "Paediatric Audiology (Foyle)",
           "Hearing Aid Repair Clinic", "Newborn Hearing Screening Programme (WHSCT)"]
ROOMS = ["Room A{n}", "Test Room {L}", "Sound Room {L}", "Ear Mould Lab", "Workshop {n}"]
BOOTHS = ["Sound Room A", "Sound Room B", "Sound Room C", "Booth SWAH-1", "Booth SWAH-2"]
TEAMS = ["Paediatric Team", "Adult Hearing Services", "Tinnitus and Hyperacusis Clinic", "Educational Audiology",
         "Sensory Support Team", "Repairs Clinic"]
CLINIC_SITES = ["Shantallow Health Centre", "Strabane Health Centre", "Irvinestown Health Centre",
                "Limavady Health Centre", "Castlederg Health Centre"]
SITE_TOWNS = ["Shantallow", "Dungiven", "Lisnaskea", "Castlederg", "Eglinton"]
SCHOOLS = ["St Eugene's Primary School", "Gaelscoil Éadain Mhóir", "Foyle College", "Bunscoil Cholmcille",
           "Enniskillen Integrated Primary", "Drumragh Integrated College", "Holy Child Primary School",
           "Limavady Grammar School"]
GP_PRACTICES = ["Aberfoyle Medical Practice", "Clarendon Medical", "Slievemore Surgery", "Riverview Practice",
                "Bridge Street Group Practice", "Erne Health Centre GPs"]
CHARITIES = ["NDCS Northern Ireland", "Action on Hearing Loss NI", "Sense NI"]
MAILBOXES = ["audiology.altnagelvin@westerntrust.hscni.net", "hearing.repairs@westerntrust.hscni.net",
             "paeds.audiology@westerntrust.hscni.net", "medphys.cal@westerntrust.hscni.net"]
HELPLINES = ["028 7161 1183", "028 6638 2000", "0800 917 9255"]
JOB_TITLES = ["Lead Audiologist", "Band 6 Audiologist", "Audiology Technician", "Educational Audiologist",
              "Sensory Support Teacher", "Clinical Physiologist (Audiology)", "Admin Officer",
              "Medical Physics Engineer"]
TITLE_GROUPS = ["aud", "aud", "tech", "tod", "tod", "aud", "admin", "eng"]  # who holds each
STAFF_DOMAIN = "westerntrust.hscni.net"
LOGIN_DOMAIN = "WHSCT"
