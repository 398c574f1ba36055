"""dev18 of `renal_export.py`: an English renal network in Lincolnshire and Nottinghamshire (people, places and kept
look-alikes), written for it alone: the main unit and its satellites named after dialysis pioneers, the Fens' and
Wolds' towns, house names of farms, "K" hospital numbers and a trust-prefixed form, lab numbers "24H123456",
NHS numbers. Shares no value with `renal_ulster.py` (fresh16)."""

from __future__ import annotations

# origin: (female given, male given, surnames)
POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "english": (["Janet", "Susan", "Christine", "Beverley", "Tracey", "Lorraine", "Kerry", "Gemma", "Hayley",
                 "Maureen", "Yvonne", "Shirley", "Gillian", "Wendy", "Denise"],
                ["Graham", "Trevor", "Malcolm", "Keith", "Stuart", "Darren", "Wayne", "Lee", "Clive", "Roger",
                 "Dennis", "Nigel", "Derek", "Gordon", "Stephen"],
                ["Bonsor", "Clayworth", "Dunmore", "Fairbairn", "Gresley", "Hebblewhite", "Kettleborough",
                 "Leggott", "Mawer", "Odling", "Pickwell", "Ranshaw", "Scrimshaw", "Tointon", "Wadsley",
                 "Blanchard", "Coupland", "Enderby", "Frisby", "Haxby"]),
    "southasian": (["Parveen", "Sunita", "Harpreet", "Nasreen", "Rekha"], ["Imran", "Sukhwinder", "Rajesh",
                                                                             "Tariq", "Mohinder"],
                   ["Chaudhry", "Sandhu", "Mistry", "Qureshi", "Bains", "Dhillon"]),
    "baltic": (["Rasa", "Jurgita", "Agnieszka", "Inga"], ["Tomas", "Mindaugas", "Krzysztof", "Aivars"],
               ["Kazlauskas", "Petrauskas", "Wozniak", "Ozolins", "Jankowski"]),
}
WEIGHTS = {"english": 4.0, "southasian": 1.0, "baltic": 0.8}
LOCALES = {"en_GB": 1.2, "en_IN": 0.25, "lt_LT": 0.2}
NICKNAMES = {"Susan": "Sue", "Christine": "Chrissie", "Malcolm": "Mal", "Derek": "Del", "Stephen": "Steve",
             "Trevor": "Trev", "Beverley": "Bev", "Gillian": "Gill", "Graham": "Gra"}
RELATIONS = {"wife": "f", "husband": "m", "daughter": "f", "son": "m", "partner": "", "sister": "f",
             "neighbour": ""}
ROLES = {"nurse": ["HHD nurse", "Sister", "CNS"], "tech": ["renal tech", "technician", "Tech"],
         "carer": ["carer", "support worker"], "admin": ["ward clerk", "unit admin"]}

# --- places: town -> (postcode districts, dialling code) ---------------------------------------------------------
TOWNS: dict[str, tuple[list[str], str]] = {
    "Boston": (["PE21"], "01205"), "Skegness": (["PE25"], "01754"), "Spalding": (["PE11", "PE12"], "01775"),
    "Sleaford": (["NG34"], "01529"), "Louth": (["LN11"], "01507"), "Gainsborough": (["DN21"], "01427"),
    "Horncastle": (["LN9"], "01507"), "Newark": (["NG24"], "01636"), "Mansfield": (["NG18", "NG19"], "01623"),
    "Worksop": (["S80", "S81"], "01909"), "Market Rasen": (["LN8"], "01673"), "Holbeach": (["PE12"], "01406"),
}
STREETS = ["Sibsey Road", "Wainfleet Road", "Pinchbeck Lane", "Tattershall Drive", "Fen Bank", "Marsh Lane",
           "Churchill Avenue", "Westgate", "Ropery Road", "Bargate Close", "Wold View", "Sincil Terrace",
           "Carlton Crescent", "Drove End", "Skirbeck Gardens", "Haven Side"]
HOUSES = ["Willow Farm", "The Old Granary", "Dyke End Cottage", "Fenview", "Mill House", "Holly Lodge",
          "Sluice Cottage", "Orchard Barn"]
FLATS = ["Flat ", "Apt "]
HOME_MAIL = ["btinternet.com", "hotmail.co.uk", "gmail.com", "sky.com", "talktalk.net"]
W3W = ["filled", "count", "soap", "ladder", "crisp", "orbit", "pebble", "hinges", "tulips", "wiped", "otters",
       "saddle", "lanterns", "bakes", "foggy", "marble", "stamp", "grazed", "pylon", "quilts"]

# --- the service (kept) -----------------------------------------------------------------------------------------
NETWORK = "Trent and Wolds Renal Network"
TRUST = "Witham Valley Hospitals NHS Trust"
UNITS = ["Bright Renal Unit", "Kolff Satellite Unit", "Scribner Dialysis Unit", "Lister Wing Satellite"]
WARDS = ["Ward 7B Renal", "Haven Ward", "Home Therapies Hub", "Kidney Day Unit"]
HOME_LOCATION = "Patient home (HHD)"
MAILBOXES = ["renal.techs@wvh.nhs.uk", "homehd.team@wvh.nhs.uk", "poct.lab@wvh.nhs.uk"]
HELPLINES = ["0800 085 2255", "0345 602 1198", "01522 573 400"]
JOB_TITLES = ["Senior Renal Technician", "Home Therapies Sister", "POCT Coordinator", "Water Treatment Engineer",
              "Band 6 Dialysis Nurse"]
STAFF_DOMAIN = "wvh.nhs.uk"
LOGIN_DOMAIN = "WVHT"
TRUST_PREFIX = "RWV"
