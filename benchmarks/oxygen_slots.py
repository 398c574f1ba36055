"""The slots of `oxygen_export.py`'s phrasing (`oxygen_wales_text`, `oxygen_scotland_text`): each `{slot}` of a
template becomes planted pieces (personal values, marked for the truth) or kept reference values, from the scene.

Personal: {pt} (the patient, full forms) {pts} (title and surname) {ptg} (given name or nickname) {kin} (a relative
with the relation word) {kinn} (their given name) {rel} (the relation word, not planted) {kinmob} {kinmail}
{carer} (a paid carer by role word) {nurse} (by role word) {nursen} (full name) {nursemail} {gp} (the GP by name)
{eng} {engg} (another engineer; given name) {drv} {drvg} (a driver; given name) {ini} (the writer's initials)
{mob} {land} {mail} {addr} (the home on one line: its lines planted, village and town not) {street} (its first line)
{pc} {ks} (key safe) {door} (door entry code) {num} (NHS or CHI number) {dob}.
Kept: {asset} {asset2} {job} {serial} {maker} {short} (the maker as engineers type it) {model} {item} {set} (the
device's flow rate or pressure) {flow} {cyl} (cylinder size) {part} {partno} {date} {time} {hosp} {ward} {gpprac}
{depot} {box} (role mailbox) {help} (the supplier's helpline) {switch} (a switchboard) {tn} (a town, not a home's)
{board} {supplier}."""

from __future__ import annotations

from collections.abc import Callable

import oxygen_kit as kx
from export_common import Piece, mine, n, ref
from oxygen_scene import Scene


def slot(sc: Scene, key: str) -> list[Piece]:
    rng, v, a = sc.rng, sc.v, sc.asset
    table: dict[str, Callable[[], list[Piece]]] = {
        "pt": sc.pt, "pts": sc.pts, "ptg": sc.ptg, "kin": sc.kin,
        "kinn": lambda: [n(sc.relative()[0][0])], "rel": lambda: [sc.relative()[1]],
        "kinmob": lambda: mine("phone", sc.mobile(sc.relative()[0])),
        "kinmail": lambda: mine("email", sc.home_email(sc.relative()[0])),
        "carer": sc.carer, "nurse": lambda: sc.staff("nurse", sc.nurse),
        "nursen": lambda: [n(sc.nurse[0]), " ", n(sc.nurse[1])],
        "nursemail": lambda: mine("email", sc.staff_email(sc.nurse)), "gp": sc.gp,
        "eng": lambda: sc.staff("eng", other(sc, "eng")), "engg": lambda: [n(other(sc, "eng")[0])],
        "drv": lambda: sc.staff("driver", rng.choice(sc.groups["driver"])),
        "drvg": lambda: [n(rng.choice(sc.groups["driver"])[0])], "ini": sc.initials,
        "mob": lambda: mine("phone", sc.mobile(sc.patient)), "land": lambda: mine("phone", sc.landline(sc.patient)),
        "mail": lambda: mine("email", sc.home_email(sc.patient)), "addr": lambda: sc.address(with_town=False),
        "street": lambda: mine("address", sc.home(sc.patient)["lines"][0]),
        "pc": lambda: mine("postcode", sc.home(sc.patient)["pc"]),
        "ks": lambda: mine("keysafe", sc.home(sc.patient)["ks"]),
        "door": lambda: mine("keysafe", sc.home(sc.patient)["door"]), "num": sc.number,
        "dob": lambda: mine("dob", sc.typed_dob()),
        # kept
        "asset": lambda: ref("asset_number", a["tag"]),
        "asset2": lambda: ref("asset_number", rng.choice([t for t in sc.tags if t != a["tag"]] or sc.tags)),
        "job": lambda: ref("job_number", rng.choice(sc.jobs[-300:])) if sc.jobs else ref("asset_number", a["tag"]),
        "serial": lambda: ref("serial", a["serial"]), "maker": lambda: ref("maker", a["maker"]),
        "short": lambda: ref("maker", kx.SHORT.get(a["maker"], a["maker"])), "model": lambda: ref("model", a["model"]),
        "item": lambda: ref("device_type", a["item"]),
        "set": lambda: ref(*a["setting"]) if a["setting"] else ["as prescribed"],
        "flow": lambda: ref("flow_rate", kx.flow(rng, sc.split)),
        "cyl": lambda: ref("cylinder_size", a.get("cyl") or rng.choice(kx.CYLINDER_SIZES)),
        "part": lambda: [rng.choice(kx.PARTS)], "partno": lambda: ref("part_number", kx.part_number(rng, a["maker"])),
        "date": lambda: ref("date", sc.date()), "time": lambda: ref("time", sc.time()),
        "hosp": lambda: ref("hospital", sc.known("hosp", sc.patient, lambda: rng.choice(v.HOSPITALS))),
        "ward": lambda: ref("ward", sc.known("ward", sc.patient, lambda: rng.choice(v.WARDS))),
        "gpprac": lambda: ref("gp_practice", sc.known("prac", sc.patient, lambda: rng.choice(v.PRACTICES))),
        "depot": lambda: ref("depot", rng.choice(v.DEPOTS)),
        "box": lambda: ref("role_mailbox", rng.choice(v.MAILBOXES)),
        "help": lambda: ref("helpline", rng.choice(v.HELPLINES)),
        "switch": lambda: ref("switchboard", rng.choice(v.SWITCHBOARDS)),
        "tn": lambda: ref("town", rng.choice(sorted(t for t in v.TOWNS if t != sc.home(sc.patient)["town"]))),
        "board": lambda: ref("health_board", v.BOARD), "supplier": lambda: ref("supplier", v.SUPPLIER),
    }
    return list(table[key]())


def other(sc: Scene, group: str) -> tuple[str, str]:
    """A colleague of the writer's group (never the writer)."""
    pool = [p for p in sc.groups[group] if p != sc.writer] or sc.groups[group]
    return sc.rng.choice(pool)
