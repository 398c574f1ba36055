"""The contacts table of `community_export.py`: patients, relatives and carers, staff and organisations, every
cell kept as pieces, so that a value the mapping's queries join into an asset or a job is planted in each record
it reaches."""

from __future__ import annotations

import community_text as tx
from clinical_export import Writer
from community_scene import Piece, Scene, landline, mobile
from community_tables import ARCHIVE, COLUMNS
from export_common import plain


class Contacts:
    """The contacts table: every cell kept as pieces, so that a joined value is planted in each record it reaches."""

    def __init__(self, scene: Scene, split: str) -> None:
        self.scene, self.split = scene, split
        self.rows: list[dict[str, list[Piece]]] = []

    def add(self, kind: str, person: tuple[str, str] | None = None, org: str = "", relation: str = "") -> str:
        s, rng = self.scene, self.scene.rng
        cid = f"C{'7' if self.split == 'dev7' else '5'}{len(self.rows) + 1:05d}"
        row: dict[str, list[Piece]] = {c: [] for c in COLUMNS["contacts"]}
        row.update(ContactID=[cid], Type=[kind], Organisation=[org], Relationship=[relation])
        if person is not None:
            g, sur = person
            upper = rng.random() < 0.3  # the legacy screen kept surnames in capitals
            row.update(Title=[rng.choice(["Mrs", "Mr", "Ms", "Miss", "Dr", ""]) if kind != "STAFF" else
                              rng.choice(["Sister", "Dr", "", "", "Nurse"])],
                       Forenames=[(g.lower() if rng.random() < 0.1 else g, "name", True)],
                       Surname=[(sur.upper() if upper else sur, "name", True)])
            row["Known As"] = [tx.NICKNAMES.get(g, "")]
            row["Mobile"] = [(mobile(rng), "phone", True)] if rng.random() < 0.6 else []
            if kind != "STAFF":
                pieces = s.address()
                row["Address"], row["Postcode"] = pieces[:-1], pieces[-1:]
                if rng.random() < 0.7:
                    row["Home Tel"] = [(landline(rng), "phone", True)]
                row["Email"] = s.email(person=person) if rng.random() < 0.3 else []
                if kind == "PATIENT":
                    row.update(DOB=s.dob(), **{"NHS Number": s.slot("nhs"), "Hospital No": s.slot("hosp")})
            else:
                row["Email"] = s.email(staff=True, person=person)
        else:
            row["Home Tel"] = [landline(rng)]  # a surgery's or a care home's switchboard: not personal
        # Address and Postcode were cut from one rendering: the Address piece ends with the town, not a separator.
        if row["Address"]:
            row["Address"] = [*row["Address"][:-1], str(row["Address"][-1]).rstrip(", ")]
        self.rows.append(row)
        return cid

    def find(self, cid: str) -> tuple[int, dict[str, list[Piece]]]:
        i = int(cid[2:]) - 1
        return i + 2, self.rows[i]

    def plant(self, w: Writer, cid: str, columns: list[str], rec: tuple[str, str]) -> None:
        """A joined contact's cells, planted in the record `rec` they reach."""
        row_no, row = self.find(cid)
        for column in columns:
            if row[column]:
                w.cell(row[column], f"{ARCHIVE}/contacts.csv", row_no, column, rec)

    def phone(self, cid: str) -> str | None:
        """Which column the query's `coalesce(Mobile, Home Tel)` takes."""
        _, row = self.find(cid)
        return "Mobile" if row["Mobile"] else "Home Tel" if row["Home Tel"] else None

    def table(self) -> list[dict[str, str]]:
        return [{c: plain(v) for c, v in row.items()} for row in self.rows]
