"""Hand-written clinical-engineering notes for measuring name detection in any case: names are marked [[like
this]]. Written for this project (no sentence or name taken from a benchmark data set)."""

from __future__ import annotations

import re

NOTES = [
    "Pump alarming occlusion downstream on ward 7, tested with new giving set, no fault found.",
    "Spoke to [[Sister Kowalczyk]] re the broken bed rail, parts ordered from Arjo.",
    "sr [[mahmood]]: defib failed daily check, battery replaced, returned to A&E resus.",
    "Battery Low warning on Volumat Agilia; charged overnight and passed PAT.",
    "Called [[Niamh Gallagher]] on ext 4521 to arrange collection of the syringe driver.",
    "SN [[Okonkwo]] - suction unit not holding vacuum, seal replaced.",
    "Ward Manager requested loan of 2 x Alaris GP pumps for Nightingale Ward.",
    "reported by [[hannah fitzgerald]], screen cracked on IntelliVue MX450, sent to Philips.",
    "Charge Battery Before Use label missing; relabelled. Cleaning Required tag attached.",
    "PPM completed, electrical safety test pass, next due March.",
    "per [[Dr. Szymański]] do not remove ventilator from ICU bay 3 until patient extubated.",
    "Patient Transport Trolley brake stiff, lubricated and adjusted.",
    "HCA [[Precious]] found the mains lead frayed on the hoist, lead replaced.",
    "tech: [[r.oyelaran]] fitted new flow sensor, calibrated against reference.",
    "Seacole Unit reports the Welch Allyn thermometer reading low; probe cover issue.",
    "Returned to Baxter for repair under warranty, RMA raised by stores.",
    "informed [[Joaquín Herrera]] that the part is on back order until next week.",
    "Fisher & Paykel humidifier chamber heater fault, swapped with spare from EBME.",
    "Staff Nurse [[Aoife Brennan]] asked for training on the new B. Braun Perfusor Space.",
    "charge nurse [[O'Sullivan]] says the scales read 2 kg heavy; recalibrated.",
    "Nebuliser compressor noisy, filter replaced, Smiths Medical spares used.",
    "Infusion Pump Service Kit fitted; Software Update applied per Field Safety Notice.",
    "Message left for [[Mrs Adebayo]] about her relative's loaned pump collection.",
    "rang [[tomasz nowicki]] at the supplier, quote to follow by email.",
    "Dräger Evita V500 flow sensor replaced; Dräger service engineer attended.",
    "Loan pool audit: 14 pumps found, 2 missing, escalated to Medical Devices Manager.",
    "Faulty Temperature Probe Replaced, Unit Returned To Maternity.",
    "Blood Pressure Cuff Leaking, New Cuff Issued From Stores.",
    "Monitor Mounted On Wall Bracket Loose, Bracket Tightened And Checked.",
    "Handed to [[Chidinma Eze]] on reception for the outpatient clinic.",
    "Royal Victoria Infirmary stores sent wrong part; returned via courier.",
    "SMITH, [[Zofia]] rang twice about the bed; see previous job.",
    "Checked by [[J. Whitfield]], signed off and returned to Churchill Hospital theatres.",
    "Syringe Driver Lock Box Key Missing, New Key Ordered.",
    "Dialysis machine conductivity alarm, cleaned sensor, disinfected and tested.",
    "Request from [[Matron Ifeoma Obi]] to move the monitors to the new day unit.",
    "Visual Inspection Passed; Functional Test Passed; Safety Test Passed.",
    "Handset Cable Damaged By Bed Rail, Replaced With New Cable.",
    "st thomas' sent the ultrasound probe back with a cracked lens.",
    "Asked [[Siobhán]] on nights to log the error code if it recurs.",
]
_MARK = re.compile(r"\[\[(.+?)\]\]")


def parsed(note: str) -> tuple[str, list[tuple[int, int]]]:
    """The note without markers, and the spans of the marked names (titles inside a marker may stay outside a
    finding: only overlap is scored)."""
    text, spans, pos = "", [], 0
    for m in _MARK.finditer(note):
        text += note[pos:m.start()]
        spans.append((len(text), len(text) + len(m.group(1))))
        text += m.group(1)
        pos = m.end()
    return text + note[pos:], spans
