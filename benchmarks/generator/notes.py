"""Free text as engineers and nurses type it: fault descriptions, asset notes, requesters, resolutions.

Templates hold {SLOT} markers; each slot is a function returning text and, when the text is personal, the
renderer records its exact character span, so the ground truth matches the written cell to the character.
Non-personal look-alikes (manufacturer and model names, ward names, ordinary dates, error codes) are mixed
in on purpose: they are what a recogniser wrongly flags.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from . import jobs_vocab, vocab
from .people import PeopleFactory, Person
from .truth import Cell, Span

_SLOT = re.compile(r"\{([A-Z_]+)\}")
T = TypeVar("T")


Template = tuple[str | tuple[str], ...]  # literal text, or (slot name,)
_MACROS = {"TSTAFF": ("TITLE", "STAFFFULL"), "TSURNAME": ("HONORIFIC", "SURNAME")}


def compile_template(source: str) -> Template:
    parts: list[str | tuple[str]] = []
    pos = 0
    for match in _SLOT.finditer(source):
        if match.start() > pos:
            parts.append(source[pos:match.start()])
        parts.extend((name,) for name in _MACROS.get(match.group(1), (match.group(1),)))
        pos = match.end()
    if pos < len(source):
        parts.append(source[pos:])
    return tuple(parts)


def _compile(sources: Sequence[str]) -> tuple[Template, ...]:
    return tuple(compile_template(s) for s in sources)


FAULT_PII = _compile((
    "{FAULT}. Reported by {TSTAFF} on {WARD}, {EXT}.",
    "{FAULT} while in use on patient {PATIENT} (NHS {NHS}). Datix raised by {STAFF}.",
    "Pt {PATIENT} DOB {DOB} - {FAULTL}. Please ring {STAFF} on {PHONE} when done.",
    "{FAULT}. Contact {STAFF} {PHONE}",
    "Ward called ({STAFF}, {EXT}): {FAULTL}.",
    "{FAULT}. Patient {PATIENT}, NHS no {NHS}, DOB {DOB}, transferred to spare {DEVICEL}.",
    "Home loan device: {FAULTL}. Patient {PATIENT}, {ADDRESS}, {POSTCODE}. Tel {PHONE}.",
    "{FAULT} - emailed {EMAIL} for update.",
    "{STAFF} says {FAULTL} since {DATE}. Bed {BED}, patient {PATIENT}.",
    "{TSURNAME} in bed {BED}: {FAULTL}.",
    "{FAULT}. Loan agreement signed by {PATIENT}, NI {NINO}.",
    "Datix {NUM}: {FAULTL}. Witness {STAFF} ({EXT}). Patient NHS {NHS}.",
    "{FAULT}. Collected from {FIRST} on {WARD}.",
    "Rec'd from {WARD}. {FAULT}. Left msg for {TSTAFF} on {PHONE}.",
    "{MFRMODEL} {FAULTL}; pt {PATIENT} ({NHS}) moved to {WARD}. Call {FIRST} {EXT}",
    "{FAULT}. {STAFF} / {STAFF} to be informed, {PEMAIL} (patient's daughter) asked for update.",
))
ROUTINE_PII = _compile((
    "{ROUTINE}. Device handed to {STAFF}.",
    "{ROUTINE}. Ward contact {TSTAFF} {EXT}.",
    "{ROUTINE} - could not locate, {STAFF} says it is with patient {PATIENT} on {WARD}.",
    "{ROUTINE}. Booked by {STAFF} ({EMAIL}).",
))
FAULT_PLAIN = _compile((
    "{FAULT}.", "{FAULT}, {CODE}.", "{FAULT} on {WARD}.", "{FAULT}. {MFR} engineer to attend.",
    "{MFRMODEL}: {FAULTL}.", "{FAULT} since {DATE}.", "{FAULT}. {ACTION}", "{FAULT} ({CODE}). {ACTION}",
    "{DEVICE} {FAULTL}", "{FAULT}",
))
ROUTINE_PLAIN = _compile(("{ROUTINE}", "{ROUTINE}.", "{ROUTINE} {DATE}.", "{ROUTINE} - {MFRMODEL}.",
                          "{ROUTINE}. {ACTION}"))
ASSET_PII = _compile((
    "Loaned to {STAFF} on {WARD} until repaired.",
    "Contact {STAFF} on {PHONE} before removing.",
    "Purchased by {TSTAFF} (charitable funds).",
    "Home loan: patient {PATIENT}, {ADDRESS}, {POSTCODE}, tel {PHONE}.",
    "Key held by {STAFF} {EXT}.",
    "Warranty queries to {EMAIL}.",
    "Responsible nurse {STAFF}; deputy {STAFF}.",
    "Assigned to patient {PATIENT} (NHS {NHS}) for home dialysis.",
    "{MFR} rep {STAFF} visited {DATE}, mobile {PHONE}.",
))
ASSET_PLAIN = _compile(jobs_vocab.ASSET_NOTES)
RESOLUTION_PII = _compile((
    "{ACTION} Handed back to {TSTAFF}.", "{ACTION} {STAFF} informed on {EXT}.",
    "{ACTION} Left on {WARD} with {FIRST}.",
))
RESOLUTION_PLAIN = _compile(("{ACTION}", "{ACTION}", "{ACTION} {ACTION}", "No fault found. {ACTION}"))
REQUESTER = _compile((
    "{TSTAFF}, {WARD}", "{STAFF} ({DEPT})", "{WARD} - {STAFF} {EXT}", "{STAFF}", "{TSURNAME}", "{WARD}",
    "{STAFF}, {WARD}", "{STAFF} / {STAFF}",
))
REQUESTER_WEIGHTS = (0.2, 0.15, 0.1, 0.2, 0.07, 0.08, 0.15, 0.05)


Bound = tuple[str | tuple[Callable[[], str], str | None], ...]  # literal, or (slot function, entity type)


class TextGenerator:
    """Writes free-text cells with exact spans of every personal value."""

    def __init__(self, people: PeopleFactory, staff: Sequence[Person], locations: Sequence[str],
                 trust_domain: str, rnd: random.Random) -> None:
        self.people = people
        self.staff = tuple(staff)
        self.locations = tuple(locations)
        self.trust_domain = trust_domain
        self.random = rnd
        self._u = rnd.random
        self.departments = tuple(d for d, _ in vocab.DEPARTMENTS)
        self.models = vocab.MODELS
        self.mfr_variants = {m.name: m.variants for m in vocab.MANUFACTURERS}
        self._routine_texts: tuple[str, ...] = jobs_vocab.PPM_TEXTS
        slots: dict[str, tuple[Callable[[], str], str | None]] = {
            "FAULT": (self._fault, None), "FAULTL": (self._fault_lower, None), "ROUTINE": (self._routine, None),
            "WARD": (self._ward, None), "DEPT": (self._dept, None), "DEVICE": (self._device, None),
            "DEVICEL": (self._device_lower, None), "MFR": (self._mfr, None), "MODEL": (self._model, None),
            "MFRMODEL": (self._mfr_model, None),
            "CODE": (self._code, None), "DATE": (self._date, None), "BED": (self._bed, None),
            "NUM": (self._num, None), "ACTION": (self._action, None), "VERSION": (self._version, None),
            "TITLE": (self._title, None), "HONORIFIC": (self._honorific, None),
            "STAFF": (self._staff, "PERSON"), "STAFFFULL": (self._staff_full, "PERSON"),
            "FIRST": (self._first, "PERSON"), "SURNAME": (self._surname, "PERSON"),
            "PATIENT": (self._patient, "PERSON"), "NHS": (people.nhs_number, "UK_NHS"),
            "DOB": (people.dob_text, "DATE_OF_BIRTH"), "PHONE": (people.phone, "PHONE_NUMBER"),
            "EXT": (people.extension, "PHONE_NUMBER"), "EMAIL": (self._email, "EMAIL_ADDRESS"),
            "PEMAIL": (self._private_email, "EMAIL_ADDRESS"), "ADDRESS": (people.street_address, "LOCATION"),
            "POSTCODE": (people.postcode, "UK_POSTCODE"), "NINO": (people.nino, "UK_NINO"),
        }

        def bind(templates: tuple[Template, ...]) -> tuple[Bound, ...]:
            return tuple(tuple(p if type(p) is str else slots[p[0]] for p in t) for t in templates)

        self.fault_pii, self.fault_plain = bind(FAULT_PII), bind(FAULT_PLAIN)
        self.routine_pii, self.routine_plain = bind(ROUTINE_PII), bind(ROUTINE_PLAIN)
        self.asset_pii, self.asset_plain = bind(ASSET_PII), bind(ASSET_PLAIN)
        self.resolution_pii, self.resolution_plain = bind(RESOLUTION_PII), bind(RESOLUTION_PLAIN)
        self.requesters = bind(REQUESTER)
        self.actions = bind(_ACTIONS)

    def _pick(self, seq: Sequence[T]) -> T:
        return seq[int(self._u() * len(seq))]

    # -- public ------------------------------------------------------------------------------------
    @staticmethod
    def render(template: Bound) -> Cell:
        parts: list[str] = []
        spans: list[Span] = []
        pos = 0
        for part in template:
            if isinstance(part, str):
                parts.append(part)
                pos += len(part)
            else:
                fn, entity = part
                text = fn()
                if entity is not None:
                    spans.append((entity, pos, pos + len(text)))
                parts.append(text)
                pos += len(text)
        return Cell("".join(parts), tuple(spans))

    def job_text(self, job_type: str, personal: bool) -> Cell:
        if job_type in ("REP", "CM"):
            return self.render(self._pick(self.fault_pii if personal else self.fault_plain))
        self._routine_texts = _ROUTINE_BY_TYPE.get(job_type, jobs_vocab.PPM_TEXTS)
        return self.render(self._pick(self.routine_pii if personal else self.routine_plain))

    def asset_note(self, personal: bool) -> Cell:
        return self.render(self._pick(self.asset_pii if personal else self.asset_plain))

    def resolution(self, personal: bool) -> Cell:
        return self.render(self._pick(self.resolution_pii if personal else self.resolution_plain))

    def requester(self) -> Cell:
        return self.render(self.random.choices(self.requesters, REQUESTER_WEIGHTS)[0])

    def foreign_fault(self) -> Cell:
        """Fault text in another language, as some engineers type it (not cp1252-safe: SQLite only)."""
        return Cell(self._pick(jobs_vocab.FOREIGN_TEXT), ())

    # -- non-personal slots ------------------------------------------------------------------------
    def _fault(self) -> str:
        return self._pick(jobs_vocab.FAULTS)

    def _fault_lower(self) -> str:
        fault = self._pick(jobs_vocab.FAULTS)
        return fault[0].lower() + fault[1:]

    def _routine(self) -> str:
        return self._pick(self._routine_texts)

    def _ward(self) -> str:
        return self._pick(self.locations)

    def _dept(self) -> str:
        return self._pick(self.departments)

    def _device(self) -> str:
        return self._pick(self.models).device_type

    def _device_lower(self) -> str:
        return self._pick(self.models).device_type.lower()

    def _mfr(self) -> str:
        return self._pick(self.mfr_variants[self._pick(self.models).manufacturer])

    def _model(self) -> str:
        return self._pick(self.models).name

    def _mfr_model(self) -> str:
        model = self._pick(self.models)
        return f"{self._pick(self.mfr_variants[model.manufacturer])} {model.name}"

    def _code(self) -> str:
        return self._pick(jobs_vocab.ERROR_CODES).format(n=int(self._u() * 998) + 1)

    def _date(self) -> str:
        u = self._u
        text = f"{int(u() * 28) + 1:02d}/{int(u() * 12) + 1:02d}"
        return text + f"/{2015 + int(u() * 12)}" if u() < 0.5 else text

    def _bed(self) -> str:
        return str(int(self._u() * 31) + 1)

    def _num(self) -> str:
        return str(10000 + int(self._u() * 90000))

    def _version(self) -> str:
        u = self._u
        return f"{int(u() * 8) + 1}.{int(u() * 20)}.{int(u() * 9)}"

    def _action(self) -> str:
        return self.render(self._pick(self.actions)).text

    def _title(self) -> str:
        return self._pick(jobs_vocab.PHONE_OWNER_TITLES) + " " if self._u() < 0.7 else ""

    def _honorific(self) -> str:
        return self._pick(("Mr ", "Mrs ", "Ms ", "Miss ", "Dr ", "Sister "))

    # -- personal slots ----------------------------------------------------------------------------
    def _staff(self) -> str:
        return self.people.name_variant(self._pick(self.staff))

    def _staff_full(self) -> str:
        return self._pick(self.staff).full

    def _first(self) -> str:
        return self._pick(self.staff).first

    def _surname(self) -> str:
        return self.people.person().last

    def _patient(self) -> str:
        patient = self.people.person()
        return patient.full if self._u() < 0.8 else patient.initial_last

    def _email(self) -> str:
        return self.people.staff_email(self._pick(self.staff), self.trust_domain)

    def _private_email(self) -> str:
        return self.people.private_email(self.people.person())


_ACTIONS = _compile(jobs_vocab.ACTIONS)
_ROUTINE_BY_TYPE = {"PPM": jobs_vocab.PPM_TEXTS, "PM": jobs_vocab.PPM_TEXTS, "INS": jobs_vocab.INS_TEXTS,
                    "INSP": jobs_vocab.INS_TEXTS, "CAL": jobs_vocab.CAL_TEXTS, "ACC": jobs_vocab.ACC_TEXTS}

