"""The slots of `audiology_export.py`'s phrasing (`audiology_text`): each `{slot}` becomes planted pieces (personal
values, marked for the truth), kept reference values or plain text, from the scene (`audiology_scene`).

Personal: {pt} (the patient, full forms) {pts} (title and surname) {ptg} (given name or nickname) {kin} (a relative
with the relation word) {carer} (a child's parent or granny) {kinmob} {aud} {tech} {admin} {eng} (the row's
calibration engineer) {engmob} (his or her mobile) {tod} (the row's teacher of the deaf) {todmob} {gpname} {who} (a
job title, kept, and who holds it) {ini} (the writer's initials) {init} (initials and a time as one word) {login}
{sid} (a technician's HCPC or payroll number) {hosp} {num} {dob} {mob} {land} {mail} {addr} (the home's lines
planted, the town not) {pc} {school} (a child's).
Kept: {serial} {short} {aidmodel} {kitmodel} {calmodel} {std} {reading} {freq} {cert} {err} {partno} {mref}
{battery} {booth} {site} (a health centre the clinic is held in) {town} (a clinic's town) {team} {clinic} {hospital}
{room} {box} {help} {ext} {date} {charity}. Plain, never scored: {fault} {t} (a time) {packs} {gbp} {gp} (the
patient's own practice)."""

from __future__ import annotations

from collections.abc import Callable

import audiology_kit as kx
from audiology_scene import Scene
from export_common import Piece, mine, ref


def _models(kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(m, md) for m, models in kx.KIT for md, t in models if t in kinds]


def slot(sc: Scene, key: str) -> list[Piece]:
    """A `{slot}`'s pieces: planted personal values, kept reference values or plain text."""
    rng, v, a, split = sc.rng, sc.v, sc.asset, sc.split
    aid = a if a.get("item") in kx.ISSUED else None

    def model_of(kinds: tuple[str, ...]) -> list[Piece]:
        return ref("model", aid["model"] if aid and kinds == (kx.AID,) else rng.choice(_models(kinds))[1])

    def calkit() -> list[Piece]:
        maker, model = rng.choice(_models((kx.CALKIT,)))
        return [*ref("maker", kx.SHORT[maker]), " ", *ref("model", model)]
    table: dict[str, Callable[[], list[Piece]]] = {
        "pt": sc.pt, "pts": sc.pts, "ptg": sc.ptg, "kin": sc.kin, "carer": sc.carer,
        "kinmob": lambda: mine("phone", sc.mobile(sc.relative()[0])),
        "aud": lambda: sc.staff("aud", sc.other("aud")), "tech": lambda: sc.staff("tech", sc.other("tech")),
        "admin": lambda: sc.staff("admin", sc.other("admin")), "eng": lambda: sc.staff("eng", sc.eng),
        "engmob": lambda: sc.staff_phone(sc.eng), "tod": lambda: sc.staff("tod", sc.tod),
        "todmob": lambda: sc.staff_phone(sc.tod), "gpname": sc.gp_name, "who": sc.titled,
        "ini": sc.initials, "init": sc.initials_at,
        "sid": lambda: mine("staff_id", sc.staff_id(sc.other("tech"), "tech")),
        "login": lambda: mine("login", sc.login(sc.other(rng.choice(["aud", "tech", "admin"])))),
        "hosp": lambda: mine("hospital_number", sc.hosp()), "num": lambda: mine("nhs", sc.number()),
        "dob": lambda: mine("dob", sc.dob()), "mob": lambda: mine("phone", sc.mobile(sc.patient)),
        "land": lambda: mine("phone", sc.landline(sc.patient)),
        "mail": lambda: mine("email", sc.home_email(sc.patient)), "addr": sc.address, "pc": sc.postcode,
        "school": sc.school,
        # kept
        "serial": lambda: ref("serial", a["serial"]),
        "short": lambda: ref("maker", kx.SHORT.get(a["maker"], a["maker"])),
        "aidmodel": lambda: model_of((kx.AID,)), "kitmodel": lambda: model_of((kx.REM, kx.AUDIOMETER)),
        "calmodel": calkit, "std": lambda: ref("standard", rng.choice(kx.STANDARDS)),
        "reading": lambda: ref("reading", kx.reading(rng, split)),
        "freq": lambda: ref("frequency", rng.choice(kx.FREQS[split])),
        "cert": lambda: ref("cert_no", kx.cert(rng, split, sc.when.year)),
        "err": lambda: ref("error_code", kx.error(rng, a.get("item", kx.AID))),
        "partno": lambda: ref("part_number", kx.part_number(rng, a["maker"])),
        "mref": lambda: ref("service_report", kx.maker_ref(rng, split, a["maker"])),
        "battery": lambda: ref("battery", sc.battery or rng.choice(kx.BATTERIES)),
        "booth": lambda: ref("booth", rng.choice(v.BOOTHS)), "site": lambda: ref("clinic_site", rng.choice(
            v.CLINIC_SITES)), "town": lambda: ref("town", rng.choice(v.SITE_TOWNS)),
        "team": lambda: ref("team", rng.choice(v.TEAMS)), "clinic": lambda: ref("clinic", rng.choice(v.CLINICS)),
        "hospital": lambda: ref("hospital", rng.choice(v.HOSPITALS)),
        "room": lambda: ref("room", sc.place(rng.choice(v.ROOMS))),
        "box": lambda: ref("role_mailbox", rng.choice(v.MAILBOXES)),
        "help": lambda: ref("helpline", rng.choice(v.HELPLINES)), "ext": lambda: ref("extension",
                                                                                     kx.extension(rng, split)),
        "date": lambda: ref("date", sc.date()), "charity": lambda: ref("charity", rng.choice(v.CHARITIES)),
        # plain: written, never scored
        "fault": lambda: [kx.fault(rng, a.get("item", ""))], "t": lambda: [sc.time()],
        "packs": lambda: [str(rng.choice([2, 4, 6, 10]))], "gp": lambda: [sc.home(sc.patient)["gp"]],
        "gbp": lambda: [f"{rng.randrange(6, 60) * 5}.00"],
    }
    return list(table[key]())

