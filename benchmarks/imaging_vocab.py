"""People and kept vocabulary of `imaging_export.py`, written for it alone (not taken from the other generators).

An NHS trust's imaging equipment service system: MRI, CT, general and mobile X-ray, fluoroscopy, mammography,
ultrasound, DEXA, PACS workstations, contrast injectors, MR-conditional monitoring, UPS and chillers. Rooms and
units named after people (Röntgen, Hounsfield, Mansfield, Curie), eponymous physics (Doppler, Tesla, Gauss,
Faraday, Bucky) and the makers' model names must be kept. Staff come from hand-made pools (radiographers and
sonographers recruited from India, the Philippines, Nigeria, Poland, Greece and Portugal; English names that are
ordinary words or towns) and Faker locales; "fresh8" (held out) shares no name word, room, hospital, town, street,
eponym or mailbox with "dev10".
"""

from __future__ import annotations

import json

LOCALES = {"dev10": {"en_IN": 0.8, "pl_PL": 0.5}, "fresh8": {"cs_CZ": 0.6, "lv_LV": 0.5}}

# (given names, surnames) per origin; disjoint between the splits.
POOLS = {
    "dev10": {
        "indian": (["Priyanka", "Sreeja", "Vineeth", "Anjali", "Rajesh", "Deepthi", "Harpreet", "Sandeep"],
                   ["Nair", "Pillai", "Menon", "Venkataraman", "Sandhu", "Gill", "Chaudhary"]),
        "filipino": (["Maribel", "Ricardo", "Lovely", "Jennelyn", "Arvin", "Cherry"],
                     ["Dela Cruz", "Santos", "Mercado", "Buenaventura", "Lim"]),
        "nigerian": (["Oluwaseun", "Chiamaka", "Babatunde", "Adaeze", "Femi"],
                     ["Adebayo", "Okafor", "Ogunbiyi", "Nwosu-Eze", "Akinola"]),
        "polish": (["Agnieszka", "Paweł", "Małgorzata", "Krzysztof", "Zofia"],
                   ["Wiśniewska", "Kowalczyk", "Grabowski", "Zielińska"]),
        "greek": (["Stavros", "Eirini", "Christos", "Paraskevi"], ["Anagnostou", "Petridis", "Kyriakou"]),
        "word": (["Hazel", "Robin", "Crystal", "Sunny", "Frank", "Amber"],
                 ["Long", "Bishop", "Hill", "Marsh", "Gold", "Rich", "Penny"]),
        "town": (["Alison", "Gareth", "Joanne", "Stuart", "Jo", "Kirsty"],
                 ["Whitby", "Preston", "Kendal", "Ashworth", "Buxton", "Selby"]),
    },
    "fresh8": {
        "indian": (["Lakshmi", "Arun", "Divya", "Manpreet", "Suresh", "Kavitha", "Navjot", "Pradeep"],
                   ["Krishnan", "Iyer", "Ramachandran", "Dhillon", "Bains", "Kulkarni", "Reddy"]),
        "filipino": (["Rhea", "Joemar", "Marlon", "Cristina", "Rowel", "Precious"],
                     ["Reyes", "Aquino", "Garcia-Ramos", "Evangelista", "Tan"]),
        "nigerian": (["Olumide", "Nkechi", "Segun", "Ebere", "Tobi"],
                     ["Afolabi", "Okeke", "Oyelaran", "Uche-Nnaji", "Balogun"]),
        "portuguese": (["Fernanda", "Rui", "Leonor", "Vasco", "Teresa"],
                       ["Magalhães", "Quintas", "Sequeira", "Lobo"]),
        "greek": (["Anastasia", "Nikos", "Sofia", "Ioannis"], ["Pappas", "Manolakis", "Stergiou"]),
        "word": (["Dusty", "Honey", "Clay", "Storm", "Pearl", "Summer"],
                 ["Mills", "Wood", "Carpenter", "Butcher", "Bright", "Moody", "Spicer"]),
        "town": (["Lesley", "Craig", "Shona", "Darren", "Bev", "Leanne"],
                 ["Halifax", "Beverley", "Rugby", "Hexham", "Goole", "Sutton"]),
    },
}
NICKNAMES = {"Priyanka": "Pri", "Oluwaseun": "Seun", "Babatunde": "Tunde", "Christos": "Chris", "Małgorzata": "Gosia",
             "Krzysztof": "Krzys", "Joanne": "Jo", "Alison": "Ali", "Stuart": "Stu", "Agnieszka": "Aga",
             "Olumide": "Lumi", "Anastasia": "Tasia", "Ioannis": "Yiannis", "Lesley": "Les", "Leanne": "Lea",
             "Fernanda": "Nanda", "Manpreet": "Mani", "Cristina": "Tina"}

# --- look-alikes that must be kept (reference values) -----------------------------------------------------------
TRUST = {"dev10": "cdhft", "fresh8": "nyvh"}  # staff e-mail domains: <x>.nhs.uk
HOSPITALS = {"dev10": ["Skipton General Hospital", "Edith Cavell Hospital", "Ripon Community Hospital",
                       "Queen Alexandra Hospital"],
             "fresh8": ["Barnsley District General", "Mary Seacole Hospital", "Whitehaven Infirmary",
                        "Prince Albert Hospital"]}
TOWNS = {"dev10": ["Settle", "Knaresborough", "Pateley Bridge", "Grassington", "Ilkley"],
         "fresh8": ["Cleator Moor", "Egremont", "Penistone", "Wombwell", "Maryport"]}
STREETS = {"dev10": ["Raikes Road", "Kirkgate", "Mill Lane", "Cavendish Street", "Chapel Fold", "Waterloo Terrace"],
           "fresh8": ["Lowther Street", "Church Brow", "Victoria Road", "Pit Lane", "Sandhill Close", "Nelson Row"]}
POSTCODES = {"dev10": ["BD23", "HG5", "LS29", "HG4"], "fresh8": ["CA28", "S36", "S73", "CA15"]}
# (room, section): rooms and units named after people are the hard part.
ROOMS = {"dev10": [("Röntgen Room", "General Radiography"), ("X-ray Room 4", "General Radiography"),
                   ("Hounsfield CT", "CT"), ("CT2 (ED)", "CT"), ("Mansfield MRI Centre", "MRI"),
                   ("MRI 2 Damadian Suite", "MRI"), ("Curie Suite", "Breast Imaging"),
                   ("Florence Nightingale Wing US 3", "Ultrasound"), ("Fluoro Room 2", "Fluoroscopy"),
                   ("DEXA Room", "DEXA"), ("Reporting Room A", "PACS"), ("Portables Bay, A&E", "Mobile Radiography"),
                   ("MRI Plant Room", "Estates Plant")],
         "fresh8": [("Coolidge Room 1", "General Radiography"), ("ED Imaging Room 2", "General Radiography"),
                    ("Cormack CT Suite", "CT"), ("CT Scanner 3", "CT"), ("Lauterbur MRI Unit", "MRI"),
                    ("Peter Mansfield Scanner", "MRI"), ("Rosalind Franklin Breast Unit", "Breast Imaging"),
                    ("Mary Seacole Wing Ultrasound", "Ultrasound"), ("Becquerel Fluoroscopy Room", "Fluoroscopy"),
                    ("DXA Suite", "DEXA"), ("Reporting Hub", "PACS"),
                    ("Portables Store (Ward 9)", "Mobile Radiography"), ("Chiller Compound", "Estates Plant")]}
SECTION_KINDS = {"General Radiography": "DX", "CT": "CT", "MRI": "MR", "Breast Imaging": "MG", "Ultrasound": "US",
                 "Fluoroscopy": "RF", "DEXA": "DXA", "PACS": "WS", "Mobile Radiography": "MOB", "Estates Plant": "PL"}
# (maker, model, device type, kind): the kind picks the room's section and whether the device speaks DICOM.
MODELS = [("Siemens Healthineers", "MAGNETOM Aera", "MRI scanner 1.5T", "MR"),
          ("Philips", "Ingenia Ambition X", "MRI scanner 1.5T", "MR"),
          ("GE HealthCare", "SIGNA Artist", "MRI scanner", "MR"),
          ("Bayer", "MEDRAD MRXperion", "MR contrast injector", "MR"),
          ("Philips", "Expression MR400", "MR patient monitor", "MR"),
          ("IRadimed", "MRidium 3860+", "MR conditional infusion pump", "MR"),
          ("GE HealthCare", "Revolution EVO", "CT scanner", "CT"),
          ("Canon Medical", "Aquilion ONE PRISM", "CT scanner", "CT"),
          ("Siemens Healthineers", "SOMATOM go.Top", "CT scanner", "CT"),
          ("Bayer", "MEDRAD Stellant FLEX", "CT contrast injector", "CT"),
          ("Bracco", "CT Exprès 4D", "CT injector", "CT"), ("Carestream", "DRX-Evolution Plus", "DR room", "DX"),
          ("Fujifilm", "FDR Visionary Suite", "DR room", "DX"), ("Philips", "DigitalDiagnost C90", "DR room", "DX"),
          ("Carestream", "DRX-Revolution", "Mobile X-ray", "MOB"),
          ("GE HealthCare", "AMX Navigate", "Mobile X-ray", "MOB"),
          ("Fujifilm", "FDR Go PLUS", "Mobile X-ray", "MOB"),
          ("Siemens Healthineers", "Luminos dRF Max", "Fluoroscopy unit", "RF"),
          ("Ziehm", "Vision RFD", "Mobile C-arm", "RF"), ("Hologic", "Selenia Dimensions", "Mammography unit", "MG"),
          ("Hologic", "3Dimensions", "Tomosynthesis unit", "MG"),
          ("GE HealthCare", "LOGIQ E10", "Ultrasound scanner", "US"),
          ("Canon Medical", "Aplio i800", "Ultrasound scanner", "US"),
          ("Philips", "EPIQ Elite", "Ultrasound scanner", "US"), ("Hologic", "Horizon A", "Bone densitometer", "DXA"),
          ("GE HealthCare", "Lunar iDXA", "Bone densitometer", "DXA"),
          ("Barco", "Coronis Fusion 6MP", "Diagnostic reporting display", "WS"),
          ("HP", "Z4 G5 Workstation", "PACS reporting workstation", "WS"), ("Eaton", "93PM 100kW", "UPS", "PL"),
          ("KKT chillers", "cBoxX 60", "MRI chiller", "PL"), ("Riello", "Multi Sentry MST 80", "UPS", "PL")]
DICOM = {"MR", "CT", "DX", "MOB", "RF", "MG", "US", "DXA", "WS"}
# Field service engineers write from their employer's domain; the maker is kept, the engineer's address is not.
VENDOR_DOMAINS = {"Siemens Healthineers": "siemens-healthineers.com", "Philips": "philips.com",
                  "GE HealthCare": "gehealthcare.com", "Canon Medical": "eu.medical.canon", "Fujifilm": "fujifilm.com",
                  "Carestream": "carestream.com", "Hologic": "hologic.com", "Bayer": "bayer.com"}
VENDOR_DESKS = {"dev10": ["0808 157 0192", "0113 496 0543", "0808 157 0317"],
                "fresh8": ["0161 496 0728", "03069 990210", "020 7946 0915"]}  # Ofcom's drama ranges: no real line
VERSIONS = ["syngo MR XA31", "VB20A", "software 26.0", "R11.2.1", "VA50A SP2", "v3.4.1", "Eclipse 5.2", "DX 9.1.3"]
ERRORS = ["Error 0x80041003", "gantry error 513", "tube arc detected", "E-STOP tripped", "DETECTOR NOT READY",
          "C-STORE failed (0xA700)", "Association rejected", "MPPS N-SET failure", "Err 1172", "HV generator fault 42"]
PARTS = ["X-ray tube MRC 880", "HV cable 3m", "flat panel 4343R", "coldhead", "helium compressor F-70",
         "slip ring brush set", "gradient amplifier", "collimator lamp", "compression paddle 24x29", "probe C1-6-D",
         "battery pack 8.4Ah", "table drive belt", "transducer cable"]
COILS = ["Head/Neck 20", "Body 18", "Spine 32", "Knee 15ch", "Flex Large 4", "Breast 16", "dS Shoulder 8ch"]
JOB_TITLES = ["Superintendent Radiographer", "RPA", "MPE", "RPS", "Modality Lead", "PACS Manager",
              "Reporting Radiographer", "Imaging Services Manager", "Sonographer", "Advanced Practitioner",
              "Consultant Radiologist", "Clinical Scientist", "Assistant Practitioner", "MR Safety Expert"]
TEAMS = ["PACS team", "Medical Physics", "Radiation Protection", "EBME", "Estates", "IT Service Desk", "RIS team",
         "Imaging Ops"]
STANDARDS = ["IR(ME)R 2017", "IRR17", "IPEM Report 91", "IEC 60601-2-54", "BS EN 61223-3-5", "MHRA MR guidance 2021",
             "HTM 06-01"]
# Eponymous physics and kit: kept verbatim, never a person.
EPONYMS = {"dev10": ["Hounsfield units", "colour Doppler", "5 Gauss line", "Faraday cage", "wall Bucky", "1.5 Tesla",
                     "Fourier transform"],
           "fresh8": ["Hounsfield scale", "spectral Doppler", "0.5 mT (5 Gauss) line", "Faraday shield", "Bucky table",
                      "3 Tesla", "Nyquist limit"]}
MAILBOXES = {"dev10": ["radiology.pacs@cdhft.nhs.uk", "medphys.radprot@cdhft.nhs.uk", "imaging.bookings@cdhft.nhs.uk"],
             "fresh8": ["pacs.support@nyvh.nhs.uk", "rpa.advice@nyvh.nhs.uk", "xray.managers@nyvh.nhs.uk"]}
SITE_TAGS = {"dev10": ["MAIN", "SKP", "RIP", "QAH"], "fresh8": ["BDG", "MSH", "WHI", "PAH"]}

# --- the system's layout, codes and the hand-written mapping of its export ----------------------------------------
STATUS = {"In use": "in_service", "Out of service": "under_repair", "Stored": "in_store",
          "Decommissioned": "condemned", "On loan": "on_loan"}
CALLS = {"Breakdown": "repair", "PPM": "ppm", "QA / Physics": "inspection", "Dose incident": "other",
         "Software": "other", "Acceptance": "acceptance", "PACS/MWL": "repair"}
EXPOSING = {"DX", "CT", "MOB", "RF", "MG", "DXA"}

MAPPING = f"""\
# Hand-written mapping for benchmarks/imaging_export.py's export: the register saved from Excel as Unicode Text
# (tab-separated UTF-16), service reports (UTF-8 CSV) and the PACS error log, folded into the assets' notes.
format: intake-mapping/1
system: imaging-equipment-bench
title: Imaging equipment service system (Excel Unicode Text register + service reports)
null_values: ["", "n/a", "TBC"]
lookups:
  status: {{values: {json.dumps(STATUS)}, ignore_case: true, default: unknown}}
  calls: {json.dumps(CALLS)}
tables:
  - table: register
    query: |
      SELECT r.*, p.logged,
        CASE WHEN coalesce(r."RPS", '') <> '' THEN 'RPS: ' || r."RPS" END AS rps_note,
        CASE WHEN coalesce(r."AE Title", '') <> '' THEN 'AE ' || r."AE Title" || ' @ ' || r."IP Address" END AS node
      FROM register r
      LEFT JOIN (SELECT "Calling AE" AS ae,
                        string_agg(concat_ws(' ', "Logged At", "Level", "Message", nullif("Acknowledged", '')),
                                   ' || ' ORDER BY "Logged At") AS logged
                 FROM pacs_log GROUP BY "Calling AE") p ON p.ae = r."AE Title"
    source_key: Asset No
    outputs:
      - {{entity: sites, derive: {{key: [Site], match: exact}}, fields: {{name: Site}}}}
      - entity: locations
        derive: {{key: [{{ref: sites}}, Room], match: exact}}
        fields: {{site_id: {{ref: sites}}, name: Room, department: Section}}
      - {{entity: manufacturers, derive: {{key: [Manufacturer], match: exact}}, fields: {{name: Manufacturer}}}}
      - entity: device_models
        derive: {{key: [{{ref: manufacturers}}, Model], match: exact}}
        fields: {{manufacturer_id: {{ref: manufacturers}}, name: Model, device_type: Equipment}}
      - entity: assets
        id: Asset No
        fields:
          asset_number: Asset No
          serial_number: Serial No
          model_id: {{ref: device_models}}
          location_id: {{ref: locations}}
          owner: Superintendent
          contact_phone: Ext/Bleep
          responsible_engineer: Link FSE
          status: {{from: Status, lookup: status, default: unknown}}
          acquisition_date: {{from: Installed, convert: [{{date: [uk]}}], on_invalid: null}}
          warranty_expiry: {{from: Warranty Ends, convert: [{{date: [uk]}}], on_invalid: null}}
          acquisition_cost: {{from: Cost, convert: [currency], on_invalid: null}}
          notes: {{from: [Notes, rps_note, node, logged], join: " | "}}
          last_modified_by: Updated By
  - table: service_reports
    source_key: Report No
    outputs:
      - entity: jobs
        id: Report No
        fields:
          job_number: Report No
          asset_id: {{id: assets, from: Asset No}}
          job_type: {{from: Call Type, lookup: calls}}
          status: {{from: Completed, convert: [{{if_present: {{then: completed, otherwise: open}}}}]}}
          raised_at: {{from: Logged, convert: [{{datetime: [uk]}}]}}
          completed_at: {{from: Completed, convert: [{{datetime: [uk]}}], on_invalid: null}}
          fault_description: {{from: [Fault Description, Datix Ref], join: " | Datix: "}}
          outcome: {{from: [Work Carried Out, Updates, Sign-off], join: "\\n"}}
          engineer: FSE
          requested_by: Logged By
          requester_phone: Contact No
          labour_hours: {{from: Labour (hrs), convert: [number], on_invalid: null}}
          parts_cost: {{from: Parts £, convert: [currency], on_invalid: null}}
"""

REGISTER = ["Asset No", "Equipment", "Modality", "Manufacturer", "Model", "Serial No", "AE Title", "IP Address",
            "Room", "Section", "Site", "Installed", "Warranty Ends", "Cost", "Status", "Superintendent", "Ext/Bleep",
            "RPS", "Link FSE", "Notes", "Updated By"]
REPORTS = ["Report No", "Asset No", "Logged", "Logged By", "Contact No", "Call Type", "Fault Description",
           "Datix Ref", "FSE", "Work Carried Out", "Updates", "Labour (hrs)", "Parts £", "Completed", "Sign-off"]
LOG_COLUMNS = ["Logged At", "Calling AE", "Called AE", "Level", "Message", "Acknowledged"]
