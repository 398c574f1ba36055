"""The slots of `labinv_export.py`'s phrasing families (listed in `labinv_text.py`): what each `{slot}` becomes, a
planted personal value marked for the truth or a reference value to keep, from the scene."""

from __future__ import annotations

import datetime as dt
from typing import Any

import labinv_kit as kx
import labinv_people as px
import labinv_text as tx
import labinv_vocab as vx
from export_common import Piece, digits, fill, mine, n, ref
from labinv_scene import Scene


class Slots(Scene):
    def date(self) -> str:
        d = dt.date(self.rng.randrange(2019, 2026), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        return self.rng.choice([f"{d:%d/%m}", f"{d:%d/%m/%y}", f"{d.day}/{d.month}/{d:%y}"] if self.split == "dev14"
                               else [f"{d.day} {d:%B %Y}", f"{d:%d/%m/%Y}", f"{d:%d %b %Y}"])

    def serial(self) -> str:
        rng = self.rng
        return rng.choice([f"{rng.choice(['SN', 'DE', 'US', 'CN'])}{digits(rng, 7)}",
                           f"{digits(rng, 4)}-{digits(rng, 5)}",
                           f"{rng.randrange(10, 25)}{rng.choice('ABCDEFGHJK')}{digits(rng, 6)}"])

    def lab_slot(self, other: bool = False) -> str:
        labs = [p[3] for p in self.places]
        if self.lab and not other and self.rng.random() < 0.85:
            return self.lab
        return self.rng.choice([x for x in labs if x != self.lab] or labs)

    def sala_slot(self) -> str:
        return self.sala if self.sala and self.rng.random() < 0.85 else self.rng.choice(self.es_places)[4]

    def slot(self, key: str) -> list[Piece]:
        rng, split, sc = self.rng, self.split, self
        shaped = lambda table: px.shaped(rng, rng.choice(table[split]))  # noqa: E731
        table: dict[str, Any] = {
            # UK staff
            "pi": sc.pi_form, "pif": lambda: sc.pi_form(True), "pis": lambda: [n(sc.pi[1])],
            "phd": lambda: sc.role_person("phd"), "pd": lambda: sc.role_person("pd"),
            "tech": lambda: sc.role_person("tech"), "who": lambda: sc.name(*sc.pick(rng.choice(["pd", "phd", "tech",
                                                                                              "other", "pi"]))),
            "eng": sc.engineer, "engf": lambda: [n(sc.eng[0]), " ", n(sc.eng[1])], "biz": lambda: sc.biz_pieces(sc.eng),
            "employer": lambda: ref("maker", sc.employer(sc.eng)),
            "again": sc.again, "ini": sc.initials, "mail": lambda: mine("email", sc.email(sc.last)),
            "pmail": lambda: mine("email", sc.home_email(sc.last)), "mob": lambda: mine("phone", sc.mobile(sc.last)),
            "orcid": lambda: mine("orcid", sc.known("orcid", sc.last, lambda: px.orcid(rng))),
            "staffno": lambda: mine("staff_id", sc.known("staffno", sc.last, lambda: px.staff_number(rng, split))),
            "studno": lambda: mine("student_id", sc.known("studno", sc.last, lambda: px.student_number(rng, split))),
            "emob": lambda: mine("phone", sc.mobile(sc.eng)), "engmail": lambda: mine("email", sc.eng_email(sc.eng)),
            "dsig": self.dsig, "inmob": lambda: mine("phone", sc.known("inmob", sc.last, lambda: (
                f"+91 9{digits(rng, 4)} {digits(rng, 5)}" if split == "dev14" else f"+91-9{digits(rng, 9)}"))),
            # participants
            "ppt": sc.ppt, "hosp": lambda: mine("hospital_number", sc.home(sc.participant)["hosp"]),
            "nhs": sc.nhs, "dob": lambda: mine("dob", sc.dob(sc.participant)), "addr": sc.address,
            "pc": lambda: mine("postcode", sc.home(sc.participant)["pc"]),
            "ptmob": lambda: mine("phone", sc.mobile(sc.participant)),
            "ptland": lambda: mine("phone", sc.home(sc.participant)["land"]), "kin": sc.kin,
            # Spanish staff and patients
            "es": lambda: sc.es_name(*sc.pick("tec")), "esfn": self.esfn, "esdr": sc.es_doctor,
            "esdrf": lambda: sc.es_doctor(True), "estec": lambda: sc.es_role("tec"),
            "esmob": lambda: mine("phone", sc.es_mobile(sc.last)),
            "esmail": lambda: mine("email", sc.es_email(sc.last)), "essat": self.essat,
            "essatmob": lambda: mine("phone", sc.es_mobile(sc.known("sat", "last", lambda: sc.last))),
            "espt": sc.espt, "nhc": lambda: mine("hospital_number", sc.es_home(sc.patient)["nhc"]),
            "dni": lambda: sc.es_id(False), "nie": lambda: sc.es_id(True),
            "esdob": lambda: mine("dob", sc.dob(sc.patient, spanish=True)),
            "esdir": lambda: mine("address", sc.es_home(sc.patient)["street"]),
            "cp": lambda: mine("postcode", sc.es_home(sc.patient)["cp"]),
            "estown": lambda: ref("town", sc.es_home(sc.patient)["town"]),
            "esptmob": lambda: mine("phone", sc.es_mobile(sc.patient)), "esrel": lambda: sc.kin(spanish=True),
            # kept
            "lab": lambda: ref("lab", sc.lab_slot()), "lab2": lambda: ref("lab", sc.lab_slot(True)),
            "bldg": lambda: ref("building", sc.bldg or rng.choice(sc.places)[2]),
            "site": lambda: ref("site", rng.choice(sc.places)[0]), "sala": lambda: ref("lab", sc.sala_slot()),
            "essite": lambda: ref("site", sc.es_places[0][0]),
            "maker": lambda: ref("maker", sc.maker), "model": lambda: ref("model", sc.model),
            "dtype": lambda: ref("device_type", sc.dtype), "serial": lambda: ref("serial", sc.serial()),
            "tag": lambda: ref("asset_tag", sc.tag or rng.choice(sc.tags)),
            "tag2": lambda: ref("asset_tag", rng.choice([t for t in sc.tags if t != sc.tag] or [sc.tag])),
            "part": lambda: ref("part_number", rng.choice(kx.PARTS)), "err": lambda: ref("error_code",
                                                                                         rng.choice(kx.ERRORS)),
            "cert": lambda: ref("cal_cert", shaped(kx.CERTS)), "ukas": lambda: ref("ukas_lab", shaped(kx.UKAS)),
            "grant": lambda: ref("grant", shaped(kx.GRANTS)), "cc": lambda: ref("cost_centre",
                                                                               shaped(kx.COST_CENTRES)),
            "ticket": lambda: ref("ticket", shaped(kx.TICKETS)), "date": lambda: ref("date", sc.date()),
            "title": lambda: ref("job_title", rng.choice(vx.JOB_TITLES[split])),
            "estitle": lambda: ref("job_title", rng.choice(vx.ES_JOB_TITLES[split])),
            "epo": lambda: ref("eponym", rng.choice(vx.EPONYMS[split])),
            "esepo": lambda: ref("eponym", rng.choice(vx.ES_EPONYMS[split])),
            "ext": lambda: ref("extension", digits(rng, 4) if split == "dev14" else
                               f"{rng.randrange(2, 9)}{digits(rng, 4)}"),
            "box": lambda: ref("role_mailbox", rng.choice(vx.MAILBOXES[split])),
            "esbox": lambda: ref("role_mailbox", rng.choice(vx.ES_MAILBOXES[split])),
            "line": lambda: ref("org_phone", rng.choice(vx.LINES[split])),
            "esline": lambda: ref("org_phone", rng.choice(vx.ES_LINES[split])),
            "town": lambda: ref("town", sc.home(sc.participant)["town"]),
            "supplier": lambda: ref("supplier", rng.choice(kx.SUPPLIERS if not sc.sala else kx.ES_SUPPLIERS)),
            "study": lambda: ref("study", rng.choice(vx.STUDIES[split])),
            # plain
            "n": lambda: [str(rng.randrange(3, 25))], "cost": lambda: [f"{rng.randrange(300, 9000):,}"],
            "sent": lambda: [self.sent()], "email": self.email_text,
        }
        return table[key]()

    def esfn(self) -> list[Piece]:
        g, _ = self.pick(self.rng.choice(["tec", "doc"]))
        first = g.split()[0] if self.rng.random() < 0.5 else g
        return [n(vx.NICKNAMES[self.split].get(g, first))]

    def essat(self) -> list[Piece]:
        p = self.pick("sat")
        self._known[("sat", "last")] = p
        return self.es_name(*p)

    def dsig(self) -> list[Piece]:
        g, s = self.last = self.rng.choice(self.deva)
        return [n(g), " ", n(s)]

    def sent(self) -> str:
        d = dt.datetime(self.rng.randrange(2019, 2026), self.rng.randrange(1, 13), self.rng.randrange(1, 29),
                        self.rng.randrange(8, 18), self.rng.randrange(60))
        return f"{d:%d %B %Y %H:%M}" if self.split == "dev14" else f"{d:%a, %d %b %Y at %H:%M}"

    def fill(self, template: str, case: str = "", nested: dict[str, list[Piece]] | None = None) -> list[Piece]:
        return fill(template, self.slot, case, nested)

    def text(self, family: dict[str, list[str]], case: str = "") -> list[Piece]:
        return self.fill(self.rng.choice(family[self.split]), case)

    def email_text(self) -> list[Piece]:
        """A pasted e-mail: header lines, a body and a signature (English, or the Spanish partner's)."""
        self.engineer()
        template = self.rng.choice(tx.EMAIL[self.split])
        self.pick(self.rng.choice(["tech", "other", "phd"]))  # the one the engineer writes to
        body = self.text(tx.BODY)
        sigs = tx.SIG[self.split]
        own = sigs[1] if self.sole(self.eng) else sigs[0]
        sig = self.fill(own if template.startswith(("-----", "From:")) or self.rng.random() < 0.7 else
                        self.rng.choice(sigs[2:]))
        return self.fill(template, nested={"body": body, "sig": sig})
