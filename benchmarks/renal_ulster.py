"""fresh16 of `renal_export.py`: a Northern Ireland health and social care trust's renal service (people, places and
kept look-alikes), written for it alone: Irish-language and Ulster-Scots names (síneadh fada kept, "Ní" and "Mac"
forms), BT postcodes, 028 numbers, townland house names, Health and Care numbers, hospital numbers with a letter
prefix and spaced, lab numbers "Spec: B25-0123456". Shares no value with `renal_england.py` (dev18)."""

from __future__ import annotations

POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "irish": (["Aoife", "Caoimhe", "Siobhán", "Niamh", "Gráinne", "Clodagh", "Orlaith", "Sinéad", "Bríd",
               "Róisín", "Éabha", "Saoirse", "Dearbhla", "Aisling", "Fionnuala"],
              ["Ciarán", "Pádraig", "Oisín", "Eoin", "Colm", "Darragh", "Seán", "Cathal", "Fearghal", "Tiarnán",
               "Ruairí", "Donal", "Cormac", "Enda", "Ronan"],
              ["McCann", "Devlin", "Quinn", "O'Neill", "McGuigan", "Doherty", "McAleese", "Hegarty", "Gallagher",
               "McCusker", "Mullan", "Donnelly", "Ó Dónaill", "Mac Giolla Bhríde", "Ní Bhriain", "McGlinchey",
               "Toner", "Cassidy", "Maguire", "Corrigan"]),
    "ulsterscots": (["Ruth", "Lorna", "Heather", "Violet", "Elspeth"], ["Samuel", "Alastair", "Ivan", "Wilbert",
                                                                      "Raymond"],
                    ["Irvine", "Kerr", "McIlwaine", "Patterson", "Gilmore", "Wylie", "Stewart"]),
    "newcomers": (["Ana", "Daniela", "Maria"], ["Bogdan", "Joaquim", "Vasile"], ["Popescu", "Ferreira", "Silva"]),
}
WEIGHTS = {"irish": 4.0, "ulsterscots": 1.5, "newcomers": 0.6}
LOCALES = {"en_IE": 1.0, "ro_RO": 0.2, "pt_PT": 0.15}
NICKNAMES = {"Pádraig": "Packie", "Fearghal": "Fergie", "Cathal": "Cal", "Siobhán": "Shiv", "Samuel": "Sammy",
             "Fionnuala": "Nuala", "Tiarnán": "Tiarny", "Wilbert": "Wilbur", "Ruairí": "Rory"}
RELATIONS = {"mammy": "f", "da": "m", "eldest girl": "f", "the lad": "m", "fiancée": "f", "brother-in-law": "m",
             "niece": "f"}
ROLES = {"nurse": ["dom. dialysis RGN", "Charge Nurse", "home HD nurse specialist"],
         "tech": ["MTO", "clinical engineer", "Med Tech Officer"], "carer": ["homecare", "domiciliary worker"],
         "admin": ["receptionist", "booking clerk"]}

TOWNS: dict[str, tuple[list[str], str]] = {
    "Enniskillen": (["BT74"], "028 66"), "Omagh": (["BT78", "BT79"], "028 82"), "Strabane": (["BT82"], "028 71"),
    "Newry": (["BT34", "BT35"], "028 30"), "Ballymena": (["BT42", "BT43"], "028 25"),
    "Coleraine": (["BT51", "BT52"], "028 70"), "Cookstown": (["BT80"], "028 86"),
    "Downpatrick": (["BT30"], "028 44"), "Armagh": (["BT60", "BT61"], "028 37"),
    "Magherafelt": (["BT45"], "028 79"), "Limavady": (["BT49"], "028 77"), "Dungannon": (["BT70", "BT71"], "028 87"),
}
STREETS = ["Drumcoo Road", "Killyclogher Road", "Main Street", "Irish Street", "Dublin Road", "Gortin Brae",
           "Loughry Park", "Moy Road", "Ballynahinch Road", "Tullyhogue Close", "Sperrin View", "Lisnaskea Rise",
           "Cranagh Hill", "Brook Meadows", "Rathfriland Road", "Castle Terrace"]
HOUSES = ["Carrowbeg House", "Tír na nÓg", "Rosebank", "Drumard Farm", "Glenview Bungalow", "The Mill Race",
          "Slieve Cottage", "Lisheen"]
FLATS = ["Unit ", "No. "]
HOME_MAIL = ["yahoo.co.uk", "outlook.com", "icloud.com", "aol.com", "eircom.net"]
W3W = ["pelican", "tribes", "shovel", "meadow", "glimpse", "rafters", "cobbled", "tweed", "harbour", "jigsaw",
       "kettle", "novel", "pennies", "rugby", "scones", "thistle", "velvet", "yonder", "zipped", "beetroot"]

NETWORK = "Mourne and Sperrin Health and Social Care Trust"
TRUST = "Mourne and Sperrin HSC Trust"
UNITS = ["Mary Ann McCracken Renal Unit", "Lough Erne Satellite Unit", "Dr Mary Lowry Dialysis Centre",
         "Slieve Gullion Satellite"]
WARDS = ["Ward 3 North Nephrology", "Finn Ward", "Domiciliary Dialysis Office", "Renal Assessment Bay"]
HOME_LOCATION = "DOMICILIARY - patient residence"
MAILBOXES = ["medphys.renal@mstrust.hscni.net", "domdialysis@mstrust.hscni.net", "poct.support@mstrust.hscni.net"]
HELPLINES = ["0800 917 1020", "028 9504 0101", "0345 266 7788"]
JOB_TITLES = ["Principal Clinical Scientist", "Medical Technical Officer Grade 3", "Renal Sister (Domiciliary)",
              "Point of Care Lead BMS", "Estates Water Safety Officer"]
STAFF_DOMAIN = "mstrust.hscni.net"
LOGIN_DOMAIN = "HSCNI"
TRUST_PREFIX = "MS"
