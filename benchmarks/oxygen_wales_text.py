"""dev17 phrasing of `oxygen_export.py`, written for it alone: the north Wales service's installers, respiratory
nurses, call handlers, engineers and drivers. Terse, lower case or capitals, "pt", "conc", "cyl", "w/", "o2", Welsh
words now and then ("diolch", "Cymraeg", "iaith gyntaf"), names at the start, in brackets, at the end. The slots are
`oxygen_slots`'. An engineer's note is put together from fragments (ARRIVE, WORK, ADVICE, CLOSE) in varying order
and joined by the writer's own separators, so that no name sits in the same place every time."""

from __future__ import annotations

# The portal's "installNotes": the installer's note at the install.
INSTALL = [
    "installed {item} in front room at {set}. shown {ptg} and {kin} how to use, fire brigade referral done",
    "conc sited on landing as lounge too small. 15m tubing + firebreaks fitted. {pts} happy w/ it",
    "{kin} present at install. {ptg} prefers Welsh so spoke Cymraeg throughout",
    "backup {cyl} cyls x2 left under stairs (see {asset2})",
    "Install {date} {time}. No smoke alarm in kitchen - emailed {box}",
    "key safe by back door, code {ks}. park by the chapel not in the lane",
    "pt very breathless on arrival, {nursen} aware. sats 86% on air",
    "hard to find!! {addr} is the farm at the end of the track, satnav takes you to wrong place ({pc})",
    "{short} {model} s/n {serial} set to {set}, hours 00012",
    "DOG in house - ring {mob} before going in",
    "ring {kinn} on {kinmob} to arrange any visit, {ptg} is hard of hearing",
    "swapped over from {asset2}, old unit back to {depot}",
    "leaflets left in Welsh and English, helpline {help} explained to {kin}",
    "{carer} comes 4x a day and knows how to change the cyl",
    "{gp} wants Rx reviewed in 3 months, {gpprac} have copy of HOOF",
    "{ptg} was a bit confused, went through it all again with {kin}",
]
# The portal's risk notes, written by the referring nurse.
RISK = [
    "Ex smoker (stopped {date}). lives with {kin}. no open fires",
    "SMOKER - HOOF-B signed, fire service HFSC referral made by {nurse}",
    "{kin} smokes in the house - discussed, agreed to go outside",
    "Lives alone, {carer} am and pm. uses paraffin based creams (fire risk) - advised",
    "COPD, LTOT 15 hrs/day. referred by {nurse} from {ward}, {hosp}",
    "home visit {date} by {nursen}: no concerns. GP {gp} informed by letter",
    "gas fire in lounge - conc to be sited at least 3m away",
    "pt lives on farm, poor mobile signal - use landline {land}",
    "memory problems - all contact via {kin} {kinmob}",
    "Welsh speaker, iaith gyntaf Cymraeg. {kinn} ({rel}) speaks English if needed",
    "ILD, ambulatory O2 only. {hosp} resp clinic",
    "no risks identified at assessment ({nursen}, {date})",
]
# The drivers' run sheet, "Driver Notes": one or two fragments.
DRIVER = [
    "left {cyl} x2 in porch as agreed", "{kinn} took them in", "empties collected",
    "key safe {ks} used, cyls in hallway",
    "DOG!!", "road shut at {tn}, late", "{ptg} says conc is noisy, told to ring {help}", "diolch from {pts}",
    "faulty valve, cyl taken back to {depot}", "left with neighbour at no.4", "{drvg} did this drop",
    "steep drive - leave van on road", "{kin} asked for extra {cyl}", "wrong postcode on sheet - actual {pc}",
    "CALL {kinn} {kinmob} FIRST",
]
# A drop that failed: its note says why.
DRIVER_FAILED = ["no answer, rang {mob} no reply. card left", "pt in hosp per {rel}, nothing left",
                 "NO ACCESS - gate locked", "{kinn} rang to cancel, {ptg} in {hosp}"]
# Who signed for a delivery ("Signed For"): the patient, a relative, a carer, or nobody.
SIGNED = ["{pt}", "{kin}", "{carer}", "{kinn}", "left in porch", "n/s"]
# The visit log's "Reason for visit", typed by a call handler.
REASON = [
    "{pts} rang - conc alarming, red light on",
    "{kin} called at {time}: cylinder empty and no spare!",
    "annual service due",
    "Breakdown: no flow from {item}. pt on backup cyl. tel {mob}",
    "NOK {kinn} {kinmob} reports humming noise from conc",
    "Removal - pt passed away {date}. ring {rel} {kinn} to arrange",
    "removal, no longer required per {nurse}",
    "{nursen} requests install of {item} at {flow}, discharge from {ward} tomorrow",
    "power cut, conc off. {ptg} worried - call {land}",
    "{carer} says mask leaking, {ptg} not sleeping",
    "safety check after fire service visit, contact {pt} on {land}",
    "tubing split - reported by {pt} ({dob})",
    "URGENT {pt} NHS {num} home from {hosp} today, needs {item}",
    "surgery ({gpprac}) rang on behalf of {pts}: machine too loud",
    "{pt} {addr} {pc} - moving to new address, uplift and reinstall",
    "email from {nursemail}: please check {asset} setting is {set}",
    "battery not holding charge on portable, {ptg} going on holiday {date}",
    "fwd from {box} - {kin} asking why no visit yet, pls ring {kinmob}",
]
# The engineer's "Work carried out": fragments, put together by `oxygen_rows`.
ARRIVE = ["arr {time}", "{kinn} let me in", "no ans, used key safe {ks}", "pt in bed, spoke w/ {kin}",
          "{carer} there", "{ptg} out at hosp appt, {rel} in", "had to wait for {kin}", "bore da from {pts}",
          "late - stuck behind tractor outside {tn}"]
WORK = [
    "replaced {part} {partno}", "conc serviced, filters changed, o2 94% at {set}",
    "{short} {model} s/n {serial} swapped out for {asset2}", "fitted firebreaks both ends of tubing",
    "{cyl} cyls x2 exchanged", "mask and tubing replaced, leak test ok", "nff - ran 30 mins no alarm",
    "removed {item} and all consumables, back to {depot}", "installed {item} set to {set}",
    "checked setting {set} as per Rx", "new {part} fitted ({partno})", "humidifier cleaned, water chamber cracked",
    "hours 14302, due sieve beds",
]
ADVICE = ["told {ptg} no smoking w/ o2 on", "advised {pts} re candles", "showed {kin} how to use backup",
          "{kin} to ring {help} if it alarms again", "reported fire risk to {nurse} ({nursemail})",
          "spoke to {gp} surgery re Rx", "Cymraeg - {kinn} translated", "{pts} v happy, diolch"]
CLOSE = ["next service {date}", "see {job}", "{ini}", "ring {eng} re parts", "job done", "{engg} to follow up",
         "tel {switch} for ward if needed", "parts on order from {supplier}", "copy to {box}"]
# Who reported a fault ("Reported by").
REPORTED = ["{pt}", "{kin}", "{carer}", "{nurse}", "{pts} (pt)", "{kinn} - {rel}"]
# How an engineer joins fragments (one separator each), and the labels the portal's own notes carry.
SEPARATORS = [". ", " - ", ", ", "  "]
