"""Vocabulary and phrasing of `variety_export.py`: the Faker locales of each split, the kept look-alikes (wards
and units named after people, hospitals named after towns and people, makers and models, job titles, shared
mailboxes), problems, resolutions, streets and towns, and the sentences this writer puts a person in, in disjoint
families per split."""

from __future__ import annotations

LOCALES = {"dev": ["en_US", "de_DE", "nl_NL", "da_DK", "yo_NG", "ro_RO"],
           "heldout": ["fr_FR", "es_ES", "it_IT", "sv_SE", "fi_FI", "hu_HU", "zu_ZA", "cs_CZ", "en_NZ"],
           # Written on 2026-12-04 after the held-out split had been diagnosed (aggregates only): a yardstick
           # the rules of that day were not fitted to, measured once at the end of the day.
           "fresh": ["pl_PL", "pt_PT", "tr_TR", "en_IN", "lt_LT", "sk_SK", "hr_HR", "en_IE", "fil_PH", "id_ID",
                     "no_NO", "et_EE"],
           # Written on 2026-12-05 to diagnose what "fresh" showed only as aggregates; "fresh" stays uninspected.
           "dev2": ["en_AU", "es_MX", "fr_CH", "de_AT", "pt_BR", "vi_VN", "lv_LV", "sl_SI", "ga_IE", "nl_BE"]}
WARDS = ["Sir James Black Ward", "Nye Bevan Unit", "Ada Lovelace Ward", "Grace Darling Ward", "Lister Unit",
         "Wordsworth Ward", "Ward C3", "Coronary Care Unit", "Endoscopy Suite", "Day Surgery Unit",
         "Edith Cavell Ward", "Aneurin Ward", "Rosalind Franklin Ward", "Neonatal Unit"]
SITES = ["Frimley Park Hospital", "Alder Hey", "Wexham Park", "James Cook University Hospital",
         "Royal Derby Hospital", "Princess Alexandra Hospital", "Walsall Manor"]
MAKERS = [("Mindray", ["BeneView T5", "SV300", "BeneHeart D3"], "Patient Monitor"),
          ("GE Healthcare", ["Carescape B650", "Dash 4000"], "Patient Monitor"),
          ("Nihon Kohden", ["Life Scope G5", "Cardiofax M"], "ECG Machine"),
          ("Masimo", ["Radical-7", "Rad-97"], "Pulse Oximeter"),
          ("Arjo", ["Maxi Move", "Sara Stedy"], "Patient Hoist"),
          ("Zoll", ["X Series", "AED Plus"], "Defibrillator"),
          ("Medtronic", ["LifePak 15", "Puritan Bennett 980"], "Defibrillator"),
          ("Karl Storz", ["Image1 S", "Xenon 300"], "Endoscopy Stack")]
JOB_TITLES = ["Biomedical Engineer", "Head of EBME", "Clinical Nurse Specialist", "Ward Clerk", "Estates Officer",
              "Infection Control Nurse", "Bed Manager", "Medical Devices Safety Officer"]
MAILBOXES = ["biomed.faults@trust.nhs.uk", "estates.helpdesk@trust.nhs.uk", "devices.safety@trust.nhs.uk"]
PROBLEMS = ["Unit alarms intermittently during use", "Display is blank after power up", "Patient lead damaged",
            "Failed PAT test", "Wheel castor seized", "Reports low battery even when charged",
            "SpO2 reading is erratic", "Printer paper jams", "Annual service due"]
RESOLUTIONS = ["Replaced lead and tested to manufacturer spec", "Battery pack replaced, unit returned",
               "Cleaned contacts, no fault found", "Castor replaced", "Service completed, passed all checks",
               "Sent to manufacturer for repair", "Firmware upgraded to latest release"]
STREETS = ["Maple Avenue", "Ferndale Road", "Kingsway", "Priory Lane", "Meadow View"]
TOWNS = ["Camberley", "Slough", "Ormskirk", "Middlesbrough", "Harlow"]


# Sentences a different writer uses to put a person in a note. "{p}" is the person.
FAMILIES = {
    "dev": ["{p} from {ward} reported it", "Handed back to {p} on {ward}", "Awaiting reply from {p}",
            "Left voicemail for {p}", "Job raised on behalf of {p}", "Discussed with {p} ({title})",
            "{p} says it happened twice overnight", "Per conversation with {p}"],
    "heldout": ["{p} rang in about it", "Spoke w/ {p} who confirmed", "Collected by {p} at 14:00",
                "Thanks {p}", "{p} on nights noticed the fault", "Assigned to {p} for follow up",
                "Escalated to {p}, {title}", "{p} to chase the supplier", "Signed off by {p}"],
    "fresh": ["Message left with {p}'s team", "{p} attended and reset the alarm", "Chased {p} again today",
              "Fault confirmed by {p} during PPM", "As agreed with {p} the unit stays on loan",
              "Went through it with {p} at the bedside", "{p} and the ward sister both aware",
              "Ward contact: {p}", "Email sent to {p} re: recall notice", "Demo given to {p} ({title})",
              "{p} happy for it to go back into use"],
    "dev2": ["Rang {p} twice, no answer", "{p} wants it back by Friday", "Per {p}, the alarm is too quiet",
             "Unit given to {p} to trial", "Ask {p} before moving it", "Tried to reach {p} on bleep",
             "{p} (bank staff) reported a noise", "Reported via {p}", "Returned to {p} on {ward}",
             "{p} will collect tomorrow", "Need to speak to {p} about the charger", "{p} says leave it in store",
             "Booked in by {p}", "{p} queried the PPM date", "Loan agreed by {p}, {title}"],
}
