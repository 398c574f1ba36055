"""The slots of `sleep_export.py`'s phrasing (`sleep_text`): each `{slot}` of a template becomes planted pieces
(personal values, marked for the truth), kept reference values or plain text, from the scene (`sleep_scene`).

Personal: {pt} (the patient, full forms) {pts} (title and surname) {ptg} (given name or nickname) {kin} (a relative
with the relation word) {kinn} (the relative's given name alone) {kinmob} {carer} {physio} (another physiologist)
{tech} {driver} {ini} (the writer's initials) {mob} {land} {mail} {addr} (the home's lines planted, the town not)
{pc} {ks} {hosp} (a hospital number) {num} (NHS or island social security number) {dob} {sid} (a staff number)
{login}. Kept: {asset} {serial} {maker} {short} {model} {item} {mask} {set} (a pressure setting) {rd} (an AHI, ODI
or Epworth reading) {use} (compliance) {unit} {ward} {gp} (a GP practice) {err} {ver} {partno} {cref} (a courier's
consignment reference) {date} {box} {help} {title}; plain: {part}."""

from __future__ import annotations

from collections.abc import Callable

import sleep_kit as kx
from export_common import Piece, mine, n, ref
from sleep_scene import Scene


def slot(sc: Scene, key: str) -> list[Piece]:
    """A `{slot}`'s pieces: planted personal values, kept reference values or plain text."""
    rng, v, a, split = sc.rng, sc.v, sc.asset, sc.split
    therapy = a.get("item") in kx.THERAPY
    table: dict[str, Callable[[], list[Piece]]] = {
        "pt": sc.pt, "pts": sc.pts, "ptg": sc.ptg, "kin": sc.kin, "kinn": lambda: [n(sc.relative()[0][0])],
        "kinmob": lambda: mine("phone", sc.mobile(sc.relative()[0])), "carer": sc.carer,
        "physio": lambda: sc.staff("physio", sc.other("physio")),
        "tech": lambda: sc.staff("tech", sc.other("tech")),
        "driver": lambda: sc.staff("driver", rng.choice(sc.groups["driver"])),
        "ini": sc.initials, "mob": lambda: mine("phone", sc.mobile(sc.patient)),
        "land": lambda: mine("phone", sc.landline(sc.patient)),
        "mail": lambda: mine("email", sc.home_email(sc.patient)),
        "addr": sc.address, "pc": lambda: mine("postcode", sc.home(sc.patient)["pc"]),
        "ks": lambda: mine("keysafe", sc.keysafe()),
        "hosp": lambda: mine("hospital_number", sc.hosp()),
        "num": lambda: mine("nhs" if sc.dev else "national_id", sc.number()),
        "dob": lambda: mine("dob", sc.dob()),
        "sid": lambda: mine("staff_id", sc.staff_id(sc.other("physio"))),
        "login": lambda: mine("login", sc.login(sc.other("physio"))),
        # kept
        "asset": lambda: ref("asset_number", a["tag"]), "serial": lambda: ref("serial", a["serial"]),
        "maker": lambda: ref("maker", a["maker"]),
        "short": lambda: ref("maker", kx.SHORT.get(a["maker"], a["maker"])),
        "model": lambda: ref("model", a["model"]), "item": lambda: ref("device_type", a["item"]),
        "mask": lambda: ref("mask", a["mask"] if therapy and rng.random() < 0.7 else kx.mask(rng, split)),
        "set": lambda: ref("setting", a["setting"] if therapy else kx.setting(rng, split, kx.APAP)),
        "rd": lambda: ref("reading", kx.reading(rng, split)), "use": lambda: ref("reading", kx.usage(rng, split)),
        "unit": lambda: ref("unit", a.get("unit") or rng.choice(v.UNITS)),
        "ward": lambda: ref("ward", rng.choice(v.WARDS)), "gp": lambda: ref("gp_practice", sc.gp()),
        "err": lambda: ref("error_code", rng.choice(kx.ALARMS)),
        "ver": lambda: ref("software_version", rng.choice(kx.VERSIONS)), "part": lambda: [rng.choice(kx.PARTS)],
        "partno": lambda: ref("part_number", kx.part_number(rng, a["maker"])),
        "cref": lambda: ref("courier_ref", kx.courier_ref(rng, split)),
        "date": lambda: ref("date", sc.date()),
        "box": lambda: ref("role_mailbox", rng.choice(v.MAILBOXES)),
        "help": lambda: ref("helpline", rng.choice(v.HELPLINES)),
        "title": lambda: ref("job_title", rng.choice(v.JOB_TITLES)),
    }
    return list(table[key]())
