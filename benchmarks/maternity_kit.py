"""The equipment of `maternity_export.py`: makers, models and device types of a maternity and neonatal service (CTG
and telemetry fetal monitors, Dopplers, incubators and transport incubators, resuscitaires, phototherapy, syringe and
volumetric pumps, neonatal ventilators and CPAP drivers, breast pumps and TENS machines lent to women at home, baby
scales, baby tagging, birthing pools, suction and cooling), serial and part-number shapes, alarm codes, software
versions, how each split writes a setting or a reading; each split's codes of its choice columns and the shapes of
its own numbers. The kit is shared by the splits (a CTG monitor is the same in Leicester and Elgin); codes, number
shapes and how values are written differ, so that fresh18 shares no code or number shape with dev20."""

from __future__ import annotations

import datetime as dt
import random

from export_common import digits, shaped

END = dt.date(2025, 10, 31)  # the export's last day: nothing after it

CTG, TELE, DOPPLER = ("CTG fetal monitor", "Cableless fetal telemetry", "Handheld fetal Doppler")
INCUB, TRANSPORT, RESUS = ("Neonatal incubator", "Transport incubator", "Resuscitaire")
PHOTO, SYRINGE, VOLUMETRIC, VENT, CPAP = ("Phototherapy unit", "Syringe driver", "Volumetric infusion pump",
                                          "Neonatal ventilator", "Neonatal CPAP driver")
BREAST, TENS, SCALES, TAGS, POOL, SUCTION, COOLING = ("Breast pump", "TENS machine", "Baby scales",
                                                       "Baby tagging system", "Birthing pool", "Suction unit",
                                                       "Therapeutic cooling system")
LOANABLE = (BREAST, TENS, SCALES, DOPPLER)  # what goes home with a woman or out with a community midwife
MONITORS = (CTG, TELE)  # what the CTG central station knows
NEONATAL = (INCUB, TRANSPORT, RESUS, PHOTO, VENT, CPAP, COOLING, SYRINGE)
# (maker, [(model, device type)]): product names as their makers sell them
KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("Philips", [("Avalon FM30", CTG), ("Avalon FM50", CTG), ("Avalon FM20", CTG), ("Avalon CL", TELE)]),
    ("GE HealthCare", [("Corometrics 259cx", CTG), ("Giraffe OmniBed Carestation", INCUB),
                       ("Panda iRes Warmer", RESUS), ("BiliSoft 2.0", PHOTO), ("Lullaby LED Phototherapy", PHOTO)]),
    ("Huntleigh Healthcare", [("Sonicaid Team3", CTG), ("Sonicaid One", DOPPLER), ("Sonicaid Freedom", DOPPLER)]),
    ("Dräger", [("Babyleo TN500", INCUB), ("Isolette 8000 plus", INCUB), ("Resuscitaire", RESUS),
                ("Babylog VN500", VENT), ("BiliLux", PHOTO), ("Globe-Trotter TI500", TRANSPORT)]),
    ("Atom Medical", [("Incu i", INCUB), ("Dual Incu i", INCUB)]),
    ("Natus Medical", [("neoBLUE", PHOTO)]),
    ("SLE", [("SLE6000", VENT)]),
    ("Vyaire Medical", [("Infant Flow SiPAP", CPAP)]),
    ("Fisher & Paykel Healthcare", [("Bubble CPAP System", CPAP), ("Neopuff Infant Resuscitator", RESUS)]),
    ("Inspiration Healthcare", [("Tecotherm Neo", COOLING)]),
    ("B. Braun", [("Perfusor Space", SYRINGE), ("Infusomat Space", VOLUMETRIC)]),
    ("BD", [("Alaris GH Plus", SYRINGE), ("Alaris GP Plus", VOLUMETRIC)]),
    ("Fresenius Kabi", [("Agilia SP MC", SYRINGE)]),
    ("Medela", [("Symphony PLUS", BREAST), ("Lactina Select", BREAST)]),
    ("Ardo", [("Carum", BREAST)]),
    ("Elvie", [("Elvie Stride", BREAST)]),
    ("Babycare TENS", [("Elle TENS Plus", TENS)]),
    ("TensCare", [("Perfect mamaTENS", TENS)]),
    ("seca", [("seca 334", SCALES)]),
    ("Marsden", [("M-400", SCALES)]),
    ("Stanley Healthcare", [("Hugs Infant Protection", TAGS)]),
    ("Securitas Healthcare", [("Hugs Infant Protection", TAGS)]),
    ("Active Birth Pools", [("Freestanding birth pool", POOL)]),
    ("Laerdal Medical", [("LSU Suction Unit", SUCTION)]),
]
TYPE_WEIGHT = {CTG: 14, TELE: 5, DOPPLER: 7, INCUB: 9, TRANSPORT: 2, RESUS: 7, PHOTO: 5, SYRINGE: 10, VOLUMETRIC: 5,
               VENT: 3, CPAP: 3, BREAST: 13, TENS: 6, SCALES: 4, TAGS: 3, POOL: 2, SUCTION: 2, COOLING: 1}
SHORT = {"Philips": "Philips", "GE HealthCare": "GE", "Huntleigh Healthcare": "Huntleigh", "Dräger": "Draeger",
         "Fisher & Paykel Healthcare": "F&P", "B. Braun": "BBraun", "Natus Medical": "Natus",
         "Vyaire Medical": "Vyaire",
         "Atom Medical": "Atom", "Laerdal Medical": "Laerdal", "Stanley Healthcare": "Stanley",
         "Securitas Healthcare": "Securitas"}
SERIAL_SHAPES = {"Philips": ["DE########", "US##########"], "GE HealthCare": ["SH#####@@", "HDU#####@"],
                 "Huntleigh Healthcare": ["##/#####", "TM3######"], "Dräger": ["ARWK-####", "ASDE-####", "SRKA-####"],
                 "Atom Medical": ["A##@####"], "Natus Medical": ["NB######"], "SLE": ["60####"],
                 "Vyaire Medical": ["BBS#####"], "Fisher & Paykel Healthcare": ["#########"],
                 "Inspiration Healthcare": ["TN-####"], "B. Braun": ["#######"], "BD": ["80######"],
                 "Fresenius Kabi": ["2#######"], "Medela": ["S#######", "LS######"], "Ardo": ["C######"],
                 "Elvie": ["EL@########"], "Babycare TENS": ["E######"], "TensCare": ["MT######"],
                 "seca": ["58########"], "Marsden": ["M4##-#####"], "Stanley Healthcare": ["HG-#####"],
                 "Securitas Healthcare": ["SH-#####"], "Active Birth Pools": ["ABP####"],
                 "Laerdal Medical": ["LSU####"]}
PART_SHAPES = {"Philips": "M27##@", "GE HealthCare": "2###-###-###", "Dräger": "MU#####", "Medela": "0###.####",
               "B. Braun": "8713###", "Huntleigh Healthcare": "ACC-###", "Atom Medical": "AT####"}
PARTS = ["US transducer", "toco transducer", "belt clip", "thermal paper", "mattress", "skin temp probe",
         "humidifier chamber", "porthole seal", "heater module", "battery pack", "flow sensor", "exhalation valve",
         "pump kit", "mains lead", "LED array", "tag strap", "door sensor", "pool thermometer", "canister lid",
         "electrode pads", "syringe clamp", "platen"]
VERSIONS = ["J.3.41", "K.2.10", "SW 2.30", "v5.2.1", "FW 4.11", "rev 3.07", "SW 1.6.9.2", "v10.4"]
# alarm and error codes as each kind of device shows them (the rest: ALARMS[""])
ALARMS = {CTG: ["INOP US TRANSD", "TOCO UNPLUGGED", "PAPER OUT", "Code 210"],
          TELE: ["INOP US TRANSD", "Low battery 15%"], TRANSPORT: ["Air temp deviation", "E-025"],
          INCUB: ["Err 041 heater", "Air temp deviation", "SKIN PROBE FAIL"],
          SYRINGE: ["Occlusion downstream", "Pump fault 1021"], VOLUMETRIC: ["Occlusion downstream", "Air in line"],
          TAGS: ["Tag tamper", "Strap cut alarm", "Exit alarm Door 3"], VENT: ["Leak > 60%", "E-025"],
          CPAP: ["Leak > 60%", "Low pressure"], "": ["E-025", "Low battery 15%", "Code 210", "Err 07"]}
SUPPORT_LINES = ["0800 085 5868", "0345 366 6000", "0330 013 2104"]  # makers' UK service desks (kept)

STATUS = {"dev20": {"In Use": "in_service", "Store": "in_store", "With EBME": "under_repair", "Condemned": "condemned",
                    "On Loan": "on_loan"},
          "fresh18": {"LIVE": "in_service", "SPARE": "in_store", "REPAIR": "under_repair", "DISPOSED": "condemned",
                      "LOANED": "on_loan"}}
CTG_TYPE = {"dev20": {"INOP": "repair", "Signal loss": "inspection", "Recorder": "other", "Telemetry link": "repair"},
            "fresh18": {"TECH-ALERT": "repair", "SIGNAL-QUALITY": "inspection", "PRINTER": "other",
                        "CABLELESS": "repair"}}
CTG_STATUS = {"dev20": {"Acknowledged": "completed", "Active": "open", "Cleared": "completed"},
              "fresh18": {"ACK": "completed", "RAISED": "open", "RESOLVED": "completed"}}
LOAN_TYPE = {"dev20": {"Home loan": "other", "Community bag": "other", "Ward to ward": "other"},
             "fresh18": {"HOME": "other", "CMW KIT": "other", "TRANSFER": "other"}}
LOAN_STATUS = {"dev20": {"On loan": "open", "Returned": "completed", "Overdue": "open", "Lost": "completed",
                         "Cancelled": "completed"},
               "fresh18": {"OUT": "open", "BACK": "completed", "CHASE": "open", "WRITTEN OFF": "completed",
                           "NOT ISSUED": "completed"}}
WO_TYPE = {"dev20": {"Repair": "repair", "PPM": "ppm", "Acceptance": "acceptance", "Calibration": "calibration",
                     "FSN": "inspection"},
           "fresh18": {"CM": "repair", "PM": "ppm", "NEW": "acceptance", "CAL": "calibration",
                       "SAFETY NOTICE": "inspection"}}
WO_STATUS = {"dev20": {"Complete": "completed", "Open": "open", "Awaiting Parts": "open", "Closed - BER": "completed"},
             "fresh18": {"C": "completed", "O": "open", "W": "open", "X": "completed"}}

ASSET_NO = {"dev20": "MAT#####", "fresh18": "GN-######"}
CTG_NO = {"dev20": "TE{year}-{n:06d}", "fresh18": "A{n:07d}"}
LOAN_NO = {"dev20": "LN-{n:06d}", "fresh18": "{n:05d}/L"}
WO_NO = {"dev20": "WO{n:06d}", "fresh18": "J{n:06d}-M"}


def serial(rng: random.Random, maker: str) -> str:
    return shaped(rng, rng.choice(SERIAL_SHAPES[maker]))


def part_number(rng: random.Random, maker: str) -> str:
    return shaped(rng, PART_SHAPES.get(maker, "MP-####"))


def setting(rng: random.Random, split: str, kind: str) -> str:
    """What the device was set to, as the split's staff write it (kept: a setting is no one's)."""
    dev = split == "dev20"
    if kind in (INCUB, TRANSPORT):
        t, h = round(rng.uniform(32.0, 37.5), 1), rng.randrange(50, 85, 5)
        return f"air temp {t}°C / humidity {h}%" if dev else f"Tair {t}C RH {h}"
    if kind == VENT:
        pip, peep, rate = rng.randrange(14, 26), rng.randrange(4, 8), rng.randrange(30, 61, 5)
        return f"PIP {pip} / PEEP {peep} / rate {rate}" if dev else f"PIP{pip} PEEP{peep} R{rate}"
    if kind == CPAP:
        p, fio2 = rng.randrange(5, 9), rng.choice(["0.21", "0.25", "0.30", "0.35"])
        return f"CPAP {p} cmH2O FiO2 {fio2}" if dev else f"{p} cm H2O, O2 {int(float(fio2) * 100)}%"
    if kind == PHOTO:
        irr = rng.randrange(25, 46)
        return f"irradiance {irr} µW/cm²/nm" if dev else f"{irr} uW/cm2/nm"
    if kind in (SYRINGE, VOLUMETRIC):
        r = rng.choice(["0.5", "1.2", "2.4", "3.6", "12.5"])
        return f"rate {r} ml/h" if dev else f"{r} mL/hr"
    if kind == POOL:
        t = round(rng.uniform(35.5, 37.4), 1)
        return f"water {t}°C" if dev else f"pool temp {t}"
    lvl = rng.randrange(1, 10)
    return f"suction level {lvl}" if dev else f"vac setting {lvl}"


def reading(rng: random.Random, split: str) -> str:
    """A clinical or test reading as written in a note (kept)."""
    dev, r = split == "dev20", rng.random()
    if r < 0.3:
        v = rng.randrange(110, 165)
        return f"FHR baseline {v} bpm" if dev else f"BL {v}bpm"
    if r < 0.5:
        return f"SpO2 {rng.randrange(88, 100)}%" if dev else f"sats {rng.randrange(88, 100)}"
    if r < 0.7:
        return f"SBR {rng.randrange(180, 390)} µmol/L" if dev else f"bili {rng.randrange(180, 390)}"
    if r < 0.85:
        w = round(rng.uniform(0.9, 4.6), 2)
        return f"wt {w} kg" if dev else f"{int(w * 1000)}g"
    t = round(rng.uniform(35.8, 37.9), 1)
    return f"temp {t}°C" if dev else f"T {t}"


def extension(rng: random.Random, split: str) -> str:
    """A bleep or a phone extension of a ward or a team (kept: no person's number)."""
    if split == "dev20":
        return rng.choice([f"ext {digits(rng, 4)}", f"bleep {rng.randrange(1000, 3999)}", f"x{digits(rng, 4)}"])
    return rng.choice([f"ext. 5{digits(rng, 4)}", f"pager {rng.randrange(4000, 8999)}", f"tel ext 5{digits(rng, 4)}"])


def alarm(rng: random.Random, kind: str) -> str:
    return rng.choice(ALARMS.get(kind, ALARMS[""]))


def gestation(days: int, split: str) -> str:
    """Weeks+days of a pregnancy `days` after its first day: written, never planted (it is nobody's identifier)."""
    w, d = divmod(days, 7)
    return f"{w}+{d}" if split == "dev20" else f"{w}w{d}d"
