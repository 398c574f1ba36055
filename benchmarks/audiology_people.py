"""The patients on `audiology_export.py`'s register: dev22's register names the patient a hearing aid or radio-aid
kit is issued to in its own columns (name, hospital and NHS numbers, date of birth, the address as a multi-line cell,
postcode, phone, a child's parent or carer and school); fresh20's points at a client table (title, forename and
surname apart, H&C and hospital numbers, the date of birth as the database stores it, address lines, town, postcode,
home and mobile phones, a carer with a phone, school, GP practice and alerts), one row a patient however many devices
they have, each of its cells recorded in the truth once for every device that joins it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from export_common import Person, Piece, mine, n

if TYPE_CHECKING:
    from audiology_rows import Builder


def patient_columns(b: Builder, a: dict[str, Any], row: dict[str, Any], put: Callable[[str, list[Piece]], str]) \
        -> None:
    """dev22: the patient's columns of the register row of an issued device."""
    rng, sc = b.rng, b.scene
    p = a["patient"]
    sc.patient = p
    h = sc.home(p)
    row["pt"] = put("pt", sc.pt())
    if rng.random() < 0.85:
        row["hosp"] = put("hosp", mine("hospital_number", sc.hosp()))
    row["num"] = put("num", mine("nhs", sc.number()))
    row["dob"] = put("dob", mine("dob", sc.dob()))
    lines: list[Piece] = []
    for line in h["lines"]:
        lines += [*mine("address", line), "\n"]
    row["addr"] = put("addr", [*lines, h["town"]])
    row["pc"] = put("pc", sc.postcode())
    row["tel"] = put("tel", mine("phone", sc.mobile(p) if rng.random() < 0.6 else sc.landline(p)))
    if sc.child(p):
        row["carer"] = put("carer", [*sc.carer(), " ", *mine("phone", sc.mobile(sc.relative()[0]))])
        if a["item"] == "Radio aid kit" or rng.random() < 0.5:
            row["school"] = put("school", sc.school())


def _client_pieces(b: Builder, p: Person) -> dict[str, list[Piece]]:
    rng, sc = b.rng, b.scene
    sc.patient = p
    h = sc.home(p)
    g, s = p
    out: dict[str, list[Piece]] = {"title": [sc.title(p)], "first": [n(g)], "last": [n(s)],
                                   "num": mine("nhs", h["num"]), "dob": mine("dob", h["dob"].isoformat()),
                                   "addr1": mine("address", h["lines"][0]), "town": [h["town"]],
                                   "pc": sc.postcode(), "gp": [h["gp"]]}
    if rng.random() < 0.8:
        out["hosp"] = mine("hospital_number", sc.hosp())
    if len(h["lines"]) > 1:
        out["addr2"] = mine("address", h["lines"][1])
    if rng.random() < 0.7:
        out["tel"] = mine("phone", sc.landline(p))
    if rng.random() < 0.75:
        out["mob"] = mine("phone", sc.mobile(p))
    if sc.child(p) or rng.random() < 0.2:
        out["carer"] = sc.carer() if sc.child(p) else sc.kin()
        out["carertel"] = mine("phone", sc.mobile(sc.relative()[0]))
    if sc.child(p):
        out["school"] = sc.school()
    if rng.random() < 0.35:
        b.scene.writer = rng.choice(b.groups["admin"])
        out["alerts"] = b.scene.fill(rng.choice(b.tx["ALERT"]))
    return out


def client_row(b: Builder, a: dict[str, Any]) -> int:
    """fresh20: the client a device points at (added the first time), its cells recorded for this device."""
    from audiology_rows import COLUMNS, table_file

    p = a["patient"]
    file, cols = table_file(b.split, "client"), COLUMNS[b.split]["client"][1]
    first = p not in b.clients
    if first:
        b.clients[p] = len(b.clients) + 1
        b.pieces[p] = _client_pieces(b, p)
        b.t["client"].append({"id": b.clients[p]})
    cid = b.clients[p]
    for role, pieces in b.pieces[p].items():
        text = str(b.w.cell(pieces, file, cid, cols[role], ("assets", a["tag"])))
        if first:
            b.t["client"][-1][role] = text
    return cid
