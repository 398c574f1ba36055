"""The rows of `incident_export.py`'s incidents export, every cell that holds a planted value written through the
truth writer; the fleet and the tracker's rows are `incident_fleet.Fleet`'s. A reporter keeps their way of typing
(capitals, lower case or as written; a layout of the editor) and their contact details across their incidents."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import incident_html as hx
import incident_kit as kx
import incident_notes as nx
import incident_people as px
import incident_text as tx
import incident_vocab as vx
from clinical_export import Writer
from export_common import Person, Piece, groups, held_out_people
from incident_fleet import END, Fleet, fitting, reporter_name, specialty
from incident_slots import Slots

INCIDENTS = "incidents.csv"
GROUPS = {"nurse": 50, "doc": 20, "hca": 14, "senior": 8, "ebme": 8, "fse": 10, "handler": 4}
REPORTERS = {"nurse": 58, "doc": 15, "hca": 12, "senior": 15}


class Builder:
    """The split's people and scene, the truth writer, the fleet, the tracker's rows and the incidents."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.split, self.rows = split, rows
        self.rng = random.Random(f"incident-{split}-{seed}")
        self.groups = groups(held_out_people(px.people, "dev15", split, seed, rows), GROUPS, "pt", 2)
        self.scene = Slots(self.rng, split, self.groups)
        self.w = Writer()
        self.fleet = Fleet(self.rng, split, self.scene, self.w)
        self.incidents: list[dict[str, Any]] = []

    def cell(self, row: int, column: str, rec: tuple[str, str], pieces: list[Piece]) -> str:
        return str(self.w.cell(pieces, INCIDENTS, row, column, rec))

    def style(self, p: Person) -> tuple[str, str]:
        """How a reporter types: the case and the editor layout."""
        def make() -> tuple[str, str]:
            r = self.rng.random()
            case = "upper" if r < 0.14 else "lower" if r < 0.3 else ""
            return case, self.rng.choice(sorted(hx.LAYOUTS[self.split]))
        case, layout = self.scene.known("style", p, make)
        return str(case), str(layout)

    def contact(self, p: Person) -> list[Piece]:
        """What a reporter types in the contact box: an extension, a bleep, their mobile or their e-mail."""
        rng, sc, split = self.rng, self.scene, self.split
        how = sc.known("how", p, lambda: rng.choice(["ext", "ext", "ext", "bleep", "mob", "mail", ""]))
        if how == "ext":
            word = rng.choice(["Ext ", "x", "ext "] if split == "dev15" else ["ext. ", "Extension ", "tel "])
            return [word, *sc.slot("ext")]
        if how == "bleep":
            return ["Bleep " if split == "dev15" else "bleep #", *sc.slot("bleep")]
        if how == "mob":
            return [(sc.mobile(p), "phone", True)]
        if how == "mail":
            return [(sc.email(p), "email", True)]
        return [""]

    def moments(self, count: int) -> list[dt.datetime]:
        rng = self.rng
        out = []
        for _ in range(count):
            d = min(dt.date(rng.randrange(2021, 2026), rng.randrange(1, 13), rng.randrange(1, 29)), END)
            out.append(dt.datetime.combine(d, dt.time(rng.randrange(24), rng.randrange(60))))
        return sorted(out)

    def incident_rows(self, count: int) -> None:
        rng, sc, split = self.rng, self.scene, self.split
        when = self.moments(count)
        ids: list[str] = []
        number = rng.randrange(100000, 400000)
        for _ in when:
            number += rng.randrange(1, 40)
            ids.append(f"W{number:06d}" if split == "dev15" else f"INC-{number:06d}")
        for i, (number_, reported) in enumerate(zip(ids, when, strict=True)):
            sc.incidents = ids[:i]
            self.incidents.append(self.incident(i + 2, number_, reported))

    def incident(self, row: int, number: str, reported: dt.datetime) -> dict[str, Any]:
        rng, sc, split = self.rng, self.scene, self.split
        rec = ("jobs", number)
        asset = rng.choice(self.fleet.assets)
        sc.maker, sc.model, sc.dtype, sc.cons, sc.tag = (asset["maker"], asset["model"], asset["dtype"],
                                                         asset["cons"], asset["tag"])
        sc.site, _, sc.ward = asset["site"], asset["town"], asset["ward"]
        if rng.random() < 0.2:  # the device had moved
            sc.site, _, sc.ward = rng.choice(sc.wards)
        sc.year = reported.year
        group = rng.choices(list(REPORTERS), list(REPORTERS.values()))[0]
        reporter = sc.reporter = sc.pick(group)
        sc.patient = rng.choice(self.groups["pt"])
        sc.handler = rng.choice(self.groups["handler"])
        severity = rng.choices(kx.SEVERITY, kx.SEVERITY_WEIGHTS)[0]
        candour = severity in ("Moderate", "Severe", "Death")
        sc.lot = sc.new_lot() if rng.random() < 0.5 else ""
        sc.udi = sc.new_udi(sc.lot) if sc.lot and rng.random() < 0.6 else ""
        sc.mhra = kx.mhra_ref(rng, reported.year) if candour or rng.random() < 0.12 else ""
        encode = reported.year <= 2022 or rng.random() < 0.25  # the older editor escaped apostrophes and quotes
        case, layout_name = self.style(reporter)
        layout = hx.LAYOUTS[split][layout_name]

        def narrative(column: str, templates: list[str], how: str, lay: hx.Layout) -> str:
            return self.cell(row, column, rec, hx.html(sc.fill(fitting(rng, templates, sc.dtype), how), lay, encode))

        sc.after = None
        description = narrative("Description", tx.DESC[split], case, layout)
        action = narrative("Immediate action taken", tx.ACTION[split], case, layout) if rng.random() < 0.85 else ""
        reviewed = rng.random() < 0.85 or candour
        findings = ""
        if reviewed:
            sc.after = reported.date()
            pieces = sc.fill(fitting(rng, nx.FINDINGS[split], sc.dtype))
            if candour and rng.random() < 0.85:
                pieces += ["\n\n", *sc.fill(rng.choice(nx.CANDOUR[split]))]
            findings = self.cell(row, "Investigation findings", rec, hx.html(
                pieces, hx.LAYOUTS[split][hx.HANDLER_LAYOUT[split]], encode))
        closing = reported.date() + dt.timedelta(days=rng.randrange(1, 150))
        closed_on = None if not reviewed or rng.random() < 0.15 or closing > END else closing
        r = rng.random()
        modifier: list[Piece] = [(sc.login(sc.handler), "login", True)] if r < 0.6 else \
            [(sc.login(reporter), "login", True)] if r < 0.85 else [rng.choice(["datix.sync", "svc_import",
                                                                                "SYSTEM"])]
        occurred = reported - dt.timedelta(days=rng.choice([0, 0, 0, 1, 2]), hours=rng.randrange(0, 6))
        category = rng.choice(list(kx.CATEGORY))
        title = sc.known("jobtitle", reporter, lambda: rng.choice(vx.JOB_TITLES[split][group]))
        return {
            "Incident ID": number, "Reported": f"{reported:%d/%m/%Y %H:%M}", "Incident date": f"{occurred:%d/%m/%Y}",
            "Location": self.cell(row, "Location", rec, [(sc.ward, "ward", False)]),
            "Specialty": specialty(rng, split), "Category": category if rng.random() < 0.9 else category.upper(),
            "Reporter": self.cell(row, "Reporter", rec, reporter_name(rng, split, reporter)),
            "Reporter job title": self.cell(row, "Reporter job title", ("contacts", title), [(title, "job_title",
                                                                                              False)]),
            "Reporter contact": self.cell(row, "Reporter contact", rec, self.contact(reporter)),
            "Handler": self.cell(row, "Handler", rec, reporter_name(rng, split, sc.handler)),
            "Device type": self.cell(row, "Device type", rec, [(sc.dtype, "device_type", False)]),
            "Manufacturer": sc.maker, "Model": sc.model, "Serial number": asset["serial"],
            "Asset tag": sc.tag if rng.random() < 0.92 else sc.tag.lower(),
            "Lot / batch": self.cell(row, "Lot / batch", rec, [(sc.lot, "lot", False)]) if sc.lot else "",
            "UDI": self.cell(row, "UDI", rec, [(sc.udi, "udi", False)]) if sc.udi else "",
            "Severity": self.cell(row, "Severity", rec, [(severity, "severity", False)]),
            "Description": description, "Immediate action taken": action, "Investigation findings": findings,
            "MHRA reference": self.cell(row, "MHRA reference", rec, [(sc.mhra, "mhra_ref", False)]) if sc.mhra else "",
            "Yellow Card": "Yes" if sc.mhra else "No",
            "Duty of candour": "Yes" if candour else rng.choice(["No", "No", "N/A"]),
            "Closed": f"{closed_on:%d/%m/%Y}" if closed_on else "",
            "Last modified by": self.cell(row, "Last modified by", rec, modifier),
        }
