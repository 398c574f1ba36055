"""Phrasing families of `theatres_export.py`, written for it alone: templates whose `{slot}`s
`theatres_scene.Scene` fills (people and planted values marked for the truth, reference values kept).

Writers: theatre staff reporting a fault mid-list (`FAULT`, a share typed in lower case, a share by the theatre
coordinator in capitals), sterile services about trays and scopes (`HSDU`), EBME engineers' terse closing notes
(`WORK`), copied e-mails (`EMAIL`) and the asset's comments (`ASSET`); the scope-tracking table's patient column
(`TRACKED`). "fresh7" (held out) has its own families, role words and forms.
Slots: people {staff} {surg} (a surgeon by title) {list} (a surgeon's list) {anaes} {sr} (a nurse by title) {odp}
{eng} (the engineer signing) {init} (initials of the last person named) {first} {pat}; personal values {mrn}
{nhs} {dob} {mob} {email} {staffno}; kept values {theatre} {hosp} {instr} {proc} {model} {maker} {sw} {err} {part}
{title} {team} {std} {datix} {bleep} {ext} {mailbox} {cycle} {tray} {washer} {date}.
"""

from __future__ import annotations

FAULT = {
    "dev9": [
        "{model} failed pre-use check ({err}) before {list}, swapped with spare from {theatre}. {odp}",
        "diathermy cutting out intermittently during {proc} on {list}. pt {pat} {mrn} no harm, datix {datix}. "
        "reported by {sr}",
        "Anaesthetic machine leak test fail - {anaes} would not start list. {err}. Bleep {bleep}",
        "Table wouldnt tilt trendelenburg mid case, pt on table ({mrn}). {surg} aware. Manual override used. {staff}",
        "scope {tray} came back from {washer} with tip damage, last used on pt {pat} hosp no {mrn}. {sr} ext {ext}",
        "Bair hugger blowing cold, {theatre}. used blankets. {staff} ({title})",
        "microscope light flickering during {proc}, {surg} not happy. pls fix before tomorrows list - {first} "
        "{mob}",
        "tourniquet cuff not holding pressure on {list}, pt {pat} DOB {dob}, tourniquet time recorded manually. "
        "{odp} / {sr}",
        "cell saver {err} on {list}. Blood returned to pt {pat} (NHS {nhs}) before alarm. Datix {datix} by {staff}",
        "Camera stack no picture, {part} replaced by scrub, still nothing. {surg} converted to open. {staff} {staffno}",
        "monitor SpO2 module dead in {theatre}, moved pt {pat} to recovery on portable. {staff} bleep {bleep}",
    ],
    "fresh7": [
        "Reported by {sr}: {model} showing {err} at start of {list}. Spare borrowed from {theatre}.",
        "Patient {pat} ({mrn}) on the table when the {model} stopped. {anaes} hand ventilated. IR1 {datix}.",
        "light source lamp blew during {proc}. {surg} used head light. pls replace, {odp}",
        "ESU return electrode alarm keeps going, pad ok. case: {mrn} / {pat}. {staff} (x{ext})",
        "{list} delayed 40 mins - table locked in reverse tilt. EBME called on {bleep}. {staff} {staffno}",
        "warmer overheating, {theatre}. pt {pat} skin checked ok, datix {datix}, {title} {staff}",
        "Vaporiser stuck, {anaes} unable to change agent. pt dob {dob}, NHS {nhs} woken early. {sr}",
        "scope channel blockage found at {washer} after {proc}, patient {mrn}. please quarantine. {first}",
        "infuser air alarm repeatedly on {list}, {staff} says occurs with {part}. ring {mob}",
        "microscope arm drifts, {surg} had to hold it. {staff} {title}",
    ],
}

CAPS = {
    "dev9": ["{theatre} CLOSED - {model} FAULT. {list} MOVED TO {theatre}. INFORMED {staff} EXT {ext}.",
             "URGENT: {model} DOWN DURING {proc}, PT {pat} {mrn} TRANSFERRED. {surg} REQUESTS REPORT. {staff}"],
    "fresh7": ["{list} CANCELLED - NO WORKING {model}. COORDINATOR {staff} BLEEP {bleep}.",
               "PT {pat} ({mrn}) DELAYED - {model} {err}. {anaes} AWARE. DATIX {datix}."],
}

HSDU = {
    "dev9": [
        "Tray {tray} returned from {list} missing {instr}. Checked by {sr} / {init}. Pt {mrn}",
        "{instr} tips misaligned on {tray}, sent for repair. tracking: {proc} {date} pt {pat}",
        "wrong set picked for {list} - {instr} not in {tray}. {staff} ({title}) informed {team}",
        "scope failed leak test at {washer}, cycle {cycle}. previous pt {mrn} {pat}. quarantined by {first}",
    ],
    "fresh7": [
        "Set {tray} incomplete after {proc} ({instr} x1 short). Count signed {init} / {init}.",
        "{washer} cycle {cycle} aborted with scope inside - scope last used for pt {pat} hosp no. {mrn}",
        "{instr} found in clinical waste after {list}. {sr} aware, {team} notified",
        "Tracking label missing on {tray}; case was {pat} {dob}. Sent back to {team}.",
    ],
}

WORK = {
    "dev9": [
        "Replaced {part}. Tested to {std}, passed. Back in service. {init}",
        "NFF. Ran full self test x3 OK. Spoke to {sr}. {eng}",
        "PPM completed per {maker} schedule, sw now {sw}. elec safety pass. {init}",
        "Sent to {maker} for repair under contract, loan unit from {theatre}. {eng}",
        "Leak test fault traced to {part}, replaced, {err} cleared. {init}",
        "PPM - {std} checks ok, O2 cell changed {date}. {eng} {staffno}",
        "BER - condemned, replacement on order via {team}. {init}",
    ],
    "fresh7": [
        "Cause: {part} worn. New part fitted, calibrated, {std} ok. Eng. {eng}",
        "could not reproduce fault, left with {staff} to monitor - {init}",
        "Annual PPM ok; firmware {sw} installed; labelled {date}. {init}",
        "Returned to {maker}, RMA raised. {eng} rang {staff} on {mob}",
        "{err} due to {part}; replaced and tested. Handed back to {sr}. {init}",
        "scheduled service done, {std} electrical tests passed. {eng}",
    ],
}

UPDATES = {
    "dev9": ["rang {theatre} no answer", "chased {maker}", "awaiting part", "spoke to {sr} ext {ext}",
             "emailed {email} re access", "{staff} says ok to take after {list}"],
    "fresh7": ["Left msg w/ {first}", "{team} to collect", "Quote approved by {staff}", "bleep {bleep} - no reply",
               "sent update to {email}", "access only after {list}"],
}

EMAIL = {
    "dev9": "From: {staff} <{email}>\nSent: {sent}\nTo: EBME Theatres <{mailbox}>\nSubject: {model} {theatre}\n\n"
            "{body}\n\nMany thanks\n{first}\n{title}, {theatre}\n{hosp} | Bleep {bleep}",
    "fresh7": "-----Mensaje original-----\nDe: {email}\nEnviado el: {sent}\nAsunto: RE: {model}\n\n{body}\n\n"
              "Saludos / regards\n{staff}\n{title} - {team}\nExt {ext} | Mob {mob}",
}

ASSET = {
    "dev9": ["belongs to {list}, do not move", "kept in {theatre}, key with {sr}", "FSN {date} actioned",
             "{sw} - update pending", "loaned from {hosp} by {staff} {date}", "owner {surg}, contact {mob}"],
    "fresh7": ["moved from {theatre} {date}", "research kit - {surg}'s team, ask {staff}",
               "not for {proc} cases", "spare for {theatre}; {title} {staff} holds key",
               "ex {hosp}, donated by {surg}"],
}

# How the scope-tracking table's patient column is filled in by different people.
TRACKED = {"dev9": ["{mrn}", "{mrn}", "{mrn} {pat}", "{pat} / {mrn}", "NHS {nhs}", "{mrn} dob {dob}"],
           "fresh7": ["{mrn}", "{mrn}", "{pat} - {mrn}", "{nhs}", "{mrn}; {pat}", "{pat} ({dob})"]}

# Title words written before a surgeon's, anaesthetist's or nurse's name.
SURGEON_TITLES = {"dev9": ["Mr", "Miss", "Prof.", "mr", "Mr.", "Consultant"],
                  "fresh7": ["Mr", "Ms", "Professor", "mr", "Mrs", "Cons."]}
ANAES_TITLES = {"dev9": ["Dr", "dr", "Dr.", "anaes reg", "the anaesthetist Dr"],
                "fresh7": ["Dr", "Dr.", "anaesthetist", "SpR", "consultant anaes"]}
NURSE_TITLES = {"dev9": ["Sr", "Sister", "CN", "SN", "sr", "Staff Nurse"],
                "fresh7": ["Sister", "S/N", "RN", "charge nurse", "Sr.", "N/P"]}
LIST_FORMS = {"dev9": ["{t} {s}'s list", "{s} list", "{t} {s}s list", "the {s} list"],
              "fresh7": ["{t} {s}'s list", "{s}'s {day} list", "list ({t} {s})", "{s} all day list"]}
STAFFNO_FORMS = {"dev9": ["ESR {n}", "staff no {n}", "({n})", "emp no. {n}"],
                 "fresh7": ["Pay no {n}", "[{n}]", "ID {n}", "assignment {n}"]}
