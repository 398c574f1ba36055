"""Phrasing families of `labinv_export.py`, written for it alone: templates whose `{slot}`s `labinv_scene.Scene`
fills (people and planted values marked for the truth, reference values kept).

Writers: the lab manager and the research groups' members typing the inventory's notes (`NOTE`, stickers copied in
capitals: `CAPS`), the service log's reasons (`FAULT`) and outcomes (`WORK`, pasted e-mails `EMAIL` with a `BODY`
and a signature `SIG`), the loans sheet's purpose (`LOAN`) and return notes (`BACK`); at the Spanish partner the
laboratory's technicians and doctors typing the inventory's remarks (`OBS`) and its dated log of incidents (`INC`,
a Spanish signature `FIRMA`). "dev14" (Bristol, Madrid) is typed fast in lower case with abbreviations; "fresh12"
(Newcastle, Seville, held out) in fuller sentences with its own phrasing, role words and relation words.

Slots: UK staff {pi} (a PI by title) {pis} (the PI's surname, as a group's name) {pif} (in full, with the title)
{phd} {pd} {tech} (by role word or not) {who} {eng} (a service engineer) {engf} (in full) {biz} (a sole trader's
business) {again} (the last named, short) {ini} {mail} {pmail} {mob} {orcid} {staffno} {studno} {emob} {engmail}
{dsig} (a visiting scientist named in Devanagari) {inmob}; participants {ppt} {hosp} {nhs} {dob} {addr} {pc}
{ptmob} {ptland} {kin}; Spanish staff {es} {esfn} {esdr} (title and first surname) {esdrf} {estec} {esmob}
{esmail} {essat} {essatmob}; Spanish patients {espt} {nhc} {dni} {nie} {esdob} {esdir} {cp} {esptmob} {esrel};
kept {lab} {lab2} {bldg} {site} {sala} {essite} {maker} {model} {dtype} {serial} {tag} {tag2} {part} {err} {cert}
{ukas} {grant} {cc} {ticket} {date} {title} {estitle} {epo} {esepo} {ext} {box} {esbox} {line} {esline} {town}
{estown} {supplier} {study} {employer} (a field engineer's maker); plain {n} {cost} {sent}; nested {email} (a
pasted e-mail) with its {body} and {sig}.
"""

from __future__ import annotations

NOTE = {
    "dev14": [
        "bought on {grant} ({pi}'s group), cc {cc}. {phd} is main user",
        "rotor cert exp {date} - ask {tech} x{ext} before using. do NOT move to {lab2}",
        "shared w/ {pis} lab. booking via {box}",
        "cal by {eng} ({emob}) yearly, cert {cert}, {ukas}",
        "lives in {lab} next to the {epo}s. key w/ {who}",
        "{phd} (student no {studno}) took it home over xmas?? back {date}",
        "pi {pi} orcid {orcid} - on the final report for {grant}",
        "door seal replaced ({part}) - see service log. {ini}",
        "alarm rings {who}'s mobile {mob} out of hours",
        "no radioactive work in this one!! {tech}",
        "moved from {lab2} to {lab} {date}, {again} helped",
        "users: {phd}, {pd}, {who}. induction by the {title}",
        "old tag {tag2}. serial on back plate {serial}",
        "warranty via {supplier}? ask {mail}",
        "faults: {maker} service line {line} or email {box}",
        "disposal form signed by {who} (staff no {staffno}), not collected yet",
        "{dtype} for the {epo} practicals, ask {again} first",
        "if it alarms ring {who} {mob} or {pmail}",
        "lid cracked, {tech} says its fine. {ini} {date}",
        "{pi} wants it kept for the {study} samples - do not lend",
        "data pc login on the side, ask {pd}",
        "bought by {pif} (orcid {orcid}) on {grant}",
        "",
        "see {ticket}",
    ],
    "fresh12": [
        "Purchased from grant {grant} for the {pis} group (cost centre {cc}). Primary user: {phd}.",
        "Located in {lab}, {bldg}. Please speak to {tech} (extension {ext}) before relocating it.",
        "Annual calibration by {eng}, mobile {emob}; last certificate {cert}, {ukas}.",
        "Principal investigator {pi}, ORCID iD {orcid}. Listed as an asset on the award's final report.",
        "Doctoral researcher {phd} (matriculation number {studno}) keeps the daily log.",
        "The out-of-hours alarm is routed to {who} on {mob}.",
        "Replacement gasket fitted, part number {part}. Initialled {ini} on {date}.",
        "Not to be used with Category 3 organisms. Queries to {box}.",
        "Previously asset {tag2}; the maker's plate reads serial {serial}.",
        "For faults telephone the {maker} helpdesk on {line}, quoting the serial number.",
        "Training is given by the {title}; current users are {pd} and {phd}.",
        "Used alongside the {epo} for the teaching practicals; bookings through {mail}.",
        "Awaiting disposal paperwork, signed by {who} (payroll number {staffno}).",
        "Transferred from {lab2} on {date} with help from {again}.",
        "The lid hinge is cracked; {tech} considers it safe for the time being.",
        "For anything urgent {again} can be reached at {pmail}.",
        "Reserved by {pi} for the {study} cohort samples and not available for loan.",
        "Supplied by {supplier} with a two-year warranty.",
        "The acquisition PC is password protected; {pd} has the details.",
        "Funded by {grant}, held by {pif} (ORCID {orcid}).",
        "",
        "Refer to {ticket}.",
    ],
}
CAPS = {
    "dev14": ["DO NOT SWITCH OFF - {who} {mob}", "BOOK VIA {box} ONLY", "CL3 ONLY - ASK {tech}",
              "OUT OF ORDER {date} - {ini}"],
    "fresh12": ["PLEASE LEAVE RUNNING: CONTACT {who} ON {mob}", "RESERVED FOR THE {pis} GROUP",
                "FAULTY SINCE {date}, REPORTED BY {ini}", "ASK THE {title} BEFORE USE"],
}
FAULT = {
    "dev14": [
        "annual service due",
        "imbalance error {err}, {phd} ran it half loaded again",
        "wont hold temp - {who} noticed at 7am, samples moved to {lab2}",
        "{n} pipettes for yearly cal from {pis} lab",
        "PAT",
        "door wont latch, {tech} x{ext}",
        "lamp blown on the {model}, {pd} needs it for imaging fri",
        "freezer alarm all weekend - {who} rang from {mob}",
        "tube broke in rotor ({pis} group samples), decon before service. {ini}",
        "install new {dtype} in {lab}",
        "balance reading drifting, check w/ F1 weights",
        "laser wont fire - logged with {maker} {ticket}",
        "moving to {bldg} - needs requalifying",
        "error {err} on startup",
        "{phd} says display flickers",
        "fan noisy, {who} thinks bearing. {mail}",
        "{pi} asked for it to be checked before the {study} visits",
        "cal check",
    ],
    "fresh12": [
        "Routine annual service.",
        "Stopped mid-run showing {err}; {phd} reports the load was balanced.",
        "Drifting above set point overnight; {who} moved the cultures to {lab2}.",
        "Annual calibration of {n} pipettes belonging to the {pis} group.",
        "Portable appliance test.",
        "Sash will not stay up. Reported by {tech}, extension {ext}.",
        "Mercury lamp failed on the {model}; {pd} has a deadline on Friday.",
        "Temperature alarm triggered repeatedly over the weekend; {who} was called on {mob}.",
        "Contaminated after a tube failure in the {pis} group - decontaminate before collection. Logged by {ini}.",
        "Installation and commissioning of the new {dtype} in {lab}.",
        "Readings unstable; verify against certified weights.",
        "Laser will not initialise; {ticket} opened with {maker}.",
        "Relocation to {bldg}; requalification required.",
        "Start-up fails with {err}.",
        "Intermittent display fault reported by {phd}.",
        "Grinding noise from the compressor, reported by {who} ({mail}).",
        "{pi} requests a check before the {study} recruitment restarts.",
        "Verification of calibration.",
    ],
}
WORK = {
    "dev14": [
        "serviced + passed, cert {cert}. {eng}",
        "replaced {part}, tested ok. invoice to {cc}",
        "cal ok all in spec - cert {cert} ({ukas})",
        "{email}",
        "nff. {eng} says user error, told {phd}",
        "decon cert signed {ini}, collected by {eng}",
        "quote £{cost} for new compressor - {pi} to decide, PO to follow",
        "fixed. {again} happy",
        "BER - condemned. disposal via {box}",
        "parts on order from {supplier}, eta {date}",
        "passed PAT {ini}",
        "{eng} rang from {emob}: back {date} with {part}",
        "requalified after move, {tech} signed off",
        "{email}",
    ],
    "fresh12": [
        "Service completed and passed; certificate {cert} issued by {eng}.",
        "Part {part} replaced and tested satisfactorily. Charged to cost centre {cc}.",
        "All points within tolerance; certificate {cert} under {ukas}.",
        "{email}",
        "No fault found. {eng} advised {phd} on correct use.",
        "Decontamination certificate completed by {ini}; unit collected by {eng}.",
        "Quotation of £{cost} received for a replacement compressor; awaiting a decision from {pi}.",
        "Repaired, and {again} has confirmed it is working.",
        "Beyond economic repair and condemned; disposal arranged through {box}.",
        "Parts ordered from {supplier}, expected on {date}.",
        "Passed the portable appliance test ({ini}).",
        "{eng} telephoned from {emob} and will return on {date} with part {part}.",
        "Requalified after the move and signed off by {tech}.",
        "{email}",
    ],
}
EMAIL = {
    "dev14": ["-----Original Message-----\nFrom: {engf} <{engmail}>\nSent: {sent}\nTo: {box}\nSubject: RE: {dtype} "
              "{tag}\n\n{body}\n\n{sig}",
              "pasted from email - {body}\n{sig}"],
    "fresh12": ["From: {engf}\nDate: {sent}\nSubject: Service visit {tag}\n\n{body}\n\n{sig}",
                "E-mail received from the engineer:\n{body}\n--\n{sig}"],
}
BODY = {
    "dev14": ["hi {again}, unit passed, cert attached ({cert}). next visit {date}",
              "hi, the {model} needs a new {part}, i'll order it. cheers",
              "found the fault - {err} was the door sensor, replaced and tested",
              "hiya, could {pd} be there on {date} to let me in to {lab}?"],
    "fresh12": ["Dear {again}, the unit has passed its service and certificate {cert} is attached. The next visit "
                "is due on {date}.",
                "Good afternoon, the {model} requires a replacement {part}; I have placed the order.",
                "I traced {err} to a faulty door interlock, which has been replaced and tested.",
                "Please could {pd} meet me on {date} to give access to {lab}?"],
}
SIG = {
    "dev14": ["Kind regards\n{engf}\nField Service Engineer | {employer}\nM: {emob}\nE: {engmail}\nService line {line}",
              "Thanks\n{engf}\n{biz}\nTel {emob}",
              "Best wishes,\n{pif}\n{title}\n{mail} | ext {ext}\nORCID {orcid}",
              "Regards,\n{dsig}\nVisiting Scientist, {lab}\nMob {inmob}"],
    "fresh12": ["Many thanks,\n{engf}\nService Engineer, {employer} UK & Ireland\nMobile {emob} | {engmail}\nHelpdesk: "
                "{line}",
                "Yours sincerely\n{engf}\nProprietor, {biz}\n{emob}",
                "With best regards\n{pif}\n{title}, {bldg}\nORCID iD: {orcid}\n{mail}",
                "Sincerely,\n{dsig}\nAcademic Visitor, {lab}\nWhatsApp {inmob}"],
}
LOAN = {
    "dev14": [
        "{study} home monitoring - participant {ppt}, hosp no {hosp}, NHS {nhs}, dob {dob}. courier to {addr}, {pc}",
        "lent to {pis} lab for 2 wks",
        "{study} visit 2: {ppt} ({hosp}) {ptmob}, {addr} {town} {pc}",
        "teaching practical in {lab}",
        "{ppt} dob {dob} nhs {nhs} - dropped at home, {kin} signed for it",
        "{study}: {ppt}, {hosp}. home tel {ptland}",
        "{study} pt {ppt} nhs no {nhs} dob {dob} - posted to {addr}, {town} {pc}, tel {ptmob}",
        "collect from {ppt}'s home {addr} {pc} ({kin} in after 4), hosp no {hosp}",
        "to {bldg} for {pd}'s experiment",
        "demo for open day",
    ],
    "fresh12": [
        "{study} participant {ppt} (hospital number {hosp}, NHS number {nhs}, born {dob}); delivered to {addr}, "
        "{town}, {pc}.",
        "Loaned to the {pis} group for a fortnight.",
        "{study} second visit: {ppt}, {hosp}, mobile {ptmob}. Address {addr}, {pc}.",
        "Undergraduate practical in {lab}.",
        "{ppt}, date of birth {dob}, NHS number {nhs}: handed over at home to {kin}.",
        "{study} participant {ppt} ({hosp}); landline {ptland}.",
        "{study}: {ppt}, NHS {nhs}, date of birth {dob}, sent by courier to {addr}, {pc}; mobile {ptmob}.",
        "Collection arranged from the home of {ppt} ({hosp}) at {addr}, {town}; {kin} will be in.",
        "Borrowed for an experiment in {bldg} by {pd}.",
        "Outreach event.",
    ],
}
BACK = {
    "dev14": ["returned, charged + wiped. {ini}", "{kin} dropped it at {site} reception",
              "not back - rang {ppt} on {ptmob}, left msg", "strap missing, {again} to chase", "back in {lab}",
              "data downloaded by {pd}, reset", ""],
    "fresh12": ["Returned, recharged and cleaned ({ini}).", "Brought back to the {site} main desk by {kin}.",
                "Overdue: left a voicemail for {ppt} on {ptmob}.", "Returned without its charger; {again} is "
                                                                   "following up.",
                "Back in {lab}.", "Recordings exported by {pd} and the device reset.", ""],
}
OBS = {
    "dev14": [
        "llamar a {esfn} al {esmob} si da error",
        "revisado por {esdr} el {date}",
        "avisar a enfermería antes de desconectar",
        "en {sala}, al lado de la {esepo}",
        "contrato de mantenimiento con {supplier}; SAT {esline}",
        "responsable: {estec} - {esmail}",
        "calibración externa, certificado {cert}, {ukas}",
        "proyecto {grant}, IP {esdrf}, ORCID {orcid}",
        "la clave la tiene {esfn} (ext. {ext})",
        "incidencias a {esbox}",
        "formación a cargo del {estitle}",
        "",
        "equipo cedido por {maker} para el estudio",
    ],
    "fresh12": [
        "En caso de avería contactar con {esfn} en el {esmob}.",
        "Verificado por {esdr} con fecha {date}.",
        "Comunicar a la supervisión de planta cualquier parada del equipo.",
        "Ubicado en {sala} junto al {esepo}.",
        "Mantenimiento preventivo contratado con {supplier}. Teléfono del SAT: {esline}.",
        "Persona de referencia: {estec}, correo {esmail}.",
        "Calibrado por entidad acreditada ({ukas}); certificado {cert}.",
        "Adquirido con cargo al proyecto {grant}; investigadora principal {esdrf} (ORCID {orcid}).",
        "Contraseña del software custodiada por {esfn}, extensión {ext}.",
        "Cualquier incidencia debe notificarse a {esbox}.",
        "La formación de usuarios la imparte el {estitle}.",
        "",
        "Equipo en depósito del fabricante {maker}.",
    ],
}
INC = {
    "dev14": [
        "error {err} con muestra de paciente NHC {nhc}, repetir. avisado {estec}",
        "paciente {espt}, DNI {dni}, f. nac. {esdob} - resultado no pasa al LIS, lo valida {esdr} a mano",
        "SAT {maker} cambia {part}. técnico {essat} ({essatmob})",
        "llamar a {esfn} al {esmob}",
        "fuga en la bomba, avisar a enfermería",
        "muestra de {espt} (NHC {nhc}) coagulada, nueva extracción. familia: {esrel} {esptmob}",
        "paciente extranjero NIE {nie}, domicilio {esdir}, {cp} {estown}",
        "revisado por {esdr}, ok",
        "no enciende, se avisa a {esbox}",
        "ingreso de {espt} (DNI {dni}, NHC {nhc}): el equipo no imprime, avisar a {estec}",
    ],
    "fresh12": [
        "Fallo {err} al analizar la muestra del paciente con historia {nhc}; se repite la determinación. Se informa a "
        "{estec}.",
        "Resultado de {espt} (DNI {dni}, nacido el {esdob}) sin volcar al sistema; validado manualmente por {esdr}.",
        "Visita del servicio técnico de {maker}: sustituye {part}. Técnico: {essat}, móvil {essatmob}.",
        "Contactar con {esfn} en el {esmob} para la recogida.",
        "Pérdida de líquido en el circuito; se comunica a la supervisión de planta.",
        "Muestra coagulada de {espt} (historia {nhc}). Se localiza a {esrel} en el {esptmob}.",
        "Paciente con NIE {nie}, con domicilio en {esdir}, {cp} {estown}.",
        "Comprobado por {esdr} sin incidencias.",
        "El equipo no arranca; se notifica a {esbox}.",
        "Determinación de {espt} (historia {nhc}, DNI {dni}) sin etiqueta impresa; lo resuelve {estec}.",
    ],
}
FIRMA = {
    "dev14": ["Un saludo,\n{essat}\nServicio Técnico {maker} España\nMóvil: {essatmob}\n{esbox}"],
    "fresh12": ["Atentamente,\n{esdrf}\n{estitle}\n{essite}\nTel. {esline}"],
}
# Role words before a name (a person of that group), split by the splits; relation words of participants' and
# patients' relatives, (word, sex of the relative or "" for either).
ROLES = {"dev14": {"phd": ["PhD student", "phd stud"], "pd": ["postdoc", "PDRA"], "tech": ["lab tech", "tech"],
                   "estec": ["técnico", "TEL"], "esdoc": ["supervisora", "becaria"]},
         "fresh12": {"phd": ["doctoral researcher", "PGR"], "pd": ["research fellow", "RF"],
                     "tech": ["technician", "senior technician"], "estec": ["técnica superior", "TSL"],
                     "esdoc": ["residente", "adjunta"]}}
RELATIONS = {"dev14": {"wife": ("wife", "f"), "son": ("son", "m"), "partner": ("partner", "")},
             "fresh12": {"husband": ("husband", "m"), "daughter": ("daughter", "f"), "carer": ("carer", "")}}
ES_RELATIONS = {"dev14": {"hija": ("su hija", "f"), "marido": ("el marido", "m")},
                "fresh12": {"esposa": ("esposa", "f"), "hijo": ("hijo", "m"), "nieta": ("nieta", "f")}}
# How a PhD student is marked after their name ("J. Smith (PhD)").
STUDENT_MARK = {"dev14": " (PhD)", "fresh12": " (PGR)"}
