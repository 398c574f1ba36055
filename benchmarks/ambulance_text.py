"""Phrasing families of `ambulance_export.py`, written for it alone: templates whose `{slot}`s
`ambulance_scene.Scene` fills (people and planted values marked for the truth, reference values kept).

Writers: crews typing fault reports on a vehicle tablet in a hurry (`CREW`), the control room in capitals (`EOC`,
rendered upper case whole), workshop engineers' terse closing notes (`WORKSHOP`), requests to download a
defibrillator's event log after an arrest (`DOWNLOAD`), log entries (`UPDATE`), copied e-mails (`EMAIL`) and the
asset's own notes (`ASSET`). "fresh6" (held out) has its own families, role words and relatives.
Slots: people {crew} {eng} (the engineer signing) {crew_c} (with collar number) {collar} {role} {first} {pat}
{rel} {ed} (ED staff) {init};
personal values {addr} {w3w} {grid} {dob} {nhs} {epr} {mob} {email} {preg} (a private car); kept values {hosp}
{station} {town} {callsign} {fleet} {reg} {model} {maker} {sw} {err} {title} {team} {mailbox} {std} {date} {cad}
{orgtel} {store}.
"""

from __future__ import annotations

CREW = {
    "dev8": [
        "{model} failed to power on at start of shift, swapped with spare from {station}. {crew_c}",
        "suction unit not holding vac - pt was being moved from bed to carry chair at {addr} when it cut out, had "
        "to use hand held. pt {pat} dob {dob} no harm. {crew} & {crew}",
        "defib shocked pt x3 at scene ({cad}), then screen went blank. ROSC achieved, pt handed to {ed} at {hosp} "
        "ED. pls download event log asap",
        "carry chair track belt snapped going down stairs at {addr}. pt ({pat}) lowered safely by crew, {rel} "
        "witnessed. datix raised. {crew_c}",
        "stretcher wont lower, {err} on display. vehicle {fleet} off road at {hosp}, {role} aware",
        "ventilator alarmed {err} during transfer from {hosp} to {hosp}. pt {pat} (NHS {nhs}) hand bagged for 10 "
        "mins. {crew}",
        "pls can someone look at the {model} on {callsign}, battery lasting about an hour. ring me on {mob} - "
        "{first}",
        "T34 casing cracked, found after job at {addr}. pt {pat} had driver in situ from district nurses, swapped "
        "ours. {crew_c}",
        "LUCAS suction cup torn at {w3w} (RTC, pt {pat} trapped), crew reverted to manual CPR. ePR {epr}",
        "lifting cushion valve leaking. pt is a regular faller - {pat}, {addr}, {rel} usually rings us. used the ELK "
        "off {callsign} instead",
        "sats probe on {model} reading nothing on 3 pts today, tried new lead. {crew} {collar}",
    ],
    "fresh6": [
        "Reported via tablet: {model} wouldnt complete self test this morning ({err}). Spare collected from "
        "{station} by {crew}.",
        "Whilst conveying {pat} ({dob}) from home address {addr} the power-load tilted. No injury. Crew {crew_c} / "
        "{crew_c}.",
        "Post arrest. Defib needs download, incident {cad}, pt {pat} {nhs}. Handover to {ed} in resus at {hosp}.",
        "Mechanical fault on chair, brake not engaging. Pt (lives {addr}) had to be carried down, {rel} helped. "
        "Raised by {role}.",
        "suction tubing split mid job. scene OS grid {grid}, pt {pat}. {first} said leave it in the cage at "
        "{station}",
        "tablet log -- {callsign} -- {model} screen flicker, intermittent. call {mob} if u need more info. {crew}",
        "O2 regulator hissing after job at {addr}; taken off vehicle {fleet} ({reg}). Reported to {team}.",
        "vent gave {err} on the way into {hosp}. pt {pat}, PCR {epr}. {crew_c}",
        "Pt {pat} slid when mattress moved on stretcher, scene {w3w}. {rel} present. {role} informed + Datix done",
        "LP15 printer jammed so no 12 lead print for {ed} at {hosp}. {crew}",
        "kit bag zip gone and {model} dropped getting out at {addr} {town}. works but case cracked. {crew} ({collar})",
    ],
}

EOC = {
    "dev8": [
        "CAD {cad} {callsign} REPORTS {model} FAILURE ON SCENE AT {addr}. PT {pat} DOB {dob}. BACKUP {callsign} "
        "SENT. {role} INFORMED.",
        "CREW OF {callsign} ({crew} / {crew}) VEHICLE {fleet} STOOD DOWN - STRETCHER FAULT. {title} ADVISED RTB "
        "{station}.",
        "SPARE DEFIB REQUESTED FOR {callsign}. RRV FROM {station} TO MEET AT {hosp}. INFORMED {role} ON {mob}.",
        "{callsign} VENT FAULT EN ROUTE {hosp} WITH PT {pat} NHS {nhs}. {team} AWARE.",
        "{callsign} RTC NEAR {town}, GRID {grid}. {model} DAMAGED, PT {pat} TRAPPED. FLEET DESK {orgtel} ADVISED.",
    ],
    "fresh6": [
        "INC {cad} - {callsign} UNABLE TO USE {model}. LOCATION {w3w}. PATIENT {pat} AGED 80S. SECOND RESOURCE "
        "ALLOCATED.",
        "DOM {crew} AUTHORISED SWAP OF KIT AT {station}. {callsign} BACK IN SERVICE.",
        "CALLER {rel} STATES CREW LEFT {model} AT {addr}. CREW {crew_c} TO COLLECT.",
        "{callsign} OFF THE ROAD {fleet} {reg} - CHAIR FAULT. {title} {crew} CONTACTABLE {mob}.",
    ],
}

WORKSHOP = {
    "dev8": [
        "PPM complete. elec safety to {std} pass. batt replaced. sw {sw}. {init}",
        "No fault found, ran 3x self test ok. Returned to {station} make ready. {eng}",
        "replaced pump module, {err} cleared. tested to {std}. {init}",
        "Event log downloaded, sent to {mailbox} for {cad}. Unit back in service. {eng}",
        "Track belt replaced (part 6252-110-000). LOLER check done {date}. {init}",
        "condemned - BER. replacement issued from {store}, fleet {fleet} updated",
        "PPM. load test to {std} ok, castors greased. {eng}",
    ],
    "fresh6": [
        "Service carried out per manufacturer schedule; {std} tests passed; firmware now {sw}. Eng: {eng}",
        "Fitted new vac pump. {err} no longer present. Signed off {date} - {init}",
        "Downloaded code summary for incident {cad}, emailed {mailbox} and {role}.",
        "Cannot replicate. Returned via {team} to {station}. Spoke to {crew} on {mob}.",
        "Hydraulic leak on legs, sent to {maker} for repair, loan unit from {store}.",
        "Battery failed capacity test. New batt fitted. {init}",
        "annual {std} inspection passed, label applied {date}. {eng}",
    ],
}

DOWNLOAD = {
    "dev8": [
        "Download required: cardiac arrest {cad} on {date}. Pt {pat}, {dob}, NHS {nhs}. Requested by {role} for "
        "{team} review.",
        "please download LP15 from {fleet} - {callsign} attended arrest at {addr}, pt {pat} conveyed to {hosp}. "
        "{crew_c}",
        "ROSC case - {ed} at {hosp} asked for the strips. pt {pat} epr {epr}",
    ],
    "fresh6": [
        "Event data wanted for inquest: {pat} (DOB {dob}) incident {cad}. Coroner's officer via {mailbox}.",
        "Clinical audit request, {cad}. Shockable rhythm, pt {pat}, address {addr}. Pls send to {role}.",
        "Download asap pls, {crew} says pads came off mid shock. PCR {epr}. Handed to {ed} {hosp}.",
    ],
}

UPDATE = {
    "dev8": ["rang {crew} on {mob}, no answer", "spare sent from {station}", "chased {team}",
             "parts ordered from {maker}", "{callsign} back on the road", "emailed {email} re collection",
             "awaiting {role} to confirm", "pt's {rel} phoned about a bag left on {fleet}, cb {mob}",
             "left msg with {first}"],
    "fresh6": ["Tried {crew} - voicemail ({mob})", "Loan kit dispatched via {team}", "Escalated to {role}",
               "quote received from {maker}", "{station} confirm unit received", "sent to {email} for sign off",
               "{rel} called re property on vehicle {reg}, number left {mob}", "spoke w/ {first}, will drop in"],
}

EMAIL = {
    "dev8": "From: {staff} <{email}>\nSent: {sent}\nTo: Medical Devices <{mailbox}>\nSubject: RE: {model} on "
            "{fleet}\n\n{body}\n\nThanks\n{first}\n{title}, {station}\nMob {mob}",
    "fresh6": "-----Original Message-----\nFrom: {email}\nDate: {sent}\nSubject: {model} - {callsign}\n\n{body}\n\n"
              "Kind regards,\n{staff}\n{title} | {team}\nT: {orgtel}  M: {mob}",
}

ASSET = {
    "dev8": ["Allocated to {callsign} {date}", "on loan to {station} while {fleet} in workshop",
             "custodian {crew}, mob {mob}", "swapped from {fleet} after RTC", "FSN applied {date}",
             "{sw} - awaiting update", "kept in {store}, sign out with {role}",
             "brought back by {crew} in own car ({preg}) after {fleet} went VOR"],
    "fresh6": ["moved to {store} pending {std} test", "belongs to {team}, contact {crew}",
               "transferred from {station} by {crew_c}", "vehicle {reg} written off, kit to {store}",
               "battery changed {date}", "paired with {callsign}", "SM {crew} drove it over in own car {preg}"],
}

# Role words written before a name ("CTL Murphy", "sm jones"); ED staff at handover ("sister X").
ROLES = {"dev8": ["CTL", "SM", "the DOM", "ctl", "para", "eca", "station manager", "TL"],
         "fresh6": ["Team Leader", "DOM", "APP", "paramedic", "ECA", "ops manager", "HART TL", "sm"]}
ED_ROLES = {"dev8": ["sister", "Sr", "nurse in charge", "dr", "the reg", "charge nurse"],
            "fresh6": ["Dr", "staff nurse", "the NIC", "consultant", "triage nurse", "CN"]}
RELATIVES = {"dev8": ["wife", "son", "daughter", "husband", "neighbour", "carer"],
             "fresh6": ["partner", "grandson", "niece", "next door neighbour", "mum", "brother"]}
COLLAR_FORMS = {"dev8": ["collar {n}", "({n})", "c/no {n}", "#{n}", "{n}"],
                "fresh6": ["staff no {n}", "[{n}]", "ID {n}", "- {n}", "emp {n}"]}
