"""Phrasing families of `wheelchair_export.py`, written for it alone: the equipment list's "Notes" (enhanced rich
text, typed by therapists and the service's admin staff: `NOTES`), the repairs list's "Fault" (plain multi-line text
typed while on the phone to the client or carer: `FAULT`) and "Work done" (enhanced rich text, typed by the
approved repairer's engineers on their phones: `WORK`), and the repairs list's "Reported by" column (`REPORTED`).
"dev16" writers are terse, drop capitals and misspell; "fresh14" (held out) write their own phrasing with times,
slashes and abbreviations. A writer keeps their case (`wheelchair_rows.Builder.style`).

Slots: the client {cl} (full forms) {cls} (title and surname) {clg} (their given name or nickname: a second
case) {kin} (a relative with the relation word) {kinn} (the relative's given name) {rel} (the relation word) {kinmob}
{kinmail} {mob} {land} {addr} {pc} {town} {ks} (the key safe's code) {nhs} {svc} (service number) {dob}; staff
{ther} (the prescriber by role word) {thern} {eng} (the repairer's engineer) {engg} {ini} (the writer's initials)
{mail} (a therapist's e-mail) {carer} (a paid carer by role word); kept {asset} {asset2} {job} {maker} {model} {item}
{size} {part} {partno} {date} {time} {store} {gp} {box} {ext} {firm}.
"""

from __future__ import annotations

NOTES = {
    "dev16": [
        "issued by {ther} on {date}. {size}, {maker} {model}. {kin} shown how to fold it, recieved ok",
        "Client lives alone, key safe {ks} - ring {kinn} ({kinmob}) before any home visit",
        "{cls} has a hoist at home ({asset2}). GP is {gp}. review in 12 months",
        "swapped from {asset2} as too narrow. now {size}. {ini}",
        "DONT issue again without seating assessment - see {job}. {thern} aware",
        "{clg} is a big lad, bariatric chair needed if this one fails. {kin} is main carer",
        "Returned by {kin} on {date}, cleaned, back in {store}",
        "delivery to {addr}, {town} - narrow drive, park on road. dog in house",
        "Cushion re-checked by {ther}, mapping ok. {clg} says its comfy now",
        "pls contact {box} or ext {ext} before moving this chair to another client",
        "collected from {cl}'s house after RIP. {kin} said keep the cushion, {thern} ok'd",
        "{carer} does the transfers, {clg} can self propel short distances only",
        "Invoice query - see {firm}. parts {part} charged twice",
        "school chair, {clg} is in yr 4. {kin} ({kinmail}) wants updates by email",
    ],
    "fresh14": [
        "Handed over {date} by {ther}. Config: {size}. Client and {kin} trained on brakes + tilt",
        "KS code {ks} // access via side gate // call {kinn} on {kinmob} first",
        "Pt {cl} also has {asset2} on loan. Registered with {gp}. 6/12 review booked",
        "Re-issue: previous chair {asset2} too wide for doorways. New set-up {size}. Signed {ini}",
        "**HOLD** - no re-issue until posture assessment ({job}). {thern} to advise",
        "Bariatric user, do not substitute with standard frame. {clg} relies on {kin} for pushing",
        "{date}: chair came back via {kin}, decontaminated, stored at {store}",
        "Deliver to {addr}, {town} {pc}. Steps at front, use rear entrance",
        "Pressure mapping repeated with {ther}. {clg} reports less pain sitting",
        "Queries to {box} (tel ext {ext}) only please - do not give out client details",
        "Client deceased - equipment recovered from home, {kin} present. Cushion disposed per {thern}",
        "{carer} assists with all transfers; {clg} not safe to self-propel outdoors",
        "Warranty repair logged with {firm}, part no {part}",
        "Child user ({clg}, Year 9). Correspondence to {kin} at {kinmail}",
    ],
}
FAULT = {
    "dev16": [
        "client ({cls}) says the joystick sticks when turning left",
        "{kin} rang - footplate snapped off, {clg} cant go out",
        "flat tyre again!! rear left. {cl} on {mob}, in after {time}",
        "chair wont charge, charger light flashing red. ring {kinn} on {kinmob}",
        "{carer} reports breaks not holding on slope outside {addr}",
        "cushion cover split, {clg} incontinent so needs replacing asap",
        "Powerchair cutting out after 10 mins. {cls} housebound till fixed. Key safe {ks}",
        "armrest loose. {kin} says its been like that weeks",
        "{ther} asked for tilt to be checked at next visit - see {job}",
        "backrest torn + castor wobbling. pls ring {rel} first, {kinn} {kinmob}",
        "client {cl} dob {dob} - new address {addr}, {town}. chair needs collecting from old one",
        "lap belt buckle broken. nhs no {nhs}",
        "wheelchair squeaking and pulling to the right says {clg}",
        "{ther} emailed {box} - rear wheels need swapping to 22in. call back on ext {ext}",
    ],
    "fresh14": [
        "Reported by phone @ {time}: {cls} states joystick unresponsive intermittently",
        "Call from {kin} // footrest hanger sheared // urgent, user stuck indoors",
        "Puncture front castor. Contact {cl} {land}",
        "Batteries not holding charge (approx 2 miles). Contact {kinn} {kinmob}",
        "{carer} states parking brake ineffective. Address {addr} {pc}",
        "Cushion leaking air - Roho valve? {clg} at risk of sores, prioritise",
        "Chair stops without warning. {cls} ({svc}) unable to leave property. KS {ks}",
        "Armrest height adjuster seized per {kin}",
        "{ther} requests recline check at next attendance. Ref {job}",
        "Upholstery torn, rear wheel buckled. Please contact {kinn} ({kinmob}) before attending",
        "Change of address for {cl} (DOB {dob}): now {addr}, {town}. Collect chair from previous address",
        "Harness clip broken. NHS {nhs}",
        "Noise from left hub motor reported by {clg}",
        "Via {box}: {ther} requests quick-release axles fitted. Queries to ext {ext}",
    ],
}
WORK = {
    "dev16": [
        "Ring {rel} {kinn} before visiting {kinmob}. replaced {part} ({partno}), tested ok",
        "attended, no answer. key safe {ks} used as agreed. fitted new tyre + tube {partno}. {ini}",
        "left with carer. brakes adjusted both sides, all ok",
        "{clg} out at day centre, {kin} let me in. joystick module swapped {partno}",
        "chair uplifed to workshop, loan {asset2} left with {cls}",
        "{eng} fitted battery pair {partno}. old ones recycled. {ini}",
        "no fault found, {clg} was using it in manual mode lol. showed {kin}",
        "parts ordered from {maker} ({partno}) eta 2 wks. rang {cls} to say",
        "done. footplate replaced {partno}. {cl} happy. {ini}",
        "LOLER done, SWL label fitted. next due {date}",
        "could not fix on site - needs new motor. {ther} informed by email {mail}",
        "castor fork + bearing {partno}. {carer} signed the job sheet",
        "attended {date} {time}ish with {engg}, re-upholstered back. ",
    ],
    "fresh14": [
        "Attended {date} @ {time}. Replaced {part} p/n {partno}. Function tested - pass. Signed {ini}",
        "No reply at property - entered with KS {ks} per agreement. New castor tyre {partno} fitted",
        "Handed back to support worker. Brake arms adjusted L+R. Complete",
        "{kin} provided access ({clg} at school). Controller replaced {partno}, programmed",
        "Chair taken to workshop for repair. Temporary chair {asset2} supplied to {cls}",
        "{eng} replaced batteries {partno}; old units to WEEE. // {ini}",
        "NFF. User had chair in freewheel. Demonstrated drive lever to {kin}",
        "Awaiting {maker} parts ({partno}) approx 10 days. {cls} advised by phone",
        "Footrest hanger replaced {partno}. {cl} satisfied. // {ini}",
        "Thorough examination (LOLER) complete. Next due {date}",
        "Unable to repair on site - motor failure. Referred to {ther} via {mail}",
        "Fork assembly + bearings {partno}. Job sheet signed by {carer}",
        "Attended with {engg} {date}; backrest re-covered",
    ],
}
REPORTED = {"dev16": ["{cl}", "{kin}", "{carer}", "{cls} (client)", "{kinn} - {rel}"],
            "fresh14": ["{cl}", "{kin}", "{carer}", "Client: {cls}", "{kinn} ({rel})"]}
