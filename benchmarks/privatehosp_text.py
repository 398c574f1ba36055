"""Phrasing families of `privatehosp_export.py` for its work orders, written for it alone: templates whose
`{slot}`s `privatehosp_scene.Scene` fills (people and planted values marked for the truth, reference values kept).

Writers: theatre and ward staff, midwives, chemotherapy nurses, radiographers, physiotherapists and consultants'
secretaries logging a fault (`FAULT`, a share in capitals: `CAPS`), and the engineers' notes on the job, phone
messages and supplier visits (`NOTE`). "dev13" (Surrey) is typed fast, lower case, abbreviations, run-on lines;
"fresh11" (Yorkshire, held out) in fuller sentences with its own phrasing, forms and relation words.
Slots: the patient {pt} {pfn} (first name) {pts} (title and surname) {baby} {kin} (a relative with the relation
word) {mrn} {nhs} {dob} {addr} {pc} {ptmob} {ptland} {ptmail} {pol} (insurer and membership number) {polno}; staff
{cons} (consultant by title) {consf} (in full) {gmc} {sec} (their secretary) {secmail} {secmob} {nurse} {nmc} {sci}
(scientist, physiologist, physio, radiographer) {hcpc} {eng} {who} {hi} (an engineer greeted) {rep} (a maker's
engineer) {repmob} {repmail} {again} (the last named, short) {full} {ini} {login} {mail} {pmail} {smob}; kept {site}
{ward} {room} {crm} (a consulting room named after a person) {bldg} {town} {maker} {model} {dtype} {serial} {tag}
{tag2} {part} {std} {kit} {err} {ver} {po} {job} {contract} {inc} {mhra} {ext} {bleep} {desk} {box} {date} {epo}
{title} {ins}; plain {time} {proc}.
"""

from __future__ import annotations

# A template may start with "[a|b] ": it fits a device whose type holds one of the words (`Slots.choose`).
LOANED = "tens|cpm|cold|ambulatory|breast|cpap|holter"
FAULT = {
    "dev13": [
        "[electrosurgical] {cons} says diathermy cutting out mid case, pt {pt} on the table at the time - ok. "
        "swapped to spare, pls look asap. {nurse} x{ext}",
        "[infusion|syringe] pump alarming air in line x3 on {ward}, pt {pt} {mrn} moved onto another pump. {nurse} "
        "bleep {bleep}",
        "[warming] spare {epo} missing off the trolley in {room} again + warming unit blowing cold. {nurse}",
        "[tens] tens back from {pt} ({ptmob}) wont switch on - batt compartment looks corroded",
        "[cpm] cpm for {pts} going home {date} after {proc} w/ {cons}, pls check + deliver to {addr}",
        "tel msg from {sec} ({cons}'s sec): the {model} in {crm} screen flickering, needs looking at before clinic "
        "thurs. {secmob}",
        "[fetal] ctg printing v faint on {ward} - paper ok, tried new roll. {baby} on it at the time. mw {nurse} "
        "x{ext}",
        "[resuscitaire|warmer] resus {tag} heater not coming on - found at daily check by {nurse}. spare in {room}",
        "[ecg|holter] ecg machine keeps showing last pts details ({pt}, dob {dob}) on start up?? {sci}",
        "[linear] linac interlock fault pm session, {sci} (hcpc {hcpc}) logged w/ {maker} on {desk}",
        "[mri] mri coil intermittent - artefact on 3 scans today incl {pt} {mrn}. {sci}",
        "[hoist] hoist batt not holding charge, {ward} {room}",
        "[warming|cold] self pay pt {pt} said it got v hot/cold on the skin, {nurse} NMC {nmc} took it out of use, "
        "see datix {inc}",
        "[ultrasound scanner] probe cracked {room} - spotted mid scan of {pt} ({pol}), pt fine. {sci}",
        "[infusion] {room} pump {tag} occlusion alarms all am - chemo for {pt} {mrn} delayed 40 mins, {nurse} not "
        "impressed",
        "[ambulatory] cadd pump not back from {pt} after d/c {date}, rang {kin} on {ptland} no answer",
        "[electrosurgical|camera|warming|table|light] {consf} (gmc {gmc}) wants the {model} for list tmrw in {room}, "
        "last one had no {part}",
        "[breast] breast pump loan - {pt} {ptmob} says motor v noisy, wants a swap before the wkend. {nurse}",
        "[defibrillator] defib {tag} failed daily check on {ward}, red X on screen. {who} x{ext}",
        "[monitor] sats cable split on monitor {tag} {room}, taped up by someone!! pls replace",
        "FSN from {maker} re {model} - {tag} on the list ({serial}). fwd from {box}",
        "[cold] game ready unit for {pts} {addr} {pc} - hose leaking, {kin} rang {ward}",
        "[camera] {cons} unhappy - scope camera white balance keeps dropping mid list {date}, pt {pt}. {nurse}",
        "[holter|ecg] nhs e-referral pt {pt} ({nhs}) on a 24hr tape - recorder came back w/ no data. {sci}",
        "[washer|steriliser] cycle fail {err} x2 in {room}, scopes + instruments backing up. {who}",
        "new {model} from {cons}'s private practice - needs acceptance before use, invoice w/ {sec} ({secmail})",
        "[monitor|hoist] pt {pfn} in {room} says the call handset on the {dtype} not working. {nurse}",
        "{dtype} {tag} dropped in {room}, casing cracked. {who} ext {ext}",
        "{dtype} {tag} in {room} dead - no power at all, fuse? {who} x{ext}",
        "{model} making a grinding noise in {room}, pls look. {nurse}",
        "label says ppm overdue on {tag} - can someone come to {ward}. {who}",
        "{dtype} wont self test, {err} on screen. {nurse} bleep {bleep}",
        "[table] table wont tilt head down mid list, {cons} had to finish {pt}'s {proc} flat. {nurse}",
        "[cpap] cpap trial unit back from {pt} {ptmob} - mask hose split + machine says {err}",
    ],
    "fresh11": [
        "[electrosurgical] Diathermy generator in {room} loses power during cutting. {cons} was operating "
        "on {pt} when it happened, no harm done. Reported by {nurse}, extension {ext}.",
        "[infusion|syringe] Pump on {ward} alarming upstream occlusion with nothing clamped. Patient {pt} ({mrn}) "
        "transferred to a spare pump.",
        "[table|light] The {epo} in {room} is broken - please replace before Monday's list. {nurse}",
        "[tens] TENS machine returned by {pt} in a carrier bag, one lead missing. Contact {ptmob} if needed.",
        "[cpm] CPM required for {pts} after {proc} under {cons}. Discharge {date}; address for delivery {addr}.",
        "Message from {sec}, secretary to {cons}: the {dtype} in {crm} will not power up. Please ring back on "
        "{secmob}.",
        "[fetal] Fetal monitor in {room} losing the contraction trace while monitoring {pt}; {baby} delivered "
        "safely. Reported by midwife {nurse}.",
        "[warmer|resuscitaire] Neonatal warmer {tag} not reaching temperature at the morning check. Logged by "
        "{nurse}.",
        "[ecg|holter] The ECG report shows the previous patient's name ({pt}, born {dob}) when a new patient is "
        "started. {sci}",
        "[mri|ct scanner] Scanner stopped mid-sequence with {err}. Patient {pt}, hospital number {mrn}, rebooked. "
        "{sci} (HCPC {hcpc}).",
        "[ct scanner|linear] Couch drive sticking; {sci} noticed it during the session for {pt}.",
        "[cold|warming] Self-funding patient {pt} complained that the cuff was too tight and too cold. {nurse} "
        "(PIN {nmc}) removed it from service, incident {inc}.",
        "[ultrasound scanner] Ultrasound probe lens damaged in {room}. Noticed while scanning {pt} ({pol}); no "
        "injury.",
        "[infusion] Chemotherapy pump {tag} repeatedly alarming in {room}. The session for {pt} ({mrn}) started "
        "over an hour late.",
        "[ambulatory] Ambulatory pump still with {pt} since discharge on {date}. Tried {kin} on {ptland} without "
        "success.",
        "[electrosurgical|camera|warming|table|light] {consf}, GMC {gmc}, has asked for the {model} to be available "
        "in {room} for the list tomorrow.",
        "[breast] Breast pump on loan to {pt} ({ptmob}): the motor has started to grind. Would like an exchange.",
        "[defibrillator] AED {tag} at {site} reception showing a service indicator. Found by {who}, extension {ext}.",
        "[monitor] Monitor {tag} in {room}: the NIBP hose has split.",
        "Field safety notice received from {maker} for {model}; serial {serial} affected. Forwarded to {box}.",
        "[cold] Cold compression unit leaking at the home of {pts}, {addr}. {kin} rang the ward to report it.",
        "[camera] Camera stack on {ward} losing the image intermittently while {cons} was operating on {pt}; "
        "list delayed.",
        "[holter|ecg] 24 hour ECG recorder for NHS patient {pt} (NHS number {nhs}) came back with an empty card. {sci}",
        "[washer|steriliser] Two failed cycles with {err} in {room}; scopes and trays are queuing. {who}",
        "{cons} has bought a {model} privately and wants it used in {crm}. Please carry out acceptance; invoice "
        "details are with {sec} ({secmail}).",
        "[monitor|hoist] {pfn} in {room} reports that the call lead on the {dtype} has come away.",
        "{dtype} {tag} knocked off the bench in {room}; front panel cracked. {who}, extension {ext}.",
        "No power to {dtype} {tag} in {room} - checked the socket. {who}, extension {ext}.",
        "Loud rattle from the {model} in {room}. Could someone take a look. {nurse}",
        "Overdue service sticker on {tag}; please attend {ward}. {who}",
        "{dtype} fails its power-on test and shows {err}. {nurse}, bleep {bleep}.",
        "[table] Operating table would not go into {epo} during the list of {cons}; {pt} was repositioned manually. "
        "{nurse}",
        "[cpap] CPAP returned by {pt} ({ptmob}) after the trial night with a split hose and {err} on the display.",
    ],
}

CAPS = {
    "dev13": ["[electrosurgical] URGENT - NO WORKING DIATHERMY IN {room} - {cons} LIST STARTS 1PM - {nurse} BLEEP "
              "{bleep}", "[cpm] CPM NOT RETURNED BY {pt} - {addr} - PLS CHASE",
              "[fetal] FETAL MONITOR {tag} DOWN - ONLY ONE LEFT ON {ward} - RING {nurse} X{ext}",
              "{dtype} {tag} NOT WORKING - {ward} - RING {who} X{ext} ASAP"],
    "fresh11": ["[electrosurgical] DIATHERMY FAILED IN {room} - LIST DUE TO BEGIN 13:30 - CONTACT {nurse} ON BLEEP "
                "{bleep}",
                "[cpm] LOAN CPM STILL OUT WITH {pt} AT {addr} - THREE WEEKS OVERDUE",
                "[fetal] SINGLE WORKING CTG ON {ward} - PLEASE CALL {nurse} EXTENSION {ext}",
                "{dtype} {tag} OUT OF ACTION ON {ward}. PLEASE CONTACT {who}"],
}

NOTE = {
    "dev13": [
        "o/s - return electrode cable damaged, replaced p/n {part}, {kit} pass. {ini}",
        "rang {sec} to say fixed, left msg on {secmob}. {ini}",
        "{rep} from {maker} on site today (mob {repmob}), board swapped under {contract}",
        "ppm done to {std}, labelled, next due {date}. {ini}",
        "nff on bench, 24h soak on {kit} ok. back to {ward}",
        "parts ordered on po {po}, eta {date}",
        "[" + LOANED + "] collected from pt's home {addr} - {kin} handed it over, all bits there. {ini}",
        "[monitor|ecg|infusion|syringe|fetal|scanner] pt data cleared ({pt}, {dob}) before sending to {maker}. "
        "witnessed {nurse}",
        "QUARANTINED pending {inc} - do not release w/o {who} ok",
        "logged with {maker} {desk}, their ref {job}",
        "emailed {box} and {sec} ({secmail}) re loan unit. {ini}",
        "[" + LOANED + "] delivered to {pts} at {addr}, shown how to use, {kin} there too. consent form signed. {ini}",
        "batt replaced p/n {part}, runtime test ok. {ini}",
        "sw updated to {ver} per FSN, serial {serial}. {ini}",
        "{eng} + {rep} ({repmail}) did the install, acceptance to {std} pass",
        "[warmer|resuscitaire|warming] fitted new heater, temp checks on {kit} within limits. {ini}",
        "[" + LOANED + "] no access - nobody in at {addr}, card left. rang {ptland} vm. {ini}",
        "overtime claim - called in by {cons} for list, login {login}",
        "waiting on {maker} - {rep} says 2 wks for {part}",
        "handed back to {nurse} on {ward}, all ok",
        "report saved to \\\\hhg-fs01\\clineng\\reports\\{tag}.pdf {ini}",
        "{who} says pt {pfn} was the one who noticed it. checked other units on {ward} ok. {ini}",
        "chased {rep} again {repmob} - no reply. {ini}",
    ],
    "fresh11": [
        "Replaced {part} (patient lead). Electrical safety tested with {kit}: pass. {ini}",
        "Phoned {sec} to confirm the repair; nobody picked up, voicemail left on {secmob}.",
        "Attended by {rep} of {maker} ({repmob}); main PCB replaced under contract {contract}.",
        "Planned maintenance completed in line with {std}. Due again {date}. {ini}",
        "Could not reproduce after a 24 hour soak test on {kit}. Returned to {ward}.",
        "Order raised: {po}. Expected delivery {date}.",
        "[" + LOANED + "] Unit recovered from the patient's address ({addr}); {kin} returned all accessories.",
        "[monitor|ecg|infusion|syringe|fetal|scanner] Stored patient records ({pt}, DOB {dob}) erased before "
        "dispatch to {maker}, witnessed by {nurse}.",
        "Held in quarantine until incident {inc} is closed. Release only with approval from {who}.",
        "Case opened with {maker} technical support ({desk}); their reference {job}.",
        "Update sent to {box}; copy to {sec} at {secmail}. {ini}",
        "[" + LOANED + "] Delivered to {pts} at {addr}. Demonstrated in the presence of {kin}; loan agreement "
        "signed. {ini}",
        "New battery fitted ({part}); run time verified. {ini}",
        "Firmware upgraded to {ver} as required by the FSN; serial {serial} recorded. {ini}",
        "Installation by {eng} with {rep} ({repmail}); acceptance test to {std} passed.",
        "[warmer|resuscitaire|warming] Heater element replaced; temperatures checked on {kit} and within "
        "tolerance. {ini}",
        "[" + LOANED + "] Visit attempted at {addr}; nobody home. Left a calling card and tried {ptland}. {ini}",
        "Call-out outside hours at the request of {cons}. Timesheet logged under {login}.",
        "Awaiting {part} from {maker}; {rep} estimates ten working days.",
        "Returned to {nurse} on {ward}; working normally.",
        "Service report filed at S:\\Medical Engineering\\Service Reports\\{tag}.pdf by {ini}",
        "According to {who}, it was {pfn} (the patient) who spotted the fault. The rest of the {ward} stock "
        "checked. {ini}",
        "Second attempt to reach {rep} on {repmob}; still no response. {ini}",
    ],
}
