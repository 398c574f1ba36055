"""The device fleet of `incident_export.py` and the field safety notice tracker's rows: each asset under the one
notice that covers its model, grouped by notice as the Medical Devices Safety Officer keeps them; which phrasing
fits which kind of device."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import incident_kit as kx
import incident_notes as nx
import incident_vocab as vx
from clinical_export import Writer
from export_common import Piece, n, shaped
from incident_slots import Slots

END = kx.END
TRACKER = "FSN tracker"
WORKBOOK = "fsn_tracker.xlsx"
# What a template is about, by its words (the first that matches), else "any".
_FAMILIES = [("home", r"from home"), ("syringe", r"syringe"), ("defib", r"defib|resus trolley|pads"),
             ("vent", r"\bvent\b|ventilat|exhalation|expiratory"),
             ("hoist", r"sling|hoist|emergency lowering|clips"),
             ("bed", r"bed rail|side rail|mattress|bed controls|bed \{tag\}|hinge"),
             ("monitor", r"central station|telemetry|monitor \("),
             ("pump", r"pump|infus|syringe|priming|bolus|free flow|programmed|occlusion|rate corrected|drug|latch|"
                      r"door|\bline\b|leaking")]
_DEVICES = [("pump", r"infusion|syringe|feeding"), ("syringe", r"syringe"), ("home", r"home|ambulatory|feeding"),
            ("bed", r"\bbed\b"), ("hoist", r"hoist"), ("defib", r"defib|aed"), ("vent", r"ventilator|humidifier"),
            ("monitor", r"monitor|oximeter")]


def family(template: str) -> str:
    low = template.lower()
    return next((f for f, pattern in _FAMILIES if re.search(pattern, low)), "any")


def device_families(dtype: str) -> set[str]:
    low = dtype.lower()
    return {f for f, pattern in _DEVICES if re.search(pattern, low)}


def fitting(rng: random.Random, templates: list[str], dtype: str) -> str:
    """A template about this kind of device, or about any."""
    fits = device_families(dtype) | {"any"}
    return rng.choice([t for t in templates if family(t) in fits])


def day(rng: random.Random, first: int, last: int = 2025) -> dt.date:
    return min(dt.date(rng.randrange(first, last + 1), rng.randrange(1, 13), rng.randrange(1, 29)), END)


class Fleet:
    """The split's assets and the tracker's rows, every planted cell through the truth writer `w`."""

    def __init__(self, rng: random.Random, split: str, scene: Slots, w: Writer) -> None:
        self.rng, self.split, self.scene, self.w = rng, split, scene, w
        self.assets: list[dict[str, Any]] = []
        self.rows: list[dict[str, Any]] = []

    def make_assets(self, count: int) -> None:
        rng, split = self.rng, self.split
        weights = [4 if any("pump" in device_families(m[1]) for m in models) else 1 for _, models in kx.KIT]
        seen: set[str] = set()
        while len(self.assets) < count:
            tag = shaped(rng, kx.ASSET_TAG[split])
            if tag in seen:
                continue
            seen.add(tag)
            maker, models = rng.choices(kx.KIT, weights)[0]
            model, dtype, cons = rng.choice(models)
            site, town, ward = rng.choice(self.scene.wards)
            self.assets.append({"tag": tag, "maker": maker, "model": model, "dtype": dtype, "cons": cons,
                                "site": site, "town": town, "ward": ward,
                                "serial": shaped(rng, rng.choice(kx.SERIAL))})
        self.scene.tags = [a["tag"] for a in self.assets]

    def notices(self) -> list[dict[str, Any]]:
        """The notices: a maker's models split among one or two notices, each asset under the one for its model."""
        rng, split = self.rng, self.split
        by_maker: dict[str, list[str]] = {}
        for a in self.assets:
            models = by_maker.setdefault(a["maker"], [])
            if a["model"] not in models:
                models.append(a["model"])
        out: list[dict[str, Any]] = []
        refs: set[str] = set()
        for maker, models in by_maker.items():
            groups = [models] if len(models) == 1 or rng.random() < 0.5 else [models[:1], models[1:]]
            for group in groups:
                received = day(rng, 2021, 2025)
                ref = kx.fsn_ref(rng, split, received.year)
                while ref in refs:
                    ref = kx.fsn_ref(rng, split, received.year)
                refs.add(ref)
                out.append({"ref": ref, "maker": maker, "models": group, "received": received,
                            "assets": [a for a in self.assets if a["maker"] == maker and a["model"] in group]})
        out.sort(key=lambda x: (x["received"], x["ref"]))
        self.scene.notices = [x["ref"] for x in out]
        return out

    def _about(self, a: dict[str, Any]) -> None:
        sc = self.scene
        sc.maker, sc.model, sc.dtype, sc.cons, sc.tag = a["maker"], a["model"], a["dtype"], a["cons"], a["tag"]
        sc.ward, sc.site = a["ward"], a["site"]
        sc.lot = sc.udi = sc.mhra = ""

    def tracker(self, header: int) -> None:
        rng, sc, split = self.rng, self.scene, self.split
        row = header
        for notice in self.notices():
            first = notice["assets"][0]
            self._about(first)
            sc.year = notice["received"].year
            sc.after = notice["received"]
            template = fitting(rng, nx.ISSUE[split], first["dtype"])
            issue = sc.fill(template)
            asks = sc.fill(nx.ASKS[split][nx.ISSUE[split].index(template)])
            for a in sorted(notice["assets"], key=lambda x: (x["site"], x["ward"], x["tag"])):
                row += 1
                self._about(a)
                self.rows.append(self._row(row, notice, a, issue, asks))

    def _row(self, row: int, notice: dict[str, Any], a: dict[str, Any], issue: list[Piece], asks: list[Piece]
             ) -> dict[str, Any]:
        rng, sc, split = self.rng, self.scene, self.split
        rec = ("assets", a["tag"])

        def cell(column: str, pieces: list[Piece], record: tuple[str, str] = rec) -> str:
            return str(self.w.cell(pieces, f"{WORKBOOK}:{TRACKER}", row, column, record))

        def ref(column: str, kind: str, value: str, entity: str) -> str:
            return cell(column, [(value, kind, False)], (entity, value))

        done = rng.random() < 0.75
        when = min(notice["received"] + dt.timedelta(days=rng.randrange(2, 120)), END)
        ack = ""
        if rng.random() < 0.7:
            sc.pick(rng.choice(["nurse", "nurse", "senior", "hca"]))
            ack = cell("Ward acknowledgement", sc.text(nx.ACK))
        by = ""
        if done:
            r = rng.random()
            if r < 0.55:
                by = cell("Completed by", sc.name(*sc.pick("ebme")))
            elif r < 0.8:
                fse = sc.field_engineer()
                by = cell("Completed by", [*fse, f" ({sc.employer(sc.fse)} FSE)" if split == "dev15" else
                                           f" - {sc.employer(sc.fse)}"])
            else:
                sc.pick("ebme")
                by = cell("Completed by", ["EBME - " if split == "dev15" else "Clin Eng ", *sc.initials()])
        status = rng.choice([*kx.STATUS, "In use", "In use", "In service"]) if done else \
            rng.choice(["In use", "Quarantined", "Awaiting FSE", "In use"])
        return {
            "FSN ref": cell("FSN ref", [(notice["ref"], "fsn_ref", False)]),
            "Received": notice["received"],
            "Manufacturer": ref("Manufacturer", "maker", a["maker"], "manufacturers"),
            "Affected model(s)": ", ".join(notice["models"]),
            "Issue": cell("Issue", issue), "Device": ref("Device", "device_type", a["dtype"], "device_models"),
            "Model": ref("Model", "model", a["model"], "device_models"),
            "Serial no.": cell("Serial no.", [(a["serial"], "serial", False)]),
            "Asset tag": a["tag"] if rng.random() < 0.93 else a["tag"].lower(),
            "Site": ref("Site", "site", a["site"], "sites"), "Location": ref("Location", "ward", a["ward"],
                                                                             "locations"),
            "Device status": status if rng.random() < 0.9 else status.upper(),
            "Action required": cell("Action required", asks), "Ward acknowledgement": ack,
            "Completed by": by, "Date completed": when if done else "",
            "Comments": cell("Comments", sc.text(nx.COMMENTS)) if rng.random() < 0.6 else "",
        }


def reporter_name(rng: random.Random, split: str, p: tuple[str, str]) -> list[Piece]:
    """A person as the incident system stores them in its name columns."""
    g, s = p
    if split == "dev15":
        return [n(g), " ", n(s)] if rng.random() < 0.9 else [n(s.upper()), ", ", n(g)]
    return [n(s), ", ", n(g)] if rng.random() < 0.85 else [n(g), " ", n(s)]


def specialty(rng: random.Random, split: str) -> str:
    return rng.choice(vx.SPECIALTIES[split])
