"""The equipment of `sleep_export.py`: makers, models and device types of a sleep and respiratory physiology
service's loan pool (CPAP/APAP, bilevel NIV ventilators, overnight oximeters, home sleep-study (polygraphy) kits,
actigraphs, TcCO2 monitors), masks and their sizes, serial and part-number shapes, alarm codes, software versions;
how each split writes a pressure setting and an AHI/ODI/Epworth reading; each split's codes of its choice columns and
the shapes of its own numbers. The kit is shared by the splits; codes, number shapes and how values are written
differ, so that the held-out split shares no column code or number shape with the dev split."""

from __future__ import annotations

import datetime as dt
import random

from export_common import shaped

END = dt.date(2025, 11, 28)  # the export's last day: nothing after it

APAP, NIV, OXI, HSAT, ACTI, TCCO2 = ("CPAP/APAP", "Bilevel NIV ventilator", "Overnight oximeter",
                                     "Home sleep study kit", "Actigraph", "TcCO2 monitor")
THERAPY = (APAP, NIV)  # the kinds that have a mask and a pressure setting
# (maker, [(model, device type)])
KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("ResMed", [("AirSense 10 AutoSet", APAP), ("AirSense 11 AutoSet", APAP), ("AirCurve 10 VAuto", NIV),
                ("Lumis 150 VPAP ST", NIV), ("Stellar 150", NIV), ("ApneaLink Air", HSAT)]),
    ("Philips Respironics", [("DreamStation 2 Auto", APAP), ("DreamStation Auto CPAP", APAP),
                             ("BiPAP A40 Pro", NIV), ("Alice NightOne", HSAT), ("Actiwatch Spectrum Plus", ACTI)]),
    ("Fisher & Paykel Healthcare", [("SleepStyle Auto", APAP)]),
    ("Löwenstein Medical", [("prisma SMART max", APAP), ("prisma 30 ST", NIV)]),
    ("Breas", [("Vivo 45 LS", NIV), ("Z2 Auto", APAP)]),
    ("BMC", [("RESmart G2S A20", APAP), ("Luna G3 B25VT", NIV)]),
    ("Nox Medical", [("Nox T3s", HSAT), ("Nox A1s", HSAT)]),
    ("Masimo", [("Rad-97", OXI), ("Rad-8", OXI)]),
    ("Nonin", [("WristOx2 3150", OXI)]),
    ("Konica Minolta", [("PULSOX-300i", OXI)]),
    ("ActiGraph", [("wGT3X-BT", ACTI)]),
    ("CamNtech", [("MotionWatch 8", ACTI)]),
    ("SenTec", [("SenTec Digital Monitor", TCCO2)]),
]
TYPE_WEIGHT = {APAP: 45, NIV: 15, OXI: 14, HSAT: 14, ACTI: 7, TCCO2: 5}
SHORT = {"Philips Respironics": "Philips", "Fisher & Paykel Healthcare": "F&P", "Löwenstein Medical": "Löwenstein",
         "Konica Minolta": "Konica", "Nox Medical": "Nox"}
SERIAL_SHAPES = {"ResMed": ["2316########", "2241####@##"], "Philips Respironics": ["J#########@", "P##########"],
                 "Fisher & Paykel Healthcare": ["SS########"], "Löwenstein Medical": ["#########"],
                 "Breas": ["######-###"], "BMC": ["@@##########"], "Nox Medical": ["9#######"],
                 "Masimo": ["1#######"], "Nonin": ["50#####"], "Konica Minolta": ["A####-###"],
                 "ActiGraph": ["MOS2@########"], "CamNtech": ["MW8-####"], "SenTec": ["SDM-#####"]}
PART_SHAPES = {"ResMed": "37###", "Philips Respironics": "11#####", "Fisher & Paykel Healthcare": "400###",
               "Löwenstein Medical": "WM #####", "Breas": "00#####", "Nox Medical": "5#####", "Masimo": "4###"}
PARTS = ["humidifier tub", "air filter", "SlimLine tube", "heated tube", "SD card", "power supply", "nasal cannula",
         "RIP belt", "finger probe", "battery pack", "oximeter sensor", "membrane kit", "wrist strap", "headgear"]
# Masks: (mask, sizes); a mask's name and size are kept reference values.
MASKS: list[tuple[str, list[str]]] = [
    ("AirFit F20", ["S", "M", "L"]), ("AirFit N30i", ["S", "M", "SW"]), ("AirFit P10", ["XS", "S", "M"]),
    ("AirTouch F20", ["M", "L"]), ("DreamWear Nasal", ["S", "M", "MW"]), ("DreamWear Full Face", ["S", "M", "L"]),
    ("Amara View", ["S", "M", "L"]), ("Evora Nasal", ["S-M", "M-L"]), ("Vitera Full Face", ["S", "M", "L"]),
    ("Nova Micro", ["S", "M", "L"]), ("JOYCEone Full Face", ["S", "M"]), ("Brevida Nasal Pillows", ["XS-S", "M-L"]),
]
VERSIONS = ["SX567-0401", "v4.4.1", "FW 1.3.2", "SW 10.3.0", "v2.8.13", "Noxturnal 6.3", "build 3.1.0.26"]
ALARMS = ["E22", "Err 07 motor", "High leak", "Code 1014", "E-3 blower", "Low SpO2 probe-off", "Alarm 43"]

STATUS = {"dev19": {"With patient": "on_loan", "In clinic": "in_service", "Returned - quarantine": "in_store",
                    "Sent for repair": "under_repair", "Retired": "condemned"},
          "fresh17": {"ISSUED": "on_loan", "POOL": "in_store", "BENCH": "under_repair", "SCRAP": "condemned",
                      "CLINIC USE": "in_service"}}
# The loan history's job types (the kind of the asset each fits) and statuses; the store sheet's movements.
LOAN_TYPE = {"dev19": {"Fitting": "acceptance", "Mask refit": "other", "SD download": "inspection",
                       "Fault": "repair", "Return": "other"},
             "fresh17": {"NEW SET-UP": "acceptance", "INTERFACE CHANGE": "other", "DATA PULL": "inspection",
                         "DEFECT": "repair", "RECALL": "other"}}
LOAN_STATUS = {"dev19": {"Closed": "completed", "Open": "open", "Cancelled": "completed"},
               "fresh17": {"DONE": "completed", "PENDING": "open", "VOID": "completed"}}
STORE_TYPE = {"dev19": {"Returned": "other", "Decontaminated": "ppm", "Delivered": "acceptance",
                        "Collected": "other", "Safety test": "inspection"},
              "fresh17": {"IN": "other", "CLEAN": "ppm", "OUT-COURIER": "acceptance", "PICKUP": "other",
                          "PAT/EST": "inspection"}}
STORE_STATUS = {"dev19": {"Complete": "completed", "Quarantine": "open", "Awaiting courier": "open"},
                "fresh17": {"OK": "completed", "HOLD": "open", "BOOKED": "open"}}

ASSET_NO = {"dev19": "SLP-#####", "fresh17": "RS@###@"}
LOAN_NO = {"dev19": "LH{n:07d}", "fresh17": "SD-{n:05d}-J"}
STORE_NO = {"dev19": "MV/{n:05d}", "fresh17": "K{n:06d}"}
# Courier consignment references: the firm's, no one's (kept).
COURIER_REF = {"dev19": ["TMC-######", "CS@########"], "fresh17": ["IOMP######@", "CI/####/##"]}


def serial(rng: random.Random, maker: str) -> str:
    return shaped(rng, rng.choice(SERIAL_SHAPES[maker]))


def part_number(rng: random.Random, maker: str) -> str:
    return shaped(rng, PART_SHAPES.get(maker, "SL-####"))


def courier_ref(rng: random.Random, split: str) -> str:
    return shaped(rng, rng.choice(COURIER_REF[split]))


def mask(rng: random.Random, split: str) -> str:
    """A mask and its size as the split's staff write it."""
    name, sizes = rng.choice(MASKS)
    size = rng.choice(sizes)
    return f"{name} {size}" if split == "dev19" else f"{name} (size {size})"


def setting(rng: random.Random, split: str, kind: str) -> str:
    """A prescribed pressure: an auto range, a fixed pressure, or a bilevel's IPAP/EPAP."""
    lo, hi, fixed = rng.randrange(4, 9), rng.randrange(12, 19), rng.randrange(6, 15)
    if kind == NIV:
        ipap, epap = rng.randrange(14, 26), rng.randrange(4, 10)
        bur = rng.randrange(10, 17)
        return f"IPAP {ipap}/EPAP {epap} cmH2O" if split == "dev19" else f"Pi {ipap} Pe {epap} BUR {bur}"
    if rng.random() < 0.6:
        # fresh17's portal prints its ranges with an en dash
        return f"APAP {lo}-{hi} cmH2O" if split == "dev19" else f"auto {lo}\u2013{hi} cm"
    return f"CPAP {fixed} cmH2O" if split == "dev19" else f"fixed {fixed} cmH₂O"


def reading(rng: random.Random, split: str) -> str:
    """An AHI, ODI or Epworth score as written on a report."""
    r, v = rng.random(), round(rng.uniform(1.5, 68.0), 1)
    if r < 0.45:
        return f"AHI {v}/h" if split == "dev19" else f"AHI={v} ev/hr"
    if r < 0.8:
        return f"ODI4% {v}" if split == "dev19" else f"4% ODI {v}"
    return f"ESS {rng.randrange(2, 24)}/24" if split == "dev19" else f"Epworth {rng.randrange(2, 24)}"


def usage(rng: random.Random, split: str) -> str:
    """Compliance as the portal reports it (kept: a reading, no one's)."""
    h, pct = round(rng.uniform(0.5, 8.9), 1), rng.randrange(8, 100)
    return f"{pct}% nights >4h, avg {h}h" if split == "dev19" else f"usage {h} h/night ({pct}% ≥4h)"


def social_number(rng: random.Random, island: str) -> str:
    """An island's social security number: a Manx NI number (MA/MW/MX), Jersey's "JY" and Guernsey's "GY"."""
    d = "".join(rng.choice("0123456789") for _ in range(6))
    if island == "man":
        return f"{rng.choice(['MA', 'MW', 'MX'])} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}"
    if island == "jersey":
        return f"JY {d} {rng.choice('ABCD')}"
    return f"GY {d}"
