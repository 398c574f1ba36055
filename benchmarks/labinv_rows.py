"""The rows of `labinv_export.py`'s four tables, every cell that holds a planted value written through the truth
writer: the lab manager's Inventory, Service log and Loans sheets and the Spanish partner's inventario."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import labinv_kit as kx
import labinv_people as px
import labinv_text as tx
import labinv_vocab as vx
from clinical_export import Writer
from export_common import Piece, digits, groups, n
from labinv_slots import Slots
from labinv_workbook import CSV_FILE, INVENTARIO, INVENTORY, LOANS, SERVICE, WORKBOOK, header_row

END = dt.date(2025, 11, 28)  # the export's last day: nothing after it


def day(rng: random.Random, first: int, last: int = 2025) -> dt.date:
    d = dt.date(rng.randrange(first, last + 1), rng.randrange(1, 13), rng.randrange(1, 29))
    return min(d, END)


class Builder:
    """The split's people and scene, the truth writer, and the four tables as they are built."""

    def __init__(self, split: str, rows: int, seed: int) -> None:
        self.split, self.rows = split, rows
        self.rng = random.Random(f"labinv-{split}-{seed}")
        everyone = px.split_people(split, seed, rows)
        uk, es = everyone["uk"], everyone["es"]
        uk_sizes = {"pi": 14, "pd": 20, "phd": 30, "tech": 8, "other": 10, "eng": 10}
        es_sizes = {"tec": 12, "doc": 10, "sat": 6}
        self.uk = groups(uk, uk_sizes, "ppt", 2)
        self.es = groups(es, es_sizes, "pt", 2)
        self.scene = Slots(self.rng, split, self.uk, self.es, everyone["deva"])
        self.w = Writer()
        self.tables: dict[str, list[dict[str, Any]]] = {INVENTORY: [], SERVICE: [], LOANS: [], INVENTARIO: []}
        self.assets: list[dict[str, Any]] = []  # the UK assets' scene context, for the jobs and loans
        self.duplicates = 0

    def cell(self, sheet: str, row: int, column: str, rec: tuple[str, str], pieces: list[Piece]) -> str:
        file = CSV_FILE if sheet == INVENTARIO else f"{WORKBOOK}:{sheet}"
        return str(self.w.cell(pieces, file, row, column, rec))

    def ref(self, sheet: str, row: int, column: str, kind: str, value: str, entity: str) -> str:
        return self.cell(sheet, row, column, (entity, value), [(value, kind, False)])

    def text(self, sheet: str, row: int, column: str, rec: tuple[str, str], family: dict[str, list[str]],
             share: float, case: str = "") -> str:
        if self.rng.random() >= share:
            return ""
        return self.cell(sheet, row, column, rec, self.scene.text(family, case))

    # --- the UK side ----------------------------------------------------------------------------------------
    def inventory(self, count: int) -> None:
        rng, sc, split = self.rng, self.scene, self.split
        top = header_row(split, INVENTORY)
        tags = [f"KMB-{4000 + i * 13:05d}" if split == "dev14" else f"TCTM/{i * 7 + 101:04d}" for i in range(count)]
        for i in range(count):
            if rng.random() < 0.05:  # an old numeric tag, typed as a number
                tags[i] = str(880000 + i * 3 if split == "dev14" else 5100000 + i * 11)
        sc.tags = tags
        sc.sala = ""
        for i, tag in enumerate(tags):
            row, rec = top + 1 + i, ("assets", tag)
            loanable = rng.random() < 0.15
            maker, models = rng.choice(kx.LOAN_KIT if loanable else kx.LAB_KIT)
            model, dtype = rng.choice(models)
            site, _town, bldg, lab = rng.choice(sc.places)
            sc.maker, sc.model, sc.dtype, sc.tag, sc.lab, sc.bldg = maker, model, dtype, tag, lab, bldg
            sc.pi = rng.choice(self.uk["pi"])
            self.assets.append({"tag": tag, "maker": maker, "model": model, "dtype": dtype, "lab": lab, "bldg": bldg,
                                "pi": sc.pi, "loan": loanable})
            pi = self.cell(INVENTORY, row, "PI", rec, sc.pi_form()) if rng.random() < 0.9 else ""
            contact, contact_tel = "", ""
            if rng.random() < 0.85:
                contact = self.cell(INVENTORY, row, "Day-to-day contact", rec,
                                    sc.role_person(rng.choice(["phd", "phd", "pd", "tech"])))
                r = rng.random()
                tel: list[Piece] = [(sc.mobile(sc.last), "phone", True)] if r < 0.35 else \
                    [(sc.email(sc.last), "email", True)] if r < 0.7 else [f"x{digits(rng, 4)}"] if r < 0.9 else [""]
                contact_tel = self.cell(INVENTORY, row, "Contact tel / email", rec, tel)
            provider, provider_contact = self.provider(row, rec)
            bought = day(rng, 2004, 2024)
            purchased: Any = bought if rng.random() < 0.8 else rng.choice(
                [f"{bought.year}?", f"pre {bought.year}", "", f"{bought:%b %Y}"])
            cost: Any = float(rng.randrange(150, 90000)) if rng.random() < 0.6 else rng.choice(
                ["", f"£{rng.randrange(1, 60)},{rng.randrange(100, 999)} + VAT", "donated", "?"])
            funding: list[Piece] = []
            r = rng.random()
            if r < 0.75:
                grant = ("" if r > 0.45 else px.shaped(rng, rng.choice(kx.GRANTS[split])))
                centre = px.shaped(rng, rng.choice(kx.COST_CENTRES[split])) if r > 0.3 else ""
                funding = [(grant, "grant", False)] if grant else []
                if centre:
                    funding += [" / "] if funding else []
                    funding.append((centre, "cost_centre", False))
            last = day(rng, 2021)
            cal = rng.random() < 0.35
            notes = self.notes(row, rec)
            self.tables[INVENTORY].append({
                "Asset tag": float(tag) if tag.isdigit() else tag,
                "Item": self.ref(INVENTORY, row, "Item", "device_type", dtype, "device_models"),
                "Manufacturer": self.ref(INVENTORY, row, "Manufacturer", "maker", maker, "manufacturers"),
                "Model": self.ref(INVENTORY, row, "Model", "model", model, "device_models"),
                "Serial no.": sc.serial(),
                "Site": self.ref(INVENTORY, row, "Site", "site", site, "sites"),
                "Building": self.ref(INVENTORY, row, "Building", "building", bldg, "locations"),
                "Lab / room": self.ref(INVENTORY, row, "Lab / room", "lab", lab, "locations"),
                "PI": pi, "Day-to-day contact": contact, "Contact tel / email": contact_tel,
                "Service provider": provider, "Provider contact": provider_contact,
                "Supplier": self.ref(INVENTORY, row, "Supplier", "supplier", rng.choice(kx.SUPPLIERS), "suppliers"),
                "Grant / cost centre": self.cell(INVENTORY, row, "Grant / cost centre", rec, funding),
                "Purchased": purchased, "Cost (£)": cost,
                "Status": rng.choice([*kx.STATUS, "In use", "In use", "in use", "IN USE", "?"]),
                "Last service": last if rng.random() < 0.7 else "",
                "Next service due": last + dt.timedelta(days=365) if rng.random() < 0.6 else "",
                "Cal cert no.": self.cell(INVENTORY, row, "Cal cert no.", rec, [(px.shaped(rng, rng.choice(
                    kx.CERTS[split])), "cal_cert", False)]) if cal else "",
                "Notes": notes,
            })

    def provider(self, row: int, rec: tuple[str, str]) -> tuple[str, str]:
        """Who services the asset (a company, a maker's engineer or a sole trader) and how to reach them."""
        rng, sc = self.rng, self.scene
        if rng.random() < 0.4:
            return rng.choice(kx.PROVIDERS), rng.choice(["", "", rng.choice(vx.LINES[self.split])])
        g, s = sc.eng = rng.choice(self.uk["eng"])
        r = rng.random()
        if sc.sole(sc.eng):
            who: list[Piece] = sc.name(g, s) if r < 0.45 else sc.biz_pieces(sc.eng) if r < 0.75 else \
                [f"{sc.title(sc.eng)} ", n(g), " ", n(s), " (freelance)"]
        else:
            who = sc.name(g, s) if r < 0.5 else [*sc.name(g, s), f" - {sc.employer(sc.eng)} FSE"]
        r = rng.random()
        how: list[Piece] = [(sc.mobile(sc.eng), "phone", True)] if r < 0.5 else \
            [(sc.eng_email(sc.eng), "email", True)] if r < 0.75 else \
            [(sc.mobile(sc.eng), "phone", True), " / ", (sc.eng_email(sc.eng), "email", True)] if r < 0.9 else [""]
        return (self.cell(INVENTORY, row, "Service provider", rec, who),
                self.cell(INVENTORY, row, "Provider contact", rec, how))

    def notes(self, row: int, rec: tuple[str, str]) -> str:
        rng, sc = self.rng, self.scene
        r = rng.random()
        if r < 0.25:
            return ""
        if r < 0.33:
            return self.cell(INVENTORY, row, "Notes", rec, sc.text(tx.CAPS, "upper"))
        pieces = sc.text(tx.NOTE)
        if rng.random() < 0.3:  # a second line added later
            pieces = [*pieces, "\n", *sc.text(tx.NOTE)]
        return self.cell(INVENTORY, row, "Notes", rec, pieces)

    def _about(self, asset: dict[str, Any]) -> None:
        sc = self.scene
        sc.maker, sc.model, sc.dtype, sc.tag = asset["maker"], asset["model"], asset["dtype"], asset["tag"]
        sc.lab, sc.bldg, sc.pi = asset["lab"], asset["bldg"], asset["pi"]

    def service_log(self, count: int) -> None:
        rng, sc, split = self.rng, self.scene, self.split
        visits = sorted((day(rng, 2019), i) for i in range(count))
        row = header_row(split, SERVICE)
        lab_kit = [a for a in self.assets if not a["loan"]] or self.assets
        per_year: dict[int, int] = {}
        for when, _ in visits:
            row += 1
            seq = per_year[when.year] = per_year.get(when.year, 0) + 1  # numbered afresh each year
            number = f"SL{when:%y}/{seq:03d}" if split == "dev14" else f"SVC{when:%y}-{seq:03d}"
            rec = ("jobs", number)
            asset = rng.choice(lab_kit if rng.random() < 0.9 else self.assets)
            self._about(asset)
            kind = rng.choice([*kx.JOB_TYPE, "Service", "Repair", "Calibration", "Calibration"])
            done = rng.random() < 0.82
            tag = asset["tag"]
            reporter: list[Piece] = sc.name(*sc.pick(rng.choice(["phd", "pd", "tech", "other"])))
            r = rng.random()
            if r < 0.12:
                reporter = sc.initials()
            elif r < 0.2:
                reporter = [""]
            r = rng.random()
            contact: list[Piece] = [f"x{digits(rng, 4)}"] if r < 0.4 else [(sc.mobile(sc.last), "phone", True)] \
                if r < 0.6 else [(sc.email(sc.last), "email", True)] if r < 0.75 else [""]
            if rng.random() < 0.45:
                engineer = rng.choice(kx.PROVIDERS)
            else:
                engineer = self.cell(SERVICE, row, "Engineer / company", rec, sc.engineer())
            record = {
                "Log no.": number, "Date": when,
                "Asset tag": (float(tag) if tag.isdigit() else tag.lower() if rng.random() < 0.1 else tag),
                "Item": asset["dtype"], "Type": kind if rng.random() < 0.85 else kind.lower(),
                "Reported by": self.cell(SERVICE, row, "Reported by", rec, reporter),
                "Contact": self.cell(SERVICE, row, "Contact", rec, contact),
                "Problem / reason": self.cell(SERVICE, row, "Problem / reason", rec, sc.text(tx.FAULT)),
                "Engineer / company": engineer,
                "Work done / notes": self.cell(SERVICE, row, "Work done / notes", rec, sc.text(tx.WORK))
                if done else "",
                "Cert no.": self.cell(SERVICE, row, "Cert no.", rec, [(px.shaped(rng, rng.choice(kx.CERTS[split])),
                                                                       "cal_cert", False)])
                if done and kind.lower().startswith("cal") else "",
                "Cost (£)": float(rng.randrange(40, 3000)) if rng.random() < 0.4 else "",
                "Completed": min(when + dt.timedelta(days=rng.randrange(0, 40)), END) if done else "",
            }
            self.tables[SERVICE].append(record)
            if rng.random() < 0.03:  # pasted twice
                row += 1
                self.tables[SERVICE].append(dict(record))
                self.duplicates += 1

    def loans(self, count: int) -> None:
        rng, sc, split = self.rng, self.scene, self.split
        top = header_row(split, LOANS)
        home_kit = [a for a in self.assets if a["loan"]] or self.assets
        with_ppt = [t for t in tx.LOAN[split] if "{ppt}" in t]
        without = [t for t in tx.LOAN[split] if "{ppt}" not in t]
        back_ppt = [t for t in tx.BACK[split] if "{ppt}" in t or "{kin}" in t]
        back_other = [t for t in tx.BACK[split] if t not in back_ppt]
        for k in range(count):
            row = top + 1 + k
            out = day(rng, 2020)
            number = f"L{k + 1:03d}/{out:%y}" if split == "dev14" else f"LOAN-{k + 1:04d}"
            rec = ("jobs", number)
            study = rng.random() < 0.75
            asset = rng.choice(home_kit if study else self.assets)
            self._about(asset)
            sc.participant = rng.choice(self.uk["ppt"])
            group = rng.choice(["phd", "pd", "tech"])
            borrower = sc.role_person(group)
            who = sc.last
            number_piece: list[Piece] = [""]
            if rng.random() < 0.7:
                number_piece = [(sc.known("studno", who, lambda: px.student_number(rng, split)), "student_id", True)] \
                    if group == "phd" else [(sc.known("staffno", who, lambda: px.staff_number(rng, split)), "staff_id",
                                             True)]
            r = rng.random()
            contact: list[Piece] = [(sc.mobile(who), "phone", True)] if r < 0.45 else \
                [(sc.email(who), "email", True)] if r < 0.85 else [""]
            returned = rng.random() < 0.72
            back = min(out + dt.timedelta(days=rng.randrange(3, 60)), END)
            checked: list[Piece] = sc.name(*sc.pick(rng.choice(["tech", "other"]))) if returned else [""]
            templates = back_ppt + back_other if study else back_other
            notes = self.cell(LOANS, row, "Notes", rec, sc.fill(rng.choice(templates))) \
                if rng.random() < 0.75 else ""
            self.tables[LOANS].append({
                "Loan no.": number, "Asset tag": float(asset["tag"]) if asset["tag"].isdigit() else asset["tag"],
                "Item": asset["dtype"],
                "Borrower": self.cell(LOANS, row, "Borrower", rec, borrower),
                "Staff / student no.": self.cell(LOANS, row, "Staff / student no.", rec, number_piece),
                "Borrower contact": self.cell(LOANS, row, "Borrower contact", rec, contact),
                "Purpose / participant": self.cell(LOANS, row, "Purpose / participant", rec,
                                                   sc.fill(rng.choice(with_ppt if study else without))),
                "Out": out, "Due back": out + dt.timedelta(days=rng.choice([7, 14, 28])),
                "Returned": back if returned else "",
                "Checked in by": self.cell(LOANS, row, "Checked in by", rec, checked),
                "Notes": notes,
            })

    # --- the Spanish partner --------------------------------------------------------------------------------
    def inventario(self, count: int) -> None:
        rng, sc, split = self.rng, self.scene, self.split
        sc.tags = [f"HUVE-{rng.randrange(2012, 2025)}-{i * 17 + 301:05d}" if split == "dev14" else
                   f"SR{400000 + i * 29:06d}" for i in range(count)]
        for i, tag in enumerate(sc.tags):
            row, rec = i + 2, ("assets", tag)
            maker, models = rng.choice(kx.ES_KIT)
            model, dtype = rng.choice(models)
            site, _town, bldg, service, sala = rng.choice(sc.es_places)
            sc.maker, sc.model, sc.dtype, sc.tag, sc.sala, sc.bldg, sc.lab = maker, model, dtype, tag, sala, bldg, ""
            r = rng.random()
            owner: list[Piece] = sc.es_doctor(rng.random() < 0.4) if r < 0.5 else sc.es_name(*sc.pick("tec")) \
                if r < 0.9 else [""]
            r = rng.random()
            contact: list[Piece] = [(sc.es_mobile(sc.last), "phone", True)] if r < 0.35 and owner != [""] else \
                [(sc.es_email(sc.last), "email", True)] if r < 0.65 and owner != [""] else \
                [f"ext. {digits(rng, 5)}"] if r < 0.9 else [""]
            if rng.random() < 0.5:
                sat = rng.choice(kx.ES_PROVIDERS)
            else:
                sat = self.cell(INVENTARIO, row, "Servicio técnico", rec,
                                [*sc.es_name(*sc.pick("sat")), f" ({maker})"])
            alta = day(rng, 2008, 2024)
            modified = dt.datetime.combine(day(rng, 2022), dt.time(rng.randrange(8, 20), rng.randrange(60)))
            login: list[Piece] = [(sc.es_login(rng.choice(self.es["tec"] + self.es["doc"])), "login", True)] \
                if rng.random() < 0.85 else [rng.choice(["admin", "migracion"])]
            self.tables[INVENTARIO].append({
                "Nº Inventario": tag,
                "Descripción": self.ref(INVENTARIO, row, "Descripción", "device_type", dtype, "device_models"),
                "Marca": self.ref(INVENTARIO, row, "Marca", "maker", maker, "manufacturers"),
                "Modelo": self.ref(INVENTARIO, row, "Modelo", "model", model, "device_models"),
                "Nº de serie": sc.serial(),
                "Centro": self.ref(INVENTARIO, row, "Centro", "site", site, "sites"),
                "Edificio": self.ref(INVENTARIO, row, "Edificio", "building", bldg, "locations"),
                "Servicio": self.ref(INVENTARIO, row, "Servicio", "department", service, "locations"),
                "Ubicación": self.ref(INVENTARIO, row, "Ubicación", "lab", sala, "locations"),
                "Responsable": self.cell(INVENTARIO, row, "Responsable", rec, owner),
                "Contacto": self.cell(INVENTARIO, row, "Contacto", rec, contact),
                "Servicio técnico": sat,
                "Proveedor": self.ref(INVENTARIO, row, "Proveedor", "supplier", rng.choice(kx.ES_SUPPLIERS),
                                      "suppliers"),
                "Fecha de alta": f"{alta:%d/%m/%Y}" if rng.random() < 0.85 else f"{alta.month}/{alta.year}",
                "Importe (€)": "" if rng.random() < 0.3 else
                f"{rng.randrange(200, 60000):,}".replace(",", ".") + f",{rng.choice(['00', '50', '95'])} €",
                "Estado": rng.choice([*kx.ES_STATUS, "En uso", "En uso", "EN USO"]),
                "Próxima revisión": f"{END + dt.timedelta(days=rng.randrange(20, 400)):%d/%m/%Y}"
                if rng.random() < 0.6 else "",
                "Observaciones": self.text(INVENTARIO, row, "Observaciones", rec, tx.OBS, 0.7),
                "Incidencias": self.incidents(row, rec),
                "Usuario modificación": self.cell(INVENTARIO, row, "Usuario modificación", rec, login),
                "Fecha modificación": f"{modified:%d/%m/%Y %H:%M}",
            })

    def incidents(self, row: int, rec: tuple[str, str]) -> str:
        """The asset's dated log of incidents, one a line, sometimes ending with a pasted signature."""
        rng, sc = self.rng, self.scene
        if rng.random() >= 0.7:
            return ""
        pieces: list[Piece] = []
        for when in sorted(day(rng, 2020) for _ in range(rng.choice([1, 2, 2, 3]))):
            sc.patient = rng.choice(self.es["pt"])
            stamp = f"{when:%d/%m/%Y}: " if self.split == "dev14" else f"{when:%d-%m-%Y} - "
            pieces += ["\n"] if pieces else []
            pieces += [stamp, *sc.text(tx.INC)]
        if rng.random() < 0.15:
            pieces += ["\n--\n", *sc.text(tx.FIRMA)]
        return self.cell(INVENTARIO, row, "Incidencias", rec, pieces)
