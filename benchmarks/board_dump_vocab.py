"""People pools and kept vocabulary of `board_dump_export.py`, written for it alone (not taken from the other
generators).

A Scottish health board's Medical Physics / EBME department: infusion and syringe pumps, monitors, ventilators,
anaesthetic machines, renal and home dialysis, beds and hoists, defibrillators, linacs and radiation monitors.
People come from hand-made pools only (no Faker): Gaelic, Scots and Irish names (MacLeod, Ó Dochartaigh, Eilidh,
Ruairidh), the board's Polish, Nigerian, South Asian, Chinese and Filipino staff, and Scots surnames that are also
towns or ordinary words. Given names are kept by sex so that "Mrs" and "Mr" go with the right people. "fresh9"
(held out) shares no name word, hospital, ward, building, town, street, postcode, eponym, mailbox or role word
with "dev11"; makers, models, parts and test kit are shared.
"""

from __future__ import annotations

import json

# origin: (female given, male given, surnames); disjoint between the splits.
POOLS: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = {
    "dev11": {
        "gaelic": (["Eilidh", "Màiri", "Iseabail", "Ciorstaidh", "Kirsteen", "Ishbel", "Niamh", "Siobhán"],
                   ["Ruairidh", "Calum", "Domhnall", "Fionnlagh", "Seumas", "Murdo", "Hamish", "Alistair"],
                   ["MacLeod", "McAllister", "MacIver", "Matheson", "MacRae", "Nicolson", "McPhail", "Ó Dochartaigh",
                    "O'Neill", "MacKinnon", "Gillies", "McCallum"]),
        "scots": (["Senga", "Moira", "Jeanette", "Lorna", "Gillian", "Rhona"],
                  ["Rab", "Gordon", "Alasdair", "Graeme", "Ewan", "Kenny"],
                  ["Drysdale", "Imrie", "Cowie", "Rennie", "Galbraith", "Crawford", "Dunbar", "Lauder", "Wylie"]),
        "polish": (["Katarzyna", "Magdalena", "Dorota", "Ewelina"], ["Bartosz", "Łukasz", "Wojciech", "Tomasz"],
                   ["Nowak", "Wójcik", "Kamińska", "Lewandowski", "Dąbrowska", "Szymański"]),
        "nigerian": (["Chidinma", "Ngozi", "Yetunde", "Funmilayo"], ["Olufemi", "Emeka", "Chukwuemeka", "Adewale"],
                     ["Okonkwo", "Adeyemi", "Nnamdi", "Oladipo", "Obiora", "Eze"]),
        "south_asian": (["Nadia", "Sameena", "Harjit", "Parminder", "Anjum"], ["Imran", "Asif", "Sanjay", "Tariq"],
                        ["Malik", "Qureshi", "Bhatti", "Sarwar", "Sidhu", "Grewal"]),
        "chinese": (["Mei Ling", "Xiaoyan", "Wing Yee"], ["Wei", "Jun Hao", "Ka Ho"],
                    ["Chen", "Wong", "Zhang", "Lau", "Cheung"]),
        "filipino": (["Marites", "Analyn", "Jovelyn", "Maricel"], ["Jericho", "Rodel", "Ronaldo"],
                     ["Bautista", "Villanueva", "Manalo", "Soriano", "Pangilinan"]),
        "word": (["Heather", "Rowan", "Ivy"], ["Forbes", "Sandy"], ["Hunter", "Baker", "Grant", "Young"]),
    },
    "fresh9": {
        "gaelic": (["Ealasaid", "Seònaid", "Raonaid", "Peigi", "Oighrig", "Sorcha", "Aoife", "Caoimhe"],
                   ["Ùisdean", "Coinneach", "Aonghas", "Somhairle", "Torquil", "Innes", "Euan", "Lachlann"],
                   ["MacAskill", "MacNeil", "Munro", "MacInnes", "Finlayson", "Beaton", "Mackenzie", "O'Hare",
                    "Sinclair", "Macdonald", "Maciver-Smith", "Nic Leòid"]),
        "scots": (["Aileen", "Shona", "Morven", "Elspeth", "Isla", "Kirsty"],
                  ["Dougie", "Callum", "Ross", "Fraser", "Stuart", "Neil"],
                  ["Rendall", "Flett", "Tulloch", "Isbister", "Budge", "Shearer", "Kinross", "Leslie", "Strachan"]),
        "polish": (["Agata", "Joanna", "Beata", "Justyna"], ["Przemysław", "Grzegorz", "Michał", "Kamil"],
                   ["Zając", "Wróblewska", "Mazur", "Krawczyk", "Pawlak", "Kowalczyk"]),
        "nigerian": (["Adaora", "Ifeoma", "Folake", "Omolara"], ["Chinedu", "Oluwatobi", "Ikenna", "Kayode"],
                     ["Adeleke", "Nwachukwu", "Onyekachi", "Ibekwe", "Oyewole", "Ogunleye"]),
        "south_asian": (["Farhana", "Rubina", "Gurpreet", "Shabana", "Uzma"], ["Zubair", "Kamran", "Rizwan", "Ajay"],
                        ["Hussain", "Rashid", "Iqbal", "Dhaliwal", "Mahmood", "Aslam"]),
        "chinese": (["Hui Min", "Siu Wai", "Yan Ting"], ["Kwok Wing", "Hao", "Chun Kit"],
                    ["Leung", "Tsang", "Huang", "Yip", "Fung"]),
        "filipino": (["Rowena", "Mylene", "Jocelyn", "Lorelie"], ["Jomar", "Reynaldo", "Arnel"],
                     ["Macaraeg", "Dizon", "Tolentino", "Ocampo", "Samonte"]),
        "word": (["Bonnie", "Fern", "Robin"], ["Glen", "Rusty"], ["Shepherd", "Mason", "Bell", "Gardner"]),
    },
}
WEIGHTS = {"gaelic": 3.0, "scots": 2.5, "polish": 1.0, "nigerian": 1.0, "south_asian": 1.0, "chinese": 0.6,
           "filipino": 0.8, "word": 0.7}
# What colleagues call people, and the misspellings a name gets in a hurry (both are the person, both planted).
NICKNAMES = {"Katarzyna": "Kasia", "Wojciech": "Wojtek", "Chukwuemeka": "Emeka", "Olufemi": "Femi",
             "Alistair": "Ally", "Ishbel": "Ish", "Domhnall": "Donnie", "Fionnlagh": "Finlay", "Magdalena": "Magda",
             "Funmilayo": "Funmi", "Przemysław": "Przemek", "Grzegorz": "Grzesiek", "Oluwatobi": "Tobi",
             "Ealasaid": "Elsie", "Coinneach": "Kenneth", "Somhairle": "Sorley", "Ùisdean": "Hugh",
             "Omolara": "Lara", "Elspeth": "Elspeth", "Lachlann": "Lachie"}
TYPOS = {"Ruairidh": "Ruaridh", "McAllister": "McAlister", "Matheson": "Mathieson", "MacRae": "Mcrae",
         "Eilidh": "Eilid", "Nicolson": "Nicholson", "Wójcik": "Wojcik", "Okonkwo": "Okonko",
         "Finlayson": "Findlayson", "MacAskill": "McAskill", "Isbister": "Isbester", "Nwachukwu": "Nwachuku",
         "Ùisdean": "Uisdean", "Mackenzie": "McKenzie", "Seònaid": "Seonaid"}

# --- look-alikes that must be kept ----------------------------------------------------------------------------
# (site, town, building, [(department or ward, room)]): places named after people are the hard part.
SITES = {
    "dev11": [
        ("Queen Elizabeth University Hospital", "Glasgow", "Lister Building",
         [("Ward 4B Jubilee", "Bay 2"), ("Ward 11 Renal", "Side Room 4"), ("Langlands Unit", "Treatment Room")]),
        ("Beatson West of Scotland Cancer Centre", "Glasgow", "Beatson Radiotherapy Block",
         [("Radiotherapy Physics", "Linac 3"), ("Ward B7 Haematology", "Bay 1")]),
        ("Golden Jubilee National Hospital", "Clydebank", "Heart and Lung Centre",
         [("Cath Lab Suite", "Cath Lab 2"), ("CCU", "Bed Space 8")]),
        ("Victoria Infirmary", "Glasgow", "Philipshill Wing", [("Ward 5 Medicine", "Store")]),
        ("Western General Hospital", "Edinburgh", "Anne Ferguson Building",
         [("Medical Physics", "Workshop 1"), ("Ward 52 Haematology", "Bay 3")]),
        ("Royal Infirmary of Edinburgh", "Edinburgh", "Simpson Centre for Reproductive Health",
         [("Neonatal Unit", "Nursery 2"), ("Labour Ward", "Room 6"), ("Ward 118 Critical Care", "Bed 12")]),
        ("Royal Alexandra Hospital", "Paisley", "Clyde Block", [("Ward 15 Respiratory", "Bay 4")]),
        ("St John's Hospital", "Livingston", "Main Block", [("Ward 14 Stroke", "Bay 1"), ("A&E", "Resus 2")]),
    ],
    "fresh9": [
        ("Ninewells Hospital", "Dundee", "Level 5 Podium",
         [("Ward 9 Cardiology", "Bay C"), ("Medical Physics", "Bench 3"), ("ICU", "Bed 7")]),
        ("Raigmore Hospital", "Inverness", "Centre for Health Science",
         [("Ward 3C Renal", "Dialysis Bay"), ("Maggie's Highlands", "Quiet Room")]),
        ("Aberdeen Royal Infirmary", "Aberdeen", "Matthew Hay Building",
         [("Ward 104 Acute Medicine", "Bay 2"), ("Roxburghe House", "Room 11"), ("Anchor Unit", "Treatment 1")]),
        ("Dr Gray's Hospital", "Elgin", "Main Block", [("Ward 6 Surgical", "Side Room 2")]),
        ("Western Isles Hospital", "Stornoway", "Ospadal Block", [("Medical Ward", "Bay 1"), ("Theatres", "Th 1")]),
        ("Balfour Hospital", "Kirkwall", "The Balfour", [("Inpatient Ward 1", "Room 3")]),
        ("Victoria Hospital", "Kirkcaldy", "Phase 3 Tower", [("Ward 7 Haematology", "Bay 5"), ("CCU", "Bed 2")]),
        ("Perth Royal Infirmary", "Perth", "Tay Block", [("Ward 1 Medicine of the Elderly", "Bay 6")]),
    ],
}
TOWNS = {"dev11": ["Paisley", "Livingston", "Clydebank", "Falkirk", "Dunfermline", "Greenock", "Bathgate"],
         "fresh9": ["Inverness", "Kirkcaldy", "Stornoway", "Kirkwall", "Wick", "Arbroath", "Peterhead"]}
STREETS = {"dev11": ["Dumbarton Rd", "Marchmont Crescent", "Paisley Rd West", "Gorgie Road", "Tolbooth Wynd",
                     "Maryhill Road", "Leith Walk", "Byres Road", "Crow Road", "Bruntsfield Place"],
           "fresh9": ["Holburn Street", "Great Northern Road", "Culduthel Road", "Perth Road", "Lochee Road",
                      "Bayhead", "Junction Road", "Market Wynd", "Seaforth Road", "Links Place"]}
HOUSES = {"dev11": ["The Steading", "Mill Cottage", "Burnside Farmhouse", "Old Manse"],
          "fresh9": ["Croft 4", "Tigh na Mara", "The Schoolhouse", "Shore Cottage"]}
HOUSE_PLACES = {"dev11": ["Carmunnock", "Kirknewton", "Howwood"], "fresh9": ["Achmore", "Balnain", "Orphir"]}
POSTCODES = {"dev11": ["G12", "G11", "G51", "G41", "EH9", "EH11", "EH54", "EH6", "PA2"],
             "fresh9": ["AB10", "AB24", "IV2", "IV3", "DD1", "DD2", "KW15", "HS1", "KY1", "PH1"]}
AREA_CODES = {"dev11": ["0141", "0131", "01506", "01475"], "fresh9": ["01224", "01463", "01382", "01851",
                                                                      "01592", "01856"]}
EMAIL_DOMAINS = {"dev11": ["nhs.scot", "ggc.scot.nhs.uk", "nhslothian.scot.nhs.uk"],
                 "fresh9": ["nhs.scot", "nhs.net", "nhsgrampian.org"]}
HOME_MAIL = ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com"]
MAILBOXES = {"dev11": ["ggc.ebmehelpdesk@nhs.scot", "loth.medicalphysics@nhs.scot",
                       "ClinicalPhysicsQEUH@ggc.scot.nhs.uk"],
             "fresh9": ["gram.medphys@nhs.scot", "tay.clinicaltechnology@nhs.scot", "high.ebmeworkshop@nhs.scot"]}
EPONYMS = {"dev11": ["Geiger counter", "Bourdon gauge", "Pitot tube", "Luer lock", "Yankauer sucker", "Tuohy needle",
                     "Wheatstone bridge", "Farmer chamber"],
           "fresh9": ["Faraday cage", "Hall effect sensor", "Peltier module", "Schrader valve", "Fresnel lens",
                      "Guedel airway", "Korotkoff sounds", "Bunsen burner"]}
JOB_TITLES = {"dev11": ["Senior Medical Physicist", "Clinical Scientist", "Band 6 Technologist", "Senior Charge Nurse",
                        "Principal Clinical Technologist", "Radiation Protection Adviser"],
              "fresh9": ["Head of Clinical Technology", "Band 7 Clinical Technologist", "Charge Nurse",
                         "Trainee Clinical Scientist", "Consultant Physicist", "Renal Technician"]}
DESKS = {"dev11": ["0345 601 0433", "0800 917 7020"], "fresh9": ["0344 800 0045", "01442 213542"]}

# (maker, model, device type, UMDNS); shared by the splits: nobody is named after them.
MODELS = [
    ("Draeger", "Evita V500", "Ventilator", "17-429"),
    ("Draeger", "Perseus A500", "Anaesthesia Unit", "10-134"),
    ("Draeger", "Babyleo TN500", "Incubator", "12-113"),
    ("Philips", "IntelliVue MX750", "Patient Monitor", "12-636"),
    ("Philips", "HeartStart FR3", "Defibrillator", "11-132"),
    ("GE Healthcare", "CARESCAPE B650", "Patient Monitor", "12-636"),
    ("GE Healthcare", "Aisys CS2", "Anaesthesia Unit", "10-134"),
    ("Baxter", "Novum IQ", "Infusion Pump", "13-215"),
    ("Baxter", "PrisMax", "Haemofiltration Unit", "11-218"),
    ("Fresenius Kabi", "Agilia SP", "Syringe Pump", "13-217"),
    ("Fresenius Medical Care", "5008S CorDiax", "Haemodialysis Unit", "11-218"),
    ("Smiths Medical", "CADD-Solis", "Ambulatory Pump", "13-215"),
    ("Smiths Medical", "Medfusion 3500", "Syringe Pump", "13-217"),
    ("B. Braun", "Infusomat Space", "Infusion Pump", "13-215"),
    ("Zoll", "X Series", "Defibrillator", "11-132"),
    ("Masimo", "Radical-7", "Pulse Oximeter", "17-148"),
    ("Arjo", "Maxi Move", "Patient Hoist", "10-771"),
    ("Hill-Rom", "Progressa", "Hospital Bed", "10-347"),
    ("Elekta", "Versa HD", "Linear Accelerator", "18-020"),
    ("PTW", "UNIDOS webline", "Dosemeter", "16-594"),
    ("Thermo Scientific", "RadEye G", "Radiation Monitor", "16-596"),
    ("Erbe", "VIO 300 D", "Electrosurgical Unit", "11-490"),
    ("Mindray", "BeneHeart D6", "Defibrillator", "11-132"),
]
SUPPLIERS = ["Draeger Medical UK Ltd", "Philips Healthcare", "GE Healthcare Ltd", "Baxter Healthcare Ltd",
             "Fresenius Kabi Ltd", "Smiths Medical International", "B. Braun Medical Ltd", "Zoll Medical UK",
             "Arjo UK Ltd", "Elekta Ltd", "Thermo Fisher Scientific", "Erbe UK Ltd", "Mindray UK Ltd",
             "Masimo UK", "Hill-Rom UK Ltd", "Fresenius Medical Care UK", "PTW-UK Ltd", "NSS National Procurement"]
PARTS = ["MX50084", "M3002A", "989803196521", "2024340-001", "8412960", "35083", "0151-0126", "MK01500",
         "453564243501", "PRX-4420", "9000-8765", "G-501000-AB", "FK-7403-12", "21-4405-01"]
PART_DESCS = ["battery pack", "occlusion sensor", "door latch", "flow sensor", "O2 cell", "power supply board",
              "SpO2 extension cable", "NIBP hose", "keypad membrane", "mains inlet fuse holder", "castor",
              "handset", "pressure transducer", "fan assy"]
TEST_KIT = ["Fluke ESA620", "Rigel 62353", "Fluke IDA-5", "Datrend vPad-A1", "Fluke VT900A", "Rigel Uni-Pulse",
            "Seaward Apollo 600"]
STANDARDS = ["IEC 62353", "BS EN 60601-1", "IEC 61010", "IPEM Report 91"]
ERRORS = ["E-21", "Err 204", "ERR 45.3", "F07", "Code 1103", "Fault 88", "E32-04", "ALARM 0x1F"]
VERSIONS = ["v2.11.4", "SW 4.03", "firmware 7.2.1", "rev C.01", "v10.0.2"]
FAILURE_CAUSES = ["Wear and tear", "Accidental damage", "User error", "No fault found", "Battery failure",
                  "Fluid ingress", "Software fault", "Component failure", "Cable/lead damage", "Planned maintenance",
                  "Awaiting parts", "Beyond economic repair"]
CONDITIONS = {"A": "in_service", "S": "in_store", "R": "under_repair", "C": "condemned", "L": "on_loan"}
VISITS = {"PPM": "ppm", "BRK": "repair", "ACC": "acceptance", "ESC": "inspection", "CAL": "calibration",
          "LOAN": "other"}

# --- the mapping: DuckDB queries over the dump's tables (also run by `raw_package` for the baseline) -----------
ASSETS_QUERY = """\
SELECT a.*, m.org_name AS maker, s.org_name AS supplier, si.site_name, l.building, l.department, l.room,
  nullif(concat_ws(' ', r.first_name, r.last_name), '') AS responsible, r.mobile AS responsible_mobile,
  nullif(concat_ws(' ', e.first_name, e.last_name), '') AS link_engineer, h.history
FROM assets a
LEFT JOIN contacts m ON m.id = a.manufacturer_id
LEFT JOIN contacts s ON s.id = a.supplier_id
LEFT JOIN locations l ON l.id = a.location_id
LEFT JOIN sites si ON si.id = l.site_id
LEFT JOIN staff r ON r.id = a.responsible_id
LEFT JOIN staff e ON e.id = a.engineer_id
LEFT JOIN (SELECT record_id, string_agg(concat_ws(' ', logged_at, username, detail), ' || '
                                        ORDER BY logged_at, TRY_CAST(id AS BIGINT)) AS history
           FROM audit_log WHERE record_type = 'asset' GROUP BY record_id) h ON h.record_id = a.id
ORDER BY TRY_CAST(a.id AS INTEGER)
"""
WORKORDERS_QUERY = """\
SELECT w.*, a.asset_tag, i.engineers, i.work_done, i.hours, i.cost
FROM workorders w
JOIN assets a ON a.id = w.asset_id
LEFT JOIN (
  SELECT v.workorder_id,
    string_agg(DISTINCT CASE WHEN v.engineer_id IS NOT NULL THEN concat_ws(' ', st.first_name, st.last_name)
                             ELSE concat(c.contact_person, ' (', c.org_name, ')') END, ' / ') AS engineers,
    string_agg(concat_ws(' - ', v.int_date, v.failure_cause, v.description, 'parts: ' || p.parts), chr(10)
               ORDER BY v.int_date, TRY_CAST(v.id AS INTEGER)) AS work_done,
    sum(TRY_CAST(v.hours AS DOUBLE)) AS hours, sum(TRY_CAST(v.total_cost AS DECIMAL(12, 2))) AS cost
  FROM interventions v
  LEFT JOIN staff st ON st.id = v.engineer_id
  LEFT JOIN contacts c ON c.id = v.contractor_id
  LEFT JOIN (SELECT intervention_id, string_agg(concat(qty, ' x ', part_no, ' ', part_desc), '; '
                                                ORDER BY TRY_CAST(id AS INTEGER)) AS parts
             FROM parts_lines GROUP BY intervention_id) p ON p.intervention_id = v.id
  GROUP BY v.workorder_id) i ON i.workorder_id = w.id
ORDER BY TRY_CAST(w.id AS INTEGER)
"""


def _indent(sql: str) -> str:
    return "".join("      " + line + "\n" for line in sql.splitlines())


MAPPING = f"""\
# Hand-written mapping for benchmarks/board_dump_export.py's export: one mysqldump file of a health board's
# openMEDIS-derived EBME CMMS. The queries join the contacts, locations, sites and staff tables in, fold the asset's
# audit log into its notes and a work order's interventions and parts lines into its outcome.
format: intake-mapping/1
system: board-cmms-dump-bench
title: Health board EBME CMMS (MySQL dump, openMEDIS-derived)
null_values: ["", "n/a"]
lookups:
  condition: {json.dumps(CONDITIONS)}
  visit: {json.dumps(VISITS)}
  wo_status: {{"Open": open, "On Hold": open, "Closed": completed, "Cancelled": completed}}
  risk: {{values: {{High: high, Medium: medium, Low: low}}, ignore_case: true}}
ignore_tables:
  users: the application's logins and password hashes; who changed a record is on the record
  cmms_settings: the application's own settings, no equipment data
tables:
  - table: assets
    query: |
{_indent(ASSETS_QUERY)}    source_key: asset_tag
    outputs:
      - {{entity: sites, derive: {{key: [site_name], match: exact}}, fields: {{name: site_name}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, building, department, room], match: exact}}
        fields: {{site_id: {{ref: sites}}, building: building, department: department, room: room,
                 name: {{from: [department, room], join: ", "}}}}
      - {{entity: manufacturers, derive: {{key: [maker], match: exact}}, fields: {{name: maker}}}}
      - {{entity: suppliers, derive: {{key: [supplier], match: exact}}, fields: {{name: supplier}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: model, device_type: generic_name,
                 category_code: umdns, category_scheme: {{value: UMDNS}}}}
      - entity: assets
        id: asset_tag
        fields:
          asset_number: asset_tag
          serial_number: serial_no
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          supplier_id: {{ref: suppliers}}
          owner: responsible
          responsible_engineer: link_engineer
          contact_phone: responsible_mobile
          status: {{from: condition_code, lookup: condition, default: unknown}}
          risk_class: {{from: risk_class, lookup: risk}}
          acquisition_date: {{from: purchase_date, convert: [{{date: [iso]}}], on_invalid: null}}
          acquisition_cost: {{from: purchase_price, convert: [decimal], on_invalid: null}}
          warranty_expiry: {{from: warranty_end, convert: [{{date: [iso]}}], on_invalid: null}}
          last_ppm_date: {{from: last_ppm, convert: [{{date: [iso]}}], on_invalid: null}}
          next_ppm_due: {{from: next_ppm, convert: [{{date: [iso]}}], on_invalid: null}}
          notes: {{from: [notes, history], join: " | "}}
          last_modified_by: modified_by
  - table: workorders
    query: |
{_indent(WORKORDERS_QUERY)}    source_key: wo_no
    outputs:
      - entity: jobs
        id: wo_no
        fields:
          job_number: wo_no
          asset_id: {{id: assets, from: asset_tag}}
          job_type: {{from: visit_type, lookup: visit}}
          status: {{from: status, lookup: wo_status}}
          raised_at: {{from: requested_at, convert: [{{datetime: [iso]}}]}}
          completed_at: {{from: closed_at, convert: [{{datetime: [iso]}}], on_invalid: null}}
          fault_description: description
          outcome: work_done
          engineer: engineers
          requested_by: requester
          requester_phone: requester_tel
          labour_hours: {{from: hours, convert: [number], on_invalid: null}}
          parts_cost: {{from: cost, convert: [decimal], on_invalid: null}}
"""
