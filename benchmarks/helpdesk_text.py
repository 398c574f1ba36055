"""Vocabularies and phrasing families of `helpdesk_export.py` (Welsh, Scottish, Irish and English hospitals).

Reference values (sites, wards, makers, models, device terms, towns, job titles, mailboxes) are shared by both
splits; the name sources (Faker locales, Celtic pools), street names and sentence families are per split.
"""

LOCALES = {"dev5": {"ga_IE": 3.0, "en_GB": 2.5, "ru_RU": 0.4, "ar_SA": 0.4},
           "fresh3": {"en_IE": 3.0, "en_NZ": 2.0, "el_GR": 0.4, "uk_UA": 0.3, "fa_IR": 0.3}}
CELTIC = {"dev5": (["Rhodri", "Angharad", "Mererid", "Iolo", "Dafydd", "Eluned", "Owain", "Siân", "Hywel", "Catrin",
                    "Alasdair", "Catriona", "Eilidh", "Ruaraidh", "Morag", "Seonaidh", "Síle", "Donncha"],
                   ["ap Gruffydd", "ferch Ifan", "ab Owen", "Prys-Jones", "MacLeòid", "NicDhòmhnaill", "McKechnie",
                    "MacAulay", "Urquhart", "Farquharson", "Menzies", "O'Hanlon", "Mac Giolla Bhríde",
                    "Ní Fhlannagáin", "Wyn-Griffiths"]),
          "fresh3": (["Gethin", "Llinos", "Emrys", "Ffion", "Tudur", "Nerys", "Gruffudd", "Heledd", "Calum",
                      "Mairead", "Iain", "Fionnghal", "Lachlan", "Sìne", "Tormod", "Aoibheann", "Cathal"],
                     ["ap Rhys", "ferch Gwilym", "Vaughan-Thomas", "Prydderch", "MacGillivray", "Nic a' Phearsain",
                      "McCrindle", "Lamont", "Drummond", "Ó Cathasaigh", "de Búrca", "Mac an tSaoir", "O'Driscoll",
                      "Ní Dhomhnaill", "Bowen-Pugh"])}
NICK = {"Dafydd": "Dai", "Rhodri": "Rhod", "Catriona": "Cat", "Alasdair": "Ali", "Donncha": "Donnie",
        "Gruffudd": "Guto", "Lachlan": "Lachie", "Cathal": "Cal", "Margaret": "Maggie", "Patrick": "Paddy",
        "Elizabeth": "Liz", "Michael": "Mick", "William": "Billy", "Catherine": "Kate", "Robert": "Bob"}
SITES = {"W": ["Ysbyty Gwynedd", "Ysbyty Glan Clwyd", "Ysbyty Maelor Wrecsam", "Morriston Hospital",
               "Prince Charles Hospital", "Ysbyty Tywysoges Cymru", "Withybush General Hospital"],
         "S": ["Ninewells Hospital", "Raigmore Hospital", "Queen Elizabeth University Hospital",
               "Royal Alexandra Hospital", "Ospadal nan Eilean", "Gilbert Bain Hospital"],
         "I": ["Beaumont Hospital", "St. James's Hospital", "Mater Misericordiae University Hospital",
               "Ospidéal Ollscoile na Gaillimhe", "Cork University Hospital", "Our Lady of Lourdes Hospital"],
         "N": ["Altnagelvin Area Hospital", "Craigavon Area Hospital", "Royal Victoria Hospital",
               "Daisy Hill Hospital"],
         "E": ["Royal Cornwall Hospital", "Countess of Chester Hospital"]}
WARDS = {"W": ["Ward Dewi Sant", "Ward Teilo", "Ward Padarn", "Ward Gwenllian", "Ward Cadfan", "Uned Gofal Dwys",
               "Ward Enfys"],
         "S": ["Ward 4B", "Simpson Ward", "Lister Ward", "St Columba's Ward", "Iona Ward", "Ward 10 (Acute Receiving)"],
         "I": ["St Brigid's Ward", "Naomh Bríd", "Mary Aikenhead Ward", "Catherine McAuley Ward", "St. Kevin's Ward",
               "Cardiac Cath Lab"],
         "N": ["Ward 6A", "Mourne Ward", "Cavell Ward", "Ward 21 (Cardiology)", "Regional Acute Stroke Unit"],
         "E": ["Osler Ward", "Lamorna Ward", "Phoenix Ward"]}
DEPTS = ["Critical Care", "Theatres", "Renal", "Cardiology", "Emergency Department", "Community Equipment Store",
         "Maternity", "Medical Physics"]
MAKERS = [("Philips", ["IntelliVue MX450", "HeartStart MRx"], "Patient Monitor"),
          ("Dräger", ["Evita V500", "Babylog VN500", "Fabius GS premium"], "Ventilator"),
          ("Karl Storz", ["IMAGE1 S", "TELE PACK+"], "Endoscopy Camera"),
          ("Zoll", ["R Series ALS", "X Series"], "Defibrillator"),
          ("Stryker", ["LIFEPAK 15", "Prime Series"], "Defibrillator"),
          ("Hill-Rom", ["Progressa", "Centrella"], "Bed"),
          ("B. Braun", ["Perfusor Space", "Infusomat Space"], "Infusion Pump"),
          ("Mindray", ["BeneView T5", "SV300"], "Patient Monitor"),
          ("3M", ["Bair Hugger 675"], "Patient Warming Unit"),
          ("Huntleigh", ["Dopplex MD2", "Dopplex SD2"], "Handheld Doppler"),
          ("Schiller", ["medilog AR4", "medilog AR12plus"], "Holter Recorder"),
          ("Edwards Lifesciences", ["HemoSphere", "Vigilance II"], "Cardiac Output Monitor"),
          ("Fisher & Paykel", ["AIRVO 2"], "Respiratory Humidifier"),
          ("Welch Allyn", ["Connex Spot", "Spot Vital Signs 4400"], "Vital Signs Monitor"),
          ("Laerdal", ["LSU"], "Suction Unit"),
          ("Arjo", ["Maxi Move", "Sara Stedy"], "Patient Hoist")]
SUPPLIERS = ["Fannin (UK) Ltd", "Henry Schein Medical", "Williams Medical Supplies", "Uniphar Medtech",
             "Philips Healthcare", "Draeger Medical UK Ltd", "Cardiac Services"]
TITLES = ["Ward Manager", "Senior Charge Nurse", "Clinical Nurse Manager 2", "Rheolwr Ward", "Theatre Co-ordinator",
          "Consultant Anaesthetist", "Clinical Engineer", "Medical Physics Technician", "Staff Nurse", "Nyrs Staff",
          "Biomedical Engineer", "Healthcare Support Worker"]
TERMS = ["Doppler probe", "Holter", "Foley catheter", "Swan-Ganz", "Bair Hugger", "Guedel airway", "Luer lock",
         "Mayo table", "Yankauer", "Venturi mask", "Trendelenburg tilt", "Schrader valve", "Wright respirometer",
         "Ambu bag", "Clark electrode"]
TOWNS = ["Port Talbot", "Fort William", "Campbeltown", "Aberystwyth", "Letterkenny", "Enniskillen", "Stornoway",
         "Merthyr Tydfil", "Ballymena", "Castlebar", "Haverfordwest", "Dundalk", "Kirkcaldy", "Bridgend"]
BOXES = {"W": ["medphys.helpdesk@wales.nhs.uk", "ebme.bcu@wales.nhs.uk"], "S": ["tay.ebme@nhs.scot",
         "ggc.clinicalphysics@nhs.scot"], "I": ["biomed.eng@hse.ie", "clinengineering.cuh@hse.ie"],
         "N": ["ebme.helpdesk@belfasttrust.hscni.net"], "E": ["rch-tr.ebme@nhs.net"]}
DOMAINS = {"W": ["wales.nhs.uk"], "S": ["nhs.scot"], "I": ["hse.ie"], "E": ["nhs.net"],
           "N": ["belfasttrust.hscni.net", "southerntrust.hscni.net", "westerntrust.hscni.net"]}
STREETS = {"dev5": {"W": ["Heol y Bont", "Ffordd Penrhos"], "S": ["Dumbarton Road", "Braeside Crescent"],
                    "I": ["Bóthar na Trá", "Main Street"], "N": ["Ballysillan Road"], "E": ["Church Lane"]},
           "fresh3": {"W": ["Stryd Fawr", "Maes y Coed"], "S": ["Great Western Road", "Kirk Wynd"],
                      "I": ["Sráid an Mhuilinn", "The Maltings"], "N": ["Antrim Road"], "E": ["Fore Street"]}}
TOWN_OF = {"W": [("Pontypridd", "CF37"), ("Bangor", "LL57"), ("Swansea", "SA1")], "S": [("Glasgow", "G11"),
           ("Inverness", "IV2"), ("Dundee", "DD2")], "N": [("Belfast", "BT14"), ("Omagh", "BT79")],
           "I": [("Galway", "H91"), ("Dublin 9", "D09"), ("Cork", "T12")], "E": [("Truro", "TR1")]}
EIR = "ACDEFHKNPRTVWXY0123456789"

# Phrasing families, one per split. Placeholders: personal {who} {pt} {first} {tel} {mail} {chi} {nhs} {hc}
# {mrn} {dob} {addr} {ini}; reference {ext} {bleep} {err} {ver} {term} {town} {title} {box} {ward} {site} {part}
# {date} {datix} {tag} {model} {maker}.
FAULT = {"dev5": [
    "rang {who} on {tel} re {model} in {ward} - {err} on start up, pt disconnected and moved to spare",
    "Caller {who} ({title}) says {term} not reading. Tried spare, same. Contact {tel} or {ext}",
    "{model} alarming {err} constantly. {who} happy for us to collect today, bleep {bleep}",
    "Pt {pt}, CHI {chi}, was on the {model} when it stopped - Datix {datix} raised by {who}",
    "loan {model} to go out to pt home: {addr}. Pt {pt} DOB {dob}, NOK tel {tel}",
    "spoke with {who} - unit came over from {town}, s/w {ver}, asks if upgrade due",
    "Wedi siarad â {who} ar {tel}. {model} ddim yn gweithio / not working - {err}",
    "{term} lead frayed near connector. Reported by {who}, ext {ext}",
    "NHS no {nhs} - was pt still attached? checked with {who}: no, device free to go",
    "pls ring {first} back on {tel} when engineer is on the way"],
    "fresh3": [
    "Tel call from {who} ({tel}): {model} showing {err}, ward using backup",
    "{title} {who} reports the {term} is intermittent. Best contact {ext}",
    "Per {who}: {model} failed self test ({err}). Pls attend {ward} asap",
    "Device in use on pt {pt} (MRN {mrn}) when it failed, no harm. Incident ref {datix}",
    "Community loan - pt {pt}, {addr}, H&C {hc}, tel {tel}",
    "Query from {who} in {town}: can the {term} be used with the {model}? SW {ver}",
    "Ffoniodd {who} o {ward} - {model} wedi torri (broken). Rhif ffôn: {tel}",
    "DOB {dob} / CHI {chi} - pt data on device memory, {who} asked us to wipe it before repair",
    "{first} says battery light flashing; call back {tel}",
    "left message for {who} at {tel} re access to {ward}"]}
UPDATE = {"dev5": [
    "{ini}: parts ordered P/N {part}, ETA {date}", "rang {who} {tel} - no answer, left vm",
    "Collected from {ward}, {site}. {err} reproduced on bench", "Diolch {first} - wedi'i drwsio / repaired. {ini}",
    "swapped with {tag}, s/w updated to {ver}. Elec safety passed", "passed to {who} ({title}) for sign off",
    "Emailed {mail} the loan form", "{term} replaced, tested OK /{ini}"],
    "fresh3": [
    "Spoke to {who} - agreed collection {date}. {ini}", "Awaiting part {part} from {maker}",
    "Engineer on site at {site}; {err} cleared after reseating board", "Cofion, {first} - gwaith wedi gorffen / done",
    "Replaced unit with {tag} (fw {ver}); ESC pass", "Returned to {who}, {title}, {ward}",
    "Sent loan agreement to {mail}, cc {box}", "Closed: {term} recalibrated -- {ini}"]}
CAPS = {"dev5": ["TRANSFERRED FROM {site} {date}. CONTACT {who} EXT {ext}", "REPLACED {term} {date}, {err}",
                 "KEYHOLDER {who} TEL {tel}", "ON LOAN TO PT AT {addr}", "CHECKED BY {ini} {date} OK"],
        "fresh3": ["PREV LOCATION {ward} / RESP {who}", "ALT CONTACT {who} {tel}", "HOME LOAN {addr}",
                   "LAST PPM {date} BY {ini}", "{err} LOGGED {date} - SEE {tag}"]}
CALL_TYPES = {"Breakdown": "repair", "Planned Maintenance": "ppm", "Safety Check": "inspection",
              "Calibration": "calibration", "Acceptance": "acceptance", "Advice": "other"}
