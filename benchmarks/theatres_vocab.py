"""People and kept vocabulary of `theatres_export.py`, written for it alone (not taken from the other generators).

A hospital's theatres and anaesthetics equipment system, exported by a continental vendor's tool: anaesthetic
machines, diathermy, scopes, stacks, microscopes, tables, warmers, tourniquets, cell salvage, with theatres and
instruments named after people (Lister, Charnley, Spencer Wells, Langenbeck) that must be kept. Staff come from
hand-made pools (Filipino and Keralan nurses, Portuguese, Spanish and Italian doctors, Irish, Greek, Nigerian,
English names that are ordinary words) and Faker locales, every name encodable in ISO-8859-1 (the export's
encoding); "fresh7" (held out) shares no name word, theatre, hospital, instrument or procedure with "dev9".
"""

from __future__ import annotations

LOCALES = {"dev9": {"pt_PT": 0.8, "es_ES": 0.8}, "fresh7": {"it_IT": 0.8, "nl_NL": 0.6}}

# (given names, surnames) per origin; disjoint between the splits.
POOLS = {
    "dev9": {
        "filipino": (["Maricel", "Rowena", "Jocelyn", "Arnel", "Rodel", "Lorna", "Mylene", "Jun"],
                     ["dela Cruz", "Bautista", "Macaraeg", "Villanueva", "Dimaculangan", "Pangilinan", "Soriano"]),
        "keralan": (["Bincy", "Jismy", "Tintu", "Shiji", "Anish", "Renjith", "Sini", "Jomon"],
                    ["Varghese", "Kurian", "Chacko", "Mathew", "Kuriakose", "Thekkekara"]),
        "iberian": (["João", "Conceição", "Iñaki", "Begoña", "Mónica", "Nuno", "Inês", "Álvaro"],
                    ["Gonçalves", "Núñez", "Ferreira da Silva", "Azevedo", "Etxeberria", "Sáenz"]),
        "irish": (["Siobhán", "Seán", "Máire", "Colm", "Aoife", "Donal"],
                  ["Ó Súilleabháin", "MacCárthaigh", "Fitzgerald", "O'Rourke", "Mulcahy", "Daly"]),
        "greek": (["Konstantinos", "Eleni", "Dimitrios", "Vasiliki"], ["Papadopoulos", "Georgiou", "Katsaros"]),
        "nigerian": (["Chidi", "Ifeoma", "Tunde", "Funmilayo", "Obinna"], ["Okonkwo", "Adeyemi", "Eze-Nwosu", "Bello"]),
        "word": (["Grace", "Rose", "Will", "Faith", "Joy", "Mark"], ["Baker", "Cook", "Mason", "Short", "Young",
                                                                      "Savage"]),
        "english": (["Philippa", "Jonathan", "Rebecca", "Timothy", "Deborah", "Alistair"],
                    ["Ellerby", "Thwaites", "Pickersgill", "Haworth", "Blenkinsop"]),
    },
    "fresh7": {
        "filipino": (["Marivic", "Rosalie", "Jerome", "Divina", "Ronaldo", "Analyn", "Gemma", "Noel"],
                     ["Delos Reyes", "Manalo", "Dimaano", "Tolentino", "Magbanua", "Panganiban", "Lacson"]),
        "keralan": (["Jincy", "Binu", "Shiny", "Lijo", "Resmi", "Sijo", "Dhanya", "Tijo"],
                    ["Joseph", "Cherian", "Pulikkottil", "Thomas", "Abraham", "Vadakkel"]),
        "iberian": (["Inmaculada", "Joaquín", "Graça", "Rui", "Beatriz", "Íñigo", "Susana", "Tiago"],
                    ["Carvalho", "Ibáñez", "Sousa Pinto", "Mendonça", "Urrutia", "Peña"]),
        "irish": (["Niamh", "Pádraig", "Sinéad", "Cathal", "Orla", "Ciarán"],
                  ["Ó Ceallaigh", "Mac Giolla", "Doyle-Burke", "Kavanagh", "Hegarty", "Flynn"]),
        "greek": (["Panagiotis", "Despina", "Georgios", "Athina"], ["Christodoulou", "Nikolaidis", "Vlachos"]),
        "nigerian": (["Emeka", "Ngozi", "Kayode", "Yewande", "Chinedu"], ["Nwachukwu", "Ogunleye", "Ibe-Okafor",
                                                                          "Lawal"]),
        "word": (["Holly", "Dawn", "Earl", "Hope", "Ruby", "Guy"], ["Fisher", "Shepherd", "Gardner", "Lord", "Sweet",
                                                                    "Wild"]),
        "english": (["Rosamund", "Nicholas", "Harriet", "Benedict", "Lorraine", "Graham"],
                    ["Ormerod", "Featherstone", "Micklethwaite", "Entwistle", "Sowerby"]),
    },
}
NICKNAMES = {"Jonathan": "Jon", "Rebecca": "Becky", "Timothy": "Tim", "Deborah": "Debs", "Philippa": "Pip",
             "Konstantinos": "Kostas", "Dimitrios": "Dimitri", "Funmilayo": "Funmi", "Conceição": "São",
             "Nicholas": "Nick", "Harriet": "Hattie", "Benedict": "Ben", "Panagiotis": "Panos", "Rosalie": "Rosie",
             "Inmaculada": "Inma", "Chinedu": "Chi", "Lorraine": "Lorrie", "Graham": "Gray"}

# --- look-alikes that must be kept (reference values) -----------------------------------------------------------
TRUST = {"dev9": "wvht", "fresh7": "ncuh"}  # e-mail domains: <x>.nhs.uk
HOSPITALS = {"dev9": ["St Luke's Hospital", "Princess Royal Hospital", "Alexandra Hospital", "Kidderminster Treatment "
                      "Centre"],
             "fresh7": ["Queen Elizabeth Hospital", "St Mary's Hospital", "Victoria Infirmary", "Fairfield General"]}
# (theatre or area, specialty): theatres and suites named after people are the hard part.
THEATRES = {"dev9": [("Lister Theatre 1", "General Surgery"), ("Lister Theatre 2", "Urology"),
                     ("Charnley Suite Th 3", "Trauma & Orthopaedics"), ("Charnley Suite Th 4", "Trauma & Orthopaedics"),
                     ("Nightingale DSU Th 1", "Day Surgery"), ("Moynihan Theatre", "Colorectal"),
                     ("Main Theatres Th 7", "ENT"), ("Obstetric Theatre", "Obstetrics"), ("Recovery Bay B", "Recovery"),
                     ("Endoscopy Decon Room", "Endoscopy"), ("HSDU", "Decontamination"),
                     ("Anaesthetic Room 4", "Anaesthetics")],
            "fresh7": [("Hunter Theatres Th 2", "Vascular"), ("Hunter Theatres Th 5", "General Surgery"),
                       ("Cavell Day Case Th A", "Day Surgery"), ("Gillies Suite", "Plastics"),
                       ("McIndoe Theatre", "Plastics"), ("Ward 23 Treatment Room", "Gynaecology"),
                       ("Main Th 11 (Neuro)", "Neurosurgery"), ("Labour Ward Theatre 2", "Obstetrics"),
                       ("PACU", "Recovery"), ("SSD Washroom", "Decontamination"), ("Eye Unit Theatre", "Ophthalmology"),
                       ("Cardiac Theatre 1", "Cardiac Surgery")]}
INSTRUMENTS = {"dev9": ["Spencer Wells", "Langenbeck retractor", "Kocher forceps", "Mayo scissors", "Gigli saw",
                        "Hohmann retractor", "Volkmann spoon", "Macintosh blade", "Magill forceps", "Guedel airway",
                        "Yankauer sucker", "Bonney forceps", "Balfour retractor"],
               "fresh7": ["Metzenbaum scissors", "Babcock forceps", "Allis clamp", "DeBakey forceps",
                          "Deaver retractor", "Gillies hook", "McIndoe scissors", "Finochietto spreader",
                          "Jansen retractor", "Miller blade", "McCoy blade", "Poole sucker", "Lahey forceps"]}
PROCEDURES = {"dev9": ["Whipple's", "Hartmann's reversal", "Nissen fundoplication", "Bankart repair",
                       "Dupuytren's fasciectomy", "Lichtenstein hernia repair", "TURP"],
              "fresh7": ["Ivor Lewis oesophagectomy", "Latarjet", "Kasai portoenterostomy", "Roux-en-Y bypass",
                         "Ilizarov frame", "Heller myotomy", "lap chole"]}
# (maker, model, device type): what theatres hold.
MODELS = [("Dräger", "Perseus A500", "Anaesthetic workstation"), ("GE Healthcare", "Aisys CS2", "Anaesthetic machine"),
          ("Medtronic", "Valleylab FT10", "Electrosurgical generator"), ("ERBE", "VIO 300 D", "Electrosurgical unit"),
          ("Olympus", "CV-190", "Video processor"), ("Olympus", "GIF-H290", "Gastroscope"),
          ("Karl Storz", "IMAGE1 S", "Camera control unit"), ("Stryker", "1688 AIM", "4K camera system"),
          ("Carl Zeiss", "OPMI Pentero 900", "Surgical microscope"), ("Leica", "M530 OH6", "Surgical microscope"),
          ("Zimmer", "A.T.S. 4000", "Tourniquet system"), ("3M", "Bair Hugger 675", "Patient warming unit"),
          ("Maquet", "Alphamaxx", "Operating table"), ("Steris", "Cmax", "Operating table"),
          ("Haemonetics", "Cell Saver Elite+", "Cell salvage"), ("Belmont", "Rapid Infuser RI-2", "Rapid infuser"),
          ("Mindray", "BeneVision N15", "Patient monitor"), ("B. Braun", "Perfusor Space", "Syringe pump"),
          ("Getinge", "Maquet Volista", "Surgical light")]
SCOPES = [("Olympus", "GIF-H290", "Gastroscope"), ("Olympus", "CF-HQ290L", "Colonoscope"),
          ("Pentax", "EB-J10", "Bronchoscope"), ("Karl Storz", "11101 RP", "Rhino-laryngoscope")]
VERSIONS = ["SW 2.04", "v5.1.3", "firmware 10.2", "Rev F", "SW-Vers. 3.0.11", "v2.7"]
ERRORS = ["Fehler 4711", "E-217", "ERR 0x2F", "Code 58", "Vaporizer fault", "PRE-USE CHECK FAILED", "REM alarm",
          "Err 31"]
PARTS = ["O2 cell 6850645", "APL valve MK01500", "return electrode lead", "light cable 495NCS", "CO2 absorber",
         "footswitch 1010-32", "bellows housing", "scope tip cap"]
JOB_TITLES = ["ODP", "Scrub Practitioner", "Theatre Coordinator", "Anaesthetic Practitioner", "Recovery Nurse",
              "HCA", "Team Leader", "Surgical Care Practitioner", "Theatre Manager", "Decontamination Lead",
              "Consultant Anaesthetist", "EBME Technician"]
TEAMS = ["EBME", "HSDU", "Theatre Admin", "Endoscopy", "Anaesthetics", "Estates", "Procurement", "Risk Team"]
STANDARDS = ["HTM 01-01", "HTM 01-06", "BS EN ISO 15883", "IEC 60601-2-2", "ISO 80601-2-13", "AAGBI checklist"]
MAILBOXES = {"dev9": ["theatres.ebme@wvht.nhs.uk", "hsdu.tracking@wvht.nhs.uk", "anaes.dept@wvht.nhs.uk"],
             "fresh7": ["ebme.helpdesk@ncuh.nhs.uk", "ssd.queries@ncuh.nhs.uk", "theatre.admin@ncuh.nhs.uk"]}
WASHERS = {"dev9": ["WD1", "WD2", "AER 3", "Steris AER-4"], "fresh7": ["EWD-A", "EWD-B", "Washer 5", "Wassenburg 2"]}
