"""The slots of `incident_export.py`'s phrasing families (`incident_text.py`, `incident_notes.py`): what each
`{slot}` becomes, a planted personal value marked for the truth or a reference value to keep, from the scene."""

from __future__ import annotations

import datetime as dt
from typing import Any

import incident_kit as kx
import incident_vocab as vx
from export_common import Piece, digits, fill, mine, ref, shaped
from incident_scene import Scene


class Slots(Scene):
    lot = udi = mhra = ""
    after: dt.date | None = None  # dates written are after this one (a notice's receipt, an incident's report)

    def day(self) -> dt.date:
        if self.after:
            return min(self.after + dt.timedelta(days=self.rng.randrange(1, 90)), kx.END)
        return min(dt.date(self.year, self.rng.randrange(1, 13), self.rng.randrange(1, 29)), kx.END)

    def date(self) -> str:
        d = self.day()
        return self.rng.choice([f"{d:%d/%m/%Y}", f"{d:%d/%m/%y}", f"{d.day}/{d.month}/{d:%y}"]
                               if self.split == "dev15" else [f"{d.day} {d:%B %Y}", f"{d:%d/%m/%Y}", f"{d:%d %b}"])

    def ddmm(self) -> str:
        d = self.day()
        return f"{d:%d/%m}" if self.split == "dev15" else self.rng.choice([f"{d:%d/%m}", f"{d.day}/{d.month}"])

    def time(self) -> str:
        h, m = self.rng.randrange(24), self.rng.randrange(60)
        return f"{h:02d}:{m:02d}" if self.split == "dev15" or self.rng.random() < 0.5 else f"{h:02d}.{m:02d}"

    def new_lot(self) -> str:
        return shaped(self.rng, self.rng.choice(kx.LOT[self.split]))

    def new_udi(self, lot: str) -> str:
        product = self.known("gtin", (self.maker, self.cons), lambda: kx.gtin(self.rng))
        return kx.udi(self.rng, product, lot, self.year)

    def the(self, what: str) -> str:
        """The record's lot, UDI or MHRA reference: made when a text first names it, then the same."""
        if not self.lot and what in ("lot", "udi"):
            self.lot = self.new_lot()
        if what == "udi" and not self.udi:
            self.udi = self.new_udi(self.lot)
        if what == "mhra" and not self.mhra:
            self.mhra = kx.mhra_ref(self.rng, self.year)
        return str(getattr(self, what))

    def other_ward(self) -> str:
        wards = [w for _, _, w in self.wards if w != self.ward]
        return self.rng.choice(wards)

    def fsn(self) -> str:
        return self.rng.choice(self.notices) if self.notices else shaped(self.rng, self.rng.choice(
            kx.FSN_REF[self.split]))

    def other_incident(self) -> str:
        return self.rng.choice(self.incidents[-400:]) if len(self.incidents) > 3 else shaped(
            self.rng, kx.INCIDENT_ID[self.split])

    def slot(self, key: str) -> list[Piece]:
        rng, split, sc = self.rng, self.split, self
        table: dict[str, Any] = {
            # patients and relatives
            "pt": sc.pt, "pts": sc.pts, "age": lambda: [sc.age()], "hosp": sc.hosp, "nhs": sc.nhs,
            "dob": lambda: mine("dob", sc.dob(sc.patient)), "kin": sc.kin,
            "kinmob": lambda: mine("phone", sc.mobile(sc.relative())),
            "kinmail": lambda: mine("email", sc.home_email(sc.relative())),
            "land": lambda: mine("phone", sc.home(sc.patient)["land"]),
            "addr": lambda: mine("address", sc.home(sc.patient)["street"]),
            "pc": lambda: mine("postcode", sc.home(sc.patient)["pc"]),
            "town": lambda: ref("town", sc.home(sc.patient)["town"]),
            # staff
            "nurse": lambda: sc.role_person("nurse"), "hca": lambda: sc.role_person("hca"),
            "senior": lambda: sc.role_person("senior"), "doc": sc.doctor, "who": sc.who, "given": sc.given,
            "again": sc.again, "ini": sc.initials, "meini": lambda: sc.initials(sc.reporter),
            "mail": lambda: mine("email", sc.email(sc.last)), "mymob": lambda: mine("phone", sc.mobile(sc.reporter)),
            "ebme": lambda: sc.name(*sc.pick("ebme")), "fse": sc.field_engineer,
            "fsemob": lambda: mine("phone", sc.mobile(sc.fse)), "fsemail": lambda: mine("email", sc.fse_email()),
            "hdl": lambda: sc.name(*sc.handler),
            # kept
            "ward": lambda: ref("ward", sc.ward), "ward2": lambda: ref("ward", sc.other_ward()),
            "site": lambda: ref("site", sc.site), "maker": lambda: ref("maker", sc.maker),
            "model": lambda: ref("model", sc.model), "dtype": lambda: ref("device_type", sc.dtype),
            "tag": lambda: ref("asset_tag", sc.tag),
            "tag2": lambda: ref("asset_tag", rng.choice([t for t in sc.tags if t != sc.tag] or sc.tags)),
            "lot": lambda: ref("lot", sc.the("lot")), "udi": lambda: ref("udi", sc.the("udi")),
            "err": lambda: ref("error_code", rng.choice(kx.ERRORS)),
            "sw": lambda: ref("software_version", rng.choice(kx.VERSIONS)),
            "rate": lambda: ref("setting", rng.choice(kx.RATES)), "obs": lambda: ref("setting", rng.choice(kx.OBS)),
            "sats": lambda: ref("setting", rng.choice(kx.SATS)),
            "joules": lambda: ref("setting", rng.choice(kx.JOULES)),
            "mhra": lambda: ref("mhra_ref", sc.the("mhra")),
            "fsn": lambda: ref("fsn_ref", sc.fsn()), "inc": lambda: ref("incident_id", sc.other_incident()),
            "committee": lambda: ref("committee", rng.choice(vx.COMMITTEES[split])),
            "title": lambda: ref("job_title", rng.choice(vx.JOB_TITLES[split]["handler"])),
            "ext": lambda: ref("extension", digits(rng, 4) if split == "dev15" else f"4{digits(rng, 4)}"),
            "bleep": lambda: ref("bleep", f"{rng.randrange(2, 10)}{digits(rng, 3)}" if split == "dev15" else
                                 f"{rng.randrange(1, 10)}{digits(rng, 2)}"),
            "box": lambda: ref("role_mailbox", rng.choice(vx.MAILBOXES[split])),
            "line": lambda: ref("org_phone", kx.LINES.get(sc.maker) or rng.choice(sorted(kx.LINES.values()))),
            "date": lambda: ref("date", sc.date()), "ddmm": lambda: ref("date", sc.ddmm()),
            "time": lambda: ref("time", sc.time()),
            "sev": lambda: ref("severity", rng.choices(kx.SEVERITY[:4], [5, 3, 2, 1])[0]),
            # plain
            "cons": lambda: [sc.cons],
        }
        return table[key]()

    def fill(self, template: str, case: str = "", nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
        return fill(template, self.slot, case, nested)

    def text(self, family: dict[str, list[str]], case: str = "") -> list[Piece]:
        return self.fill(self.rng.choice(family[self.split]), case)
