"""People pools and places of `labinv_export.py`, written for it alone.

A university teaching hospital's research and laboratory equipment inventory kept by its lab manager, and the
inventory of a Spanish partner hospital's laboratories. "dev14" is a Bristol teaching hospital with a Madrid
partner; "fresh12" (held out) a Newcastle teaching hospital with a Seville partner, and shares no name word, site,
building, lab or room, town, street, mailbox, job title, study or eponym with "dev14" (the held-out draw also drops
any Faker name carrying a word of the dev split's people).
"""

from __future__ import annotations

# origin: (female given, male given, surnames); disjoint between the splits. The UK side's research staff, students
# and engineers, and the trial participants lent kit; the Spanish side's staff and patients ("es" origins).
POOLS: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = {
    "dev14": {
        "british": (["Harriet", "Joanna", "Catherine", "Rebecca", "Eleanor", "Fiona", "Alison", "Lucy", "Philippa",
                     "Jennifer"],
                    ["Jonathan", "Matthew", "Alistair", "Benedict", "Oliver", "Simon", "Duncan", "Toby", "Jon",
                     "Nicholas"],
                    ["Smith", "Whitfield", "Ashworth", "Kendrick", "Pollard", "Hebden", "Rowntree", "Marsden",
                     "Garside", "Lockwood", "Tranter", "Hollingsworth"]),
        "irish": (["Aoife", "Niamh", "Siobhan", "Orla", "Clodagh"], ["Cathal", "Donal", "Ciarán", "Eoin"],
                  ["Brennan", "McGrath", "Fitzgerald", "Kavanagh", "Dunne", "Ó Súilleabháin"]),
        "indian": (["Kavya", "Nandini", "Shreya", "Lakshmi"], ["Karthik", "Rohan", "Aditya", "Suresh"],
                   ["Mehta", "Krishnan", "Raghavan", "Bhattacharya", "Joshi"]),
        "chinese": (["Xiaoling", "Yanting", "Jiayi"], ["Zhiwei", "Haoran", "Jun"], ["Zhang", "Liu", "Huang", "Zhou",
                                                                                   "Xu"]),
        "italian": (["Chiara", "Federica", "Giulia"], ["Matteo", "Lorenzo", "Davide"],
                    ["Bianchi", "Rossetti", "Moretti", "Esposito"]),
        "nigerian": (["Ngozi", "Folake", "Yetunde"], ["Oluwaseun", "Babatunde", "Chidi"],
                     ["Adeyemi", "Okonkwo", "Balogun", "Eze"]),
        "word": (["Grace", "Ivy"], ["Mark", "Miles"], ["Bishop", "Mason", "Fuller", "Rich"]),
        "es_spanish": (["Lucía", "Carmen", "María José", "Nuria", "Pilar", "Montserrat", "Rocío", "Inmaculada"],
                       ["Luis", "Javier", "José Manuel", "Álvaro", "Jordi", "Iñaki", "Francisco Javier"],
                       ["García", "López", "Fernández", "Martínez", "Sánchez", "Gómez", "Ruiz", "Etxeberria",
                        "Puig", "Rodríguez", "Navarro", "Castro"]),
        "es_moroccan": (["Fátima", "Khadija", "Samira"], ["Mohamed", "Youssef", "Hamza"],
                        ["El Amrani", "Benali", "Bouzid", "Ouhbi"]),
        "es_romanian": (["Ioana", "Andreea"], ["Florin", "Mihai"], ["Popescu", "Ionescu", "Dumitru"]),
    },
    "fresh12": {
        "british": (["Gwen", "Kirsty", "Bethan", "Shona", "Morag", "Isla", "Heather", "Lesley", "Nicola",
                     "Rachael"],
                    ["Callum", "Fraser", "Hamish", "Rhys", "Gethin", "Euan", "Angus", "Dafydd", "Craig", "Alun"],
                    ["Pritchard", "MacLeod", "Sinclair", "Llewellyn", "Buchanan", "Cruickshank", "Gilchrist",
                     "Hughes", "Menzies", "Urquhart", "Armstrong", "Robson"]),
        "irish": (["Saoirse", "Gráinne", "Róisín", "Eimear"], ["Pádraig", "Colm", "Fergal", "Ruairí"],
                  ["O'Dowd", "Gallagher", "Hennessy", "Mac Cárthaigh", "Ní Bhriain"]),
        "indian": (["Sunita", "Pooja", "Divya", "Revathi"], ["Ganesh", "Vijay", "Harish", "Naveen"],
                   ["Subramanian", "Chatterjee", "Reddy", "Pillai", "Agarwal"]),
        "chinese": (["Xinyi", "Ruoxi", "Shuang"], ["Yifan", "Zihao", "Wei"], ["Wang", "Chen", "Lin", "Guo", "Zhao"]),
        "polish": (["Agnieszka", "Magdalena", "Katarzyna"], ["Tomasz", "Grzegorz", "Paweł"],
                   ["Kowalczyk", "Nowak", "Mazur", "Wójcik"]),
        "ghanaian": (["Abena", "Efua"], ["Kofi", "Yaw"], ["Mensah", "Boateng", "Asante", "Owusu"]),
        "word": (["Pearl", "Dawn"], ["Clay", "Drew"], ["Carpenter", "Waters", "Bliss", "Read"]),
        "es_spanish": (["Marta", "Elena", "Begoña", "Raquel", "Ainhoa", "Consuelo", "Macarena", "Remedios"],
                       ["Antonio", "Manuel", "Sergio", "Rubén", "Xavier", "Borja", "Juan Carlos"],
                       ["Pérez", "González", "Jiménez", "Moreno", "Muñoz", "Romero", "Alonso", "Gutiérrez",
                        "Iglesias", "Vidal", "Ortega", "Aguirre"]),
        "es_colombian": (["Yuliana", "Marisol", "Leidy"], ["Jhon", "Wilmer", "Yeison"],
                         ["Quintero", "Cárdenas", "Ospina", "Restrepo"]),
        "es_ukrainian": (["Oksana", "Olena"], ["Taras", "Bohdan"], ["Shevchenko", "Bondarenko", "Tkachenko"]),
    },
}
WEIGHTS = {"british": 3.0, "irish": 1.0, "indian": 1.2, "chinese": 1.0, "italian": 0.6, "nigerian": 0.7,
           "polish": 0.7, "ghanaian": 0.6, "word": 0.5, "es_spanish": 3.0, "es_moroccan": 0.6, "es_romanian": 0.5,
           "es_colombian": 0.7, "es_ukrainian": 0.5}
# Faker locales and their weights next to the pools, for the UK side ("uk") and the Spanish side ("es").
LOCALES = {"dev14": {"uk": {"en_GB": 3.0, "en_IE": 1.0, "de_DE": 0.6, "pt_BR": 0.4}, "es": {"es_ES": 3.0,
                                                                                           "pt_BR": 0.5}},
           "fresh12": {"uk": {"en_GB": 3.0, "en_IE": 0.8, "de_DE": 0.7, "pt_BR": 0.4}, "es": {"es_ES": 3.0,
                                                                                             "pt_BR": 0.6}}}
# What colleagues call people (a planted name too).
NICKNAMES = {"dev14": {"Jonathan": "Jon", "Matthew": "Matt", "Nicholas": "Nick", "Francisco Javier": "Javi",
                       "José Manuel": "Chema", "Oluwaseun": "Seun", "Babatunde": "Tunde", "Alistair": "Ali"},
             "fresh12": {"Callum": "Cal", "Katarzyna": "Kasia", "Juan Carlos": "Juanca", "Rachael": "Rach",
                         "Magdalena": "Magda", "Consuelo": "Chelo", "Agnieszka": "Aga", "Remedios": "Reme"}}

# --- look-alikes that must be kept ----------------------------------------------------------------------------
# The UK side: (site, town, [(building, lab or room)]); labs, rooms and buildings named after people.
SITES = {
    "dev14": [
        ("Kingsmere University Hospital", "Bristol",
         [("Medawar Building", "Crick Lab"), ("Medawar Building", "Rosalind Franklin Suite"),
          ("Medawar Building", "Tissue Culture 2"), ("Jenner Wing", "Sanger Sequencing Room"),
          ("Jenner Wing", "Hooke Imaging Suite"), ("Jenner Wing", "Cold Room B")]),
        ("Kingsmere Institute of Biomedical Research", "Bristol",
         [("Wellcome Wing", "Hodgkin Laboratory"), ("Wellcome Wing", "Mitchell Flow Cytometry Suite"),
          ("Wellcome Wing", "CL3 Suite"), ("Garrod Teaching Block", "Teaching Lab 1")]),
    ],
    "fresh12": [
        ("Tynecastle Teaching Hospital", "Newcastle upon Tyne",
         [("Florey Building", "Fleming Lab"), ("Florey Building", "Barbara McClintock Room"),
          ("Florey Building", "Cell Culture Suite 4"), ("Chain Wing", "Ada Lovelace Data Room"),
          ("Chain Wing", "Harvey Microscopy Suite"), ("Chain Wing", "Freezer Farm")]),
        ("Tynecastle Centre for Translational Medicine", "Newcastle upon Tyne",
         [("Lister Research Wing", "Dorothy Crowfoot Laboratory"), ("Lister Research Wing", "Milstein Antibody Lab"),
          ("Lister Research Wing", "Containment Level 2 Lab"), ("Snow Teaching Centre", "Practical Lab A")]),
    ],
}
# The Spanish partner: (site, town, [(building, service, lab or room)]).
ES_SITES = {
    "dev14": [("Hospital Universitario Virgen de la Esperanza", "Madrid",
               [("Pabellón Marañón", "Análisis Clínicos", "Laboratorio Severo Ochoa"),
                ("Pabellón Marañón", "Análisis Clínicos", "Sala Ramón y Cajal"),
                ("Pabellón Marañón", "Microbiología", "Laboratorio de Bacteriología 2"),
                ("Edificio de Investigación", "Unidad de Investigación Clínica", "Sala Gregorio Marañón"),
                ("Edificio de Investigación", "Biobanco", "Sala de Congeladores")])],
    "fresh12": [("Hospital Clínico San Rafael Arcángel", "Sevilla",
                 [("Edificio Fidel Pagés", "Laboratorio de Urgencias", "Laboratorio Margarita Salas"),
                  ("Edificio Fidel Pagés", "Laboratorio de Urgencias", "Sala Santiago Grisolía"),
                  ("Edificio Fidel Pagés", "Hematología", "Laboratorio de Citometría"),
                  ("Pabellón Trueta", "Ensayos Clínicos", "Sala Josep Trueta"),
                  ("Pabellón Trueta", "Banco de Tejidos", "Cuarto de Nitrógeno")])],
}
TOWNS = {"dev14": ["Bristol", "Bath", "Weston-super-Mare", "Clevedon", "Keynsham", "Portishead"],
         "fresh12": ["Newcastle upon Tyne", "Gateshead", "Sunderland", "Hexham", "Morpeth", "Whitley Bay"]}
# A town's postcode districts and its landlines' area code (a participant's home is in one town).
TOWN_CODES = {
    "dev14": {"Bristol": (["BS3", "BS5", "BS6", "BS7", "BS16"], "0117"), "Bath": (["BA1", "BA2"], "01225"),
              "Weston-super-Mare": (["BS22", "BS23"], "01934"), "Clevedon": (["BS21"], "01275"),
              "Keynsham": (["BS31"], "0117"), "Portishead": (["BS20"], "01275")},
    "fresh12": {"Newcastle upon Tyne": (["NE2", "NE4", "NE6"], "0191"), "Gateshead": (["NE8", "NE9"], "0191"),
                "Sunderland": (["SR2", "SR4"], "0191"), "Hexham": (["NE46"], "01434"),
                "Morpeth": (["NE61"], "01670"), "Whitley Bay": (["NE25", "NE26"], "0191")},
}
STREETS = {"dev14": ["Gloucester Road", "Whiteladies Road", "Cheltenham Road", "Coronation Road", "Wells Road",
                     "Fishponds Road", "Church Lane", "Sycamore Drive", "Bath Road"],
           "fresh12": ["Westgate Road", "Shields Road", "Durham Road", "Chillingham Road", "Front Street",
                       "Osborne Road", "Heaton Park Road", "Alder Close", "Station Road"]}
FLATS = {"dev14": ["Flat 2, ", "Flat 7 ", "Basement flat, "], "fresh12": ["Flat C, ", "Apartment 12, ", "Top flat "]}
ES_TOWNS = {"dev14": {"Madrid": ["28005", "28011", "28028", "28039", "28045"], "Getafe": ["28901", "28905"],
                      "Leganés": ["28911", "28914"], "Móstoles": ["28931", "28934"],
                      "Alcalá de Henares": ["28801", "28806"]},
            "fresh12": {"Sevilla": ["41003", "41008", "41010", "41013"], "Dos Hermanas": ["41700", "41704"],
                        "Utrera": ["41710"], "Écija": ["41400"], "Mairena del Aljarafe": ["41927"]}}
ES_STREETS = {"dev14": ["C/ Toledo", "Avda. de América", "C/ Bravo Murillo", "Pº de las Delicias", "C/ Arturo Soria",
                        "C/ de Alcalá", "C/ Embajadores"],
              "fresh12": ["C/ Sierpes", "Avda. de la Constitución", "C/ Feria", "C/ Asunción", "Avda. Luis Montoto",
                          "C/ Betis", "Ronda de Triana"]}
ES_LAND = {"dev14": "91", "fresh12": "954"}

DOMAIN = {"dev14": "kingsmere.ac.uk", "fresh12": "tynecastle.ac.uk"}
NHS_DOMAIN = {"dev14": "kuh.nhs.uk", "fresh12": "nhs.net"}
ES_DOMAIN = {"dev14": "hvesperanza.es", "fresh12": "hcsanrafael.es"}
HOME_MAIL = {"dev14": ["gmail.com", "hotmail.co.uk", "btinternet.com"], "fresh12": ["yahoo.co.uk", "outlook.com",
                                                                                   "icloud.com"]}
ES_HOME_MAIL = {"dev14": ["gmail.com", "hotmail.es"], "fresh12": ["yahoo.es", "outlook.es"]}
MAILBOXES = {"dev14": ["lab.manager@kingsmere.ac.uk", "biores-stores@kingsmere.ac.uk",
                       "cl3.users@kingsmere.ac.uk", "estates.helpdesk@kingsmere.ac.uk"],
             "fresh12": ["labops@tynecastle.ac.uk", "ctm.equipment@tynecastle.ac.uk",
                         "microscopy.bookings@tynecastle.ac.uk", "h-and-s@tynecastle.ac.uk"]}
ES_MAILBOXES = {"dev14": ["servicio.tecnico@hvesperanza.es", "laboratorio.urgencias@hvesperanza.es",
                          "electromedicina@hvesperanza.es"],
                "fresh12": ["mantenimiento.lab@hcsanrafael.es", "calidad.laboratorio@hcsanrafael.es",
                            "ingenieria.clinica@hcsanrafael.es"]}
EPONYMS = {"dev14": ["Petri dish", "Bunsen burner", "Erlenmeyer flask", "Pasteur pipette", "Gram stain",
                     "Neubauer chamber", "Kjeldahl flask"],
           "fresh12": ["Büchner funnel", "Liebig condenser", "Soxhlet extractor", "Giemsa stain",
                       "Ziehl-Neelsen stain", "Bradford assay", "Dewar flask"]}
ES_EPONYMS = {"dev14": ["placa de Petri", "mechero Bunsen", "pipeta Pasteur", "cámara de Neubauer"],
              "fresh12": ["embudo Büchner", "tinción de Giemsa", "frasco Dewar", "tinción de Ziehl-Neelsen"]}
JOB_TITLES = {"dev14": ["Lab Manager", "Senior Research Technician", "Biological Safety Officer",
                        "Facility Manager"],
              "fresh12": ["Laboratory Operations Manager", "Chief Technician", "Microscopy Facility Lead",
                          "Radiation Protection Supervisor"]}
ES_JOB_TITLES = {"dev14": ["Técnico de laboratorio", "Supervisora de enfermería", "Jefa de Sección de Análisis "
                                                                                  "Clínicos"],
                 "fresh12": ["Técnico Especialista en Laboratorio", "Coordinadora de Calidad",
                             "Facultativo Especialista de Área"]}
# Research studies that lend home kit to participants (kept).
STUDIES = {"dev14": ["MOVE-IT", "SLEEPWELL-2", "BREATHE-COPD"], "fresh12": ["NORTHSTAR", "ACTIVE-AGE", "PULSE-HF"]}
# Makers' and suppliers' service lines (organisation numbers, kept).
LINES = {"dev14": ["0800 085 8055", "01223 527 400", "0800 181 530"],
         "fresh12": ["0845 600 9155", "01509 555 500", "0800 731 5150"]}
ES_LINES = {"dev14": ["902 123 456", "91 657 42 00"], "fresh12": ["900 810 333", "954 46 10 20"]}
