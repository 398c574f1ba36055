"""The equipment of `privatehosp_export.py`, shared by its splits (nobody is named after it): makers, models,
suppliers, parts, test kit, standards, fault codes, insurers and the CMMS's codes.

The "loan" pool goes home with patients (TENS units, CPM machines, cold compression units, ambulatory infusion
pumps, breast pumps, CPAP); the rest stays in theatres, wards, the birth suite, the oncology day unit, imaging and
physiotherapy. Makers and models carrying people's names (Welch Allyn, Karl Storz, Bair Hugger, Little Sister) are
the look-alikes here.
"""

from __future__ import annotations

# (maker, model, device type, GMDN code, risk, pool, areas it is found in)
MODELS = [
    ("Philips", "IntelliVue MX550", "Patient Monitor", "33586", "High", "fixed", "theatre ward onc"),
    ("GE HealthCare", "CARESCAPE B650", "Patient Monitor", "33586", "High", "fixed", "theatre"),
    ("Mindray", "BeneVision N17", "Patient Monitor", "33586", "High", "fixed", "ward theatre"),
    ("Dräger", "Perseus A500", "Anaesthetic Workstation", "37710", "High", "fixed", "theatre"),
    ("GE HealthCare", "Aisys CS2", "Anaesthetic Workstation", "37710", "High", "fixed", "theatre"),
    ("Medtronic", "Valleylab FT10", "Electrosurgical Generator", "35151", "High", "fixed", "theatre"),
    ("Erbe", "VIO 3", "Electrosurgical Unit", "35151", "High", "fixed", "theatre"),
    ("Karl Storz", "IMAGE1 S", "Camera Control Unit", "44857", "Medium", "fixed", "theatre clinic"),
    ("Stryker", "1688 AIM 4K", "Camera Control Unit", "44857", "Medium", "fixed", "theatre"),
    ("3M", "Bair Hugger 675", "Patient Warming Unit", "35102", "Medium", "fixed", "theatre ward"),
    ("BD", "Alaris GP Plus", "Volumetric Infusion Pump", "13215", "High", "fixed", "ward onc theatre"),
    ("B. Braun", "Perfusor Space", "Syringe Pump", "13217", "High", "fixed", "ward theatre birth"),
    ("Smiths Medical", "CADD-Solis", "Ambulatory Infusion Pump", "13216", "High", "loan", "onc ward"),
    ("Welch Allyn", "Connex Spot Monitor", "Vital Signs Monitor", "33590", "Medium", "fixed", "ward clinic physio"),
    ("Huntleigh", "Sonicaid Team3", "Fetal Monitor", "36244", "High", "fixed", "birth"),
    ("Philips", "Avalon FM30", "Fetal Monitor", "36244", "High", "fixed", "birth"),
    ("Huntleigh", "Dopplex DMX", "Handheld Doppler", "36245", "Low", "fixed", "birth clinic"),
    ("GE HealthCare", "Panda iRes Warmer", "Infant Warmer", "35118", "High", "fixed", "birth"),
    ("Dräger", "Resuscitaire RW82", "Resuscitaire", "35118", "High", "fixed", "birth"),
    ("Medela", "Symphony", "Breast Pump", "35221", "Low", "loan", "birth"),
    ("Kinetec", "Spectra Essential", "CPM Machine", "40611", "Low", "loan", "physio ward"),
    ("Game Ready", "GRPro 2.1", "Cold Compression Unit", "46937", "Low", "loan", "physio ward"),
    ("TENSCare", "Perfect TENS", "TENS Unit", "35996", "Low", "loan", "physio birth"),
    ("ResMed", "AirSense 11", "CPAP Unit", "35174", "Medium", "loan", "clinic"),
    ("Enraf-Nonius", "Sonopuls 490", "Ultrasound Therapy Unit", "36165", "Medium", "fixed", "physio"),
    ("Chattanooga", "Intelect Neo", "Electrotherapy Unit", "35996", "Medium", "fixed", "physio"),
    ("Siemens Healthineers", "MAGNETOM Sola", "MRI Scanner", "37654", "High", "fixed", "imaging"),
    ("Canon Medical", "Aquilion Prime SP", "CT Scanner", "37618", "High", "fixed", "imaging"),
    ("Samsung Medison", "HERA W10", "Ultrasound Scanner", "40761", "Medium", "fixed", "imaging clinic birth"),
    ("Varian", "TrueBeam", "Linear Accelerator", "37205", "High", "fixed", "imaging"),
    ("Getinge", "Maquet Alphamaxx", "Operating Table", "36171", "Medium", "fixed", "theatre"),
    ("Steris", "Harmony LED585", "Operating Light", "36174", "Low", "fixed", "theatre"),
    ("Zoll", "AED Plus", "Defibrillator", "37804", "High", "fixed", "clinic physio imaging onc"),
    ("Stryker", "LIFEPAK 15", "Defibrillator", "37804", "High", "fixed", "theatre ward birth"),
    ("Schiller", "Cardiovit AT-102 G2", "ECG Machine", "11407", "Medium", "fixed", "clinic ward"),
    ("Spacelabs", "Lifecard CF", "Holter Recorder", "36224", "Low", "loan", "clinic"),
    ("Arjo", "Maxi Move", "Patient Hoist", "45497", "Medium", "fixed", "ward physio"),
    ("Eschmann", "Little Sister SES 3000B", "Benchtop Steriliser", "35785", "Medium", "fixed", "clinic"),
    ("Olympus", "ETD Double", "Endoscope Washer Disinfector", "47263", "Medium", "fixed", "clinic"),
    ("Fresenius Kabi", "Agilia VP", "Volumetric Infusion Pump", "13215", "High", "fixed", "onc"),
]
SUPPLIERS = ["Philips Healthcare UK", "GE HealthCare UK Ltd", "Draeger Medical UK Ltd", "Medtronic Ltd",
             "BD UK Ltd", "B. Braun Medical Ltd", "Stryker UK Ltd", "Karl Storz Endoscopy (UK) Ltd",
             "Huntleigh Healthcare Ltd", "Physio Med Ltd", "DJO UK Ltd", "Siemens Healthineers UK",
             "Canon Medical Systems Ltd", "Olympus KeyMed", "Henley Medical Ltd"]
PARTS = ["453564243511", "989803196521", "M1191B", "PN 21-1150", "E-11120", "10097-02", "100-000-223", "A7 2891",
         "FM30-PCBA-04", "KT-6000-31", "2010-0117", "SPK-22108", "0614-9023", "HB-0047-B", "3212-007"]
PART_DESCS = ["return electrode cable", "SpO2 extension", "mains inlet", "battery pack", "door assembly",
              "pressure transducer", "heater element", "probe lens", "foot switch", "hose assembly", "gel pad set",
              "printer head", "patient lead", "flow sensor", "cuff hose"]
TEST_KIT = ["Rigel UniPulse 400", "Fluke ESA620", "Rigel 288+", "Fluke QA-ES III", "Fluke IDA-5", "Rigel Multiflo",
            "Datrend vPad-A1", "Fluke ProSim 8", "Rigel SafeTest 100"]
STANDARDS = ["IEC 60601-2-2", "IEC 60601-2-24", "IEC 60601-2-27", "IEC 60601-2-37", "IEC 62353",
             "IEC 60601-2-10", "IEC 60601-2-13", "IEC 60601-2-4", "ISO 80601-2-70", "IEC 60601-2-35"]
ERRORS = ["E-118", "Err 42", "code 3-07", "ALM 51", "F16", "SYS ERR 0x2A", "E07", "Fault 9"]
VERSIONS = ["v2.41", "SW 4.12.0", "fw 1.8.6", "rev C", "v10.2 SP1"]
FAILURE_CAUSES = ["Wear and tear", "Dropped", "User error", "No fault found", "Battery", "Fluid ingress",
                  "Software", "Accessory", "Not returned", "Planned"]
# Insurers (company names, kept) and how their membership numbers look ("d" a digit, "L" a capital, others as is).
INSURERS = {"Bupa": ["dddddddd", "dddddddd/0d", "dddd dddd"], "AXA Health": ["Gdddddddd", "G-dddddddd"],
            "Aviva": ["1ddddddddd", "1dd ddd dddd"], "Vitality": ["VHdddddddd", "VH dddd dddd"],
            "WPA": ["dddddd-0d", "dddddd/0d"], "Cigna": ["Udddddddd", "U dddddddd"],
            "Simplyhealth": ["SHdddddLL"]}
# The CMMS's codes -> the product's.
STATUSES = {"In Use": "in_service", "In Store": "in_store", "Quarantined": "under_repair",
            "Awaiting Repair": "under_repair", "On Loan": "on_loan", "Condemned": "condemned", "Missing": "unknown"}
JOB_TYPES = {"PPM": "ppm", "Breakdown": "repair", "Acceptance": "acceptance", "FSN/Recall": "other",
             "Calibration": "calibration", "Loan Return": "inspection", "Incident": "inspection"}
JOB_STATUSES = {"Open": "open", "Awaiting Parts": "open", "With Supplier": "open", "On Hold": "open",
                "Completed": "completed", "Cancelled": "completed"}
RISKS = {"High": "high", "Medium": "medium", "Low": "low"}
