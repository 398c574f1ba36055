"""Vocabulary and phrasing of `workshop_export.py`: the Faker locales of each split, the kept look-alikes (wards
and makers named after people, hospitals with apostrophes, test equipment, standards, job titles), symptoms,
actions, streets and towns, and how this writer puts a person into a log entry, in disjoint families per split."""

from __future__ import annotations

LOCALES = {"dev3": ["en_GB", "en_PK", "es_AR", "ha_NG", "is_IS", "fr_CA", "tw_GH", "de_LU"],
           "fresh2": ["en_KE", "en_NG", "es_CO", "es_CL", "ig_NG", "fr_BE", "az_AZ", "uz_UZ", "sw", "en_TH"],
           # dev3's writer, but the people named in the notes are never in a person column (patients, visitors,
           # contractors): what free-text detection finds without the dataset's own names.
           "dev4": ["en_US", "de_DE", "it_IT", "pl_PL", "en_IN", "ro_RO", "nl_NL", "pt_BR"]}
FAMILIES_OF = {"dev4": "dev3"}
WARDS = ["Florence Nightingale Ward", "Jenner Unit", "Fleming Ward", "Brunel Theatres", "Mary Seacole Ward",
         "Churchill Ward", "Elizabeth Garrett Anderson Wing", "Cavendish Ward", "Harvey Ward", "AMU", "ITU",
         "Ward 7B", "Paediatric ED", "Maternity Triage"]
SITES = ["St Thomas' Hospital", "Addenbrooke's Hospital", "Royal Victoria Infirmary", "King George Hospital",
         "Queen Elizabeth Hospital Birmingham", "Whiston Hospital", "Musgrove Park Hospital"]
MAKERS = [("Baxter", ["Colleague 3", "Sigma Spectrum"], "Infusion Pump"),
          ("Hamilton Medical", ["Hamilton-C6", "Hamilton-T1"], "Ventilator"),
          ("Welch Allyn", ["Connex 6000", "Spot Vital Signs 4400"], "Vital Signs Monitor"),
          ("Fisher & Paykel", ["Airvo 2", "MR850"], "Humidifier"),
          ("B. Braun", ["Perfusor Space", "Infusomat Space"], "Syringe Driver"),
          ("Draeger", ["Infinity Delta", "Babylog VN500"], "Patient Monitor"),
          ("Stryker", ["Prime TC", "LifePak 1000"], "Trolley"),
          ("Smiths Medical", ["Graseby 2000", "CADD-Solis"], "Syringe Driver")]
TEST_KIT = ["Rigel 288", "Fluke ESA615", "ProSim 8", "Rigel UNI-SiM", "Fluke IDA-5"]
STANDARDS = ["IEC 62353", "BS EN 60601-1", "IEC 60601-2-24"]
TITLES = ["Matron", "Ward Manager", "Theatre Coordinator", "Clinical Scientist", "Site Practitioner",
          "Lead Nurse", "Resus Officer"]
SYMPTOMS = ["occlusion alarm won't clear", "screen cracked", "battery not holding charge", "no power",
            "failed electrical safety test", "keypad unresponsive", "door latch broken", "flow sensor error",
            "pump free-flowing", "annual PPM due"]
ACTIONS = ["replaced battery, tested ok", "recalibrated, within tolerance", "new door latch fitted",
           "cleaned and function checked", "sent away for repair", "condemned - beyond economic repair",
           "updated software", "no fault found, returned to ward"]
STREETS = ["Mill Lane", "Church Road", "Station Street", "Park Crescent", "Orchard Close"]
TOWNS = ["Bootle", "Taunton", "Ilford", "Gateshead", "Histon"]

# How this writer puts a person into a log entry. "{p}" is the person, "{ward}" a ward, "{title}" a job title.
FAMILIES = {
    "dev3": ["spoke to {p} on {ward}", "{p} (ext {ext}) reports it again", "per email from {p}",
             "{p} rang - wants an update", "left with {p} at the nurses station", "awaiting {p} to sign off",
             "cc {p}", "handover from {p}", "{p} has the key to the store", "see note from {p} dated {date}",
             "job taken over from {p}", "{p} unavailable, try tmrw", "informed {p} unit is condemned",
             "{p}'s bleep not answering", "-- {p}"],
    "fresh2": ["{p} to confirm asset no.", "unit found in {p}'s office", "waiting on {p}",
               "with {p} for cleaning", "{p} off sick, job on hold", "as per {p}", "reminded {p} re PAT",
               "{p} + me swapped the battery", "requested by {p} via phone", "q for {p}: is it still needed?",
               "{p} signed the loan form", "{p} was shown how to clear the alarm", "{title} {p} aware"],
}
