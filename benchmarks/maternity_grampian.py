"""fresh18 of `maternity_export.py`: a north-east Scotland board's maternity and neonatal service, Aberdeen, Moray
and Orkney (people, places and kept look-alikes), written for it alone and held out. Doric and Orcadian names, the
oil industry's families (Norwegian, Dutch, Nigerian, Brazilian, Filipino, Lithuanian and Latvian, Texan) with their
home countries' mobiles; AB, IV and KW postcodes, 01224 and county numbers; CHI numbers instead of NHS numbers;
hospitals and units named after people (Dr Gray's Hospital, The Baird Family Hospital, Fairlie Birth Suite,
Cruickshank Ward). Shares no value with `maternity_midlands.py` (dev20)."""

from __future__ import annotations

POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "doric": (["Morag", "Eilidh", "Ailsa", "Shona", "Mhairi", "Lorna", "Kirsty", "Isla"],
              ["Gregor", "Calum", "Euan", "Hamish", "Alistair", "Fergus"],
              ["Duthie", "Strachan", "Mair", "Buchan", "Milne", "Gauld", "Ritchie", "Cowie", "Lumsden", "Innes",
               "Thain", "Lawrie", "Mutch", "Bremner", "Pirie"]),
    "orcadian": (["Inga", "Freya", "Thora", "Ragna"], ["Magnus", "Erlend", "Thorfinn", "Sigurd"],
                 ["Flett", "Rendall", "Linklater", "Tulloch", "Isbister", "Halcrow", "Drever", "Groat", "Scollay",
                  "Eunson"]),
    "norwegian": (["Sigrid", "Kari", "Solveig", "Astrid"], ["Håkon", "Lars", "Øyvind", "Torbjørn"],
                  ["Johansen", "Haugen", "Solberg", "Bakke", "Nygård"]),
    "nigerian": (["Temitope", "Oluwakemi", "Bisola", "Chiamaka"], ["Olumide", "Tochukwu", "Segun", "Ebuka"],
                 ["Okafor", "Adeyemi", "Eze", "Olawale", "Ogunbiyi", "Chukwu"]),
    "dutch": (["Femke", "Annelies", "Marloes"], ["Joost", "Pieter", "Maarten"],
              ["de Vries", "van Dijk", "Visser", "Smit", "Mulder"]),
    "brazilian": (["Thaís", "Larissa", "Juliana"], ["Thiago", "Rodrigo", "Leandro"],
                  ["Oliveira", "Souza", "Ferreira", "Carvalho"]),
    "filipino": (["Rhodora", "Lorelie", "Marivic"], ["Jomar", "Arnel"],
                 ["Dimaculangan", "Bautista", "Manalo", "Pangilinan"]),
    "baltic": (["Rūta", "Eglė", "Ilze", "Inese"], ["Mindaugas", "Darius", "Jānis"],
               ["Kazlauskienė", "Jankauskaitė", "Petrauskas", "Bērziņa", "Ozola"]),
    "texan": (["Brittany", "Kaylee", "Madison"], ["Cody", "Tanner", "Brady"],
              ["Hollister", "Whitaker", "Delgado", "Kowalczyk"]),
}
WEIGHTS = {"doric": 2.6, "orcadian": 1.2, "norwegian": 0.6, "nigerian": 0.6, "dutch": 0.4, "brazilian": 0.4,
           "filipino": 0.4, "baltic": 0.5, "texan": 0.4}
LOCALES = {"en_GB": 0.3, "no_NO": 0.15, "nl_NL": 0.12, "pt_BR": 0.12, "lt_LT": 0.1, "en_US": 0.12}
NICKNAMES = {"Alistair": "Ally", "Oluwakemi": "Kemi", "Temitope": "Tope", "Chiamaka": "Amaka", "Torbjørn": "Tobbe",
             "Mindaugas": "Mindo", "Thorfinn": "Finn", "Gregor": "Greg", "Madison": "Maddie", "Mhairi": "Mhairs",
             "Rhodora": "Dora", "Fergus": "Fergie"}
RELATIONS = {"fiancé": "m", "wife": "f", "mother": "f", "gran": "f", "brother-in-law": "m", "aunt": "f"}
ROLES = {"midwife": ["SM", "Staff Midwife", "SCM"], "cmw": ["CM", "comm. mw"], "nnurse": ["NICU SN", "neo nurse"],
         "msw": ["HCSW", "MCA"], "doctor": ["ST5", "FY2"], "tech": ["CT", "clin tech"],
         "sw": ["SWr", "social work"], "interp": ["translator"], "hv": ["HV team", "public health nurse"]}
LANGUAGES = ["Norwegian", "Portuguese", "Lithuanian", "Latvian", "Tagalog", "Yoruba", "Arabic", "Russian"]
INTERPRETING = ["Global Language Services", "NHS Grampian Interpreting Service"]

# --- places: town -> (postcode districts, dialling code) ---------------------------------------------------------
TOWNS: dict[str, tuple[list[str], str]] = {
    "Torry": (["AB11"], "01224"), "Kincorth": (["AB12"], "01224"), "Bridge of Don": (["AB22", "AB23"], "01224"),
    "Dyce": (["AB21"], "01224"), "Cove Bay": (["AB12"], "01224"), "Peterhead": (["AB42"], "01779"),
    "Fraserburgh": (["AB43"], "01346"), "Elgin": (["IV30"], "01343"), "Forres": (["IV36"], "01309"),
    "Buckie": (["AB56"], "01542"), "Inverurie": (["AB51"], "01467"), "Stonehaven": (["AB39"], "01569"),
    "Kirkwall": (["KW15"], "01856"), "Stromness": (["KW16"], "01856"),
}
STREETS = ["Union Grove", "Great Northern Road", "Menzies Road", "Gardner Drive", "Balnagask Road",
           "Queen Street", "Marischal Street", "Mid Street", "South Guildry Street", "Junction Road",
           "Victoria Street", "Berryden Road", "Ellon Road", "Keith Road"]
BLOCKS = ["Grampian Court", "Marischal Court", "Ashgrove Court"]
FLATS = ["Ground Flat ", "Top Flat ", "First Floor Flat "]
HOUSES = ["Quoybanks", "Netherhouse", "Braeside Croft", "Hillhead of Auchmill"]  # farms and cottages, no number
HOME_MAIL = ["btinternet.com", "googlemail.com", "live.co.uk", "aol.com", "orkney.com"]
OVERSEAS = [("+47", "## ## ## ##"), ("+31", "6 ########"), ("+234", "80# ### ####"), ("+55", "(##) 9####-####"),
            ("+63", "9## ### ####"), ("+370", "6## #####"), ("+1", "(###) ###-####")]

# --- the service (kept) -----------------------------------------------------------------------------------------
TRUST = "NHS Grampian"
HOSPITALS = ["Aberdeen Maternity Hospital", "The Baird Family Hospital", "Dr Gray's Hospital", "Balfour Hospital",
             "Chalmers Hospital"]
UNITS = ["Fairlie Birth Suite", "Dugald Baird Neonatal Unit", "Moray Maternity Unit", "Orkney Midwife Unit",
         "Neonatal Transport Team (ScotSTAR)"]
WARDS = ["Cruickshank Ward", "Ward 306 Antenatal", "Labour Suite", "Skene Ward", "Triage", "Rubislaw Postnatal"]
BEDS = ["Rm {n}", "Cot Space {n}", "Pool {n}", "Cubicle {n}", "Bay {n} Bed 2", "SCBU space {n}"]
GP_PRACTICES = ["Kincorth Medical Practice", "Dr Leslie & Partners", "Peterhead Health Centre",
                "The Ellon Group Practice", "Dr Morrice's Surgery", "Skerryvore Practice"]
MAILBOXES = ["gram.maternityequipment@nhs.scot", "gram.clinicalphysics@nhs.scot", "orkney.midwives@nhs.scot",
             "gram.neonatal.transport@nhs.scot"]
HELPLINES = ["01224 553 333", "0345 456 6000", "01343 543 131"]
JOB_TITLES = ["Senior Charge Midwife", "Healthcare Support Worker", "Staff Nurse (NICU)",
              "Advanced Neonatal Nurse Practitioner", "ST5 Obstetrics & Gynaecology", "Lead Midwife Community",
              "Infant Feeding Advisor", "Clinical Technologist", "Principal Clinical Scientist"]
TITLE_GROUPS = ["midwife", "msw", "nnurse", "nnurse", "doctor", "cmw", "midwife", "tech", "tech"]  # who holds each
STAFF_DOMAIN = "nhs.scot"
LOGIN_DOMAIN = "GRAMPIAN"
