"""Vocabulary of maintenance jobs and free-text notes: job types and how often each comes, their outcomes, and
the words notes.TextGenerator writes job and asset notes from.

Every string here is Windows-1252 encodable because layout A writes it into a cp1252 CSV, except FOREIGN_TEXT,
which only the SQLite layout (MediMaint) writes.
"""

from __future__ import annotations

JOB_TYPES = ("PPM", "REP", "INS", "CAL", "ACC")
JOB_TYPE_WEIGHTS = (0.45, 0.35, 0.08, 0.07, 0.05)
JOB_TYPE_PII_RATE = {"PPM": 0.05, "REP": 0.55, "INS": 0.10, "CAL": 0.05, "ACC": 0.10}

OUTCOMES: dict[str, tuple[str, ...]] = {
    "PPM": ("Passed", "Passed", "Passed", "Passed with advisory", "Failed - repaired", "Failed - condemned",
            "Not found for PPM", "Cancelled"),
    "REP": ("Repaired", "Repaired", "Repaired", "No fault found", "User error - training given",
            "Returned to manufacturer", "Replaced under warranty", "Beyond economic repair",
            "Failed - condemned", "Awaiting parts"),
    "INS": ("Passed", "Passed", "Failed - quarantined", "No fault found"),
    "CAL": ("Passed", "Passed", "Adjusted - passed", "Out of tolerance - returned to manufacturer"),
    "ACC": ("Passed", "Passed", "Accepted with advisory", "Rejected - returned to supplier"),
}

MEDIMAINT_WO_TYPES = ("PM", "CM", "INSP")
MEDIMAINT_WO_WEIGHTS = (0.5, 0.4, 0.1)

FAULTS = (
    "Alarming occlusion downstream", "Screen cracked", "Will not power on", "Battery not holding charge",
    "Door latch broken", "Failed self test", "Keypad unresponsive", "Dropped on floor", "Fluid ingress",
    "Mains lead damaged", "SpO2 reading erratic", "NIBP cuff leaking", "Printer not printing",
    "Pads connector damaged", "Pressure alarm sounding continuously", "Castor broken", "Display flickering",
    "Calibration out of tolerance", "Air in line alarm", "Syringe not detected", "Touch screen not responding",
    "Unit overheating", "Noisy fan", "Bed will not lower", "Handset cable split", "Charging light not on",
    "Low battery alarm on mains", "Temperature reading high", "Error on start-up", "Flow sensor fault",
    "Brake not holding", "Hoist will not lift", "Probe damaged", "Clamp broken", "Tubing door will not close",
)
ERROR_CODES = ("E{n}", "Err {n}", "error code {n}", "fault {n}", "code E-{n}")
PPM_TEXTS = (
    "Annual PPM", "Scheduled PPM", "6 monthly service", "PPM due", "Planned maintenance as per schedule",
    "Routine service and electrical safety test", "PPM - annual", "Service visit",
)
INS_TEXTS = ("Electrical safety test", "Post-incident inspection", "Visual inspection", "Safety check")
CAL_TEXTS = ("Calibration check", "Annual calibration", "Accuracy check against reference")
ACC_TEXTS = ("Acceptance test new equipment", "New device - acceptance check", "Acceptance on delivery")
ACTIONS = (
    "Battery replaced.", "Fuse replaced.", "Cleaned and tested.", "Firmware updated to v{VERSION}.",
    "Door assembly replaced.", "Passed EST.", "Returned to ward.", "Sent to manufacturer for repair.",
    "Part ordered.", "Quarantined pending parts.", "Loan unit issued.", "Tested OK.", "Cable replaced.",
    "Recalibrated.", "Label replaced.", "Software reloaded.",
)
ASSET_NOTES = (  # {SLOT} markers are filled by notes.TextGenerator
    "Checked on delivery.", "Asset label replaced.", "Part of theatre stack.", "Mounted on wall bracket.",
    "Spare battery in EBME store.", "Software v{VERSION}.", "Loan from {MFR}.", "Replaced like for like.",
    "Under service contract with {MFR}.", "Awaiting condemnation paperwork.", "Do not send for PPM - on loan.",
    "Donated by League of Friends.", "Moved from {WARD}.", "Trolley and accessories included.",
    "Serial plate illegible.", "Recall FSN {NUM} actioned.", "Docking station {NUM} attached.",
    "Model superseded - {MODEL} replacement planned.", "Prefers {MFR} service agent.",
    "Stérilisation: voir notice.", "Gerät geprüft.", "Serviced by {MFR} {DATE}.",
)
PHONE_OWNER_TITLES = ("Sister", "Staff Nurse", "Dr", "Nurse", "Matron", "Charge Nurse", "Ward Manager", "HCA")
FOREIGN_TEXT = ("Не включается",  # noqa: RUF001 - Russian on purpose: real exports mix languages
                "Nie działa wyświetlacz", "Écran cassé", "Gerät startet nicht")
