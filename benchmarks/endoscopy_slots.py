"""The slots of `endoscopy_export.py`'s phrasing (`endoscopy_text`): each `{slot}` becomes planted pieces (personal
values, marked for the truth), kept reference values or plain text, from the scene (`endoscopy_scene`).

Personal: {pt} (the patient, full forms) {pts} (title and surname) {ptg} (given name or nickname) {kin} (a relative
with the relation word) {kinn} {kinmob} {endo} {nurse} {tech} (a decontamination technician) {eng} {lab} {fse} (the
row's field service engineer) {fsec} {fsem} (his or her mobile) {fsee} (e-mail) {gpname} {who} (a job title, kept,
and who holds it) {ini} (the writer's initials) {oini} (a colleague's) {sid} {login} {hosp} {num} {dob} {mob} {land}
{mail} {addr} (the home's lines planted, the town not) {pc} {init} (initials and a time as one
word, "RP1432").
Kept: {asset} {serial} {loan} (the loan scope's serial) {maker} {short} {model} {item} {washer} {room} {unit} {ward}
{hospital} {proc} {err} {partno} {rma} {sample} {tvc} {cycle} {datix} {gp} {date} {ext} {box} {help} {support}
{title}. Plain, never planted: {part} {chan} {t} (a time) {gbp} (a quote's price)."""

from __future__ import annotations

from collections.abc import Callable

import endoscopy_kit as kx
from endoscopy_scene import Scene
from export_common import Piece, mine, n, ref


def slot(sc: Scene, key: str) -> list[Piece]:
    """A `{slot}`'s pieces: planted personal values, kept reference values or plain text."""
    rng, v, a, split = sc.rng, sc.v, sc.asset, sc.split
    table: dict[str, Callable[[], list[Piece]]] = {
        "pt": sc.pt, "pts": sc.pts, "ptg": sc.ptg, "kin": sc.kin, "kinn": lambda: [n(sc.relative()[0][0])],
        "kinmob": lambda: mine("phone", sc.mobile(sc.relative()[0])),
        "endo": lambda: sc.staff("endo", sc.other("endo")), "nurse": lambda: sc.staff("nurse", sc.other("nurse")),
        "tech": lambda: sc.staff("decon", sc.other("decon")), "eng": lambda: sc.staff("eng", sc.other("eng")),
        "lab": lambda: sc.staff("lab", sc.other("lab")), "fse": lambda: sc.staff("field", sc.field),
        "fsec": lambda: sc.fse_phone() if rng.random() < 0.6 else mine("email", sc.field_email(a["maker"])),
        "fsem": sc.fse_phone, "fsee": lambda: mine("email", sc.field_email(a["maker"])),
        "gpname": sc.gp_name, "who": sc.titled, "ini": sc.initials, "init": sc.initials_at,
        "oini": lambda: sc.initials(sc.other(rng.choice(["decon", "decon", "nurse"]))),
        "sid": lambda: mine("staff_id", sc.staff_id(sc.other("decon"))),
        "login": lambda: mine("login", sc.login(sc.other(rng.choice(["decon", "nurse", "eng"])))),
        "hosp": lambda: mine("hospital_number", sc.hosp()),
        "num": lambda: mine("nhs" if sc.dev else "chi", sc.number()), "dob": lambda: mine("dob", sc.dob()),
        "mob": lambda: mine("phone", sc.mobile(sc.patient)), "land": lambda: mine("phone", sc.landline(sc.patient)),
        "mail": lambda: mine("email", sc.home_email(sc.patient)), "addr": sc.address, "pc": sc.postcode,
        # kept
        "asset": lambda: ref("asset_number", a["tag"]), "serial": lambda: ref("serial", a["serial"]),
        "loan": lambda: ref("serial", sc.loan or kx.serial(rng, a["maker"])),
        "maker": lambda: ref("maker", a["maker"]), "short": lambda: ref("maker", kx.SHORT.get(a["maker"], a["maker"])),
        "model": lambda: ref("model", a["model"]), "item": lambda: ref("device_type", a["item"]),
        "washer": lambda: ref("washer", rng.choice(v.WASHERS)),
        "room": lambda: ref("room", sc.room or sc.place(rng.choice(v.ROOMS))),
        "unit": lambda: ref("unit", rng.choice(v.UNITS)), "ward": lambda: ref("ward", rng.choice(v.WARDS)),
        "hospital": lambda: ref("hospital", rng.choice(v.HOSPITALS)),
        "proc": lambda: ref("procedure", rng.choice(v.PROCEDURES.get(a["item"], v.PROCEDURES[kx.GASTRO]))),
        "err": lambda: ref("error_code", kx.error(rng, a["item"])),
        "partno": lambda: ref("part_number", kx.part_number(rng, a["maker"])),
        "rma": lambda: ref("service_report", kx.rma(rng, split)),
        "sample": lambda: ref("water_sample", kx.sample_id(rng, split, sc.when.year)),
        "tvc": lambda: ref("reading", kx.tvc(rng, split, rng.random() < 0.3)),
        "cycle": lambda: ref("cycle_no", sc.cycle_ref()),
        "datix": lambda: ref("incident_no", sc.datix()),
        "gp": lambda: ref("gp_practice", sc.known("gp", sc.patient, lambda: rng.choice(v.GP_PRACTICES))),
        "date": lambda: ref("date", sc.date()), "ext": lambda: ref("extension", kx.extension(rng, split)),
        "box": lambda: ref("role_mailbox", rng.choice(v.MAILBOXES)),
        "help": lambda: ref("helpline", rng.choice(v.HELPLINES)),
        "support": lambda: ref("helpline", rng.choice(kx.SUPPORT_LINES)),
        "title": lambda: ref("job_title", rng.choice(v.JOB_TITLES)),
        # plain: written, never scored
        "part": lambda: [rng.choice(kx.PARTS)], "chan": lambda: [rng.choice(kx.CHANNELS)], "t": lambda: [sc.time()],
        "gbp": lambda: [f"{rng.randrange(4, 180) * 50:,}" if sc.dev else f"{rng.randrange(4, 180) * 50}.00"],
    }
    return list(table[key]())
