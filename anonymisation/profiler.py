"""Column classification from a sample: each column is a structured identifier column (the whole cell is a
name, phone number, e-mail, ...), free text (NER needed), or not personal.

Evidence: value patterns over the sample (vectorised full-cell matches with checksums), the column name
(hints such as engineer, contact, tel, phone, email, dob, patient, name, modified by), the domain vocabulary
(a column of manufacturers is not a column of surnames) and, for free text, the detector on a sample of
distinct values. Decisions carry their reasons, for the findings report.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

import pyarrow as pa
import pyarrow.compute as pc

from intake.anonymisation.classification import ColumnClassification, ColumnKind, TableClassification
from intake.anonymisation.column_names import (
    column_hints,
    column_words,
    is_org_name_column,
    is_patient_column,
    names_its_rows,
)
from intake.anonymisation.engine import TABLE_ENTITIES
from intake.anonymisation.errors import ProfilingTooSlow
from intake.anonymisation.findings import Finding
from intake.anonymisation.labelled_things import names_things, thing_names
from intake.anonymisation.patterns import PatternScanner
from intake.anonymisation.structured import (
    full_match_mask,
    is_scannable_type,
    is_text_type,
    placeholder_mask,
    plain_strings,
    rate,
)
from intake.anonymisation.subject_numbers import subject_numbers
from intake.anonymisation.vocabulary import Vocabulary, fold


class _Sampled(TypedDict):
    """What every classification from a column's sample records (ColumnClassification's fields of that name)."""

    sample_values: int
    rates: Mapping[str, float]


# -- profiling ----------------------------------------------------------------------------------------------
@dataclass
class _Evidence:
    values: list[str]
    distinct: list[str]
    rates: dict[str, float]
    mean_words: float
    digit_heavy: float
    staff_shaped: float  # share of values shaped as staff numbers: three digits or more, a letter prefix at most
    vocab_rate: float
    vocab_contains_rate: float
    gazetteer_rate: float


def first_rows(batches: Iterable[pa.RecordBatch], rows: int) -> pa.Table | None:
    """The first `rows` rows of the stream (the profile's sample); None for a stream without batches."""
    taken: list[pa.RecordBatch] = []
    have = 0
    for batch in batches:
        need = rows - have
        taken.append(batch.slice(0, need) if batch.num_rows > need else batch)
        have += min(batch.num_rows, need)
        if have >= rows:
            break
    return pa.Table.from_batches(taken) if taken else None


class Profiler:
    """Classifies the columns of a table from a sample of its batches."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        text_analyzer: Any | None = None,  # FreeTextAnalyzer or TextDetector: .analyze(list[str]) -> findings
        sample_rows: int = 2000,
        ner_sample: int = 200,
        mrn_patterns: Iterable[str] = (),
        threshold: float = 0.6,
        entities: Iterable[str] = TABLE_ENTITIES,
        time_budget: float | None = None,
    ) -> None:
        self.vocab = vocabulary
        self.time_budget = time_budget
        self.text_analyzer = text_analyzer
        self.sample_rows = sample_rows
        self.ner_sample = ner_sample
        self.entities = tuple(entities)
        self.patterns = PatternScanner(vocabulary, tuple(mrn_patterns), threshold)

    def profile(self, table: str, batches: Iterable[pa.RecordBatch]) -> TableClassification:
        sample = first_rows(batches, self.sample_rows)
        if sample is None:
            return TableClassification(table, {}, 0)
        names = sample.column_names
        org_table = any(is_org_name_column(n) for n in names) and not any(
            "PERSON" in column_hints(n) and set(column_words(n)) & {"first", "surname", "given", "last", "forename"}
            for n in names
        )
        deadline = None if self.time_budget is None else time.monotonic() + self.time_budget
        columns: dict[str, ColumnClassification] = {}
        for name in names:
            if deadline is not None and time.monotonic() > deadline:
                raise ProfilingTooSlow(table, len(columns), len(names), float(self.time_budget or 0))
            columns[name] = self.classify_column(name, sample.column(name), org_table, table)
        if "MRN" in self.entities:
            for tie in subject_numbers(sample, columns):
                old = columns[tie.column]
                columns[tie.column] = ColumnClassification(
                    tie.column, ColumnKind.IDENTIFIER, "MRN", 0.7, (tie.reason,),
                    sample_values=old.sample_values, rates=old.rates)
        return TableClassification(table, columns, sample.num_rows)

    # -- evidence ------------------------------------------------------------------------------------------
    def _evidence(self, array: pa.Array) -> _Evidence | None:
        strings = plain_strings(array)
        nonblank = pc.invert(placeholder_mask(strings))
        values_arr = pc.filter(strings, nonblank)
        if len(values_arr) == 0:
            return None
        rates = {
            e: rate(full_match_mask(values_arr, e))
            for e in ("EMAIL_ADDRESS", "PHONE_NUMBER", "EXTENSION", "UK_NHS", "UK_NINO", "UK_POSTCODE", "DATE",
                      "PERSON", "USERNAME", "CREDIT_CARD", "IP_ADDRESS")
        }
        login = pc.or_(full_match_mask(values_arr, "PERSON"), full_match_mask(values_arr, "USERNAME"))
        rates["NAME_OR_LOGIN"] = rate(login)
        words = pc.utf8_length(pc.replace_substring_regex(values_arr, r"[^ ]+", "")).to_numpy(zero_copy_only=False)
        digits = pc.utf8_length(pc.replace_substring_regex(values_arr, r"[^0-9]", "")).to_numpy(zero_copy_only=False)
        # "4521", "E10442", "C-4471": how staff numbers look; not "04/12/2026 18:30" in a "Raised" column
        staff_shaped = rate(pc.match_substring_regex(
            values_arr, r"^[A-Za-z]{0,3}[ -]?\d{3,10}(?:\s*[/,&]\s*[A-Za-z]{0,3}[ -]?\d{3,10})*$"))
        lengths = pc.utf8_length(values_arr).to_numpy(zero_copy_only=False)
        values = values_arr.to_pylist()
        distinct = list(dict.fromkeys(values))
        vocab_hits = sum(1 for v in distinct if self.vocab.is_allowed_term(v))
        vocab_contains = sum(1 for v in distinct if self.vocab.contains_allowed(v))
        gaz_hits = 0
        for v in distinct:
            tokens = fold(v).split()
            if any(t in self.vocab.first_names or t in self.vocab.last_names for t in tokens):
                gaz_hits += 1
        return _Evidence(
            values=values,
            distinct=distinct,
            rates={k: round(v, 4) for k, v in rates.items()},
            mean_words=float(words.mean()) + 1.0,
            digit_heavy=float(((digits * 2) >= lengths).mean()),
            staff_shaped=staff_shaped,
            vocab_rate=vocab_hits / len(distinct),
            vocab_contains_rate=vocab_contains / len(distinct),
            gazetteer_rate=gaz_hits / len(distinct),
        )

    def classify_column(self, name: str, array: pa.Array, org_table: bool = False, table: str = ""
                        ) -> ColumnClassification:
        if not is_scannable_type(array.type):
            return ColumnClassification(name, ColumnKind.NOT_PERSONAL, reasons=(
                f"type {array.type} cannot be scanned: anonymising stops unless the policy drops the column",))
        ev = self._evidence(array)
        if ev is None:
            if is_text_type(array.type) or pa.types.is_null(array.type):
                # Unknown is not "not personal": a notes column empty in the first rows may name people further
                # down, so it gets the free-text handling (NER) like any other text.
                return ColumnClassification(name, ColumnKind.FREE_TEXT, reasons=(
                    "no values in the sample: unknown, so handled as free text",))
            return ColumnClassification(name, ColumnKind.NOT_PERSONAL, reasons=(
                f"no values in the sample ({array.type} column: values are scanned for stray personal data)",))
        hints = column_hints(name)
        # "organisations.name", "tblSuppliers.Name": each value names the row, an organisation, place or thing
        own_name = names_its_rows(table, name)
        if own_name:
            hints.discard("PERSON")
        r = ev.rates
        base: _Sampled = {"sample_values": len(ev.values), "rates": r}

        def ident(entity: str, confidence: float, *reasons: str) -> ColumnClassification:
            return ColumnClassification(name, ColumnKind.IDENTIFIER, entity, round(confidence, 3), reasons, **base)

        # Values that are unmistakable whatever the column is called.
        for entity, label in (("EMAIL_ADDRESS", "e-mail addresses"), ("UK_NINO", "National Insurance numbers"),
                              ("UK_NHS", "NHS numbers (modulus 11 valid)"), ("CREDIT_CARD", "card numbers (Luhn)"),
                              ("PHONE_NUMBER", "UK phone numbers"), ("IP_ADDRESS", "IP addresses")):
            if r[entity] >= 0.5 and entity in self.entities:
                return ident(entity, r[entity], f"{r[entity]:.0%} of sampled values are {label}")
        # Column-name hints confirmed by the shape of the values.
        hint_reason = f"column name '{name}' suggests"
        if "PHONE_NUMBER" in hints and (r["PHONE_NUMBER"] + r["EXTENSION"] >= 0.3 or ev.digit_heavy >= 0.6):
            return ident("PHONE_NUMBER", 0.8, f"{hint_reason} phone numbers",
                         f"{r['PHONE_NUMBER'] + r['EXTENSION']:.0%} phone/extension shaped")
        if "EMAIL_ADDRESS" in hints:
            return ident("EMAIL_ADDRESS", 0.7, f"{hint_reason} e-mail addresses")
        if "DATE_OF_BIRTH" in hints and r["DATE"] >= 0.3:
            return ident("DATE_OF_BIRTH", 0.9, f"{hint_reason} dates of birth", f"{r['DATE']:.0%} are dates")
        for entity in ("UK_NHS", "UK_NINO", "MRN", "CREDIT_CARD", "ACCESS_CODE"):
            if entity in hints and ev.digit_heavy >= 0.3 and (entity != "ACCESS_CODE" or entity in self.entities):
                return ident(entity, 0.7, f"{hint_reason} {entity}")
        if is_patient_column(name) and ev.digit_heavy >= 0.3 and "MRN" in self.entities:
            # "M1343770", "8981204 dob 19.03.15", "Okonkwo, T / 8984398": whatever else a patient's cell holds,
            # its number is the patient's hospital number and the cell goes whole
            return ident("MRN", 0.7, f"{hint_reason} patients",
                         f"{ev.digit_heavy:.0%} of sampled values are mostly digits: hospital numbers")
        if "STAFF_ID" in hints and ev.staff_shaped >= 0.8 and "STAFF_ID" in self.entities:
            return ident("STAFF_ID", 0.7, f"{hint_reason} staff numbers",
                         f"{ev.staff_shaped:.0%} shaped as staff numbers")
        for entity in ("UK_POSTCODE", "ADDRESS"):
            if entity in hints:
                if org_table:
                    return ColumnClassification(
                        name, ColumnKind.NOT_PERSONAL, None, 0.6,
                        (f"{hint_reason} {entity}, but the table describes sites/organisations, not people",), **base
                    )
                return ident(entity, 0.7, f"{hint_reason} {entity}")
        person_shaped = r["NAME_OR_LOGIN"]
        if "PERSON" in hints and ev.vocab_rate < 0.5 and ev.digit_heavy < 0.5:
            if person_shaped >= 0.3:
                return ident("PERSON", min(0.95, 0.5 + person_shaped / 2), f"{hint_reason} people",
                             f"{person_shaped:.0%} of sampled values are name-shaped")
            if ev.mean_words <= 6:
                # "Jane Doe (ICU)", "Bay 3 - J Doe bleep 2273": names with a little else; each cell is searched
                # for the name, and a cell where none is found is replaced whole.
                return ident("PERSON", 0.6, f"{hint_reason} people",
                             f"short values ({ev.mean_words:.1f} words), {person_shaped:.0%} name-shaped alone")
        # Free text: several words per value.
        if ev.mean_words >= 4 or ("FREE_TEXT" in hints and ev.mean_words >= 2.5):
            findings = self._sample_findings(ev.distinct, ner=True)
            reasons = [f"{ev.mean_words:.1f} words per value on average"]
            if "FREE_TEXT" in hints:
                reasons.append(f"{hint_reason} free text")
            return ColumnClassification(name, ColumnKind.FREE_TEXT, None, 0.8, tuple(reasons),
                                        sample_findings=findings, **base)
        # Names without a telling column name: most values name-shaped and in the name lists. Not where the name
        # says a thing and most values read as a product's name ("Mask": "Amara View S", "Evora Nasal M-L": given
        # names open products' names too); a thing's word beside people's ("Kit Holder") still holds names.
        if r["PERSON"] >= 0.6 and ev.gazetteer_rate >= 0.5 and ev.vocab_contains_rate < 0.2 and not own_name \
                and not (names_things(name) and len(thing_names(ev.distinct, self.vocab)) * 2 > len(ev.distinct)):
            return ident("PERSON", 0.6, f"{r['PERSON']:.0%} name-shaped values",
                         f"{ev.gazetteer_rate:.0%} contain a known first name or surname")
        findings = self._sample_findings(ev.distinct, ner=False)
        reasons = ["no personal data pattern in the sample"] if not findings else [
            "stray personal values found in the sample (anonymised where found)"]
        if ev.vocab_contains_rate >= 0.5:
            reasons.append(f"{ev.vocab_contains_rate:.0%} of distinct values name known equipment or places")
        return ColumnClassification(name, ColumnKind.NOT_PERSONAL, None, 0.7, tuple(reasons),
                                    sample_findings=findings, **base)

    def _sample_findings(self, distinct: list[str], ner: bool) -> dict[str, int]:
        counts: Counter[str] = Counter()
        if ner and self.text_analyzer is not None:
            values = distinct[: self.ner_sample]
            results: list[tuple[Finding, ...]] = self.text_analyzer.analyze(values)
        else:
            found = self.patterns.scan_values(distinct)
            results = list(found.values())
        for findings in results:
            for f in findings:
                counts[f.entity_type] += 1
        return dict(counts)
