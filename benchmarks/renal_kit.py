"""The equipment of `renal_export.py`: makers, models and device types of a renal service (haemodialysis machines,
home haemodialysis machines, RO plants and portable RO units, dialysis chairs and beds with scales, BP monitors,
point-of-care analysers, infusion pumps), their serial and part-number shapes, alarm codes and software versions; the
shapes of the service's own numbers and of water-quality sample IDs (kept), the codes of each split's choice columns.
The kit is shared by the splits; codes, number shapes and how a reading is written differ."""

from __future__ import annotations

import datetime as dt
import random

from export_common import shaped

END = dt.date(2025, 11, 28)  # the export's last day: nothing after it

HD, HHD, RO, PRO, CHAIR, BP, POCT, PUMP = ("Haemodialysis machine", "Home haemodialysis machine", "RO plant",
                                           "Portable RO unit", "Dialysis chair", "BP monitor",
                                           "Point-of-care analyser", "Infusion pump")
HOME_KINDS = (HHD, PRO)  # installed in patients' homes
# (maker, [(model, device type)])
KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("Fresenius Medical Care", [("5008S", HD), ("6008 CAREsystem", HD), ("4008S classix", HD),
                                ("AquaUNO", PRO), ("AquaB plus", RO)]),
    ("NxStage", [("System One", HHD), ("PureFlow SL", PRO)]),
    ("Baxter", [("AK 98", HD), ("AK 200 ULTRA S", HD), ("PrisMax", HD)]),
    ("Quanta Dialysis Technologies", [("SC+", HHD)]),
    ("Nipro", [("Surdial X", HD)]),
    ("B. Braun", [("Dialog iQ", HD), ("Perfusor Space", PUMP)]),
    ("Lauer", [("RO Compact", RO)]),
    ("Diasafe", [("DWA 2000", RO)]),
    ("Fresenius Kabi", [("Agilia VP", PUMP)]),
    ("BD Alaris", [("GP Plus", PUMP)]),
    ("Nefro", [("Sedia 3000 with scale", CHAIR)]),
    ("Lojer", [("Scandia DC 850", CHAIR)]),
    ("Welch Allyn", [("Connex Spot Monitor", BP)]),
    ("Omron", [("HBP-1320", BP)]),
    ("Radiometer", [("ABL90 FLEX", POCT)]),
    ("Abbott", [("i-STAT 1", POCT), ("FreeStyle Precision Pro", POCT)]),
    ("Roche", [("CoaguChek Pro II", POCT), ("Accu-Chek Inform II", POCT)]),
]
TYPE_WEIGHT = {HD: 28, HHD: 18, RO: 5, PRO: 12, CHAIR: 10, BP: 8, POCT: 12, PUMP: 7}
SHORT = {"Fresenius Medical Care": "Fresenius", "Quanta Dialysis Technologies": "Quanta", "BD Alaris": "Alaris",
         "Radiometer": "Radiometer", "Fresenius Kabi": "FK"}
SERIAL_SHAPES = {"Fresenius Medical Care": ["4GB@@###", "8NA@@####"], "NxStage": ["SYS1-######", "PF######"],
                 "Baxter": ["######@", "AK#####"], "Quanta Dialysis Technologies": ["QSC-####-##"],
                 "Nipro": ["SX######"], "B. Braun": ["#######", "PS######"], "Lauer": ["L-####/##"],
                 "Diasafe": ["DS####"], "Fresenius Kabi": ["2######"], "BD Alaris": ["800#######"],
                 "Nefro": ["N#####"], "Lojer": ["LJ######"], "Welch Allyn": ["1007####@##"],
                 "Omron": ["########@@"], "Radiometer": ["754R####N###"], "Abbott": ["3#####", "FSP######"],
                 "Roche": ["UU########", "IN######"]}
PART_SHAPES = {"Fresenius Medical Care": "M######", "NxStage": "NX-####", "Baxter": "K######",
               "Quanta Dialysis Technologies": "QD###-@", "B. Braun": "87#####", "Radiometer": "944-###",
               "Abbott": "0#####-##", "Roche": "0########"}
PARTS = ["blood pump rotor", "conductivity cell", "air detector", "heater rod", "bicarb cartridge holder",
         "pre-filter", "RO membrane", "carbon filter", "UV lamp", "scale load cell", "cuff 12-19cm",
         "sensor cartridge", "solution pack", "door seal", "flow sensor", "ultrafilter", "touchscreen",
         "pressure transducer", "battery"]
VERSIONS = ["v4.70", "SW 2.14.3", "v5.12.1", "FW 3.0.7", "v1.9.22", "SW 8.3", "v12.0.4"]
ALARMS = ["E-417", "A31", "ERR 1046", "Alarm 2113", "E07", "CODE 580", "TMP HIGH A2", "QC FAIL L2", "E-9902"]

# The fleet portal's status -> the product's asset status (each split's codes).
STATUS = {"dev18": {"In service": "in_service", "At patient home": "on_loan", "Spare": "in_store",
                    "Awaiting repair": "under_repair", "Decommissioned": "condemned"},
          "fresh16": {"ACTIVE": "in_service", "DOMICILIARY": "on_loan", "POOL": "in_store",
                      "OOS": "under_repair", "WRITTEN OFF": "condemned"}}
# The renal IT extract's and the third file's job types and statuses.
EXTRACT_TYPE = {"dev18": {"HHD install": "acceptance", "HHD removal": "other", "Water sample": "inspection",
                          "Disinfection": "ppm", "Home visit": "inspection"},
                "fresh16": {"INST-DOM": "acceptance", "DECOMM-DOM": "other", "WQ-TEST": "inspection",
                            "CHEM-DIS": "ppm", "DOM-CHECK": "inspection"}}
EXTRACT_STATUS = {"dev18": {"C": "completed", "O": "open", "X": "completed"},
                  "fresh16": {"FIN": "completed", "PEND": "open", "CANC": "completed"}}
LOG_TYPE = {"dev18": {"PPM": "ppm", "Breakdown": "repair", "POCT QC fail": "repair", "Lock-out": "other",
                      "Calibration": "calibration"},
            "fresh16": {"Planned": "ppm", "Fault": "repair", "QC Failure": "repair", "Operator Lockout": "other",
                        "Cal Check": "calibration"}}
LOG_STATUS = {"dev18": {"Done": "completed", "Waiting parts": "open", "Open": "open"},
              "fresh16": {"Resolved": "completed", "Escalated": "open", "New": "open"}}

ASSET_NO = {"dev18": "RNL#####", "fresh16": "DX-####-@"}
EXTRACT_NO = {"dev18": "RIT{n:06d}", "fresh16": "J{n:07d}"}
LOG_NO = {"dev18": "TL-{n:05d}", "fresh16": "POC{n:06d}"}
# Water-quality sample IDs of the RO plants (no patient's: kept).
WATER_ID = {"dev18": ["WQ-{y}-####", "RO{y}/###"], "fresh16": ["W{yy}####", "AQ-##-{yy}"]}


def serial(rng: random.Random, maker: str) -> str:
    return shaped(rng, rng.choice(SERIAL_SHAPES[maker]))


def part_number(rng: random.Random, maker: str) -> str:
    return shaped(rng, PART_SHAPES.get(maker, "RN-####"))


def water_id(rng: random.Random, split: str, year: int) -> str:
    return shaped(rng, rng.choice(WATER_ID[split]).format(y=year, yy=f"{year % 100:02d}"))


def reading(rng: random.Random, split: str) -> tuple[str, str]:
    """(kind, value) of a water-quality reading: total chlorine, a TVC or an endotoxin level."""
    r = rng.random()
    if r < 0.4:
        v = rng.choice(["<0.05", "0.02", "0.08", "0.1", "0.15"])
        return "reading", f"{v} mg/L" if split == "dev18" else f"Cl {v} ppm"
    if r < 0.75:
        v = rng.choice(["<1", "4", "12", "38", "110"])
        return "reading", f"TVC {v} cfu/mL" if split == "dev18" else f"{v} CFU/ml"
    v = rng.choice(["<0.03", "0.05", "0.12", "0.25"])
    return "reading", f"{v} EU/mL" if split == "dev18" else f"endotoxin {v} EU/ml"


def hcn_number(rng: random.Random) -> str:
    """A Health and Care number: ten digits from 320 to 399, modulus-11 check digit like an NHS number's."""
    while True:
        d = [3, rng.randrange(2, 10)] + [rng.randrange(10) for _ in range(7)]
        check = (11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11) % 11
        if check != 10:
            return "".join(map(str, d)) + str(check)
