"""The phrasing of `renal_export.py`, a family of templates per split: dev18's English home-therapies nurses and renal
technicians, fresh16's Northern Irish domiciliary team, medical technical officers and POCT middleware. `{slot}`s are
`renal_scene.slot`'s. The two splits share no template, no separator and no phrase."""

from __future__ import annotations

TEXT: dict[str, dict[str, list[str]]] = {
    "dev18": {
        "HOME_NOTE": [
            "HHD pt {pt}, hosp no {hosp}, NHS {num}, DOB {dob}. Lives at {addr}, {pc}.",
            "Installed for {pts} ({hosp}). {kin} trained as carer, mob {kinmob}.",
            "{pt} - {addr} {pc}. Tel {land} / {mob}. {ini}",
            "Machine in spare bedroom at {ptg}'s. Partner {kinn} does the needling. email {mail}",
            "Home HD since {date}. Pt {pts} d.o.b {dob}, unit no {hosp}. Nurse: {nurse}",
            "K number {hosp} - {pt}. Carer {carer} visits am. ring {mob} before going",
            "RO plumbed into kitchen. pt {ptg} happy. NHS no {num} {ini}",
            "Queries to {nurse} ({nursemail}). Family contact {kinmail}",
        ],
        "ACCESS": [
            "keysafe {ks}", "KS code: {ks}", "key in safe by back door, {ks}", "///{w3w}",
            "w3w: {w3w} (farm track, 2nd gate)", "what3words {w3w} - keysafe {ks}", "door code #{ks}",
            "code for the gate is {ks}, dog in garden", "no keysafe - ring {kin} on {kinmob}",
        ],
        "UNIT_NOTE": [
            "Station {bay} at {unit}. SW {ver}. Last PPM {date} by {tech}",
            "Bay {bay}, {unit}. Alarm {err} logged {date}, see {box}",
            "{short} {model} on {ward}. Chair scale checked {date} {ini}",
            "Loan from {maker} - helpline {help}. {title} to sign off",
        ],
        "POCT_NOTE": [
            "Last operator {op} ({opname}) locked out {date} after QC {err}",
            "Middleware user {login}. SW {ver}. {title}: {box}",
            "Operator ID {op} recertified {date}. payroll {staffid}",
            "QC lot failed on {date}, user {login} - {err}",
        ],
        "EX_DESC": [
            "Install {item} at home of {pt}, {addr}, {pc}. Access: {access}",
            "Removal - {pts} transplanted {date}. Collect {model} + RO from {addr}. {access}",
            "Water sample {wsid}: {rd}. Plant {asset} {unit}",
            "Monthly chlorine check {wsid} {rd} - sampled at {ptg}'s by {tech}",
            "Chemical disinfection {model} ({serial}) after {err}",
            "Home visit {pt} {hosp}. Bloods taken Lab no {spec}, {land}",
            "Endotoxin + TVC {wsid} {rd}. Repeat if > action level",
        ],
        "EX_OUT": [
            "Done. {rd}. {ini}", "Completed by {tech}, {kin} present", "Pt not in - left card, rang {mob}",
            "Sample {wsid} sent to micro {date}", "Acc No {spec} sent with pt sample. {ini}",
            "{tech} fitted {part} {partno}", "Cancelled per {nurse}", "results emailed to {kinmail} and {nursemail}",
        ],
        "LOG_FAULT": [
            "{short} {model} {err} mid session, pt {pts} ({hosp}) put back on spare",
            "QC fail {err} on {model}; op {op} {login}", "{err} conductivity alarm bay {bay} {unit}",
            "Operator lock-out: {opname} (OP {op}) expired competency",
            "Spec: {spec} rejected by analyser, pt {pt}", "Scale reading wrong on {ward} chair. {nurse} reports",
        ],
        "LOG_WORK": [
            "replaced {part} {partno}, calibrated, PAT ok", "reset user {login}, recertified {date}",
            "sw updated to {ver}; tested ok", "called {maker} helpline {help}",
            "swapped probe, passed QC L1-L3 {ini}", "ran disinfect cycle. {rd}", "passed to {tech} {ini}",
        ],
        "SEP": [" / ", ". ", " -- "],
    },
    "fresh16": {
        "HOME_NOTE": [
            "Domiciliary patient: {pt} H&C {num} born {dob}, {addr} {pc}",
            "{pts} Hosp No: {hosp}; lives {addr}; home phone {land}",
            "Trained {date}, {kin} assists. Contact mobile {kinmob}. Patient email {mail}",
            "MRN {hosp} || {pt} || {pc} || RGN {nurse}",
            "Unit in the back kitchen, {ptg} dialyses nights. {carer} calls Tues/Fri. {mob}",
            "H+C no. {num} | DOB {dob} | {addr} | {pts}",
            "NOK e-mail {kinmail}; named nurse {nursemail}",
        ],
        "ACCESS": [
            "{ksx}", "gate code {ks}", "key box at oil tank, code {ks}", "What3Words: {w3w}",
            "rural - w3w ///{w3w} then lane on left", "lockbox {ks} (side door)", "{w3w} on what3words; PIN {ks}",
            "phone {kin} {kinmob} for access",
        ],
        "UNIT_NOTE": [
            "Position {bay} - {unit}; firmware {ver}; PPM {date} ({tech})",
            "{unit} chair {bay}: error {err} recurring. Escalated to {box}",
            "{model} at {ward}; scale verified {date} [{ini}]",
            "Vendor {maker}, support {help}. Responsible: {title}",
        ],
        "POCT_NOTE": [
            "Operator {op} {opname} barred {date} (QC {err})",
            "Logged in user {login}; version {ver}; queries to {box}",
            "Operator number {op} renewed {date}; staff no {staffid}",
            "Lot rejected {date} - user {login} / {err}",
        ],
        "EX_DESC": [
            "DOMICILIARY INSTALL: {item} for {pt}, {addr} {pc}. Access - {access}",
            "Decommission at {addr} ({pts}, now on PD since {date}). {access}",
            "WQ sample {wsid} result {rd}; plant {asset} at {unit}",
            "Chlorine/chloramine {wsid} = {rd}, taken in {ptg}'s kitchen by {tech}",
            "Heat/citric disinfection {model} s/n {serial} following {err}",
            "Dom check {pt} (Hosp No: {hosp}); pre-dialysis bloods, Spec: {spec}, tel {land}",
            "Endotoxin and TVC sample {wsid}: {rd}",
        ],
        "EX_OUT": [
            "Finished - {rd} [{ini}]", "{tech} attended with {kin}", "No answer, voicemail left on {mob}",
            "{wsid} to Microbiology {date}", "Lab no {spec} booked in. {ini}",
            "Fitted {part} (p/n {partno}) - {tech}", "Stood down by {nurse}", "Report to {nursemail}, copy {kinmail}",
        ],
        "LOG_FAULT": [
            "{model} {err} during treatment; {pts} Hosp No: {hosp} moved to chair {bay}",
            "QC FAILURE {err} - Operator {op} / {login}", "Conductivity {err} at position {bay}, {unit}",
            "LOCKOUT {opname} operator no {op}: training lapsed",
            "Sample {spec} for {pt} - cartridge error", "{nurse} says chair scale drifting ({ward})",
        ],
        "LOG_WORK": [
            "Changed {part} p/n {partno}; electrical safety pass", "Unlocked {login}, competency renewed {date}",
            "Upgraded firmware {ver}, functional check pass", "Logged with {maker} on {help}",
            "New cartridge, L1/L2/L3 in range [{ini}]", "Disinfected; {rd}", "Handed over to {tech} [{ini}]",
        ],
        "SEP": [" ; ", " | ", " ~ "],
    },
}
