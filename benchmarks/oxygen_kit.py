"""The equipment of `oxygen_export.py`: makers, models and device types of a home oxygen and respiratory service
(concentrators, portable concentrators, cylinders, CPAP and NIV machines, nebulisers, pulse oximeters, high-flow
humidifiers), how each is set (flow rates, pressures, cylinder sizes), parts with the makers' part numbers and serial
shapes; CHI numbers (NHS numbers and key safe codes are `export_common`'s). The kit is shared by the splits; how a
setting is written, the codes of the portal's and the logs' choice columns and the shapes of the service's own
numbers differ."""

from __future__ import annotations

import datetime as dt
import random

from export_common import shaped

END = dt.date(2025, 11, 28)  # the export's last day: nothing after it

CONC, POC, CYL, CPAP, NIV = ("Oxygen concentrator", "Portable oxygen concentrator", "Oxygen cylinder",
                             "CPAP machine", "NIV ventilator")
NEB, OXI, HFLOW = "Nebuliser", "Pulse oximeter", "High-flow humidifier"
# (maker, [(model, device type)])
KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("Philips Respironics", [("EverFlo", CONC), ("SimplyGo Mini", POC), ("DreamStation 2 Auto", CPAP),
                             ("Trilogy Evo", NIV), ("InnoSpire Go", NEB)]),
    ("ResMed", [("AirSense 10 AutoSet", CPAP), ("AirSense 11 AutoSet", CPAP), ("Lumis 150 VPAP ST", NIV),
                ("Stellar 150", NIV)]),
    ("Inogen", [("One G5", POC), ("Rove 6", POC), ("At Home", CONC)]),
    ("Invacare", [("Perfecto2 V", CONC), ("Platinum 9", CONC), ("Platinum Mobile", POC)]),
    ("CAIRE", [("Companion 5", CONC), ("FreeStyle Comfort", POC)]),
    ("BOC", [("Medical oxygen CD", CYL), ("Medical oxygen HX", CYL)]),
    ("Air Liquide", [("Oxygen ZD", CYL), ("Oxygen CD integral valve", CYL)]),
    ("Dolby Vivisol", [("Lightweight ZD", CYL), ("Oxygen DF", CYL)]),
    ("Baywater Healthcare", [("Oxygen HX", CYL)]),
    ("Fisher & Paykel", [("SleepStyle Auto", CPAP), ("myAIRVO 2", HFLOW)]),
    ("Nonin", [("Onyx Vantage 9590", OXI), ("WristOx2 3150", OXI)]),
    ("Masimo", [("MightySat Rx", OXI)]),
    ("Omron", [("CompAIR C28P", NEB)]),
    ("PARI", [("Boy Classic", NEB)]),
]
# How often each device type is on the register (cylinders and concentrators most).
TYPE_WEIGHT = {CONC: 30, POC: 10, CYL: 34, CPAP: 10, NIV: 5, NEB: 5, OXI: 5, HFLOW: 2}
# Short forms the engineers type for a maker (kept values too).
SHORT = {"Philips Respironics": "Philips", "Fisher & Paykel": "F&P", "Dolby Vivisol": "Vivisol"}
CYLINDER_SIZES = ["CD", "ZD", "HX", "DF"]
FLOWS = ["0.5", "1", "1.5", "2", "2.5", "3", "4"]
# A flow rate as each split's forms and notes write it ("{f}" the litres).
FLOW_FORMS = {"dev17": ["{f} L/min", "{f}L/min", "{f} l/min", "{f} litres/min"],
              "fresh15": ["{f} lpm", "{f} LPM", "{f}lpm", "{f} l/m"]}
PRESSURES = {CPAP: ["8 cmH2O", "10 cmH2O", "APAP 6-14 cmH2O", "12 cmH2O"],
             NIV: ["IPAP 18 / EPAP 6", "IPAP 22 / EPAP 8", "IPAP 16 / EPAP 5"],
             POC: ["setting 2", "setting 3", "pulse setting 4"]}

# Parts the engineers fit, with a part-number shape by maker ("#" a digit, "@" a capital letter).
PARTS = ["inlet filter", "HEPA filter", "sieve bed", "compressor", "humidifier chamber", "nasal cannula",
         "firebreak valve", "flowmeter", "power supply", "battery pack", "mask cushion", "heated tube",
         "air filter", "nebuliser kit", "finger probe", "cabinet filter", "oxygen sensor", "tubing 15m"]
PART_SHAPES = {"Philips Respironics": "10#####", "ResMed": "3####", "Inogen": "RP-####", "Invacare": "IRC###-@@",
               "CAIRE": "CA###-##", "Fisher & Paykel": "900PT###", "Nonin": "####-###", "Masimo": "M####",
               "Omron": "9###-@@", "PARI": "0##@####"}
# Serial shapes by maker; cylinders carry the filler's stamped number.
SERIAL_SHAPES = {"Philips Respironics": ["J########", "P#######@"], "ResMed": ["2###1######", "23#########"],
                 "Inogen": ["##@@######"], "Invacare": ["##EM######", "##@@######"], "CAIRE": ["C5-######"],
                 "BOC": ["B#######"], "Air Liquide": ["AL########"], "Dolby Vivisol": ["DV######@"],
                 "Baywater Healthcare": ["BW-######"], "Fisher & Paykel": ["##########"],
                 "Nonin": ["5########"], "Masimo": ["M#########"], "Omron": ["#######@@"], "PARI": ["P####-###"]}

# The portal's installation status -> the product's asset status (each split's own codes).
STATUS = {"dev17": {"Installed": "on_loan", "In depot": "in_store", "Awaiting collection": "on_loan",
                    "Removed": "in_store", "Quarantine": "under_repair", "Condemned": "condemned"},
          "fresh15": {"LIVE": "on_loan", "STOCK": "in_store", "FOR UPLIFT": "on_loan", "RECOVERED": "in_store",
                      "WORKSHOP": "under_repair", "SCRAPPED": "condemned"}}
STATUS_WEIGHT = [70, 10, 5, 8, 4, 3]
# The drivers' run sheet: job type and outcome; the engineers' log: visit type and result.
RUN_TYPE = {"dev17": {"Delivery": "other", "Collection": "other", "Exchange": "other", "Urgent delivery": "other"},
            "fresh15": {"DEL": "other", "COLL": "other", "SWAP": "other", "EMERG": "other"}}
RUN_STATUS = {"dev17": {"Delivered": "completed", "Collected": "completed", "Failed": "open",
                        "Part delivered": "completed"},
              "fresh15": {"DONE": "completed", "NO ACCESS": "open", "PART": "completed", "REFUSED": "open"}}
VISIT_TYPE = {"dev17": {"Install": "acceptance", "Service": "ppm", "Breakdown": "repair", "Removal": "other",
                        "Safety check": "inspection", "Emergency": "repair"},
              "fresh15": {"INST": "acceptance", "PPM": "ppm", "B/DOWN": "repair", "UPLIFT": "other",
                          "RISK VISIT": "inspection", "OOH CALL": "repair"}}
VISIT_STATUS = {"dev17": {"Complete": "completed", "Open": "open", "Parts on order": "open",
                          "Closed": "completed"},
                "fresh15": {"Closed": "completed", "Pending": "open", "Awaiting Parts": "open",
                            "Signed Off": "completed"}}

# Shapes of the service's numbers.
ASSET_NO = {"dev17": "HO-#####", "fresh15": "OXY######"}
RUN_NO = {"dev17": "ORD{n:07d}", "fresh15": "D/{yy}/{n:06d}"}
VISIT_NO = {"dev17": "ENG-{n:05d}", "fresh15": "WO{n:07d}"}


def serial(rng: random.Random, maker: str) -> str:
    return shaped(rng, rng.choice(SERIAL_SHAPES[maker]))


def part_number(rng: random.Random, maker: str) -> str:
    return shaped(rng, PART_SHAPES.get(maker, "OX-####"))


def flow(rng: random.Random, split: str, litres: str | None = None) -> str:
    return rng.choice(FLOW_FORMS[split]).format(f=litres or rng.choice(FLOWS))


def setting(rng: random.Random, split: str, kind: str) -> tuple[str, str] | None:
    """(kind, value) of how a device is set: a flow rate, a pressure or a portable's setting; None for a nebuliser
    or an oximeter."""
    if kind in (NEB, OXI):
        return None
    if kind in PRESSURES and (kind != POC or rng.random() < 0.6):
        return "pressure", rng.choice(PRESSURES[kind])
    return "flow_rate", flow(rng, split, rng.choice(["20", "30", "35"]) if kind == HFLOW else None)


def chi_number(rng: random.Random, born: dt.date, woman: bool) -> str:
    """A CHI number: the date of birth DDMMYY, two digits, a sex digit (even for a woman) and the modulus-11
    check digit (weights 10..2; 11 -> 0; a 10 is never issued)."""
    while True:
        sex = rng.choice("02468" if woman else "13579")
        body = f"{born:%d%m%y}{rng.randrange(100):02d}{sex}"
        check = 11 - sum(int(c) * (10 - i) for i, c in enumerate(body)) % 11
        if check != 10:
            return body + str(0 if check == 11 else check)
