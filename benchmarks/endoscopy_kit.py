"""The equipment of `endoscopy_export.py`: makers, models and kinds of an endoscopy and decontamination service
(flexible gastroscopes, colonoscopes, bronchoscopes and EBUS scopes, duodenoscopes, cystoscopes, ENT nasendoscopes;
automated endoscope reprocessors, drying and storage cabinets, video processors, light sources, CO2 insufflators,
leak testers), serial and part-number shapes, error codes, how each split writes a water-test result, a repair
reference or a lab sample ID; each split's codes of its choice columns and the shapes of its own numbers. The kit is
shared by the splits (a GIF-H190 is the same in Treforys and Melrose); codes, number shapes and how values are
written differ, so that fresh19 shares no code or number shape with dev21."""

from __future__ import annotations

import datetime as dt
import random

from export_common import digits, shaped

END = dt.date(2025, 10, 31)  # the export's last day: nothing after it

GASTRO, COLON, BRONCH, EBUS = "Gastroscope", "Colonoscope", "Bronchoscope", "EBUS bronchoscope"
DUODENO, CYSTO, NASO = "Duodenoscope", "Flexible cystoscope", "ENT nasendoscope"
AER, DRYER, PROCESSOR = "Automated endoscope reprocessor", "Endoscope drying cabinet", "Video processor"
LIGHT, INSUFF, LEAKT = "Light source", "CO2 insufflator", "Leak tester"
SCOPES = (GASTRO, COLON, BRONCH, EBUS, DUODENO, CYSTO, NASO)
DECON = (AER, DRYER, LEAKT)  # the decontamination room's kit: competency sign-offs, water tests
# (maker, [(model, kind)]): product names as their makers sell them
KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("Olympus", [("GIF-H190", GASTRO), ("GIF-HQ190", GASTRO), ("GIF-1TH190", GASTRO), ("CF-HQ190L", COLON),
                 ("CF-H185L", COLON), ("PCF-H190DL", COLON), ("BF-H190", BRONCH), ("BF-UC190F", EBUS),
                 ("TJF-Q190V", DUODENO), ("CYF-VH", CYSTO), ("ENF-VH", NASO), ("CV-190", PROCESSOR),
                 ("CLV-190", LIGHT), ("UCR", INSUFF), ("MU-1", LEAKT), ("OER-Pro", AER)]),
    ("Pentax", [("EG29-i10", GASTRO), ("EC38-i10L", COLON), ("EB19-J10", BRONCH), ("ED34-i10T2", DUODENO),
                ("EPK-i7010", PROCESSOR)]),
    ("Fujifilm", [("EG-760R", GASTRO), ("EC-760R-V/L", COLON), ("EB-580S", BRONCH), ("ED-580XT", DUODENO),
                  ("ELUXEO 7000", PROCESSOR), ("BL-7000", LIGHT)]),
    ("Karl Storz", [("11101 RP2", NASO), ("11272 VPU", CYSTO), ("IMAGE1 S", PROCESSOR), ("ENDOFLATOR 40", INSUFF)]),
    ("Medivators", [("ADVANTAGE PLUS", AER), ("DSD EDGE", AER), ("ENDODRY", DRYER)]),
    ("Steris", [("Reliance EPS", AER), ("SYSTEM 1E", AER)]),
    ("Getinge", [("ED-FLOW", AER), ("ESC Storage Cabinet", DRYER)]),
    ("Wassenburg", [("WD440 PT", AER), ("DRY320", DRYER), ("WAS-LT2", LEAKT)]),
]
KIND_WEIGHT = {GASTRO: 16, COLON: 14, BRONCH: 6, EBUS: 2, DUODENO: 3, CYSTO: 6, NASO: 8, AER: 6, DRYER: 4,
               PROCESSOR: 4, LIGHT: 2, INSUFF: 2, LEAKT: 2}
SHORT = {"Olympus": "Oly", "Fujifilm": "Fuji", "Karl Storz": "Storz", "Medivators": "Cantel", "Wassenburg": "Wass",
         "Getinge": "Getinge", "Steris": "STERIS", "Pentax": "PENTAX"}
SERIAL_SHAPES = {"Olympus": ["2######", "7######"], "Pentax": ["G######", "A1#####"], "Fujifilm": ["5C######"],
                 "Karl Storz": ["@@######"], "Medivators": ["AP######"], "Steris": ["0###-###"],
                 "Getinge": ["ED#####"], "Wassenburg": ["WB#####"]}
PART_SHAPES = {"Olympus": "MAJ-####", "Pentax": "OF-B###", "Fujifilm": "VB-###", "Karl Storz": "#####@",
               "Medivators": "ML02-####", "Wassenburg": "WAS####", "Getinge": "6###-####", "Steris": "P#####"}
PARTS = ["biopsy valve", "suction valve", "air/water valve", "bending rubber", "light guide lens", "distal cap",
         "insertion tube", "angulation wire", "channel separator", "connecting tube set", "bacterial filter",
         "dosing pump", "leak test connector", "printer paper roll", "HEPA filter", "cassette seal"]
CHANNELS = ["biopsy channel", "suction channel", "air/water channel", "elevator channel", "aux water channel"]
ERRORS = {AER: ["E-27 channel blockage", "Err 081 leak detected", "ALARM 12 low disinfectant", "E41 temp",
                "F-112 flow ch.3", "E-09 door interlock"],
          DRYER: ["A-03 air pressure low", "door open alarm", "E-14 filter"],
          LEAKT: ["LEAK FAIL", "pressure drop 12 mbar"], PROCESSOR: ["E-201 no image", "E-305 white balance"],
          "": ["E-02", "Code 417", "ERR 7", "angulation stiff"]}
VERSIONS = ["v3.2.1", "SW 4.10", "fw 2.07", "rev 5.1"]
SUPPORT_LINES = ["01702 616333", "0800 055 0500", "0845 643 4820"]  # makers' UK service desks (kept)
FIELD_MAIL = {"Olympus": "olympus.co.uk", "Pentax": "pentaxmedical.com", "Fujifilm": "fujifilm.com",
              "Karl Storz": "karlstorz.com", "Medivators": "cantelmedical.co.uk", "Steris": "steris.com",
              "Getinge": "getinge.com", "Wassenburg": "wassenburgmedical.com"}

STATUS = {"dev21": {"In Use": "in_service", "Quarantine": "under_repair", "Away for Repair": "under_repair",
                    "Spare": "in_store", "Loan (In)": "on_loan", "Decommissioned": "condemned"},
          "fresh19": {"ACTIVE": "in_service", "HOLD": "under_repair", "AT MFR": "under_repair", "STOCK": "in_store",
                      "LOANER": "on_loan", "WITHDRAWN": "condemned"}}
USE_STATUS = {"dev21": {"Complete": "completed", "Abandoned": "completed", "In Progress": "open"},
              "fresh19": {"DONE": "completed", "INCOMPLETE": "completed", "ACTIVE": "open"}}
CYCLE_RESULT = {"dev21": {"PASS": "completed", "FAIL": "completed", "ABORTED": "completed", "RUNNING": "open"},
                "fresh19": {"OK": "completed", "NOK": "completed", "STOPPED": "completed", "IN CYCLE": "open"}}
REPAIR_STATUS = {"dev21": {"Returned": "completed", "At Manufacturer": "open", "Awaiting Quote": "open",
                           "Written Off": "completed"},
                 "fresh19": {"BACK": "completed", "AWAY": "open", "QUOTE": "open", "BER": "completed"}}
WATER_STATUS = {"dev21": {"Satisfactory": "completed", "Unsatisfactory": "completed", "Pending": "open"},
                "fresh19": {"PASS": "completed", "ACTION": "completed", "AWAITED": "open"}}
LOOKBACK_STATUS = {"dev21": {"Closed": "completed", "Open": "open", "Letters Sent": "open"},
                   "fresh19": {"C": "completed", "O": "open", "L": "open"}}
JOB_TYPE = {"dev21": {"use": "other", "cycle": "inspection", "repair": "repair", "water": "inspection",
                      "lookback": "other"},
            "fresh19": {"use": "other", "cycle": "inspection", "repair": "repair", "water": "inspection",
                        "lookback": "other"}}

ASSET_NO = {"dev21": "TNE#####", "fresh19": "BGH####"}
USE_NO = {"dev21": "PU{n:07d}", "fresh19": "EP{n:06d}"}
CYCLE_NO = {"dev21": "C{n:06d}", "fresh19": "{n:05d}/{w}"}
REPAIR_NO = {"dev21": "RR{n:05d}", "fresh19": "RP{n:04d}X"}
WATER_NO = {"dev21": "WT{n:05d}", "fresh19": "H2O-{n:04d}"}
LOOKBACK_NO = {"dev21": "LB{n:04d}", "fresh19": "LKB{n:04d}"}


def serial(rng: random.Random, maker: str) -> str:
    return shaped(rng, rng.choice(SERIAL_SHAPES[maker]))


def part_number(rng: random.Random, maker: str) -> str:
    return shaped(rng, PART_SHAPES.get(maker, "EN-####"))


def error(rng: random.Random, kind: str) -> str:
    return rng.choice(ERRORS.get(kind, ERRORS[""]))


def rma(rng: random.Random, split: str) -> str:
    """A manufacturer's repair (RMA) or quote reference (kept: a case number is no one's)."""
    if split == "dev21":
        return rng.choice([f"RMA-{digits(rng, 7)}", f"Q{digits(rng, 8)}"])
    return rng.choice([f"RA{digits(rng, 6)}/{rng.randrange(1, 9)}", f"QT-{digits(rng, 5)}-{rng.choice('ABC')}"])


def sample_id(rng: random.Random, split: str, year: int) -> str:
    """A microbiology lab's sample ID for a final-rinse water sample (kept)."""
    if split == "dev21":
        return f"W{year % 100}.{digits(rng, 6)}"
    return f"{rng.choice('BEN')}{digits(rng, 7)}W"


def tvc(rng: random.Random, split: str, bad: bool) -> str:
    """A final-rinse water result as the lab or the unit writes it (kept: a count is nobody's)."""
    count = rng.randrange(11, 140) if bad else rng.choice([0, 0, 0, 1, 2, 4, 7])
    if split == "dev21":
        return rng.choice([f"TVC {count} cfu/100ml", f"{count} CFU/100mL", "<1 cfu/100ml" if not count else
                           f"TVC {count}/100ml"])
    return rng.choice([f"TVC={count}", f"{count} cfu per 100 mL", "ND" if not count else f"count {count}",
                       f"P. aeruginosa {'detected' if bad else 'not isolated'}"])


def extension(rng: random.Random, split: str) -> str:
    """A unit's extension or a bleep (kept: no person's number)."""
    if split == "dev21":
        return rng.choice([f"ext {digits(rng, 5)}", f"bleep {rng.randrange(100, 999)}", f"est. {digits(rng, 5)}"])
    return rng.choice([f"x{rng.randrange(6000, 6999)}", f"page {rng.randrange(1000, 1999)}",
                       f"int {rng.randrange(6000, 6999)}"])
