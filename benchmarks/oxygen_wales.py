"""dev17 of `oxygen_export.py`: a north Wales health board's home oxygen service (people, places and kept look-alikes),
written for it alone. Bilingual: Welsh given names and surnames with "ap"/"ferch" patronymics, Welsh house names
without a number ("Bryn Awel"), Welsh street, hospital and ward names ("Ysbyty ...", "Ward Dewi", "Ward Aneurin
Bevan": kept), Welsh month names in typed dates of birth. Shares no value with `oxygen_scotland.py` (fresh15)."""

from __future__ import annotations

# origin: (female given, male given, surnames). "ap X" becomes "ferch X" for a woman (oxygen_people).
POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "welsh": (["Megan", "Catrin", "Eleri", "Heledd", "Lowri", "Mair", "Eirlys", "Nerys", "Sioned", "Carys", "Eira",
               "Haf", "Llinos", "Glenys", "Angharad", "Gwawr", "Manon", "Elin", "Bethan", "Rhiannon"],
              ["Rhodri", "Dafydd", "Gareth", "Emrys", "Iolo", "Gwilym", "Huw", "Ieuan", "Gethin", "Gwyn", "Elfed",
               "Islwyn", "Meirion", "Tudur", "Hywel", "Osian", "Owain", "Cai", "Aled", "Llŷr"],
              ["Jones", "Williams", "Davies", "Evans", "Roberts", "Hughes", "Owen", "Parry", "Lloyd", "Griffiths",
               "Morgan", "Rees", "Humphreys", "Ellis", "Jenkins", "Prydderch", "Gruffydd", "Llywelyn", "Puw", "Wyn",
               "ap Iorwerth", "ap Hywel", "ap Gwilym", "ap Dafydd", "Rowlands", "Pugh", "Edwards", "Vaughan"]),
    "english": (["Brenda", "Sandra", "Pauline", "Julie", "Dawn"], ["Kevin", "Barry", "Neil", "Colin", "Terry"],
                ["Whitehead", "Kirkham", "Shaw", "Dutton", "Ashworth"]),
}
WEIGHTS = {"welsh": 4.0, "english": 1.2}
LOCALES = {"en_GB": 1.0, "pl_PL": 0.35, "pt_PT": 0.2, "en_IN": 0.2, "yo_NG": 0.15}
NICKNAMES = {"Dafydd": "Dai", "Ieuan": "Ianto", "Gwilym": "Gwil", "Angharad": "Angie", "Rhodri": "Rhods",
             "Rhiannon": "Rhi"}
PATRONYMIC = ("ap ", "ferch ")
# Typed dates of birth may name the month in Welsh.
MONTHS = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
          "Tachwedd", "Rhagfyr"]

# --- places: town -> (postcode districts, dialling code, villages) ------------------------------------------------
TOWNS: dict[str, tuple[list[str], str, list[str]]] = {
    "Bangor": (["LL57"], "01248", ["Penrhosgarnedd", "Maesgeirchen", "Tregarth"]),
    "Caernarfon": (["LL55"], "01286", ["Bontnewydd", "Llanrug", "Waunfawr"]),
    "Llangefni": (["LL77"], "01248", ["Talwrn", "Rhosmeirch"]),
    "Caergybi": (["LL65"], "01407", ["Trearddur", "Llanfachraeth"]),
    "Pwllheli": (["LL53"], "01758", ["Efailnewydd", "Llanbedrog"]),
    "Porthmadog": (["LL49"], "01766", ["Tremadog", "Penmorfa"]),
    "Blaenau Ffestiniog": (["LL41"], "01766", ["Tanygrisiau"]),
    "Llandudno": (["LL30"], "01492", ["Penrhyn Bay", "Llandudno Junction"]),
    "Conwy": (["LL32"], "01492", ["Deganwy", "Llansanffraid Glan Conwy"]),
    "Dinbych": (["LL16"], "01745", ["Henllan", "Trefnant"]),
    "Amlwch": (["LL68"], "01407", ["Penysarn"]),
    "Dolgellau": (["LL40"], "01341", ["Llanelltyd"]),
}
STREETS = ["Ffordd Caergybi", "Lôn Isaf", "Stryd Fawr", "Maes y Coed", "Heol y Llan", "Ffordd Penrhos", "Lôn Las",
           "Rhes Fictoria", "Stryd y Bont", "Ffordd Pentraeth", "Cae Mawr", "Glan Ffrwd", "Holyhead Road",
           "Penchwintan Road", "Ffordd Bangor", "Stad Tŷ Croes"]
# House names written without a number (a farm now and then).
HOUSES = ["Bryn Awel", "Tŷ Coch", "Tŷ Newydd", "Hafod Lon", "Pen y Bryn", "Gorwel", "Min y Môr", "Llys Helyg",
          "Cartref", "Bodlondeb", "Glan yr Afon", "Derwen Deg", "Fferm Tyddyn Du", "Erw Goch", "Cae'r Felin",
          "Awelfryn"]
FLATS = ["Fflat 2, ", "Flat 4 ", "Apartment 3, "]
HOME_MAIL = ["btinternet.com", "hotmail.co.uk", "gmail.com", "yahoo.co.uk"]

# --- kept look-alikes -------------------------------------------------------------------------------------------
BOARD = "Betsi Cadwaladr University Health Board"
SUPPLIER = "Menai Respiratory Ltd"
STAFF_DOMAIN = "wales.nhs.uk"
DEPOTS = ["Depo Llangefni", "Deeside Depot", "Depo Caernarfon"]
HOME_LOCATION = "Cartref claf / Patient home"
HOSPITALS = ["Ysbyty Gwynedd", "Ysbyty Glan Clwyd", "Ysbyty Maelor Wrecsam", "Ysbyty Penrhos Stanley",
             "Ysbyty Alltwen", "Ysbyty Bryn Beryl", "Llandudno General Hospital", "Ysbyty Cefni"]
WARDS = ["Ward Dewi", "Ward Aneurin Bevan", "Ward Ogwen", "Ward Tegid", "Ward Alaw", "Ward Cybi", "Ward Enlli",
         "Uned Anadlol / Respiratory Unit", "Ward Hebog", "Ward Gwenllian"]
PRACTICES = ["Dr Llewellyn & Partners", "Meddygfa Bodnant", "Drs Mostyn and Caradog", "Canolfan Feddygol Cefni",
             "Meddygfa'r Bont", "Dr Tanat's Surgery"]
MAILBOXES = ["bcu.homeoxygen@wales.nhs.uk", "archebion@menairesp.co.uk", "gwasanaeth.ocsigen@wales.nhs.uk"]
HELPLINES = ["0800 917 4410", "0800 652 0390"]
SWITCHBOARDS = ["03000 841 200", "01248 384 000"]
JOB_TITLES = ["Respiratory Nurse Specialist", "Nyrs Arbenigol Anadlol", "Home Oxygen Service Lead",
              "Respiratory Physiotherapist (Band 6)", "Clinical Nurse Specialist - HOS"]
# Words written before a person's name: nurses, engineers, drivers, paid carers.
ROLES = {"nurse": ["resp nurse", "CNS", "nyrs"], "eng": ["engineer", "eng"], "driver": ["driver", "dreifar"],
         "carer": ["carer", "gofalwr"]}
# Relatives: relation word and the sex it implies ("" either).
RELATIONS = {"son": "m", "daughter": "f", "husband": "m", "wife": "f", "niece": "f", "mam": "f", "son-in-law": "m",
             "neighbour": ""}
