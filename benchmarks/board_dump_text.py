"""Phrasing families of `board_dump_export.py`, written for it alone: templates whose `{slot}`s
`board_dump_scene.Scene` fills (people and planted values marked for the truth, reference values kept).

Writers: ward staff and the helpdesk logging a request, often from a phone call (`REQUEST`, a share in capitals:
`CAPS`), EBME technologists' and medical physicists' intervention notes (`WORK`), copied e-mails with signatures
(`EMAIL`), the asset register's notes (`ASSET`) and the audit log: lines the application wrote (`AUDIT_APP`) and
comments carried over by a migration script from an older database (`AUDIT_OLD`). "dev11" is Glasgow and the
Lothians, typed in a hurry with Scots words; "fresh9" (held out) is the north and east, islands and ferries, with
its own families, role words and forms.
Slots: people {nurse} (ward staff, by role) {who} (anyone) {tech} (EBME) {phys} (physics) {rep} (a maker's or
contractor's engineer) {fn} (a first name) {again} (the last named, short) {full} (in full) {ini} (their initials)
{hi} (a technologist greeted) {pt} {pt2} (patients) {rel} (a relative); personal values {chi} {unit} (hospital
number) {dob} {mob} {tel} (home landline) {home} (address) {pc} (postcode) {mail} {hmail} (home e-mail) {login}
{staffno}; kept values {ward} {hosp} {bldg} {room} {town} {maker} {model} {part} {serial} {tag} {title} {epo} {ext}
{bleep} {err} {ver} {kit} {std} {box} {desk} {date} {wo} {datix}; plain {sent} {cause}.
"""

from __future__ import annotations

REQUEST = {
    "dev11": [
        "pump on {ward} keeps alarming occlusion even wi line off. pt {pt} was on it, moved to spare. {nurse} x{ext}",
        "Volumetric dropped on flair, casing cracked; reported by {nurse}. Pls uplift from {ward}, {hosp}",
        "tc from {nurse} @ {ward} - {model} showing {err}, been doing it since nightshift. bleep {bleep}",
        "syringe driver for community loan - pt {pt}, {home}, CHI {chi}. DN {who} to collect fae EBME store",
        "Defib failed daily check on {ward}, red X on screen. {who} ({title}) says crash trolley needs a spare today",
        "suction unit nae suction, checked tubing + jar (x2),(new liner) still nothing. {fn} on {ward} ext {ext}",
        "Query from {phys} - can we do a {kit} check to {std} on the {model} before the list on {date}? mob {mob}",
        "phone call 10:40 {nurse}: monitor at bed 6 ({pt}, unit no {unit}) lost SpO2 trace; swapped probe, no change",
        "{model} - {epo} not sealing, pt {pt} dob {dob}. ward manager {who} aware, datix {datix}",
        "Please shift condemned hoist out of {bldg} corridor, it's blocking the fire door (per {who})",
        "home dialysis machine at pt address: {pt}, {home}. Tel {tel}. Wife {rel} in all day. chi no {chi}",
        "ecg machine printing blank paper, {nurse} tried a new roll. {hosp} {ward}",
        "wrang time on all the monitors since the clocks went back - {fn} says it's mucking up obs charts. ext {ext}",
        "spoke to {rep} from {maker} ({desk}) - FSN for {model}, need to check serials incl {serial}",
        "pump {tag} found in dirty utility wi pt label still on: {pt} {chi}. {nurse} wants memory wiped",
        "Temp probe reading 3 deg low v tympanic on pt {unit}; {nurse} says it's the wee grey one",
        "Loan of 2x {model} for {ward} ({date} to {date}) approved by {who}, {title}",
        "bed rail snapped on {ward} while {pt} ({dob}) was getting out, nae injury. {nurse} bleep {bleep}",
    ],
    "fresh9": [
        "Phoned by {nurse} ({ward}, {hosp}): {model} won't self-test, message {err}. Using spare meantime.",
        "As discussed with {who} - please PPM the {model} before it goes back out to {town} on the ferry",
        "Patient {pt}, hosp no {unit}, was connected when it failed. No harm. Incident {datix} logged by {nurse}",
        "Home loan for {pt} ({dob}) at {home} - key safe, code with {rel}. Landline {tel}",
        "{nurse} reports the {epo} on the {model} has been sticking for a week. Ext {ext}",
        "Per {phys}: survey meter {tag} out of cal since {date}. Please send away, {title} to sign",
        "Ward phoned (spoke with {fn}) - infusion device left running in Side Room 2 after pt {pt} discharged",
        "Request from {who} via e-mail: demo unit from {maker} arriving {date}, acceptance test needed",
        "Renal: {model} conductivity alarm {err}. Pt {pt} CHI {chi} moved to machine 4. Contact {nurse} pg {bleep}",
        "Cracked screen on the {model}, {nurse} thinks it fell off the drip stand; serial {serial}",
        "Loan pump returned by family of {pt} ({chi}) by post to {bldg} - wrapped in a bin bag, not cleaned",
        "{fn} (night CN) says the bed in {room} is beeping non-stop; silenced it with the key. Ext {ext}",
        "DXA phantom scan drifting, {phys} wants it looked at before Monday. Mobile {mob}",
        "Community nurse {who} needs a syringe driver for {pt}, {home}, by tomorrow pm. Tel {tel}",
        "Hoist sling scale reading 6 kg out; checked against {kit} by {nurse}",
        "Transfer trolley from {hosp} left here after retrieval - asset {tag}, ring {who} on {mob}",
        "Pt {pt} (DOB {dob}) brought own nebuliser in, family ask for electrical check. {nurse} ext {ext}",
    ],
}

CAPS = {
    "dev11": ["BED WONT GO DOWN!! PT {pt} STUCK AT HEIGHT. {nurse} ON {ward} BLEEP {bleep}",
              "URGENT - ONLY DEFIB FOR {ward} OUT OF SERVICE ({err}). CALL {nurse} EXT {ext}",
              "PT {pt} CHI {chi} ON {model} - ALARMING CONSTANT. SEND SOMEONE PLS"],
    "fresh9": ["ALL MONITORS IN {room} REBOOTING. PHONED {who} ON {mob}",
               "LOAN KIT FOR {pt} NOT RETURNED - LAST KNOWN ADDRESS {home}",
               "DIALYSIS MACHINE {tag} LEAKING. {nurse} PG {bleep}"],
}

WORK = {
    "dev11": [
        "attended {ward}, fault confirmed. replaced occlusion sensor p/n {part}. elec safety on {kit} pass. {ini}",
        "NFF. ran on bench 2hrs w/ {kit}, nae alarms. returned to {nurse}",
        "batt {part} fitted, old one swollen; {kit} pass; back to {ward} & handed to {fn}",
        "spoke to {rep} ({maker}) re {err} - advised board swap; quote to follow, {again} to email {box}",
        "collected from pt home {home}. {pt} out, neighbour let us in - key left with {rel}. tel {tel}",
        "sw upgraded to {ver}, FSN actions done, s/n {serial} signed off. {ini}",
        "BER. Condemned by {tech}, replacement req raised ({wo})",
        "PPM done as per schedule. {kit} all pass; label on. next due {date}",
        "memory cleared - had pt data for {pt} (CHI {chi}) + {pt2}. witnessed by {nurse}",
        "fitted new {epo} & tested. {tech} + {hi} on site, 1.5 hrs",
        "ordered {part} fae {maker}, ETA {date}. on hold ({ini})",
        "wouldnae power on - blown fuse T2AH replaced; mains lead cut & replaced. {ini}",
        "cal check v {kit}: within +/-2%; pressure transducer ok; temp ok (37.0 / 37.1)",
        "handed to {phys} for QA before clinical use. mob {mob}. pay no {staffno} for the overtime form",
        "home visit; pt {pt} dob {dob}, machine moved to back bedroom at pts request. {rel} signed delivery note",
        "back from {rep}, repaired under warranty. report in \\\\ggcfs03\\ebme\\reports\\{tag}",
        "CN {again} reports alarm again 2 days later, reopened under {wo}",
        "loan unit {tag} issued to {ward} meantime; signed for by {fn} ({login})",
    ],
    "fresh9": [
        "Checked on arrival at {bldg}. {err} reproduced. Replaced {part} (stock). Passed {std} on {kit}. {ini}",
        "Tested and returned to {ward}. Handed over to {nurse}. No fault found after 4 h soak test",
        "Contacted {maker} service desk {desk}, case raised; engineer {rep} due {date}",
        "Engineer {rep} attended, replaced main board. Report e-mailed to {box} and to {mail}",
        "Parts sent on the ferry to {town}, local tech {tech} to fit. Part no {part}",
        "Home visit to {pt}, {home}. Machine serviced in situ. Daughter {rel} present ({hmail})",
        "Firmware updated {ver}. {phys} ({title}) to repeat QA. Serial {serial}",
        "Patient data found on device ({pt}, {unit}) - cleared in presence of {nurse}",
        "Condemned: chassis corroded. Disposal form signed by {who}. Replacement via {wo}",
        "Planned maintenance completed; {epo} replaced; next PPM {date}. Signed {ini}",
        "Awaiting part {part} from {maker} - ETA {date}. Ward informed ({fn})",
        "Calibrated against {kit}; all readings within tolerance. {tech}",
        "Called back {nurse} on {mob} - unit working, user training given on alarm limits",
        "Collected from {hosp} by {tech} (staff no {staffno}), returned {date}",
        "Leak traced to cracked manifold. Fitted {part}. {again} checked conductivity after. {ini}",
        "Unit left at reception of {bldg} for {rep}; courier ref on {datix}",
        "Ward rang twice ({fn}, then {who}) - explained job on hold for parts. {ini}",
    ],
}

ASSET = {
    "dev11": [
        "Bought wi Endowment funds {date}, donated in memory of {pt}",
        "Resp. person {who} ({title}). Keys wi {fn} ext {ext}",
        "permanent loan to {ward} from {hosp}; back to {tech} when done",
        "Community loan - {pt}, {home}. {tel}. Pt moved to {town} {date}, new pc {pc}?",
        "FSN actioned {date} - s/n {serial} on list",
        "ex {hosp} ({town}), transferred {date}. Old tag {tag}",
        "{epo} type; needs {part} every 12m. Contact {rep} ({mail}) for parts",
        "DO NOT REMOVE FROM {room} - per {phys}",
        "Physics QA by {phys} {date}: ok",
        "decontam cert missing - chased {nurse} twice",
        "moved from {bldg} to {ward} by porters {date}",
        "private pt equipment? check wi {who} (mob {mob})",
    ],
    "fresh9": [
        "Gifted by the League of Friends ({date}); plaque names {pt}",
        "Keyholder: {who}, {title}. Mobile {mob}",
        "On loan from {hosp} until {date}; contact {tech} before moving",
        "Home loan: {pt} ({dob}), {home}",
        "Serial {serial} listed in field notice - done {date}",
        "Came over from {town} in {date}; previous number {tag}",
        "Uses {epo}. Spares from {rep}, {maker} ({mail})",
        "Radiation source - RPA {phys} must be told of any move. {room}",
        "Physics acceptance by {phys} on {date}",
        "Stays in {bldg}; ward contact {nurse} ext {ext}",
        "Owned by research team of {who} - not NHS property?",
    ],
}

# Copied e-mails: {from} the sender (full name, then the last named), {hi} the technologist written to, {body} a
# request of the split.
EMAIL = {
    "dev11": "From: {from}\r\nSent: {sent}\r\nTo: {box}\r\nSubject: RE: {model} {tag}\r\n\r\nHi {hi},\r\n\r\n{body}"
             "\r\n\r\nCheers\r\n{again}\r\n\r\n{full} | {title} | {ward}\r\n{hosp}\r\nExt {ext} | Mob {mob}\r\n{mail}",
    "fresh9": "-----Original Message-----\nFrom: {from} <{mail}>\nDate: {sent}\nSubject: {model} \"{tag}\"\n\n"
              "Dear {hi}\n{body}\nMany thanks,\n{again}\n--\n{full}\n{title}, {ward}, {hosp}\nTel {ext} or {mob}",
}

AUDIT_APP = {
    "dev11": ["location changed ({ward} -> {ward})", "condition A -> R, job {wo}", "owner changed to {who}",
              "serial corrected to {serial}"],
    "fresh9": ["moved: {ward} / {hosp}", "status set to S by {login}", "responsible person now {who}",
               "tag relabelled from {tag}"],
}
AUDIT_OLD = {
    "dev11": ["EQUIPDB comment: owner '{who}' tel {mob}", "EQUIPDB comment: on loan to pt {pt} {chi}",
              "EQUIPDB keeper: {nurse}", "EQUIPDB comment: \"see {fn}\"; {ward}"],
    "fresh9": ["Access DB note - resp {who}, staff no {staffno}", "Access DB note - loaned to {pt} at {home}",
               "Access DB note - checked by {tech}\t{date}", "Access DB note - {rep} ({maker}) services it"],
}

# How a requester is typed into the work order's own field, and the role words before a ward colleague's name.
REQUESTER = {"dev11": ["{role} {s}", "{g} {s}", "{g}", "{s}, {g}", "{G} {S}", "{g} ({ward})"],
             "fresh9": ["{g} {s} - {role}", "{role}: {s}", "{s} {g}", "{g} {S}", "{s} ({g})", "{G}"]}
ROLES = {"dev11": ["SCN", "Sr", "staff nurse", "CN", "Dr", "HCA", "ANP"],
         "fresh9": ["Charge Nurse", "sister", "S/N", "Nurse", "dr.", "HCSW", "Senior CN"]}
STAFFNO_FORMS = {"dev11": "SN{n}", "fresh9": "{n}"}
