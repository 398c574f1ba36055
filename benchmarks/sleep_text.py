"""The phrasing of `sleep_export.py`, a family of templates per split: dev19's London sleep physiologists, EBME loan
store and portal notes (DVLA, "pt", "c/o", "d/w", "++"), fresh17's island clinical physiologists, workshop and
portal remarks (DVL/DVS, "client", "URN", "uplift", "[initials]"). `{slot}`s are `sleep_slots.slot`'s. The splits
share no template, no separator and no phrase. LOAN_DESC's templates are picked by job type (`FITS`)."""

from __future__ import annotations

TEXT: dict[str, dict[str, list[str]]] = {
    "dev19": {
        "PORTAL_NOTE": [
            "Set up {date} by {physio}. {set}, {mask}. Pt {pts} aware of DVLA duty, HGV driver",
            "{use}. Mask leak ++ - refit to {mask} booked. ring pt on {mob}",
            "Compliant. {rd} on download. {ptg} happy, {kin} says snoring gone",
            "pt {pt} (hosp no {hosp}) NOT using - c/o dry mouth, humidity up. {ini}",
            "NHS {num} DOB {dob} - address changed to {addr} {pc}, GP {gp}",
            "Carer {carer} helps with mask at night. Contact {kinmob}",
            "Rx {set}; residual {rd}. Reviewed by {title} {date}",
            "Email reports to {mail}. Ventilation queries {box}",
            "DVLA: advised not to drive until compliant ({use}). Seen with {kin}. {ini}",
            "HSAT kit back, {rd}. d/w consultant re APAP - {physio}",
        ],
        "LOAN_DESC": [
            "New fitting: {pts} DOB {dob}. Issued {model} s/n {serial}, {mask}. {set}. DVLA leaflet given",
            "Fitted {ptg} with {mask} at {unit}, {kin} present. Tel {land}",
            "Mask refit - {pt} c/o leak & sore nose bridge. Now {mask}, hosp no {hosp}",
            "Refit req from {kin} ({kinmob}): pt pulling mask off at night",
            "SD card download {model} for {pts} ({hosp}). {use}. {rd}",
            "Download + review, NHS no {num}. {rd}; emailed {box}",
            "Fault: {err} on {short} {model} s/n {serial}. Pt {pt} on spare, call {mob}",
            "{ptg} reports machine noisy, {err}. collect from {addr}, {pc}. keysafe {ks}",
            "Return of {item} {asset} from {pt}, {addr} {pc}. Collected by {driver}",
            "Pt deceased {date} - {kin} returning kit. {asset} to quarantine",
            "Returned by post, courier {cref}. HSAT {rd} - {physio}",
        ],
        "EVENT": [
            "phoned pt {mob} - no answer", "spoke to {kin}", "booked {date} {unit}",
            "SD card recvd, downloaded by {login}", "{physio} reviewed, ok", "letter to GP ({gp})", "closed {ini}",
            "rescheduled, pt on nights", "mask sent: {mask} {partno}", "MRN {hosp} checked on PAS by {ini}",
            "pt email {mail} added for AirView reports", "ward {ward} - pt admitted, kit with {kinn}",
        ],
        "STORE_NOTE": [
            "Returned from {pt} via {driver}", "Pt brought in to {ward}", "Delivered to {addr} {pc}, signed by {kin}",
            "Left with neighbour - pt {pts} out", "Tub cracked, new {part} {partno}",
            "Recall {maker} FSN - swap foam, helpline {help}",
            "courier {cref} - {driver} collecting 2pm", "keysafe {ks} used, pt in hospital",
            "{kin} dropped off at main recep, tel {kinmob}", "staff no {sid} signed out for {physio}",
        ],
        "DECON": [
            "Wiped Clinell, filter changed, {ini}", "Tub + tube discarded; decon per SOP {date}", "PAT pass, {ver}",
            "quarantine 72h then clean - {tech}", "chlor-clean {part}, bagged + tagged",
            "decon sign-off {ini} / {tech}",
        ],
        "SEP": [". ", " // ", ", "],
    },
    "fresh17": {
        "PORTAL_NOTE": [
            "Initiated {date} at {unit} - {set} via {mask}; remote monitoring on",
            "Remote check: {use}. Interface issue, {pt} to come in. Mob {mob}",
            "{rd} on titration night. {ptg} feels better; {kin} confirms",
            "Client {pt} URN {hosp} not tolerating - trial full face. [{ini}]",
            "SS no {num}, born {dob}. Moved to {addr} {pc}. Surgery: {gp}",
            "{carer} fits interface at night, NOK phone {kinmob}",
            "Prescription {set} / residual {rd} signed off by {title}",
            "Results to {mail} as requested; team inbox {box}",
            "DVL informed by client, no driving till compliant. {kin} drives meantime [{ini}]",
            "Oximetry {rd}, refer for NIV - discussed with {physio}",
        ],
        "LOAN_DESC": [
            "SET-UP: {item} {model} ({serial}) for {pt}; URN {hosp}; {mask}; {set}. Driving advice per DVS/DVL",
            "Initiation {ptg} at {unit}, accompanied by {kin}, contact {land}",
            "Interface change for {pts}: {mask} - pressure marks; URN: {hosp}",
            "{kin} rang on {kinmob}, says client removing interface in sleep",
            "Data pull {model} / client {pts} / {use} / {rd}",
            "Card data reviewed - SS {num} - {rd}; copy to {box}",
            "DEFECT {err} - {short} {model} SN {serial}; client {pt} issued loan unit; tel {mob}",
            "{ptg} says unit whistling ({err}); uplift from {addr} {pc}, key box {ks}",
            "RECALL {item} {asset} from {pt} @ {addr} {pc}; {driver} to uplift",
            "Client passed away {date}; {kin} handing back {asset}",
            "Kit back with consignment {cref}; study result {rd}; reported by {physio}",
        ],
        "EVENT": [
            "tried {mob} x2, voicemail", "discussed with {kin}", "appt {date} {unit}",
            "card rec'd, uploaded by {login}", "{physio} - reviewed", "GP letter sent to {gp}", "complete [{ini}]",
            "client off-island, rebooked", "interface posted: {mask} p/n {partno}", "URN {hosp} verified [{ini}]",
            "client e-mail {mail} registered on portal", "admitted {ward}; unit left with {kinn}",
        ],
        "STORE_NOTE": [
            "IN from {pt} - {driver} uplifted", "client dropped in at {ward}",
            "Delivered {addr} {pc}; received by {kin}",
            "no reply, card left - client {pts}", "cracked chamber, fitted {part} p/n {partno}",
            "{maker} FSN action done (support {help})", "consignment {cref}; {driver} on the 10:15 boat",
            "key box {ks}, client admitted",
            "{kin} handed in at reception ({kinmob})", "issued against employee {sid} for {physio}",
        ],
        "DECON": [
            "Clean: Tristel wipe; new filter [{ini}]", "chamber & circuit binned; SOP clean {date}",
            "EST pass; fw {ver}",
            "held 3 days before clean ~ {tech}", "{part} soaked & dried, sealed bag", "cleaned [{ini}] checked {tech}",
        ],
        "SEP": [" ; ", " ~ ", " | "],
    },
}
# The LOAN_DESC templates that fit each job type (by its place in `sleep_kit.LOAN_TYPE`): fitting, mask refit,
# download, fault, return.
FITS = {0: [0, 1], 1: [2, 3], 2: [4, 5], 3: [6, 7], 4: [8, 9, 10]}
