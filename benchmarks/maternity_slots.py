"""The slots of `maternity_export.py`'s phrasing (`maternity_text`): each `{slot}` becomes planted pieces (personal
values, marked for the truth), kept reference values or plain text, from the scene (`maternity_scene`).

Personal: {pt} (the mother, full forms) {pts} (title and surname) {ptg} (given name or nickname) {nee} (with her
maiden name) {bb} (her baby) {bhosp} (the baby's hospital number, the mother's with a suffix) {bnum} (the baby's NHS or
CHI number) {bdob} {tag} (the baby's security tag) {kin} (a relative with the relation word) {kinn} {kinmob} {mw} {cmw}
{cmwc} (a community midwife and her work mobile) {who} (a job title, kept, and who holds it) {nn} {msw} {doc} {tech}
{sw} (social worker) {interp} (an interpreter with the language) {gpname} {hv} {ini} (the writer's initials) {mob}
{land} {intl} (an overseas mobile) {mail} {addr} (the home's lines planted, the town not) {pc} {ks} {hosp} {num} {dob}
{sid} {login}.
Kept: {asset} {serial} {maker} {short} {model} {item} {set} {rd} {unit} {ward} {hospital} {bed} {gp} {err} {ver}
{partno} {date} {ext} {box} {help} {support} {title}. Plain, never planted: {part} {gest} and {edd} (a gestation
and an expected date of delivery are clinical facts, nobody's identifier on their own)."""

from __future__ import annotations

from collections.abc import Callable

import maternity_kit as kx
from export_common import Piece, mine, n, ref
from maternity_scene import Scene


def _cmw_with_phone(sc: Scene) -> list[Piece]:
    p = sc.other("cmw")
    return [*sc.staff("cmw", p), " mob ", *mine("phone", sc.work_mobile(p))]


def _intl(sc: Scene) -> str:
    p = sc.patient
    code, pattern = sc.known("abroad", p, lambda: sc.rng.choice(sc.v.OVERSEAS))
    return str(sc.known("intl", p, lambda: code + " " + "".join(
        sc.rng.choice("0123456789") if c == "#" else c for c in pattern)))


def slot(sc: Scene, key: str) -> list[Piece]:
    """A `{slot}`'s pieces: planted personal values, kept reference values or plain text."""
    rng, v, a, split = sc.rng, sc.v, sc.asset, sc.split
    table: dict[str, Callable[[], list[Piece]]] = {
        "pt": sc.pt, "pts": sc.pts, "ptg": sc.ptg, "nee": sc.nee, "bb": sc.bb,
        "bhosp": lambda: mine("hospital_number", sc.bhosp()),
        "bnum": lambda: mine("nhs" if sc.dev else "chi", sc.bnum()), "bdob": lambda: mine("dob", sc.bdob()),
        "tag": lambda: mine("baby_tag", sc.tag()), "kin": sc.kin, "kinn": lambda: [n(sc.relative()[0][0])],
        "kinmob": lambda: mine("phone", sc.mobile(sc.relative()[0])),
        "mw": lambda: sc.staff("midwife", sc.other("midwife")), "cmw": lambda: sc.staff("cmw", sc.other("cmw")),
        "cmwc": lambda: _cmw_with_phone(sc), "nn": lambda: sc.staff("nnurse", sc.other("nnurse")),
        "msw": lambda: sc.staff("msw", sc.other("msw")), "doc": lambda: sc.staff("doctor", sc.other("doctor")),
        "tech": lambda: sc.staff("tech", sc.other("tech")),
        "sw": lambda: sc.staff("sw", sc.known("sw", sc.patient, lambda: rng.choice(sc.groups["sw"]))),
        "interp": sc.interpreter, "gpname": sc.gp_name, "who": sc.titled,
        "hv": lambda: sc.staff("hv", sc.known("hv", sc.patient, lambda: rng.choice(sc.groups["hv"]))),
        "ini": sc.initials, "mob": lambda: mine("phone", sc.mobile(sc.patient)),
        "land": lambda: mine("phone", sc.landline(sc.patient)), "intl": lambda: mine("phone", _intl(sc)),
        "mail": lambda: mine("email", sc.home_email(sc.patient)), "addr": sc.address, "pc": sc.postcode,
        "ks": lambda: mine("keysafe", sc.home(sc.patient)["ks"]),
        "hosp": lambda: mine("hospital_number", sc.hosp()),
        "num": lambda: mine("nhs" if sc.dev else "chi", sc.number()), "dob": lambda: mine("dob", sc.dob()),
        "sid": lambda: mine("staff_id", sc.staff_id(sc.other("midwife"))),
        "login": lambda: mine("login", sc.login(sc.other("midwife"))),
        # kept
        "asset": lambda: ref("asset_number", a["tag"]), "serial": lambda: ref("serial", a["serial"]),
        "maker": lambda: ref("maker", a["maker"]), "short": lambda: ref("maker", kx.SHORT.get(a["maker"], a["maker"])),
        "model": lambda: ref("model", a["model"]), "item": lambda: ref("device_type", a["item"]),
        "set": lambda: ref("setting", kx.setting(rng, split, a["item"])), "rd": lambda: ref("reading",
                                                                                           kx.reading(rng, split)),
        "unit": lambda: ref("unit", rng.choice(v.UNITS)), "ward": lambda: ref("ward", sc.ward or rng.choice(v.WARDS)),
        "hospital": lambda: ref("hospital", rng.choice(v.HOSPITALS)),
        "bed": lambda: ref("bed", sc.bed or rng.choice(v.BEDS).format(n=rng.randrange(1, 25))),
        "gp": lambda: ref("gp_practice", sc.known("gp", sc.patient, lambda: rng.choice(v.GP_PRACTICES))),
        "err": lambda: ref("error_code", kx.alarm(rng, a["item"])),
        "ver": lambda: ref("software_version", rng.choice(kx.VERSIONS)), "part": lambda: [rng.choice(kx.PARTS)],
        "partno": lambda: ref("part_number", kx.part_number(rng, a["maker"])), "date": lambda: ref("date", sc.date()),
        "ext": lambda: ref("extension", kx.extension(rng, split)),
        "box": lambda: ref("role_mailbox", rng.choice(v.MAILBOXES)),
        "help": lambda: ref("helpline", rng.choice(v.HELPLINES)),
        "support": lambda: ref("helpline", rng.choice(kx.SUPPORT_LINES)),
        "title": lambda: ref("job_title", rng.choice(v.JOB_TITLES)),
        # plain: written, never scored
        "gest": lambda: [sc.gestation()], "edd": lambda: [sc.edd()],
    }
    return list(table[key]())
