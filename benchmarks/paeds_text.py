"""Phrasing families of `paeds_export.py`, written for it alone: templates whose `{slot}`s `paeds_scene.Scene`
fills (people and planted values marked for the truth, reference values kept).

Writers: ward staff, community nurses and the library's desk logging a fault, often from a family's phone call
(`FAULT`, a share in capitals: `CAPS`), clinical engineers' job actions (`ACTION`), the register's notes on a
device (`DEVICE`), a loan's notes at issue and return (`LOAN`), the library's log of calls with families (`CALL`),
a child's home-visit access notes (`ACCESS`, and the `ALERTS` the query leaves out) and pasted e-mails with
signatures (`EMAIL`). "dev12" is Lancashire, typed fast in lower case with abbreviations and run-ons; "fresh10"
(held out) is the East Midlands, fuller sentences, its own families, role words, relation words and forms.
Slots: staff {ccn} (community nurse, by role) {nurse} (ward staff, by role) {who} (anyone) {eng} (engineer) {play}
{doc} {rep} (a maker's engineer) {fn} (a first name) {again} (the last named, short) {full} (in full) {ini}
(their initials) {hi} (an engineer greeted); the child {kid} {kfn} (first name) {hosp} {nhs} {dob} {home} {pc};
the family {mum} {dad} {carer} (any carer with the relation word) {kin} (a grandparent, step-parent or foster
carer) {cfn} (that carer's first name) {sw} (social worker) {cmob} (the carer's mobile) {tel} (home landline)
{hmail}; staff values {smob} {mail} {login} {staffno}; kept {ward} {site} {bldg} {room} {town} {maker} {model}
{part} {serial} {tag} {tag2} (another device's) {title} {epo} {ext} {bleep} {err} {ver} {kit} {std} {box} {desk}
{date} {job} {datix} {school} {charity}; plain {time} {age} {sent} {body} {from}.
"""

from __future__ import annotations

FAULT = {
    "dev12": [
        "{mum} rang library - feed pump alarming no flow all nite, tried a new giving set. {kfn} on overnight feeds "
        "so needs swap today. call back {cmob}",
        "{ccn} reports vent {tag} low pressure alarm at home visit. pt {kid} {hosp}, {home}. family have backup vent. "
        "ext {ext}",
        "suction not holding vacuum, dropped off by {dad} at reception of {site}. left with {nurse}",
        "sats monitor keeps losing trace on {kfn} ({nhs}) even with new probe - {mum} v anxious, wants swap asap. "
        "{ccn} bleep {bleep}",
        "incubator {tag} temp overshoot on {ward}, baby moved to spare. {nurse} x{ext} datix {datix}",
        "{model} on {ward} - LED bank 2 out, bili readings not dropping. {nurse}",
        "pump back from home with cracked door - family say it fell off the buggy. {kid} dob {dob}",
        "{doc} wants {model} checked before {kfn} goes home on {date}. {who} ({title}) to collect",
        "apnoea alarm going off every nite per {kin}. foster placement so speak to {sw} not birth parents!! tel "
        "{cmob}",
        "neb compressor noisy + smells hot. {mum} brought it to {play} on {ward}",
        "transport incubator batt wont hold charge, retrieval team ({who}) need it for tonite",
        "vent alarm circuit disconnect x3 overnite at {home} {pc}. {dad} says circuit was fine. {ccn} going out am",
        "home sats {tag} - no charger, {mum} says never had one. {kid} {hosp}",
        "syringe driver on {ward} beeping near empty with a full syringe. swapped. {nurse}",
        "feed pump not back after {kfn} admitted to {ward} - check wi {nurse} if its on the ward?",
        "warranty repair - {rep} from {maker} ({desk}) collecting s/n {serial}",
        "{kid} moving to adult services {date}, all kit ({tag} + vent) to come back. ring {carer} on {tel}",
        "monitor in {room} {ward} showing wrong time, obs charting out. {fn} x{ext}",
        "{mum} txt'd pic of pump screen showing {err}, {kfn} is {age} + on {epo} so cant be without. {cmob}",
    ],
    "fresh10": [
        "Telephone call from {mum}: the feeding pump stops part way through with message {err}. Requests a home "
        "visit; best number {cmob}.",
        "Community visit by {ccn} to {kid} ({hosp}) - ventilator fan very loud, family worried. Address {home}.",
        "Unit received through the post without a covering note. Label inside reads {kid}, {home}.",
        "Incubator in {room}, {ward} failing the humidity self-check. Logged by {nurse} (extension {ext}).",
        "{dad} requesting a second suction machine for the car - please assess. Child's NHS no {nhs}",
        "Phototherapy canopy cracked during cleaning on {ward}. Reported by {fn}, incident {datix}.",
        "Oximeter probe reading 10% low compared with the ward monitor. {ccn} will bring it in on {date}.",
        "Request from {doc} ({title}) for an AIRVO before discharge of {kid}, born {dob}, to {town}.",
        "{carer} reports the apnoea monitor is silent when tested with the button. Contact number {tel}.",
        "Ventilator {tag} needs its 6-monthly service; currently at {home} {pc}. Please arrange with {mum}.",
        "PICU transport kit: the {model} battery indicator stays amber. Raised by {who}, bleep {bleep}.",
        "Pump left at {site} main reception by the family of {kid} with a note saying it is broken.",
        "Spare ventilator requested for respite stay at {site}; the child is {kid}, hospital number {hosp}.",
        "{maker} field safety notice for {model}: check serial {serial}. Contact {rep} on {desk}.",
        "Nebuliser making a rattling noise, per {mum} ({cmob}). {kfn} uses it twice daily.",
        "{nurse} asks for all the syringe pumps on {ward} to have the drug library updated to {ver}.",
        "Safeguarding: only discuss this loan with {sw} or {carer}. Device {tag} not returned since {date}.",
        "High flow unit in {room} alarming for water out although the chamber is full. {fn}, extension {ext}.",
    ],
}

CAPS = {
    "dev12": ["VENT ALARMING CONSTANTLY AT HOME - {mum} ON {cmob} - {kfn} ON BACKUP NOW",
              "URGENT!! NO WORKING SUCTION ON {ward} FOR {kid}. {nurse} BLEEP {bleep}",
              "PUMP {tag} NOT RETURNED - FAMILY MOVED - LAST ADDRESS {home}"],
    "fresh10": ["ALL FEED PUMPS ON {ward} NEED NEW SETS - CALL {fn} EXTENSION {ext}",
                "EQUIPMENT RECALL: {model} SERIAL {serial} IS WITH {kid} AT {home}",
                "OXIMETER FOR {kid} ({nhs}) FAILED - FATHER {dad} WAITING IN RECEPTION"],
}

ACTION = {
    "dev12": [
        "swapped door assy p/n {part}, {kit} pass, back to library. {ini}",
        "rang {mum} on {cmob} to arrange swap - no answer, left vm. {ini}",
        "home visit {home}: vent ok on test lung, circuit changed, {dad} shown how to silence alarm. {ini}",
        "nff - 48hr soak on {kit}, no alarms. back on shelf",
        "BER - chassis cracked, condemned. replacement from {charity} money? ask {who}",
        "sent to {maker} for repair, their ref {job}. {rep} says 2 wks",
        "pt data cleared from memory ({kid} {dob}) - witnessed by {nurse}",
        "batt {part} fitted, runtime test 6hrs pass. {ini}",
        "collected from {site} reception, signed for by {fn}",
        "sw upgraded to {ver} as per FSN, s/n {serial} signed off",
        "incubator checks to {std} on {kit} - all within limits. {ini}",
        "{rep} on site, replaced LED array p/n {part}. {again} happy",
        "spoke to {ccn} - family using wrong giving set, training given to {mum}",
        "quarantined - came back soiled, no decon cert. emailed {box}",
        "ppm done + labelled, next due {date}. {ini}",
        "delivered swap unit {tag2} to {home}, {carer} signed. old unit back to {bldg}",
        "no access at address - {mum} not in, card thru door. {tel} no answer. {ini}",
        "{eng} + {hi} did the {epo} check on the cot, ok. login {login} to close",
        "overtime for the home visit, claim form in (esr {staffno}). {ini}",
        "test results on \\\\lthfs01\\medphys\\library\\{tag}.pdf - {ini}",
    ],
    "fresh10": [
        "Fault reproduced on the bench. Replaced {part}; electrical safety passed on {kit}. Signed {ini}.",
        "Unable to reach {mum} on {cmob}; voicemail left asking her to call the Equipment Library.",
        "Home visit to {kid} at {home}. Ventilator serviced in situ, {carer} present. {ini}",
        "No fault found after a 24 hour soak on {kit}. Returned to stock.",
        "Beyond economic repair. Condemned and replacement funded by {charity}; paperwork to {who}.",
        "Returned to {maker} under warranty (their reference {job}). Courier booked by {eng}.",
        "Patient log found on the device ({kid}, {hosp}) - erased in the presence of {nurse}.",
        "Calibration checked to {std} using {kit}; all readings within tolerance.",
        "Firmware {ver} installed per the field safety notice; serial {serial} recorded.",
        "Engineer {rep} from {maker} attended and replaced the main board. Report sent to {box} and {mail}.",
        "Exchange unit {tag2} taken to {home} {pc}; faulty unit collected. Signed for by {dad}.",
        "Spoke with {ccn} ({smob}): family given further training on the alarms.",
        "Cleaned, tested and issued back to {ward}. Handed to {nurse}.",
        "Planned maintenance complete; {epo} replaced. Next due {date}. {ini}",
        "Awaiting part {part} from {maker}, expected {date}. Family informed via {sw}.",
        "Decontamination certificate missing - returned to {site} for cleaning. Staff no {staffno} on the form.",
        "Collected from reception of {bldg} by {eng}; job closed by {login}.",
        "Service report scanned to S:\\Clinical Engineering\\Library\\{tag} (report {job}).",
    ],
}

DEVICE = {
    "dev12": [
        "donated by {charity} {date}",
        "bought w/ {charity} money, plaque says in memory of {kid}",
        "permanent loan to {kid} - do NOT recall for ppm without ringing {mum} {cmob}",
        "lives in {ward} cupboard, key with {fn} x{ext}",
        "FSN {date} - s/n {serial} on the list, done",
        "old tag {tag2} (ex {site})",
        "home vent for {kid}, spare kept at nans - {home}",
        "keeper {who} ({title})",
        "{epo} adaptor needed - {part} from {maker}",
        "school set - stays at {school} in term time, {ccn} has details",
    ],
    "fresh10": [
        "Purchased with a grant from {charity} ({date}).",
        "Named on the loan agreement: {kid}, {home}. Do not recall without speaking to {carer}.",
        "Responsible person {who}, {title}; mobile {smob}.",
        "Field safety notice actioned {date}, serial {serial}.",
        "Previously asset {tag2} at {site}.",
        "Kept in {room} of {bldg}; extension {ext}.",
        "Uses the {epo} connector; spares from {rep} at {maker}.",
        "Allocated to the {school} school nursing team; contact {ccn}.",
        "Second unit for {kid} ({nhs}) at the home of {kin} in {town}.",
    ],
}

LOAN = {
    "dev12": [
        "issued by {who}, training done with {mum} + {dad}. {kfn} home {date}",
        "2nd feed pump for school ({school}) - {ccn} taking it in",
        "back from {carer} dirty, sent for decon. {ini}",
        "lent via {ward} on discharge, {nurse} did the paperwork",
        "DO NOT ISSUE TO FATHER - see alerts. {sw} aware",
        "family moved to {town}, new address {home} {pc}",
        "loan extended per {doc}",
        "returned after {kfn} passed away - be sensitive, {ccn} aware",
        "{mum} signed, {dad} has copy of instructions. mob {cmob}",
        "holiday loan (spare batt) - {carer} collecting from {site}",
        "issued out of hours by {who}, esr no {staffno}",
        "",
    ],
    "fresh10": [
        "Loan agreement signed by {mum}; training given by {ccn}.",
        "Issued for use at {school} during term time. Contact {carer} on {tel}.",
        "Returned by {dad}; device cleaned and checked.",
        "Issued from {ward} at discharge by {nurse}.",
        "Court order in place: no information to be given to {dad}. Speak to {sw}.",
        "Family relocated to {home} {pc} in {town}.",
        "Extended on the advice of {doc}.",
        "Returned following bereavement; {ccn} will support the family.",
        "E-mail confirmation sent to {hmail}.",
        "",
    ],
}

CALL = {
    "dev12": [
        "spoke to {mum} on {cmob}, pump alarming occlusion downstream since teatime, talked thru clearing line, ok now",
        "rang {carer} re overdue return, still using it for {kfn} at {school} apparently",
        "{dad} rang {time} vent alarming, told him switch to backup + ring {ccn} in am",
        "left msg for {mum} on {tel}",
        "email from {hmail} - can they have a spare batt for holiday in {town}",
        "{sw} rang - {kfn} now staying with {kin}, kit moved to {home}",
        "{mum} says dad not to be given any info re {kfn} (court order) - see alerts",
        "{carer} rang, {kfn} in {ward} so pump is there, {nurse} has it",
        "txt from {cmob}: sats probe broken again can u send 2",
        "{mum} asked if {kfn} can take vent on plane - told her ring {doc}'s sec",
    ],
    "fresh10": [
        "Call from {mum} ({cmob}): feed pump message {err} at 3am, talked through the reset.",
        "Reminder call to {carer} about the overdue return; will bring it to {site} on {date}.",
        "{dad} phoned at {time} - ventilator alarm; advised to change the circuit and call {ccn}.",
        "No answer on {tel}; letter sent to {home}.",
        "E-mail received from {hmail} asking for a travel letter for the oximeter.",
        "Allocated social worker {sw} advised {kfn} is now living with {kin} at {home} {pc}.",
        "{mum} asked that no details be shared with {dad}.",
        "{carer} phoned: {kfn} admitted to {ward}, device with the ward ({nurse}).",
        "Text from {cmob} asking for more probes.",
    ],
}

ACCESS = {
    "dev12": ["key safe - code with {carer}", "ring {mum} b4 visiting {cmob}, 2 big dogs",
              "do not discuss with father", "3rd floor flat, lift often broken, {dad} will come down",
              "park at back, {carer} works nights so after 12", "interpreter needed, {mum} speaks Somali",
              "", ""],
    "fresh10": ["Use the side gate; {carer} is usually in.", "Please telephone {mum} on {cmob} before any visit.",
                "Father not to be given information (court order).", "Ground floor flat; buzzer 2 for {dad}.",
                "Needs a Polish interpreter for {mum}.", "", ""],
}
ALERTS = {"dev12": ["safeguarding - CP plan", "latex allergy", "LAC", ""],
          "fresh10": ["Child protection plan in place", "Allergy: elastoplast", "Looked after child", ""]}

# Pasted e-mails: {from} the sender in full, {body} a fault of the split.
EMAIL = {
    "dev12": "From: {from} <{mail}>\r\nSent: {sent}\r\nTo: {box}\r\nSubject: RE: {model} for {kfn}\r\n\r\nHi {hi},"
             "\r\n\r\n{body}\r\n\r\nta\r\n{again}\r\n\r\n{full}\r\n{title} | {site}\r\nExt {ext} | Mob {smob}",
    "fresh10": "-----Original Message-----\nFrom: {full} <{mail}>\nDate: {sent}\nSubject: {model} loan - {kid}\n\n"
               "Dear {hi},\n\n{body}\n\nKind regards\n{again}\n--\n{from}\n{title}\n{site}, {town}\n{smob}",
}

# How a reporter is typed into the job's own field; the role words before a staff member's name; the words for a
# child's family (relation key -> (word in notes, value of carers.relationship, sex), with draw weights).
REPORTER = {"dev12": ["{rel} ({g})", "{g} {s}", "{role} {g}", "{g} - {ward}", "{S}"],
            "fresh10": ["{s}, {g}", "{g} {s} ({role})", "{Rel}: {g} {s}", "{G} {S}", "{s} {g}"]}
ROLES = {"dev12": {"ccn": ["CCN", "outreach nurse"], "nurse": ["staff nurse", "sister", "HCA"],
                   "play": ["play specialist"], "doc": ["Dr"], "eng": ["tech"]},
         "fresh10": {"ccn": ["CN", "Community RN"], "nurse": ["Ward Manager", "RGN", "NNEB", "HCSW"],
                     "play": ["HPS"], "doc": ["Consultant", "Prof"], "eng": ["technician", "Clin Eng"]}}
RELATIONS = {
    "dev12": {"mother": ("mum", "Mum", "f", 10), "father": ("dad", "Dad", "m", 6), "gran": ("Nana", "Nana", "f", 2),
              "step": ("step-dad", "Step-dad", "m", 1), "foster": ("foster carer", "Foster carer", "f", 1),
              "grandad": ("grandad", "Grandad", "m", 1)},
    "fresh10": {"mother": ("mother", "Mother", "f", 10), "father": ("father", "Father", "m", 6),
                "gran": ("grandma", "Grandma", "f", 2), "step": ("stepmum", "Stepmum", "f", 1),
                "foster": ("guardian", "Guardian (SGO)", "f", 1), "grandad": ("grandpa", "Grandpa", "m", 1)},
}
MALE_ROLES = {"sister": "charge nurse"}  # what a role word becomes before a man's name
SOCIAL = {"dev12": ("social worker", "Social worker"), "fresh10": ("allocated SW", "Allocated SW")}
STAFFNO_FORMS = {"dev12": "{n}", "fresh10": "P{n}"}
