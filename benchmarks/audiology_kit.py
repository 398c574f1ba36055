"""The equipment of `audiology_export.py`: an audiology department's test kit (audiometers, tympanometers, OAE and
ABR screeners, real-ear measurement systems, hearing-aid analysers, sound-treated booths, calibration rigs) and the
devices it issues and repairs (NHS hearing aids, bone-conduction processors, radio-aid kits for children): makers as
they sell and as staff write them, models, serial and part-number shapes, faults and error codes, standards,
readings and frequencies, calibration certificates and makers' repair orders; each split's codes of its choice
columns and the shapes of its own numbers. The kit is shared by the splits (a Titan is the same in Walsall and in
Enniskillen); codes, number shapes and how values are written differ."""

from __future__ import annotations

import datetime as dt
import random

from export_common import digits, shaped

END = dt.date(2026, 11, 27)  # the export's last day: nothing after it

AUDIOMETER, TYMP, OAE, ABR = "Clinical audiometer", "Tympanometer", "OAE screener", "ABR system"
REM, HAA, BOOTH, CALKIT = "Real-ear measurement system", "Hearing aid analyser", "Sound booth", "Calibration rig"
AID, BONE, RADIO = "Hearing aid", "Bone conduction processor", "Radio aid kit"
TEST_KIT = (AUDIOMETER, TYMP, OAE, ABR, REM, HAA, CALKIT)  # calibrated yearly
ISSUED = (AID, BONE)  # on a patient's ears: repairs, batteries
# (maker, [(model, kind)]): product names as their makers sell them
KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("Interacoustics", [("AC40", AUDIOMETER), ("Equinox 2.0", AUDIOMETER), ("AD629", AUDIOMETER), ("Titan", TYMP),
                        ("AT235", TYMP), ("Eclipse EP25", ABR), ("Callisto", REM), ("Affinity Compact", REM)]),
    ("GN Otometrics", [("MADSEN Astera²", AUDIOMETER), ("MADSEN Zodiac", TYMP), ("Aurical FreeFit", REM),
                       ("MADSEN AccuScreen", OAE)]),
    ("Grason-Stadler", [("GSI AudioStar Pro", AUDIOMETER), ("GSI TympStar Pro", TYMP), ("Audéra Pro", ABR)]),
    ("Amplivox", [("Amplivox 270+", AUDIOMETER), ("Otowave 102", TYMP), ("AB4200 booth", BOOTH)]),
    ("Otodynamics", [("Otoport Lite", OAE), ("Otoport Advance", OAE)]),
    ("MAICO", [("ERO-SCAN Pro", OAE), ("touchTymp MI 34", TYMP)]),
    ("Audioscan", [("Verifit 2", HAA)]),
    ("Frye Electronics", [("FONIX FP35", HAA)]),
    ("IAC Acoustics", [("Mini 250 booth", BOOTH), ("Series 120a booth", BOOTH)]),
    ("Brüel & Kjær", [("Type 2250", CALKIT), ("Type 4153 artificial ear", CALKIT), ("Type 4231", CALKIT)]),
    ("Phonak", [("Naída P70-UP", AID), ("Audéo P50-R", AID), ("Naída L30-RL", AID), ("Sky L-PR", AID),
                ("Roger Touchscreen Mic", RADIO), ("Roger Pen iN", RADIO)]),
    ("Oticon", [("Ruby 2 miniBTE R", AID), ("Xceed 1 BTE UP", AID), ("Zircon 1 BTE", AID), ("EduMic kit", RADIO)]),
    ("Signia", [("Motion 13 X", AID), ("Intuis 4.0 M", AID), ("Pure Charge&Go 3AX", AID)]),
    ("ReSound", [("ENZO Q 998", AID), ("Key 4 KE477-DWC", AID), ("Danalogic iFit 71", AID)]),
    ("Widex", [("MOMENT 440 mRIC R D", AID), ("EVOKE F2 440", AID)]),
    ("Oticon Medical", [("Ponto 5 SuperPower", BONE)]),
    ("Cochlear", [("Baha 6 Max", BONE)]),
]
KIND_WEIGHT = {AUDIOMETER: 8, TYMP: 6, OAE: 4, ABR: 2, REM: 3, HAA: 2, BOOTH: 4, CALKIT: 2, AID: 56, BONE: 4,
               RADIO: 9}
SHORT = {"Interacoustics": "IA", "GN Otometrics": "Otometrics", "Grason-Stadler": "GSI", "Amplivox": "Amplivox",
         "Otodynamics": "ILO", "MAICO": "Maico", "Audioscan": "Verifit", "Frye Electronics": "Frye",
         "IAC Acoustics": "IAC", "Brüel & Kjær": "B&K", "Phonak": "Sonova", "Oticon": "Oticon", "Signia": "Sivantos",
         "ReSound": "GN ReSound", "Widex": "Widex", "Oticon Medical": "OM", "Cochlear": "Cochlear"}
SERIAL_SHAPES = {"Interacoustics": ["#######"], "GN Otometrics": ["########"], "Grason-Stadler": ["GS######"],
                 "Amplivox": ["######", "AB####"], "Otodynamics": ["OP####"], "MAICO": ["#####"],
                 "Audioscan": ["VF2-####"], "Frye Electronics": ["#####F"], "IAC Acoustics": ["IAC-####-##"],
                 "Brüel & Kjær": ["#######"], "Phonak": ["####@#@#@", "##@@@####"], "Oticon": ["@@@#####"],
                 "Signia": ["@@######"], "ReSound": ["##########"], "Widex": ["#######"],
                 "Oticon Medical": ["PN#######"], "Cochlear": ["##########"]}
PART_SHAPES = {"Phonak": "056-####-@@", "Oticon": "1#####", "Signia": "1#####-##", "ReSound": "RE##-####",
               "Widex": "###-####-###", "Interacoustics": "8######", "GN Otometrics": "8-##-#####",
               "Amplivox": "A###", "Brüel & Kjær": "UA-####", "Oticon Medical": "M####"}
PARTS = ["receiver", "dome", "slim tube", "earhook", "battery drawer", "microphone cover", "wax guard", "charger",
         "TDH-39 headset", "insert earphones", "probe tip", "bone vibrator", "printer", "patient response button",
         "mains lead", "ear tip kit", "USB lead"]
BATTERIES = ["size 312", "size 13", "size 675", "size 10", "PR41", "PR48", "PR44"]  # written as on the packets
FAULTS = {AID: ["dead", "intermittent", "whistling/feedback", "weak", "distorted", "no sound in P2",
                "moisture damage", "cracked case", "battery door broken", "won't pair with phone", "crackly",
                "tube blocked", "wax in receiver", "lost dome in ear"],
          BONE: ["no sound", "snap coupling loose", "feedback on headband", "won't switch on"],
          RADIO: ["not pairing", "charger fault", "receiver dead", "crackle on mic"],
          "": ["won't power up", "printer jammed", "headset lead broken", "touch screen unresponsive"]}
ERRORS = {AUDIOMETER: ["Err 17 transducer", "E05 checksum", "Error 31 response switch", "E-12 output stage"],
          TYMP: ["E-302 probe blocked", "Probe leak", "Err 4 pressure", "E9 calibration cavity"],
          OAE: ["Noise reject 90%", "E-22 probe fit", "Err 06"], ABR: ["Impedance >5 kOhm", "E110 amplifier"],
          REM: ["Err 40 reference mic", "REM probe tube fail"], HAA: ["Coupler leak", "E-77"],
          BOOTH: ["VENT-2 fan fault", "E-01 door switch"], CALKIT: ["E-08 battery", "polarisation fail"],
          AID: ["Error 412", "E-3 firmware", "ERR 19 microphone", "Fitting error 0x21"],
          BONE: ["E7 transducer"], RADIO: ["E-5 pairing", "Error 2 charging"]}
STANDARDS = ["ISO 389-1:2017", "ISO 389-2", "ISO 389-3", "BS EN ISO 8253-1", "IEC 60645-1:2017", "IEC 60645-3",
             "IEC 60645-5", "IEC 60645-6", "IEC 60645-7", "BS EN 60318-1", "IEC 61672-1", "ISO 8253-1 ambient"]
FREQS = {"dev22": ["250 Hz", "500 Hz", "1 kHz", "2 kHz", "4 kHz", "8 kHz", "1000 Hz", "6 kHz"],
         "fresh20": ["0.25k", "0.5 kHz", "1kHz", "2kHz", "4kHz", "3 kHz", "8kHz", "4000 Hz"]}
STAGES = {"dev22": ["Stage A", "Stage B", "Stage C"], "fresh20": ["Routine objective", "Subjective check",
                                                                   "Full calibration"]}

STATUS = {"dev22": {"Active": "in_service", "Issued": "in_service", "Quarantined": "under_repair",
                    "With Manufacturer": "under_repair", "Stock": "in_store", "On Loan": "on_loan",
                    "Condemned": "condemned"},
          "fresh20": {"IN USE": "in_service", "FITTED": "in_service", "OUT OF USE": "under_repair",
                      "AWAY": "under_repair", "SPARE": "in_store", "LOANED": "on_loan", "DISPOSED": "condemned"}}
REPAIR_STATUS = {"dev22": {"Returned to pt": "completed", "Replaced": "completed", "At Mfr": "open",
                           "On bench": "open"},
                 "fresh20": {"Posted back": "completed", "Collected": "completed", "Sent off": "open",
                             "Waiting parts": "open"}}
BATTERY_STATUS = {"dev22": {"Posted": "completed", "Collected": "completed", "To post": "open"},
                  "fresh20": {"SENT": "completed", "RTS": "completed", "PENDING": "open"}}
CAL_STATUS = {"dev22": {"PASS": "completed", "FAIL": "completed", "ADJUSTED": "completed", "BOOKED": "open"},
              "fresh20": {"Pass": "completed", "Fail": "completed", "Pass after adj": "completed",
                          "Due": "open"}}
BOOTH_STATUS = {"dev22": {"Within limits": "completed", "Exceeds": "completed", "Not done": "open"}}
LOAN_STATUS = {"dev22": {"Returned": "completed", "On loan": "open", "Overdue": "open", "Lost": "completed"},
               "fresh20": {"Back": "completed", "Out": "open", "Chasing": "open", "Written off": "completed"}}
RMA_STATUS = {"fresh20": {"RECEIVED": "open", "IN_REPAIR": "open", "SHIPPED": "completed", "EXCHANGED": "completed",
                          "NO_FAULT_FOUND": "completed"}}
JOB_TYPE = {"repair": "repair", "battery": "other", "cal": "calibration", "booth": "inspection", "loan": "other",
            "rma": "repair"}

ASSET_NO = {"dev22": "AUD#####", "fresh20": "WT-A####"}
REPAIR_NO = {"dev22": "HR{n:05d}", "fresh20": "R{n:04d}/{y}"}
BATTERY_NO = {"dev22": "PB{n:05d}", "fresh20": "BAT{n:05d}"}
CAL_NO = {"dev22": "CAL{n:05d}", "fresh20": "C-{n:05d}"}
BOOTH_NO = {"dev22": "BC{n:04d}"}
LOAN_NO = {"dev22": "RL{n:04d}", "fresh20": "FM{n:04d}"}
RMA_NO = {"fresh20": "{m}{n:08d}"}


def serial(rng: random.Random, maker: str) -> str:
    return shaped(rng, rng.choice(SERIAL_SHAPES[maker]))


def part_number(rng: random.Random, maker: str) -> str:
    return shaped(rng, PART_SHAPES.get(maker, "SP-####"))


def error(rng: random.Random, kind: str) -> str:
    return rng.choice(ERRORS.get(kind, ERRORS[AUDIOMETER]))


def fault(rng: random.Random, kind: str) -> str:
    return rng.choice(FAULTS.get(kind, FAULTS[""]))


def cert(rng: random.Random, split: str, year: int) -> str:
    """A calibration certificate's number (kept: a document's, nobody's)."""
    if split == "dev22":
        return rng.choice([f"CAL-{year % 100}-{digits(rng, 5)}", f"Cert {digits(rng, 4)}/{year % 100}"])
    return rng.choice([f"AC/NI/{year}/{digits(rng, 4)}", f"UKAS 0{digits(rng, 3)}-{digits(rng, 5)}"])


def maker_ref(rng: random.Random, split: str, maker: str) -> str:
    """A maker's repair order, RMA or exchange reference (kept)."""
    if split == "dev22":
        return rng.choice([f"RMA{digits(rng, 7)}", f"SO-{digits(rng, 8)}", f"{maker[:2].upper()}R{digits(rng, 6)}"])
    return rng.choice([f"RO {digits(rng, 6)}", f"EXC-{digits(rng, 5)}-{rng.choice('ABK')}"])


def reading(rng: random.Random, split: str) -> str:
    """A test or calibration reading (kept: a measurement is nobody's)."""
    f = rng.choice(FREQS[split])
    dev = split == "dev22"
    return rng.choice([
        f"{f} @ {rng.choice([40, 60, 70])} dB HL {rng.choice(['+', '-'])}{rng.randrange(0, 3)}.{rng.randrange(10)} dB",
        f"RETSPL {f} within {rng.choice(['±3', '±2', '+/-3'])} dB" if dev else f"{f}: dev {rng.randrange(0, 3)} dB",
        f"THD {rng.randrange(1, 25) / 10:.1f}%" if dev else f"distortion {rng.randrange(1, 25) / 10:.1f} %",
        f"ambient {rng.randrange(18, 36)} dB(A)" if dev else f"background {rng.randrange(18, 36)} dBA",
        f"REIG {f} {rng.randrange(8, 30)} dB" if dev else f"REAR {rng.randrange(90, 118)} dB SPL",
        f"{rng.choice([0.5, 2.0, 5.0])} ml cavity OK" if dev else f"{rng.choice(['0.2', '2.0'])}cc cavity pass",
    ])


def booth_ambient(rng: random.Random, high: bool) -> str:
    """A booth's ambient noise by octave band, as the tester prints it (kept)."""
    bands = [("125", 26), ("250", 18), ("500", 13), ("1k", 14), ("2k", 11), ("4k", 9), ("8k", 12)]
    return " ".join(f"{b}:{limit + rng.randrange(-6, 9 if high else 1)}" for b, limit in rng.sample(bands, 4))


def extension(rng: random.Random, split: str) -> str:
    """A department's extension or a bleep (kept: no person's number)."""
    if split == "dev22":
        return rng.choice([f"ext {rng.randrange(84000, 88999)}", f"bleep {rng.randrange(4000, 4999)}",
                           f"x{rng.randrange(84000, 88999)}"])
    return rng.choice([f"ext. 21{digits(rng, 4)}", f"blp {rng.randrange(200, 399)}", f"internal 3{digits(rng, 3)}"])
