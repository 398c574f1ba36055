"""Phrasing families of `imaging_export.py`, written for it alone: templates whose `{slot}`s
`imaging_scene.Scene` fills (people and planted values marked for the truth, reference values kept).

Writers: radiographers and sonographers reporting a fault between patients (`FAULT`, a share typed in lower case,
the PACS team's alerts in capitals: `CAPS`), IR(ME)R dose incidents and wrong-patient exposures (`DOSE`), mobile
X-ray home visits (`HOME`), modality-worklist and PACS errors pasted by engineers (`LOG`, also the PACS log's
messages), vendor field service engineers' and physicists' reports (`WORK`), stamped updates (`UPDATES`), copied
e-mails (`EMAIL`) and the register's notes (`ASSET`). "fresh8" (held out) has its own families, role words and forms.
Slots: people {staff} {rg} (a radiographer by role) {rad} (a radiologist) {phys} (a physicist or RPS) {fse} (a
vendor engineer) {eng} (the last named) {init} (their initials) {first} {pat} {opat} (another patient) {dpat} (the
patient as a DICOM name); personal values {mrn} {acc} (accession) {nhs} {dob} {ddob} (DICOM date) {mob} {email}
{fmail} (an engineer's vendor address) {addr} {staffno} {login}; kept values {room} {hosp} {town} {model} {maker}
{sw} {err} {part} {coil} {title} {team} {std} {epo} (eponymous term) {ae} {ip} {he} (helium) {kv} (exposure)
{datix} {case} {bleep} {ext} {mailbox} {desk} {date}.
"""

from __future__ import annotations

FAULT = {
    "dev10": [
        "{model} in {room} threw {err} mid list, pt {pat} {mrn} on the table, moved to {room}. {rg}",
        "tube arc on {model}, exam abandoned, acc {acc}. pt to be rebooked. {staff} ext {ext}",
        "Detector wont pair with {model} - radiographer on duty {first}. Bleep {bleep}",
        "{coil} coil not recognised, {rad} needs it for tomorrows list. ring {mob}",
        "Images not reaching PACS from {ae} since lunch. last exam {acc} ({dpat}). {staff}",
        "helium alarm on console, {he}. {rg} has told {team}",
        "{epo} not locking in {room}, {staff} (Rad: {first})",
        "injector {err} during contrast, pt {pat} DOB {dob}, extravasation checked by {rad}. datix {datix}",
        "compression paddle cracked, found by {staff} on {date}. pt {mrn} not hurt. {title}",
        "lines across image in {epo} mode on {model}. {rg} {staffno}",
        "table wont lower, pt {pat} ({mrn}) had to be helped off by {staff} and {first}. Bleep {bleep}",
        "portable {model} left on charge at {town} clinic wont boot. needed for pt {pat} nhs {nhs}. {rg}",
    ],
    "fresh8": [
        "Reported by {rg}: {model} locked up with {err} after pt {mrn}. Rebooted x2, no joy.",
        "Patient {pat} ({dob}) waiting in {room} - {model} won't expose. {staff} {title}, x{ext}",
        "Worklist empty on {ae} this morning, typing in details by hand (e.g. {mrn} {pat}). {first}",
        "{rad} says artefact on all {coil} images today. Please check. {staff} mob {mob}",
        "Gantry noise getting worse, {staff} recorded it. Scan for {acc} completed. {rg}",
        "Can't send {acc} to PACS - keeps failing at 40%. {dpat} pt waiting for report. {staff}",
        "probe cable split, {epo} unusable. {rg} emailed {email}",
        "Room too hot, chiller showing {err}. {title} {staff} stopped list, {he}",
        "Battery not holding charge, died mid round on ward. {staff} (staff {staffno})",
        "heavy dust on {model} filter. {staff} flagged it, {rad} ok to carry on",
        "Exam for NHS no. {nhs} ({dpat}) lost between modality and PACS, {town} outreach clinic. {staff}",
    ],
}

CAPS = {
    "dev10": ["MWL DOWN ON {ae} - {room} WORKING FROM PAPER REQUESTS. CALLED {team} EXT {ext}. {staff}",
              "URGENT {model} DOWN, ED PATIENTS DIVERTED TO {hosp}. PT {pat} {mrn} MID SCAN. {rg}"],
    "fresh8": ["{room} CLOSED - {model} {err}. INFORMED {rad}. BLEEP {bleep}",
               "ALL STUDIES FROM {ae} STUCK IN QUEUE INC {acc} ({dpat}). {staff} ON CALL {mob}"],
}

DOSE = {
    "dev10": [
        "IR(ME)R: unintended exposure - pt {pat} ({mrn}) X-rayed twice, first image blank on {model}. {rg} reported, "
        "datix {datix}. {phys} to estimate dose",
        "wrong patient exposed: {pat} DOB {dob} called instead of {opat}. ID check missed. acc {acc}. RPS {phys}",
        "DAP 3x DRL for acc {acc}, AEC suspected. pt {pat} NHS {nhs}. {phys} informed, datix {datix}",
        "CT repeated after {err}, pt {mrn} {dpat} extra dose. {rad} aware. {std} report by {phys}",
    ],
    "fresh8": [
        "Dose incident {datix}: {pat} ({nhs}) scanned with adult protocol, should have been paeds. {phys} assessing",
        "Patient ID error - {dpat} exposed, request was for {opat} {mrn}. Reported under {std}. {rg}",
        "Fluoro time exceeded trigger on {model} for acc {acc}, pt dob {dob}. MPE {phys} notified",
        "Extra exposure: grid error, pt {pat} hosp no {mrn}. {staff} filed {datix}",
    ],
}

HOME = {
    "dev10": ["Domiciliary visit to {addr}, {town} for pt {pat} - {model} wheel damaged on front step. {rg}",
              "home visit {pat} at {addr}: detector dropped, cracked corner. driver {staff} {mob}"],
    "fresh8": ["Mobile unit taken to patient's home ({pat}, {addr}, {town}), would not boot on arrival. {staff}",
               "{pat} home X-ray {addr} - generator fault {err}, visit abandoned. {rg} ({mob})"],
}

LOG = {
    "dev10": ["MWL C-FIND from {ae} returned {dpat}, accession {acc} failed to send",
              "C-STORE {acc} rejected: Patient ID {mrn} does not match RIS ({dpat})",
              "Study {acc} for {dpat} DOB {ddob} held in QC queue - PID mismatch",
              "Association from {ae} ({ip}) aborted, 0 of 412 images sent",
              "MPPS N-SET failure for {acc}, {err}",
              "Duplicate study {dpat} {mrn} merged by {login}",
              "PID {mrn} NHS {nhs} linked to two names: {dpat} / {opat}"],
    "fresh8": ["(0010,0010) {dpat} (0010,0020) {mrn} - no matching order",
               "{dpat} / {acc}: C-MOVE to {ae} failed, status 0xA801",
               "Orphan study received from {ip}: PatientName={dpat} PatientBirthDate={ddob} AccessionNumber={acc}",
               "{err} on {ae}, retry 3/3",
               "Worklist entry {acc} deleted by {login} (pt {mrn})",
               "NHS number {nhs} failed PDS trace for {dpat}, study {acc} quarantined"],
}

WORK = {
    "dev10": [
        "Replaced {part}. Tube conditioning x3, {kv} tests ok. Handed back to {rg}. FSE {fse}",
        "Coldhead swapped, {he} after top up. {epo} checked. {init}",
        "SW updated to {sw}, DICOM nodes re-entered ({ae} {ip}). Test send to PACS ok. {fse}",
        "NFF. Logs show {err} once on {date}. Monitor. {init}",
        "PPM completed as per {maker} schedule, {std} checks passed. {init}",
        "Physics QA by {phys}: CT number of water 0 +/- 4 {epo}, noise in tolerance. {kv}",
        "Remote fix via {maker} online, {err} cleared. Case {case}. {fse}",
    ],
    "fresh8": [
        "Cause: {part} failed. New part fitted and calibrated. Tested {kv}. Eng: {fse}",
        "Could not reproduce. Left with {staff} to monitor, ring {desk} if it returns - {init}",
        "Annual service ok; software {sw}; {he}; labelled {date}. {init}",
        "Acceptance test with {phys} ({title}), {std} passed, {epo} within spec.",
        "{err} traced to {part}; replaced, {coil} coil retested. Handed to {rg}. {init}",
        "scheduled maintenance done, {maker} checklist rev 4 complete. {fse} ({fmail})",
    ],
}

UPDATES = {
    "dev10": ["rang {room} no answer", "chased {maker} on {desk}", "awaiting part", "spoke to {rg} ext {ext}",
              "emailed {email} re access", "{staff} says ok after {first}'s list", "FSE booked: {fse} {mob}"],
    "fresh8": ["Left msg w/ {first}", "{team} to check {ae}", "PO approved by {staff}", "bleep {bleep} - no reply",
               "update sent to {fmail}", "access only after 17:00 - {rg}", "case {case} escalated"],
}

EMAIL = {
    "dev10": "From: {fse} <{fmail}>\nSent: {sent}\nTo: {mailbox}\nSubject: RE: Case {case} {model} {room}\n\n"
             "{body}\n\nKind regards\n{first}\nField Service Engineer, {maker}\nM: {mob} | Service desk {desk}",
    "fresh8": "-----Original Message-----\nFrom: {fmail}\nDate: {sent}\nSubject: {model} at {hosp}\n\n{body}\n\n"
              "Cheers,\n{fse}\nCustomer Service Engineer | {maker} UK\nMobile {mob}",
}

ASSET = {
    "dev10": ["RPS for room: {phys}", "{epo} - do not move without {title}", "{he} on {date}", "loan from {hosp}",
              "key with {staff}", "{sw} upgrade pending", "FSE {fse} {mob}", "Link radiographer {rg}",
              "based at {town} outreach, {title} {staff}"],
    "fresh8": ["ex {hosp}, moved {date}", "{coil} coil kept in cupboard, ask {staff}", "research use - {rad}",
               "{epo} marked on floor by {phys}", "contract via {maker}, desk {desk}", "{title}: {rg}",
               "community unit, {town} - keys with {staff}"],
}

# How a radiographer, radiologist or physicist is named in a note; role words are kept (not personal).
RG_TITLES = {"dev10": ["Rad:", "radiographer", "Supt", "radiographer on duty", "Band 6"],
             "fresh8": ["Radiographer", "Senior rad", "rad", "Superintendent", "AP"]}
RAD_TITLES = {"dev10": ["Dr", "dr", "Dr.", "Prof", "radiologist Dr"],
              "fresh8": ["Dr", "Dr.", "Consultant", "the reporting Dr", "Professor"]}
PHYS_TITLES = {"dev10": ["", "MPE", "RPA", ""], "fresh8": ["", "Physicist", "Clinical Scientist", ""]}
# dev10 names a radiographer by HCPC registration ("RA" and six digits), fresh8 by ESR pay number.
STAFFNO_FORMS = {"dev10": ["HCPC {n}", "HCPC no. {n}", "({n})"], "fresh8": ["{n}", "Pay no {n}", "[{n}]"]}

# A planned call's fault cell: what the booking screen fills in.
PLAIN = {"PPM": ["PPM due", "Planned service visit", "6 monthly PM", "Annual service + electrical safety"],
         "QA / Physics": ["Annual physics QA", "Routine QA", "Post-repair dose check", "Radiation survey"],
         "Software": ["Software upgrade", "Cyber patch per NHS Digital alert", "Licence renewal"],
         "Acceptance": ["Acceptance testing, new install", "Critical examination after tube change"]}
