"""The equipment of `incident_export.py`: makers (several named after people), models and device types of an acute
trust's fleet, the consumables used with them, error codes, software versions and settings typed in incident
reports; the codes of the tracker's status and the incidents' category columns; the shapes of incident IDs, MHRA
references, field safety notice references, lot numbers and asset tags, and GS1 UDIs. Shared by the splits (the same
makers sell to both) except the shapes, which differ."""

from __future__ import annotations

import datetime as dt
import random

from export_common import shaped

END = dt.date(2025, 11, 28)  # the export's last day: nothing after it

# (maker, [(model, device type, consumable)])
KIT: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("BD", [("Alaris GP", "Volumetric infusion pump", "giving set"), ("Alaris CC", "Syringe pump", "50 ml syringe"),
            ("BodyGuard T", "Syringe driver", "lock box syringe")]),
    ("B. Braun", [("Infusomat Space", "Volumetric infusion pump", "Space line"),
                  ("Perfusor Space", "Syringe pump", "extension line")]),
    ("Fresenius Kabi", [("Agilia VP", "Volumetric infusion pump", "infusion set"),
                        ("Agilia SP", "Syringe pump", "syringe extension set")]),
    ("ICU Medical", [("Plum 360", "Volumetric infusion pump", "Plum cassette")]),
    ("Smiths Medical", [("CADD-Solis", "Ambulatory infusion pump", "medication cassette")]),
    ("Cardinal Health", [("Kangaroo ePump", "Enteral feeding pump", "feed set")]),
    ("Arjo", [("Enterprise 9000", "Acute care bed", "mattress"), ("Maxi Move", "Mobile hoist", "sling")]),
    ("Linet", [("Eleganza 5", "Acute care bed", "mattress"), ("Multicare", "ICU bed", "mattress")]),
    ("Hillrom", [("Progressa", "ICU bed", "mattress"), ("Centrella", "Acute care bed", "mattress")]),
    ("Stryker", [("LIFEPAK 15", "Defibrillator/monitor", "defib pads"), ("LIFEPAK 1000", "AED", "defib pads")]),
    ("ZOLL", [("R Series", "Defibrillator", "CPR-D-padz"), ("AED 3", "AED", "CPR Uni-padz")]),
    ("Philips", [("IntelliVue MX450", "Patient monitor", "SpO2 sensor"),
                 ("IntelliVue MX800", "Patient monitor", "NBP cuff"),
                 ("HeartStart MRx", "Defibrillator/monitor", "multifunction pads"),
                 ("V60", "NIV ventilator", "NIV circuit")]),
    ("GE HealthCare", [("CARESCAPE B450", "Patient monitor", "ECG leads")]),
    ("Mindray", [("BeneVision N12", "Patient monitor", "SpO2 sensor"), ("BeneHeart D6", "Defibrillator",
                                                                        "defib pads")]),
    ("Dräger", [("Evita V500", "ICU ventilator", "breathing circuit"),
                ("Oxylog 3000 plus", "Transport ventilator", "breathing circuit"),
                ("Infinity M540", "Patient monitor", "NBP cuff")]),
    ("Hamilton Medical", [("HAMILTON-C6", "ICU ventilator", "flow sensor"),
                          ("HAMILTON-T1", "Transport ventilator", "flow sensor")]),
    ("ResMed", [("Astral 150", "Home ventilator", "circuit")]),
    ("Fisher & Paykel Healthcare", [("AIRVO 2", "High flow humidifier", "AirSpiral tube")]),
    ("Welch Allyn", [("Connex Spot Monitor", "Vital signs monitor", "SpO2 sensor")]),
    ("Masimo", [("Radical-7", "Pulse oximeter", "SpO2 sensor")]),
    ("Medtronic", [("Puritan Bennett 980", "ICU ventilator", "exhalation filter")]),
    ("Huntleigh", [("Flowtron ACS900", "Compression pump", "garment")]),
]
# Maker -> its service helpdesk line (organisation numbers, kept).
LINES = {"BD": "0800 917 8776", "B. Braun": "0114 225 9000", "Fresenius Kabi": "01928 533 533",
         "Philips": "0870 532 9741", "Stryker": "0800 026 4366", "ZOLL": "0800 144 4322", "Dräger": "01442 213 542",
         "Hamilton Medical": "01403 247 460", "Mindray": "01480 416 840", "Arjo": "0800 018 0444"}
ERRORS = ["Err 32.4", "E-104", "ERR 151", "E35-02", "Error 5412", "F-07", "AL-22", "Code 310", "Err 0x2A",
          "E-207", "TF 13", "Err 90.1"]
VERSIONS = ["v9.33.1", "v9.19.2", "SW 2.1.4", "v1.8.0.4", "firmware 4.12", "v3.2.5", "SW 07.04", "v12.0.3",
            "v2.51.0"]
# Rates and doses, observations, saturations and energies typed in reports (kept as "setting").
RATES = ["5 ml/hr", "125 ml/hr", "2 mg/hr", "0.1 mcg/kg/min", "20 ml/hr", "1.5 mg/hr", "4 units/hr", "83 ml/hr",
         "12 mcg/hr", "0.5 ml/hr"]
OBS = ["120 mmHg", "88/52 mmHg", "BP 176/94", "HR 148", "RR 34", "NEWS 7", "temp 38.9"]
SATS = ["86%", "79%", "SpO2 82%", "88% on 15L"]
JOULES = ["150 J", "200 J", "360 J"]
SEVERITY = ["No harm", "Low", "Moderate", "Severe", "Death"]
SEVERITY_WEIGHTS = [55, 28, 12, 4, 1]
# The incident system's category -> the product's job type.
CATEGORY = {"Medical device - malfunction": "repair", "Medical device - use error": "other",
            "Medical device - FSN related": "inspection", "Medical device - damaged": "repair",
            "Medical device - alarm failure": "repair", "Medical device - unavailable": "other",
            "Near miss - medical device": "other"}
STATUS = {"In use": "in_service", "In service": "in_service", "Quarantined": "under_repair",
          "Awaiting FSE": "under_repair", "With maker": "under_repair", "Withdrawn": "condemned",
          "Condemned": "condemned", "In store": "in_store", "Spare": "in_store", "On loan": "on_loan"}

# Shapes: "#" a digit, "@" a capital letter, anything else as is.
INCIDENT_ID = {"dev15": "W######", "fresh13": "INC-######"}
ASSET_TAG = {"dev15": "E######", "fresh13": "BWH-#####"}
FSN_REF = {"dev15": ["FA-{y}-###", "FSN {y}-##", "FA###"], "fresh13": ["FSCA-{yy}-####", "MDFA/{y}/###", "Z-####-{y}"]}
LOT = {"dev15": ["##@##@", "L######@", "#######"], "fresh13": ["@@####", "##-####-@", "B####@#"]}
SERIAL = ["@@#######", "########", "#####-####", "@#######@", "###@####"]


def fsn_ref(rng: random.Random, split: str, year: int) -> str:
    """A maker's field safety notice reference, of the year it was issued."""
    return shaped(rng, rng.choice(FSN_REF[split]).format(y=year, yy=f"{year % 100:02d}"))


def mhra_ref(rng: random.Random, year: int) -> str:
    """An MHRA adverse incident reference: "2024/011/005/291/003"."""
    return f"{year}/{rng.randrange(1, 13):03d}/{rng.randrange(1, 29):03d}/{rng.randrange(100, 1000)}/" \
           f"{rng.randrange(1, 10):03d}"


def gtin(rng: random.Random) -> str:
    """A GTIN-14 (packaging indicator 0, a UK company prefix, the mod-10 check digit)."""
    body = "050" + "".join(rng.choice("0123456789") for _ in range(10))
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def udi(rng: random.Random, product: str, lot: str, year: int) -> str:
    """A GS1 UDI as printed in human-readable form: (01) GTIN, (17) expiry YYMMDD, (10) lot."""
    return f"(01){product}(17){(year + 3) % 100:02d}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}(10){lot}"
