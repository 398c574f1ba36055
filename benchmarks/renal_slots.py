"""The slots of `renal_export.py`'s phrasing (`renal_text`): each `{slot}` of a template becomes planted pieces
(personal values, marked for the truth), kept reference values or plain text, from the scene (`renal_scene`).

Personal: {pt} (the patient, full forms) {pts} (title and surname) {ptg} (given name or nickname) {kin} (a relative
with the relation word) {kinn} {kinmob} {kinmail} {carer} {nurse} {nursemail} {tech} (another technician) {ini}
(the writer's initials) {mob} {land} {mail} {addr} (the home's lines planted, the town not) {pc} {ks} {ksx} (a
"C1234X" code) {w3w} {hosp} (a hospital number) {num} (NHS or H&C number) {dob} {spec} (a patient's specimen number)
{op} (a POCT operator ID) {staffid} (a payroll number) {opname} (the operator by name) {login} {access} (an access
note, itself a template). Kept: {asset} {serial} {maker} {short} {model} {item} {unit} {ward} {wsid} (a water-quality
sample ID) {rd} (a chlorine, TVC or endotoxin reading) {err} {ver} {partno} {date} {help} {box} {title}; plain: {part}
{bay}."""

from __future__ import annotations

from collections.abc import Callable

import renal_kit as kx
import renal_text
from export_common import Piece, mine, n, ref
from renal_scene import Scene


def slot(sc: Scene, key: str) -> list[Piece]:
    """A `{slot}`'s pieces: planted personal values, kept reference values or plain text."""
    rng, v, a = sc.rng, sc.v, sc.asset
    table: dict[str, Callable[[], list[Piece]]] = {
        "pt": sc.pt, "pts": sc.pts, "ptg": sc.ptg, "kin": sc.kin, "kinn": lambda: [n(sc.relative()[0][0])],
        "kinmob": lambda: mine("phone", sc.mobile(sc.relative()[0])), "carer": sc.carer,
        "kinmail": lambda: mine("email", sc.home_email(sc.relative()[0])),
        "nursemail": lambda: mine("email", sc.staff_email(sc.nurse)),
        "nurse": lambda: sc.staff("nurse", sc.nurse), "tech": lambda: sc.staff("tech", sc.other("tech")),
        "ini": sc.initials, "mob": lambda: mine("phone", sc.mobile(sc.patient)),
        "land": lambda: mine("phone", sc.landline(sc.patient)),
        "mail": lambda: mine("email", sc.home_email(sc.patient)),
        "addr": sc.address, "pc": lambda: mine("postcode", sc.home(sc.patient)["pc"]),
        "ks": lambda: mine("keysafe", sc.keysafe()), "ksx": lambda: mine("keysafe", f"C{sc.keysafe()}X"),
        "w3w": lambda: mine("what3words", sc.home(sc.patient)["w3w"]),
        "hosp": lambda: mine("hospital_number", sc.hosp()), "num": lambda: mine("nhs", sc.number()),
        "dob": lambda: mine("dob", sc.dob()), "spec": lambda: mine("specimen", sc.specimen()),
        "op": lambda: mine("staff_id", sc.operator_id(sc.operator)),
        "staffid": lambda: mine("staff_id", sc.staff_id(sc.operator)),
        "opname": lambda: sc.staff("nurse", sc.operator), "login": lambda: mine("login", sc.login(sc.operator)),
        "access": lambda: sc.fill(rng.choice(renal_text.TEXT[sc.split]["ACCESS"])),
        # kept
        "asset": lambda: ref("asset_number", a["tag"]), "serial": lambda: ref("serial", a["serial"]),
        "maker": lambda: ref("maker", a["maker"]),
        "short": lambda: ref("maker", kx.SHORT.get(a["maker"], a["maker"])),
        "model": lambda: ref("model", a["model"]), "item": lambda: ref("device_type", a["item"]),
        "unit": lambda: ref("unit", a.get("unit") or rng.choice(v.UNITS)),
        "ward": lambda: ref("ward", rng.choice(v.WARDS)),
        "wsid": lambda: ref("water_sample", kx.water_id(rng, sc.split, sc.year)),
        "rd": lambda: ref(*kx.reading(rng, sc.split)), "err": lambda: ref("error_code", rng.choice(kx.ALARMS)),
        "ver": lambda: ref("software_version", rng.choice(kx.VERSIONS)), "part": lambda: [rng.choice(kx.PARTS)],
        "partno": lambda: ref("part_number", kx.part_number(rng, a["maker"])),
        "date": lambda: ref("date", sc.date()),
        "help": lambda: ref("helpline", rng.choice(v.HELPLINES)),
        "box": lambda: ref("role_mailbox", rng.choice(v.MAILBOXES)),
        "title": lambda: ref("job_title", rng.choice(v.JOB_TITLES)), "bay": lambda: [str(rng.randrange(1, 25))],
    }
    return list(table[key]())
