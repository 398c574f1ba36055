"""Vocabularies of a clinical-engineering (EBME) department: devices, manufacturers, places, staff titles.

Invented where a real value could identify someone (sites, suppliers); real where the product must cope
with it (manufacturer and model names, which look like person names to NER: "Welch Allyn", "Karl Storz").
Every string here is Windows-1252 encodable because layout A writes it into a cp1252 CSV. The words of
jobs and notes are in `jobs_vocab`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeviceType:
    name: str
    umdns: str
    risk: str  # High / Medium / Low, as EquipTrack shows it
    mdr_class: str  # I / IIa / IIb / III, as MediMaint stores it
    ppm_months: int  # 0 = no planned maintenance
    cost_low: int  # purchase cost range in pounds
    cost_high: int


@dataclass(frozen=True)
class Manufacturer:
    name: str  # canonical
    variants: tuple[str, ...]  # as free-typed by users; first is the most common
    domain: str  # e-mail domain of their UK service desk


@dataclass(frozen=True)
class Model:
    manufacturer: str  # canonical manufacturer name
    name: str
    device_type: str  # DeviceType.name
    serial_prefix: str


DEVICE_TYPES: tuple[DeviceType, ...] = (
    DeviceType("Infusion Pump", "13-215", "High", "IIb", 12, 1500, 3500),
    DeviceType("Syringe Driver", "13-217", "High", "IIb", 12, 800, 2500),
    DeviceType("Patient Monitor", "12-636", "High", "IIb", 12, 4000, 15000),
    DeviceType("Defibrillator", "11-132", "High", "III", 12, 2000, 12000),
    DeviceType("Ventilator", "14-361", "High", "IIb", 6, 15000, 40000),
    DeviceType("Anaesthetic Machine", "10-134", "High", "IIb", 6, 25000, 60000),
    DeviceType("ECG Machine", "11-407", "Medium", "IIa", 12, 2000, 8000),
    DeviceType("Pulse Oximeter", "17-148", "Medium", "IIb", 24, 150, 1200),
    DeviceType("NIBP Monitor", "16-173", "Medium", "IIa", 24, 300, 1500),
    DeviceType("Electrosurgical Unit", "11-490", "High", "IIb", 12, 8000, 25000),
    DeviceType("Suction Unit", "10-217", "Medium", "IIa", 12, 400, 2000),
    DeviceType("Ultrasound Scanner", "15-958", "Medium", "IIa", 12, 20000, 90000),
    DeviceType("Hospital Bed", "10-347", "Low", "I", 12, 1500, 6000),
    DeviceType("Patient Hoist", "10-960", "Medium", "I", 6, 1000, 4000),
    DeviceType("Tympanic Thermometer", "13-951", "Low", "IIa", 24, 100, 300),
    DeviceType("Blood Glucose Meter", "15-102", "Medium", "IIb", 12, 30, 150),
    DeviceType("Dialysis Machine", "11-218", "High", "IIb", 6, 12000, 25000),
    DeviceType("Enteral Feeding Pump", "13-224", "Medium", "IIa", 24, 400, 1200),
    DeviceType("Bladder Scanner", "18-128", "Low", "IIa", 12, 5000, 12000),
    DeviceType("Fetal Monitor", "12-044", "Medium", "IIb", 12, 6000, 18000),
    DeviceType("Infant Incubator", "12-114", "High", "IIb", 6, 10000, 30000),
    DeviceType("Phototherapy Unit", "16-118", "Medium", "IIa", 12, 2000, 6000),
    DeviceType("Blood Warmer", "10-289", "Medium", "IIb", 12, 800, 3000),
    DeviceType("Examination Lamp", "12-282", "Low", "I", 24, 300, 2500),
    DeviceType("Centrifuge", "10-778", "Low", "I", 12, 1500, 8000),
    DeviceType("Steriliser", "13-746", "Medium", "IIb", 6, 20000, 80000),
    DeviceType("Endoscopy Video Processor", "17-662", "Medium", "IIa", 12, 15000, 45000),
    DeviceType("Respiratory Humidifier", "12-429", "Medium", "IIa", 12, 800, 3500),
    DeviceType("Pressure Relieving Mattress", "17-452", "Low", "I", 12, 500, 4000),
    DeviceType("Operating Table", "13-937", "Low", "I", 12, 20000, 60000),
    DeviceType("Spirometer", "14-014", "Medium", "IIa", 12, 1000, 5000),
    DeviceType("Audiometer", "10-294", "Low", "IIa", 12, 2000, 7000),
    DeviceType("Ophthalmoscope", "12-983", "Low", "I", 0, 150, 600),
    DeviceType("Vital Signs Monitor", "17-567", "Medium", "IIb", 12, 1500, 4500),
    DeviceType("Video Laryngoscope", "18-003", "Medium", "IIa", 12, 3000, 12000),
)

MANUFACTURERS: tuple[Manufacturer, ...] = (
    Manufacturer("B. Braun", ("B. Braun", "B Braun", "B.BRAUN", "BBraun", "B. Braun Melsungen AG", "Braun"),
                 "bbraun.example.co.uk"),
    Manufacturer("Philips", ("Philips", "PHILIPS Healthcare", "Philips Healthcare", "Philips Medical Systems",
                             "Phillips", "PHILIPS"), "philips.example.com"),
    Manufacturer("GE Healthcare", ("GE Healthcare", "G.E. Healthcare", "GE", "General Electric",
                                   "GE Medical Systems", "Datex-Ohmeda"), "ge.example.com"),
    Manufacturer("Dräger", ("Dräger", "Drager", "DRAEGER", "Draeger Medical", "Dräger Medical UK Ltd"),
                 "draeger.example.com"),
    Manufacturer("Medtronic", ("Medtronic", "Covidien", "Medtronic (Covidien)", "Valleylab", "MEDTRONIC"),
                 "medtronic.example.com"),
    Manufacturer("BD", ("BD", "Becton Dickinson", "CareFusion", "Alaris", "BD Alaris", "Cardinal Health"),
                 "bd.example.com"),
    Manufacturer("Fresenius Kabi", ("Fresenius Kabi", "Fresenius", "FRESENIUS KABI AG", "Fresenius Kabi Ltd"),
                 "fresenius-kabi.example.com"),
    Manufacturer("Mindray", ("Mindray", "MINDRAY", "Shenzhen Mindray", "Mindray UK"), "mindray.example.com"),
    Manufacturer("ZOLL", ("ZOLL", "Zoll Medical", "Zoll", "ZOLL Medical UK"), "zoll.example.com"),
    Manufacturer("Stryker", ("Physio-Control", "Stryker", "Physio Control", "Stryker (Physio-Control)"),
                 "stryker.example.com"),
    Manufacturer("Welch Allyn", ("Welch Allyn", "Welch-Allyn", "WelchAllyn", "Hillrom", "Baxter (Welch Allyn)"),
                 "welchallyn.example.com"),
    Manufacturer("Hill-Rom", ("Hill-Rom", "Hillrom", "Hill Rom", "HILL-ROM"), "hillrom.example.com"),
    Manufacturer("Arjo", ("Arjo", "ArjoHuntleigh", "Arjo Huntleigh", "ARJO"), "arjo.example.com"),
    Manufacturer("Huntleigh", ("Huntleigh", "Huntleigh Diagnostics", "Huntleigh Healthcare"),
                 "huntleigh.example.co.uk"),
    Manufacturer("Smiths Medical", ("Smiths Medical", "Smiths", "SIMS Graseby", "Graseby", "ICU Medical"),
                 "smiths-medical.example.com"),
    Manufacturer("Olympus", ("Olympus", "OLYMPUS", "Olympus KeyMed", "KeyMed"), "olympus.example.co.uk"),
    Manufacturer("Karl Storz", ("Karl Storz", "KARL STORZ", "Storz", "Karl Storz Endoscopy"),
                 "karlstorz.example.com"),
    Manufacturer("Laerdal", ("Laerdal", "Laerdal Medical"), "laerdal.example.com"),
    Manufacturer("Verathon", ("Verathon", "Verathon Medical"), "verathon.example.com"),
    Manufacturer("Nonin", ("Nonin", "Nonin Medical"), "nonin.example.com"),
    Manufacturer("Masimo", ("Masimo", "MASIMO", "Masimo Corp"), "masimo.example.com"),
    Manufacturer("Omron", ("Omron", "OMRON Healthcare", "Omron Healthcare UK"), "omron.example.com"),
    Manufacturer("Fisher & Paykel", ("Fisher & Paykel", "Fisher and Paykel", "F&P", "Fisher & Paykel Healthcare",
                                     "Fisher Paykel"), "fphcare.example.com"),
    Manufacturer("Getinge", ("Getinge", "Maquet", "MAQUET", "Getinge (Maquet)", "Maquet Getinge Group"),
                 "getinge.example.com"),
    Manufacturer("Baxter", ("Baxter", "Baxter Healthcare", "Gambro"), "baxter.example.com"),
    Manufacturer("Nihon Kohden", ("Nihon Kohden", "NIHON KOHDEN", "Nihon-Kohden"), "nihonkohden.example.com"),
    Manufacturer("Schiller", ("Schiller", "SCHILLER AG", "Schiller UK"), "schiller.example.com"),
    Manufacturer("Hettich", ("Hettich", "Andreas Hettich", "HETTICH"), "hettich.example.com"),
    Manufacturer("Roche", ("Roche", "Roche Diagnostics"), "roche.example.com"),
    Manufacturer("Fujifilm SonoSite", ("SonoSite", "Fujifilm SonoSite", "FUJIFILM Sonosite", "Sonosite"),
                 "sonosite.example.com"),
    Manufacturer("Natus", ("Natus", "Natus Medical"), "natus.example.com"),
    Manufacturer("Vitalograph", ("Vitalograph", "VITALOGRAPH"), "vitalograph.example.co.uk"),
    Manufacturer("Interacoustics", ("Interacoustics", "Inter-acoustics"), "interacoustics.example.com"),
    Manufacturer("Keeler", ("Keeler", "Keeler Ltd"), "keeler.example.co.uk"),
    Manufacturer("Spacelabs", ("Spacelabs", "Spacelabs Healthcare", "SpaceLabs"), "spacelabs.example.com"),
    Manufacturer("Steris", ("Steris", "STERIS", "Steris Corporation"), "steris.example.com"),
    Manufacturer("Tutt", ("Tutt", "Tutt Medical"), "tutt.example.co.uk"),
)

MODELS: tuple[Model, ...] = (
    Model("B. Braun", "Infusomat Space", "Infusion Pump", "BB"),
    Model("B. Braun", "Perfusor Space", "Syringe Driver", "BB"),
    Model("B. Braun", "Dialog+", "Dialysis Machine", "BD"),
    Model("B. Braun", "Outlook 400ES", "Infusion Pump", "BO"),
    Model("Philips", "IntelliVue MX450", "Patient Monitor", "DE"),
    Model("Philips", "IntelliVue MX800", "Patient Monitor", "DE"),
    Model("Philips", "IntelliVue MP50", "Patient Monitor", "DE"),
    Model("Philips", "HeartStart MRx", "Defibrillator", "US"),
    Model("Philips", "HeartStart FRx", "Defibrillator", "B"),
    Model("Philips", "PageWriter TC50", "ECG Machine", "US"),
    Model("Philips", "Avalon FM30", "Fetal Monitor", "DE"),
    Model("Philips", "EPIQ 7", "Ultrasound Scanner", "US"),
    Model("Philips", "SureSigns VS4", "Vital Signs Monitor", "CN"),
    Model("GE Healthcare", "CARESCAPE B450", "Patient Monitor", "SK"),
    Model("GE Healthcare", "Dash 4000", "Patient Monitor", "SD"),
    Model("GE Healthcare", "MAC 5500 HD", "ECG Machine", "SCD"),
    Model("GE Healthcare", "Aisys CS2", "Anaesthetic Machine", "AMR"),
    Model("GE Healthcare", "Vivid S70", "Ultrasound Scanner", "VS"),
    Model("GE Healthcare", "LOGIQ E10", "Ultrasound Scanner", "LQ"),
    Model("GE Healthcare", "Giraffe OmniBed", "Infant Incubator", "HDG"),
    Model("GE Healthcare", "Corometrics 259cx", "Fetal Monitor", "CM"),
    Model("Dräger", "Evita V500", "Ventilator", "ASK"),
    Model("Dräger", "Infinity Delta", "Patient Monitor", "ASM"),
    Model("Dräger", "Fabius GS Premium", "Anaesthetic Machine", "ASD"),
    Model("Dräger", "Perseus A500", "Anaesthetic Machine", "ASP"),
    Model("Dräger", "Babyleo TN500", "Infant Incubator", "ASB"),
    Model("Dräger", "Savina 300", "Ventilator", "ASS"),
    Model("Medtronic", "Valleylab FT10", "Electrosurgical Unit", "T"),
    Model("Medtronic", "Nellcor PM10N", "Pulse Oximeter", "G"),
    Model("Medtronic", "Puritan Bennett 980", "Ventilator", "35B"),
    Model("Medtronic", "Kangaroo ePump", "Enteral Feeding Pump", "KP"),
    Model("BD", "Alaris GP", "Infusion Pump", "800"),
    Model("BD", "Alaris CC", "Syringe Driver", "135"),
    Model("BD", "Alaris PK", "Syringe Driver", "137"),
    Model("BD", "Alaris GH Guardrails", "Syringe Driver", "8003"),
    Model("Fresenius Kabi", "Agilia VP", "Infusion Pump", "FK"),
    Model("Fresenius Kabi", "Agilia SP", "Syringe Driver", "FK"),
    Model("Fresenius Kabi", "Volumat Agilia", "Infusion Pump", "FV"),
    Model("Mindray", "BeneVision N12", "Patient Monitor", "EZ"),
    Model("Mindray", "ePM 10", "Patient Monitor", "EP"),
    Model("Mindray", "BeneHeart D3", "Defibrillator", "ED"),
    Model("Mindray", "SV300", "Ventilator", "SV"),
    Model("Mindray", "DC-70", "Ultrasound Scanner", "DC"),
    Model("ZOLL", "R Series", "Defibrillator", "AF"),
    Model("ZOLL", "X Series", "Defibrillator", "AR"),
    Model("ZOLL", "AED Plus", "Defibrillator", "X"),
    Model("Stryker", "LIFEPAK 15", "Defibrillator", "LP"),
    Model("Stryker", "LIFEPAK 1000", "Defibrillator", "LK"),
    Model("Stryker", "LIFEPAK 20e", "Defibrillator", "LE"),
    Model("Welch Allyn", "Connex Spot Monitor", "Vital Signs Monitor", "1004"),
    Model("Welch Allyn", "Spot Vital Signs 4400", "Vital Signs Monitor", "1001"),
    Model("Welch Allyn", "Braun ThermoScan PRO 6000", "Tympanic Thermometer", "TS"),
    Model("Welch Allyn", "PanOptic", "Ophthalmoscope", "PO"),
    Model("Hill-Rom", "Progressa", "Hospital Bed", "R"),
    Model("Hill-Rom", "Centrella", "Hospital Bed", "C"),
    Model("Hill-Rom", "Envella", "Pressure Relieving Mattress", "EV"),
    Model("Arjo", "Maxi Move", "Patient Hoist", "MM"),
    Model("Arjo", "Sara Stedy", "Patient Hoist", "SS"),
    Model("Arjo", "Nimbus 4", "Pressure Relieving Mattress", "N4"),
    Model("Arjo", "Enterprise 9000", "Hospital Bed", "EN"),
    Model("Huntleigh", "Sonicaid Team3", "Fetal Monitor", "ST"),
    Model("Huntleigh", "Smartsigns Compact 300", "Vital Signs Monitor", "SC"),
    Model("Smiths Medical", "Graseby 3000", "Syringe Driver", "GR"),
    Model("Smiths Medical", "CADD-Solis", "Infusion Pump", "CS"),
    Model("Smiths Medical", "Medfusion 3500", "Syringe Driver", "MF"),
    Model("Smiths Medical", "Level 1 H-1200", "Blood Warmer", "H"),
    Model("Olympus", "CV-190", "Endoscopy Video Processor", "7"),
    Model("Olympus", "EVIS X1 CV-1500", "Endoscopy Video Processor", "2"),
    Model("Karl Storz", "IMAGE1 S", "Endoscopy Video Processor", "KS"),
    Model("Laerdal", "LSU", "Suction Unit", "78"),
    Model("Laerdal", "Compact Suction Unit 4", "Suction Unit", "88"),
    Model("Verathon", "BladderScan Prime", "Bladder Scanner", "BP"),
    Model("Verathon", "GlideScope Go", "Video Laryngoscope", "GG"),
    Model("Nonin", "Onyx Vantage 9590", "Pulse Oximeter", "50"),
    Model("Masimo", "Radical-7", "Pulse Oximeter", "R7"),
    Model("Masimo", "Rad-97", "Pulse Oximeter", "R9"),
    Model("Omron", "HBP-1320", "NIBP Monitor", "20"),
    Model("Omron", "M6 Comfort", "NIBP Monitor", "M6"),
    Model("Fisher & Paykel", "Airvo 2", "Respiratory Humidifier", "AV"),
    Model("Fisher & Paykel", "MR850", "Respiratory Humidifier", "MR"),
    Model("Getinge", "Servo-u", "Ventilator", "SU"),
    Model("Getinge", "Servo-i", "Ventilator", "SI"),
    Model("Getinge", "Alphamaxx", "Operating Table", "AX"),
    Model("Getinge", "HS66", "Steriliser", "HS"),
    Model("Baxter", "Prismaflex", "Dialysis Machine", "PX"),
    Model("Baxter", "Sigma Spectrum", "Infusion Pump", "SG"),
    Model("Nihon Kohden", "Life Scope G5", "Patient Monitor", "NK"),
    Model("Nihon Kohden", "Cardiofax M ECG-1350", "ECG Machine", "CF"),
    Model("Schiller", "Cardiovit AT-102 G2", "ECG Machine", "AT"),
    Model("Schiller", "FRED easy", "Defibrillator", "FE"),
    Model("Hettich", "Rotina 380", "Centrifuge", "RT"),
    Model("Roche", "Accu-Chek Inform II", "Blood Glucose Meter", "UU"),
    Model("Fujifilm SonoSite", "SonoSite Edge II", "Ultrasound Scanner", "03"),
    Model("Fujifilm SonoSite", "M-Turbo", "Ultrasound Scanner", "02"),
    Model("Natus", "neoBLUE", "Phototherapy Unit", "NB"),
    Model("Vitalograph", "Alpha", "Spirometer", "VA"),
    Model("Interacoustics", "AD629", "Audiometer", "IA"),
    Model("Keeler", "Vantage Plus", "Ophthalmoscope", "KV"),
    Model("Spacelabs", "Xprezzon", "Patient Monitor", "XP"),
    Model("Spacelabs", "Ultraview SL", "Patient Monitor", "UV"),
    Model("Steris", "Amsco 400", "Steriliser", "AM"),
    Model("Tutt", "Coldlight LED", "Examination Lamp", "TL"),
)

SITES: tuple[tuple[str, str], ...] = (  # (name, town) - invented hospitals
    ("Riverside General Hospital", "Leeds"),
    ("Kingsmead Royal Infirmary", "Sheffield"),
    ("Northfield Community Hospital", "Wakefield"),
    ("Westbrook Health Centre", "Bradford"),
    ("Millbrook Maternity Unit", "Leeds"),
    ("Hollins Park Rehabilitation Centre", "Harrogate"),
    ("St Aldric's Hospital", "York"),
    ("Fernlea Day Surgery Centre", "Huddersfield"),
)

BUILDINGS = ("Main Block", "Tower Block", "Outpatients Building", "Women's & Children's", "Surgical Wing",
             "Annexe", "Lister Building", "Block C")

DEPARTMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (  # (department, location patterns; # = number)
    ("ICU", ("ICU Bay #", "ICU Bed #", "ICU Side Room #", "ICU Store")),
    ("Emergency Department", ("Resus #", "Majors Bay #", "Minors Cubicle #", "ED Triage")),
    ("Theatres", ("Theatre #", "Anaesthetic Room #", "Recovery Bay #", "Theatre Store")),
    ("Cardiology", ("Cath Lab #", "CCU Bed #", "Echo Room #", "ECG Room")),
    ("Maternity", ("Delivery Suite #", "Labour Room #", "Ward #", "Triage Room")),
    ("NICU", ("NICU Cot #", "SCBU Room #", "HDU Cot #")),
    ("Renal Unit", ("Dialysis Station #", "Renal Bay #")),
    ("Oncology", ("Chemo Chair #", "Ward #", "Day Unit Bay #")),
    ("Endoscopy", ("Endoscopy Room #", "Recovery Bay #", "Decon Room")),
    ("Radiology", ("Ultrasound Room #", "CT Prep #", "Fluoro Room #")),
    ("Outpatients", ("Clinic Room #", "Treatment Room #")),
    ("Paediatrics", ("Ward #", "Paeds HDU Bed #", "Playroom")),
    ("Medicine", ("Ward #", "Bay #", "Side Room #")),
    ("Surgery", ("Ward #", "Bay #", "Surgical Assessment Unit")),
    ("Stroke Unit", ("Stroke Bay #", "Hyperacute Bed #")),
    ("Respiratory", ("Ward #", "Lung Function Lab", "NIV Bay #")),
    ("Day Surgery", ("Day Case Bay #", "Theatre #")),
    ("Physiotherapy", ("Gym", "Treatment Room #")),
    ("Community Services", ("Equipment Library", "Home Loan Store", "District Nurse Base #")),
    ("EBME", ("EBME Workshop", "EBME Store", "Quarantine Shelf #", "Loan Pool")),
)

SUPPLIERS = (
    "Manufacturer direct", "NHS Supply Chain", "Medequip Solutions Ltd", "Northern Medical Supplies",
    "Clinical Devices (UK) Ltd", "Pennine Healthcare Supplies", "Direct from manufacturer", "League of Friends",
    "Charitable funds", "Capital Medical Ltd", "Yorkshire Biomedical Services", "Hospital Equipment Co.",
    "Medisupply, Leeds", "-", "NA",
)

STATUS_CODES = ("A", "S", "R", "C", "L")  # active, in store, under repair, condemned, on loan
STATUS_WEIGHTS = (0.78, 0.08, 0.04, 0.06, 0.02)  # remaining 0.02 are "NA" placeholders

JOB_TITLES = ("Clinical Engineer", "Senior EBME Technician", "EBME Technician", "Medical Physics Technician",
              "Ward Sister", "Staff Nurse", "Matron", "Consultant Anaesthetist", "Healthcare Assistant",
              "Biomedical Engineer", "Equipment Library Coordinator", "Theatre Practitioner")
ENGINEER_TITLES = (*JOB_TITLES[:4], "Biomedical Engineer")
