"""Reporters' phrasing families of `incident_export.py`, written for it alone: the web form's "Description" (`DESC`)
and "Immediate action taken" (`ACTION`), typed by the ward staff who saw the incident, in the first person. Their
`{slot}`s `incident_slots.Slots` fills (people and planted values marked for the truth, reference values kept);
`[b]`, `[ul]` and `[li]` become the rich-text editor's tags. A reporter types in capitals, in lower case or as
written (`incident_html.py`). "dev15" reporters write short, plain Datix-style accounts; "fresh13" (held out) use
their own phrasing, SBAR headings and fuller sentences. The handlers' findings and the tracker's texts are in
`incident_notes.py`.

Slots: patients {pt} {pts} (title and surname) {age} {hosp} {nhs} {dob} {kin} (a relative by relation) {kinmob}
{kinmail} {land} {addr} {pc} {town}; staff {nurse} {doc} {hca} {senior} (by role) {who} {given} (a colleague's
given name) {again} (the last named, short) {ini} (their initials) {meini} (the reporter's initials) {mail} {mymob}
(the reporter's mobile) {ebme} {fse} (a maker's field engineer) {fsemob} {fsemail} {hdl} (the handler); kept
{ward} {ward2} {site} {maker} {model} {dtype} {tag} {tag2} {lot} {udi} {err} {sw} {rate} {obs} {sats}
{joules} {mhra} {fsn} {inc} {committee} {title} {ext} {bleep} {box} {line} {date} {ddmm} {time} {sev}; plain
{cons} (the consumable).
"""

from __future__ import annotations

DESC = {
    "dev15": [
        "I was setting up the {dtype} for {pts} (RN {hosp}) when the screen froze and showed {err}. It was running "
        "at {rate} at the time.\n\nI clamped the line and got a spare from {ward2}. {pts} is {age} and was not "
        "harmed. {meini}",
        "Pt {pt}, DOB {dob}, NHS no {nhs}. The {model} kept alarming occlusion ({err}) but there was no occlusion. "
        "{cons} changed twice, lot {lot}. {doc} aware and reviewed the patient at {time}.",
        "On the morning obs round I found the {dtype} on bed 4 had not charged overnight (asset {tag}), although "
        "{hca} said it was plugged in at 22:00.\n\n{pts}'s obs had not been recorded for 3 hours because of this. "
        "Last reading {obs}.",
        "[b]What happened:[/b] {dtype} ({model}, {tag}) under-infused - about 10 ml left in the syringe at the end "
        "of a 24 hour infusion.\n\n[b]Patient:[/b] {pt}, {age}, Hosp no {hosp}\n\n[b]Who knows:[/b] {doc}, "
        "{senior}. {kin} was visiting and was told at the bedside.",
        "Side rail on bed {tag} collapsed when {pts} leaned on it. {pts} is {age}, has capacity, was shaken but not "
        "hurt. {hca} and I helped the patient back into bed.\n\nRang EBME on ext {ext}, no answer, so emailed {box}.",
        "Daily defib check on {ward}: {model} ({tag}) failed its self test and showed {err}. Pads in date (lot "
        "{lot}). Swapped with the one from {ward2} after speaking to {nurse} on x{ext}. - {meini}",
        "At {time} the {model} alarmed \"technical failure\" and stopped ventilating. I hand-bagged {pts} (MRN {hosp}) "
        "while {doc} set up the transport vent. Sats dropped to {sats}.\n\nVent taken out of use, labelled and "
        "collected by {ebme} from EBME. Screen showed {sw} and {err}.",
        "central station lost {pts}'s monitor ({model}) for about 20 min, nobody noticed until {hca} went into the "
        "bay. patient ok. bed 12 {ward}, hosp no {hosp}",
        "I programmed the {model} in ml/hr instead of mg/hr for {pt}. The rate should have been {rate}. {nurse} "
        "spotted it at handover after about 40 minutes. {doc} informed and bloods taken. I have done a reflection "
        "with {senior}.",
        "Pump still in use on {ward} that should have been updated under {fsn}! {tag} has a sticker saying \"checked "
        "{date}\" but it is still on {sw}. I took it out of use and told {senior}.",
        "Equipment problems this shift:\n\n[ul][li]{model} {tag} - battery dies after 10 minutes[/li][li]spare "
        "{dtype} missing, last seen with {hca}[/li][li]obs for {pt} ({hosp}) done manually all night[/li][/ul]\n\n"
        "Can someone from EBME come up? Ring me on {mymob} or x{ext}.",
        "{kin} arrived at visiting and found the alarm on the {dtype} silenced. Patient {pt}, {age}, NHS {nhs}. "
        "The family are very unhappy and would like a call back on {kinmob}.",
        "Bed rail entrapment: {pts}'s arm caught between the rail and the mattress ({model}). Skin tear to left "
        "forearm, dressed by {nurse}. RN {hosp}. Tissue viability referral done.",
        "Free flow from the {cons} when the door was opened on the {model}. {pt} got roughly 60 ml over 2 minutes. "
        "Lot {lot}, UDI on the packet {udi}. Remaining sets from this lot quarantined on {ward}.",
        "{dtype} dropped by the porter on the way back from CT, screen cracked. Not used since. {tag}. {meini}",
        "The {model} stopped halfway while transferring {pt} from chair to bed, {hca} and {nurse} had to use the "
        "emergency lowering. No injury. Tagged out and EBME bleeped ({bleep}).",
        "patient {pt} dob {dob} came in on own {dtype} from home, it was alarming {err} constantly. {kin} says the "
        "company number on the side is not answering. we don't have a spare - borrowed from {ward2}",
    ],
    "fresh13": [
        "Whilst priming the {cons} for {pts} (hospital no. {hosp}) the {model} displayed {err} and would not start. "
        "Prescribed rate {rate}.\n\nA replacement {dtype} was borrowed from {ward2}. No harm to the patient ({age} "
        "years old).",
        "[b]Situation:[/b] {dtype} {tag} alarming {err} repeatedly for {pt}.\n[b]Background:[/b] {age}-year-old, "
        "K-number {hosp}, date of birth {dob}.\n[b]Assessment:[/b] no occlusion found, {cons} replaced twice "
        "(batch {lot}).\n[b]Recommendation:[/b] device checked by Clinical Engineering. {doc} informed.",
        "Found {pts} with the {model} switched off at the wall at {time}; the infusion had not run since the "
        "previous check. Infusion rate {rate}. NHS number {nhs}. Escalated to {senior}.",
        "Night shift. {hca} reported that the {dtype} in side room 3 kept losing power. Asset {tag}. Patient {pt} "
        "(MRN {hosp}) moved to a bay with a working unit. {meini}",
        "Mattress on the {model} ({tag}) deflated without alarming. {pts}, aged {age}, was lying on the bed frame "
        "when found by {nurse}. Skin checked - category 2 pressure damage to sacrum. Photos taken.",
        "Resus trolley check on {ward}: {model} {tag} would not charge to {joules}, message \"{err}\". The trolley was "
        "swapped with the spare from {ward2}; {nurse} (extension {ext}) helped. Signed {meini}",
        "Transfer from CT to ICU. The {model} shut down mid-transfer showing {err}. {doc} hand-ventilated {pts} "
        "(hospital no. {hosp}) for approx 4 minutes; lowest saturations {sats}. Ventilator software {sw}.",
        "telemetry dropped out on {pt} for 35 mins overnight, not picked up until {hca} did the 0600 obs. {pts} "
        "fine but has known VT. {ward}, K-number {hosp}",
        "Bolus given at {rate} instead of the prescribed dose - I selected the wrong drug from the {model} library "
        "for {pt}. Identified by {nurse} during the double check. {doc} reviewed. I have discussed this with "
        "{senior}.",
        "This {dtype} ({tag}) is listed on field safety notice {fsn} but it has not been modified - still running "
        "{sw}. Whoever checked it on {date} missed it. Taken out of service and {senior} informed.",
        "Shift summary of equipment faults:\n\n[ul][li]{tag}: screen flickering then blank[/li][li]one {dtype} "
        "unaccounted for since {date} ({hca} last had it)[/li][li]{pt} (MRN {hosp}) obs done on paper[/li][/ul]"
        "\n\nPlease call me back on {mymob} or ext {ext}.",
        "Complaint raised by {kin}: the {dtype} alarm was muted when they arrived. Patient {pt} ({age}), NHS number "
        "{nhs}. Would like to be contacted on {kinmob}.",
        "{pts} fell whilst being transferred with the {model}; the sling clip opened. Hospital no. {hosp}. Checked "
        "by {doc}, x-ray of right hip requested. {hca} witnessed.",
        "Batch {lot} of {cons} leaking at the connector on the {model}; {pt} lost an unknown volume. UDI from the "
        "box: {udi}. All stock of the batch removed from {ward}.",
        "{model} knocked off the drip stand by a visitor, casing split. \"Out of use\" label on. {tag}. Reported by "
        "{meini}",
        "Bed controls on the {model} operating by themselves - head end went down with {pts} on it at {time}. "
        "{nurse} unplugged it. Patient unharmed. Extension {ext}.",
        "pt {pt} born {dob} brought own {dtype} in from home, constant {err}. {kin} rang the supplier, no answer. "
        "borrowed a unit from {ward2}",
    ],
}
ACTION = {
    "dev15": [
        "Removed from use, labelled DO NOT USE & sent to EBME with the {cons}.",
        "Patient reviewed by {doc}, obs stable ({obs}). Spare {dtype} from {ward2}.",
        "Told the nurse in charge ({nurse}) and {senior}. Device and {cons} (lot {lot}) kept for investigation.",
        "hand bagged, vent swapped, EBME rung on x{ext}",
        "[ul][li]device taken out of use[/li][li]{kin} informed by phone ({kinmob})[/li][li]bloods sent[/li][/ul]",
        "Emailed {box} and left a voicemail for {ebme}.",
        "None - near miss, spotted before it reached the patient.",
        "Rate corrected to {rate}, {doc} reviewed at {time}.",
        "Bleeped the on call EBME ({bleep}) - pump replaced.",
        "",
    ],
    "fresh13": [
        "Device withdrawn & tagged faulty; sent to Clinical Engineering together with the {cons}.",
        "Medical review by {doc}; observations stable at {obs}. Replacement {dtype} obtained from {ward2}.",
        "Nurse in charge and {senior} informed. Device and {cons} (batch {lot}) retained.",
        "Manual ventilation, transport ventilator substituted, Clinical Engineering contacted on extension {ext}.",
        "[ul][li]Equipment removed[/li][li]{kin} updated on {kinmob}[/li][li]Blood glucose rechecked[/li][/ul]",
        "Notified {box}; message left for {ebme}.",
        "No action required - error identified before administration.",
        "Infusion restarted at {rate} following review by {doc} at {time}.",
        "On-call engineer paged via switchboard (bleep {bleep}) and device exchanged.",
        "",
    ],
}
