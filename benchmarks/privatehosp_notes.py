"""Phrasing families of `privatehosp_export.py` for its incidents, loans, assets, pasted e-mails and phone messages,
and the words around people (roles, relations, titles), written for it alone; slots as in `privatehosp_text.py`.
"dev13" and "fresh11" share no template phrase, role word or relation word."""

from __future__ import annotations

from privatehosp_text import LOANED

INCIDENT = {
    "dev13": [
        "[electrosurgical] during {proc} pt {pt} ({mrn}) had small burn L thigh under return electrode pad. "
        "diathermy {tag} taken out of use. {cons} aware, duty of candour done",
        "[infusion|syringe] pump free flowed approx 20ml, pt {pts} obs stable throughout. reported by {nurse} "
        "(nmc {nmc})",
        "[warming] warming hose came off during case, pt {pt} temp dropped to 35.4. {cons} informed",
        "[resuscitaire|warmer] {baby} - resus heater failed at delivery, 2nd unit used, baby well. mw {nurse}",
        "[tens] tens loaned to {pt} gave a shock when lead pulled, pt rang {ward} - told to stop using it, {kin} "
        "bringing it back",
        "[ambulatory] cadd alarmed downstream occlusion at home overnight, {pt} dob {dob} came in to {ward} {date} "
        "for line check",
        "[hoist] skin tear to {pts} arm during hoist transfer {room}. {nurse}",
        "[ecg|holter] wrong pt on ecg printout - {pt}'s print had previous pts name on. {sci} raised it",
        "[mri] mri - pt {pt} {mrn} felt heating at ecg electrode site, scan stopped. {sci} hcpc {hcpc}",
        "[fetal] ctg lost contact for 12 mins in labour, {pt}, mw {nurse}. baby fine",
        "pt {pt} ({mrn}) - {dtype} packed up mid use in {room}, treatment delayed, no harm. {nurse}",
        "alarm vol turned right down on {dtype} {tag} {room}, pt {pts} obs missed for 20 mins. {nurse} (nmc {nmc})",
    ],
    "fresh11": [
        "[electrosurgical] Patient {pt} ({mrn}) sustained a superficial burn beneath the return electrode during "
        "{proc}. Generator {tag} withdrawn; {cons} informed the patient.",
        "[infusion|syringe] Approximately 20 ml over-infusion noted; patient {pts} remained stable. Reported by "
        "{nurse}, NMC PIN {nmc}.",
        "[table|light] The {epo} gave way during positioning of {pt}. No injury. {cons} notified.",
        "[warmer|resuscitaire] {baby}: the neonatal warmer failed at birth and a second warmer was used. Midwife "
        "{nurse}.",
        "[tens] Patient {pt} reports an electric shock from a loaned TENS unit and was advised to discontinue use. "
        "{kin} to return the device.",
        "[ambulatory] Home infusion pump alarmed overnight; {pt}, born {dob}, attended {ward} on {date}.",
        "[hoist] {pts} sustained a grazed forearm during a hoist transfer in {room}. {nurse}",
        "[ecg|holter] Report for {pt} printed bearing a different patient's details. Raised by {sci}.",
        "[mri] During MRI, {pt} ({mrn}) felt heat under an ECG electrode; scan abandoned. {sci}, HCPC {hcpc}.",
        "[fetal] CTG contact lost for around ten minutes while monitoring {pt}. Midwife {nurse}. Baby unharmed.",
        "The {dtype} stopped working part way through treatment of {pt} ({mrn}) in {room}; no harm but a delay. "
        "{nurse}",
        "Alarm volume on {dtype} {tag} found at minimum in {room}; observations for {pts} not recorded for twenty "
        "minutes. {nurse}, PIN {nmc}.",
    ],
}
ACTION = {
    "dev13": ["device quarantined + sent to clin eng. {maker} informed, mhra ref {mhra}",
              "no fault found testing to {std}. user training arranged w/ {nurse}",
              "lead replaced, all {ward} units checked. closed by {who}", "",
              "reported to {maker} ({desk}), unit swapped. pt told by {cons}"],
    "fresh11": ["Withdrawn from use and sent to Medical Engineering; {maker} notified, MHRA reference {mhra}.",
                "Tested to {std}; the fault could not be reproduced. Refresher training with {nurse}.",
                "New lead fitted and every unit on {ward} inspected. Signed off by {who}.", "",
                "Manufacturer ({desk}) supplied an exchange unit; {cons} spoke to the patient."],
}
LOAN = {
    "dev13": ["home after {proc}, 2/52 loan, {kin} to drop it back to main recep",
              "self pay - deposit taken at recep", "{ins} auth covers 14 days hire only - {sec} chasing ext",
              "nhs pt (choose & book) - nhs no {nhs}", "shown how to use by physio {sci}, leaflet given",
              "pt lives alone, {kin} collecting", "extended another wk per {cons}",
              "returned dirty - sent for decon. {ini}",
              "mob {ptmob} / home {ptland}", "", "", "issued out of hours from {ward} by {nurse}",
              "email confirmation to {ptmail}"],
    "fresh11": ["Discharged after {proc}; fortnight's loan. {kin} will return it to reception.",
                "Self-funding; deposit paid at reception.",
                "{ins} pre-authorisation for two weeks only; {sec} is requesting an extension.",
                "NHS-funded (e-referral), NHS number {nhs}.", "Demonstrated by {sci}; written instructions given.",
                "Patient has no one at home; {kin} will collect.",
                "Loan extended by a week on the instruction of {cons}.",
                "Came back soiled; sent for decontamination. {ini}", "Contact: mobile {ptmob}, home {ptland}.", "", "",
                "Issued from {ward} overnight by {nurse}.", "Confirmation e-mailed to {ptmail}."],
}
ASSET = {
    "dev13": ["consultant owned - belongs to {consf} (gmc {gmc}), on our ppm under agreement, not ours to condemn",
              "[" + LOANED + "] loan pool - physio", "moved from {site} {date}", "lives in {crm}, key w/ {sec}",
              "FSN {date} done, serial {serial}", "old tag {tag2}", "bought on po {po} for {cons}'s lists",
              "needs {epo} adaptor p/n {part}", "", "", ""],
    "fresh11": ["Owned by {consf} (GMC {gmc}); maintained by us under the consultant equipment agreement.",
                "[" + LOANED + "] Part of the physio loan stock.", "Transferred from {site} on {date}.",
                "Kept in {crm}; {sec} holds the key.",
                "FSN completed {date} for serial {serial}.", "Previously labelled {tag2}.",
                "Purchased on order {po} for the lists of {cons}.", "Requires the {epo} adaptor, part {part}.", "", "",
                ""],
}
# Pasted e-mails: {from} the sender in full, {body} a fault of the split, {sent} when.
EMAIL = {
    "dev13": "From: {from} <{mail}>\r\nSent: {sent}\r\nTo: {box}\r\nSubject: RE: {model} {room}\r\n\r\nHi {hi}\r\n\r\n"
             "{body}\r\n\r\nMany thanks\r\n{again}\r\n\r\n{full}\r\n{title} | {site}\r\nT: ext {ext} | M: {smob}",
    "fresh11": "On {sent}, {from} <{mail}> wrote:\n> Morning {hi},\n> {body}\n>\n> Cheers\n> {again}\n> --\n"
               "> {full}\n> {title}, {site}\n> Tel {ext} / Mob {smob}",
}
# A secretary's e-mail from the practice (signed with the consultant's name).
SEC_EMAIL = {
    "dev13": "-----Original Message-----\r\nFrom: {from} <{secmail}>\r\nSent: {sent}\r\nTo: {box}\r\n\r\n{body}"
             "\r\n\r\nKind regards\r\n{again}\r\nPA to {consf}\r\n{secmob}\r\n\r\nSent from my iPhone",
    "fresh11": "Forwarded message from {from} ({secmail}), {sent}:\n\n{body}\n\nBest wishes\n{again}\n"
               "Medical Secretary to {consf}\nDirect line {secmob}",
}
PHONE = {"dev13": "** phone msg ** {time} {date}\r\ncaller: {caller}\r\nre: {body}\r\ncall back on {num}\r\n"
                  "taken by {ini}",
         "fresh11": "TELEPHONE MESSAGE {date} at {time}\nFrom: {caller}\nRegarding: {body}\nReturn call to: {num}"
                    "\nMessage taken by: {ini}"}
# What a patient or a relative rings the department about (a loaned device).
PHONE_KIN = {"dev13": ["wants to know when someone is collecting the {dtype}", "{dtype} beeping and they cant stop it",
                       "dropping the {dtype} back at {site} recep {date}", "has lost the charger for the {dtype}",
                       "{pfn} back in hospital so the {dtype} can be picked up from {addr}"],
             "fresh11": ["Asking when the {dtype} will be collected.",
                         "The {dtype} keeps alarming and the family cannot silence it.",
                         "Will return the {dtype} to reception at {site} on {date}.",
                         "The {dtype} charger has gone missing.",
                         "{pfn} has been readmitted; the {dtype} is ready for collection at {addr}."]}
# How someone is typed into a work order's "raised by" ({g} given, {s} surname, capitals {G} {S}, {role}, {ward}).
REQUESTER = {"dev13": ["{g} {s}", "{g} on {ward}", "{S}", "{role} {s}", "{g} ({role})", "{g}/{ward}", "{s}, {g}",
                       "{g} {s}", "{g}"],
             "fresh11": ["{g} {s} ({role})", "{G} {S}", "{s} {g}", "{role} {g} {s}", "{g} {s} - {ward}", "{g} {s}"]}
# Role words before a nurse's or midwife's name (women, men).
ROLES = {"dev13": (["sister", "sn", "mw", "rn"], ["cn", "sn", "odp", "rn"]),
         "fresh11": (["Staff Nurse", "Midwife", "Theatre Practitioner", "Deputy Ward Manager"],
                     ["Charge Nurse", "Staff Nurse", "Theatre Practitioner", "Deputy Ward Manager"])}
SCI_ROLES = {"dev13": ["physio", "radiographer", "cardiac physiologist", "clinical scientist"],
             "fresh11": ["Physiotherapist", "Sonographer", "Respiratory Technologist", "Healthcare Scientist"]}
# Relatives: key -> (word, "f"/"m"/"" the relative's sex, which patients have them: "f"/"m"/"" any).
RELATIONS = {"dev13": {"husband": ("husband", "m", "f"), "wife": ("wife", "f", "m"), "daughter": ("daughter", "f", ""),
                       "mum": ("mum", "f", "")},
             "fresh11": {"son": ("son", "m", ""), "partner": ("partner", "", ""), "niece": ("niece", "f", ""),
                         "nok": ("NOK", "", "")}}
PROCEDURES = {"dev13": ["TKR", "THR", "lap chole", "ACL recon", "hip arthroscopy", "bunion op", "LSCS", "lap hernia",
                        "rotator cuff repair"],
              "fresh11": ["a knee replacement", "a hip replacement", "a laparoscopic cholecystectomy",
                          "a shoulder decompression", "a caesarean section", "carpal tunnel release",
                          "an inguinal hernia repair", "spinal fusion"]}
# What an engineer's job note is headed with (the CMMS's note types).
NOTE_TYPES = ["Engineer note", "Engineer note", "Engineer note", "Phone message", "E-mail", "Supplier visit", "Parts"]
