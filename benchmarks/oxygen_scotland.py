"""fresh15 (held out) of `oxygen_export.py`: a Scottish health board's home oxygen service (people, places and kept
look-alikes), written for it alone. Gaelic and Scots names ("Mac"/"Mc", "Nic" for a woman's Gaelic surname), Scots
nicknames, Edinburgh tenement flats ("2F1", "14/3"), patients identified by CHI numbers; hospitals and wards named
after people ("Astley Ainslie Hospital", "Elsie Inglis Ward": kept). Shares no value with `oxygen_wales.py`."""

from __future__ import annotations

# origin: (female given, male given, surnames). A Gaelic "Mac..." of GAELIC_WOMEN becomes "Nic..." for a woman.
POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "gaelic": (["Màiri", "Catrìona", "Seonag", "Peigi", "Ciorstaidh", "Mòrag", "Sìne", "Oighrig"],
               ["Ruairidh", "Dòmhnall", "Seumas", "Iain", "Fionnlagh", "Tormod", "Uilleam", "Alasdair", "Calum"],
               ["MacLeòid", "MacAoidh", "MacDhòmhnaill", "Moireasdan", "MacIlleathain", "Caimbeul"]),
    "scots": (["Agnes", "Jessie", "Jeanie", "Isla", "Skye", "Shona", "Rhona", "Aileen", "Lorna", "Morven", "Janet",
               "Margaret", "Elspeth", "Kirsteen"],
              ["Angus", "Alistair", "Euan", "Brodie", "Craig", "Gregor", "Finlay", "William", "Hugh", "Thomas",
               "Robert", "Alexander", "Fraser", "Duncan"],
              ["MacLeod", "McKenzie", "MacDonald", "McIntyre", "Mackay", "MacPherson", "McGregor", "Stewart",
               "Robertson", "Brodie", "Kerr", "Paterson", "Sutherland", "Dalgleish", "Gilchrist", "Lindsay",
               "Shearer", "Baxter", "Haddow", "Rutherford", "Cairns", "Drummond", "McLaren", "Mackintosh"]),
    "italian_scots": (["Giulia", "Carla"], ["Dario", "Enzo"], ["Coia", "Crolla", "Valente", "Nardini"]),
    "south_asian": (["Nusrat", "Samina"], ["Asif", "Kamran"], ["Malik", "Qureshi", "Sarwar"]),
}
WEIGHTS = {"gaelic": 1.2, "scots": 4.0, "italian_scots": 0.4, "south_asian": 0.5}
LOCALES = {"en_GB": 1.0, "it_IT": 0.2, "en_PK": 0.25, "lv_LV": 0.15, "ig_NG": 0.15}
GAELIC_WOMEN = {"MacLeòid": "NicLeòid", "MacAoidh": "NicAoidh", "MacDhòmhnaill": "NicDhòmhnaill",
                "MacIlleathain": "NicIlleathain"}
NICKNAMES = {"William": "Wullie", "Hugh": "Shug", "Thomas": "Tam", "Robert": "Rab", "Alexander": "Sandy",
             "Janet": "Jinty", "Margaret": "Peggy", "Alistair": "Ally"}
MONTHS: list[str] = []  # typed dates of birth name the month in English here

# --- places: town -> (postcode districts, dialling code, districts of it) ----------------------------------------
TOWNS: dict[str, tuple[list[str], str, list[str]]] = {
    "Edinburgh": (["EH3", "EH7", "EH11"], "0131", ["Gorgie", "Stockbridge", "Craigentinny"]),
    "Leith": (["EH6"], "0131", ["Newhaven", "Restalrig"]),
    "Musselburgh": (["EH21"], "0131", ["Wallyford", "Inveresk"]),
    "Dalkeith": (["EH22"], "0131", ["Eskbank", "Newtongrange"]),
    "Penicuik": (["EH26"], "01968", ["Auchendinny"]),
    "Broxburn": (["EH52"], "01506", ["Uphall"]),
    "Linlithgow": (["EH49"], "01506", ["Linlithgow Bridge"]),
    "Haddington": (["EH41"], "01620", ["Gifford"]),
    "North Berwick": (["EH39"], "01620", ["Dirleton"]),
    "Dunbar": (["EH42"], "01368", ["West Barns"]),
    "Tranent": (["EH33"], "01875", ["Elphinstone"]),
    "Bonnyrigg": (["EH19"], "0131", ["Lasswade"]),
}
STREETS = ["Comely Bank Row", "Easter Road", "Leith Walk", "Dalry Road", "Bruntsfield Place", "Restalrig Avenue",
           "Ferry Road", "Duke Street", "Montgomery Street", "Lochend Road", "Great Junction Street", "Eskbank Road",
           "Inveresk Road", "Gilmerton Dykes Street", "Main Street", "The Loan", "Station Brae", "Kirk Wynd"]
HOUSES = ["Rowan Cottage", "Braeside", "The Neuk", "Hillview", "Burnside Cottage", "Craigmore", "Ivy Bank"]
# Tenement flats: floor F position ("2F1"), a main-door or ground flat.
FLATS = ["1F1", "1F2", "2F1", "2F2", "3F1", "3F2", "PF1", "PF3", "GF"]
HOME_MAIL = ["outlook.com", "aol.com", "icloud.com", "sky.com", "blueyonder.co.uk"]

# --- kept look-alikes -------------------------------------------------------------------------------------------
BOARD = "NHS Lothian"
SUPPLIER = "Forth Home Oxygen Ltd"
STAFF_DOMAIN = "nhs.scot"
DEPOTS = ["Newbridge Depot", "Sighthill Yard", "Macmerry Store"]
HOME_LOCATION = "Client residence"
HOSPITALS = ["St John's Hospital", "Liberton Hospital", "Astley Ainslie Hospital", "Roodlands Community Hospital",
             "Belhaven Hospital", "Edington Cottage Hospital", "Midlothian Community Hospital",
             "Royal Infirmary of Edinburgh"]
WARDS = ["Ward 201 (Respiratory)", "Elsie Inglis Ward", "Sophia Jex-Blake Ward", "Pentland Ward", "Ward 14",
         "Respiratory Day Unit", "Craiglockhart Ward", "Ward 51 (Chest Medicine)"]
PRACTICES = ["Dr Cruickshank & Partners", "Drs Haldane, Rennie and Bell", "Leith Links Medical Group",
             "Eskbank Medical Practice", "The Tollcross Surgery", "Dr Abercrombie's Practice"]
MAILBOXES = ["loth.homeoxygen@nhs.scot", "orders@forthoxygen.co.uk", "respiratory.referrals@nhs.scot"]
HELPLINES = ["0800 085 6612", "0800 731 2290"]
SWITCHBOARDS = ["0131 537 1000", "01506 523 000"]
JOB_TITLES = ["Home Oxygen Nurse Specialist", "Advanced Nurse Practitioner (Respiratory)",
              "Specialist Respiratory Physiotherapist", "Community Respiratory Team Lead"]
ROLES = {"nurse": ["RNS", "HOS sister"], "eng": ["technician", "tech"], "driver": ["courier", "van lad"],
         "carer": ["care assistant", "HCA"]}
RELATIONS = {"brother": "m", "aunt": "f", "grandson": "m", "granddaughter": "f", "nephew": "m", "partner": "",
             "stepdaughter": "f", "cousin": ""}
