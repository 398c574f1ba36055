"""The equipment of `paeds_export.py`, shared by its splits (nobody is named after it): makers, models, suppliers,
parts, test kit, standards, fault codes and the library's codes.

Home-loan kit (infusion and enteral feed pumps, home ventilators, suction units, apnoea monitors, pulse oximeters,
nebulisers, high-flow humidifiers) goes out to families from the medical-devices library; NICU and ward kit
(incubators, transport incubators, phototherapy units, neonatal ventilators, monitors, syringe pumps) stays in.
Makers with people's or places' names in them (Fisher & Paykel, Graseby, Draeger) are the look-alikes here.
"""

from __future__ import annotations

# (maker, model, device type, EMDN code, MDR class, pool): "library" kit is lent to families, "ward" kit stays in.
MODELS = [
    ("Baxter", "Sigma Spectrum", "Infusion Pump", "Z12030501", "IIb", "library"),
    ("Fresenius Kabi", "Applix Smart", "Enteral Feeding Pump", "G03040101", "IIa", "library"),
    ("Nutricia", "Flocare Infinity", "Enteral Feeding Pump", "G03040101", "IIa", "library"),
    ("Cardinal Health", "Kangaroo Joey", "Enteral Feeding Pump", "G03040101", "IIa", "library"),
    ("Breas", "Vivo 45 LS", "Home Ventilator", "Z12010302", "IIb", "library"),
    ("Philips Respironics", "Trilogy Evo", "Home Ventilator", "Z12010302", "IIb", "library"),
    ("ResMed", "Astral 150", "Home Ventilator", "Z12010302", "IIb", "library"),
    ("Vyaire", "LTV 2 2200", "Home Ventilator", "Z12010302", "IIb", "library"),
    ("Laerdal", "LCSU 4", "Portable Suction Unit", "Z12011001", "IIa", "library"),
    ("Medela", "Clario Home Care", "Portable Suction Unit", "Z12011001", "IIa", "library"),
    ("Masimo", "Rad-8", "Pulse Oximeter", "Z12020306", "IIb", "library"),
    ("Medtronic", "Nellcor PM10N", "Pulse Oximeter", "Z12020306", "IIb", "library"),
    ("Smiths Medical", "Graseby MR10", "Apnoea Monitor", "Z12020399", "IIa", "library"),
    ("PARI", "BOY SX", "Nebuliser", "Z12010601", "IIa", "library"),
    ("Philips Respironics", "InnoSpire Elegance", "Nebuliser", "Z12010601", "IIa", "library"),
    ("Fisher & Paykel Healthcare", "AIRVO 3", "High Flow Humidifier", "Z12010501", "IIa", "library"),
    ("Fresenius Kabi", "Agilia SP MC", "Syringe Driver", "Z12030502", "IIb", "library"),
    ("Draeger", "Babyleo TN500", "Incubator", "Z12040101", "IIb", "ward"),
    ("GE Healthcare", "Giraffe OmniBed Carestation", "Incubator", "Z12040101", "IIb", "ward"),
    ("Draeger", "Babylog VN800", "Neonatal Ventilator", "Z12010301", "IIb", "ward"),
    ("SLE", "SLE6000", "Neonatal Ventilator", "Z12010301", "IIb", "ward"),
    ("Vyaire", "fabian HFOi", "Neonatal Ventilator", "Z12010301", "IIb", "ward"),
    ("Natus", "neoBLUE", "Phototherapy Unit", "Z12040201", "IIb", "ward"),
    ("Draeger", "BiliLux", "Phototherapy Unit", "Z12040201", "IIb", "ward"),
    ("International Biomedical", "AirBorne Voyager", "Transport Incubator", "Z12040102", "IIb", "ward"),
    ("Philips", "IntelliVue MX450", "Patient Monitor", "Z12020101", "IIb", "ward"),
    ("Masimo", "Radical-7", "Pulse Oximeter", "Z12020306", "IIb", "ward"),
    ("B. Braun", "Perfusor Space", "Syringe Pump", "Z12030502", "IIb", "ward"),
    ("BD", "Alaris CC Plus", "Syringe Pump", "Z12030502", "IIb", "ward"),
    ("Inspiration Healthcare", "Tecotherm Neo", "Therapeutic Hypothermia Unit", "Z12040301", "IIb", "ward"),
]
SUPPLIERS = ["Baxter Healthcare Ltd", "Fresenius Kabi Ltd", "Nutricia Ltd", "Breas Medical Ltd",
             "Philips Healthcare UK", "Draeger Medical UK Ltd", "Vyaire Medical UK", "BD UK Ltd", "Masimo UK",
             "Medtronic Ltd", "Laerdal Medical Ltd", "ResMed (UK) Ltd", "Inspiration Healthcare Ltd",
             "NHS Supply Chain", "Fisher & Paykel Healthcare Ltd", "Medela UK Ltd"]
PARTS = ["35162-48", "MX-4413", "1002894", "8400-1033", "G-501220", "LX0815", "453564243511", "PN 9101-014",
         "R-2207-A", "BRS-004512", "22-8841-03", "TN5-0042"]
PART_DESCS = ["battery pack", "occlusion sensor", "door assembly", "exhalation valve", "O2 cell", "mattress tray",
              "canopy seal", "LED array", "suction jar lid", "mains charger", "SpO2 probe cable", "carry bag",
              "pole clamp", "inlet filter"]
TEST_KIT = ["Fluke ESA615", "Rigel 288+", "Fluke VT650", "Fluke IDA-5", "Fluke INCU II", "Fluke ProSim 8",
            "TSI Certifier FA Plus", "Rigel UniSim"]
STANDARDS = ["IEC 60601-1", "IEC 62353", "IEC 60601-2-19", "IEC 60601-2-24", "ISO 80601-2-72"]
ERRORS = ["E-047", "Err 22", "ALM 103", "Code 41", "fault 7", "EC-12", "ERR 0x3C", "E301"]
VERSIONS = ["v3.2.1", "SW 2.14", "fw 6.00.03", "rev B", "v11.4"]
FAILURE_CAUSES = ["Wear and tear", "Dropped", "User error", "No fault found", "Battery", "Fluid ingress",
                  "Software", "Accessory damage", "Lost by family", "Planned maintenance"]
ACCESSORIES = ["mains lead", "carry bag", "spare battery", "pole clamp", "user manual", "SpO2 probe", "car charger",
               "humidifier chamber"]
# The library's codes -> the product's.
STATUSES = {"available": "in_store", "on_loan": "on_loan", "in_use": "in_service", "awaiting_repair": "under_repair",
            "quarantine": "under_repair", "condemned": "condemned", "missing": "unknown"}
JOB_TYPES = {"REPAIR": "repair", "PPM": "ppm", "ACCEPT": "acceptance", "RETURN": "inspection", "CALIB": "calibration",
             "RECALL": "other"}
JOB_STATUSES = {"new": "open", "assigned": "open", "awaiting_parts": "open", "with_supplier": "open",
                "complete": "completed", "cancelled": "completed"}
RISKS = {"A": "high", "B": "medium", "C": "low"}
