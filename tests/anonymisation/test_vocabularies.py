"""Customer vocabularies: known staff names are caught in any case and spelling, in every column and at
re-scan; the session takes its vocabularies and tuning from the settings; an emptied name list is an error."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from intake.anonymisation import AnonymisationSession, ColumnKind, Vocabulary, VocabularyError
from intake.anonymisation.gazetteer import faker_gazetteer
from intake.anonymisation.patterns import PatternScanner
from intake.config import AnonymisationSettings

STAFF = "Zebedee Quillfeather"


@pytest.fixture(scope="module")
def staff_vocabulary(vocabulary: Vocabulary) -> Vocabulary:
    return vocabulary.with_deny_names([STAFF, "Grace Ward", "Wei Ng"])


@pytest.mark.parametrize("text", [
    "zebedee quillfeather", "ZEBEDEE QUILLFEATHER", "Quillfeather", "quillfeather signed it off",
    "checked by QUILLFEATHER, Z", "z. quillfeather", "Zébédée Quillfeather", "per Quillfeather.",
])
def test_deny_listed_names_are_caught_in_any_case(staff_vocabulary: Vocabulary, text: str) -> None:
    scanner = PatternScanner(staff_vocabulary)
    found = scanner.scan_array(pa.array([text, "Medical Supplies Ltd"]))
    assert list(found) == [text]
    assert [f.entity_type for f in found[text]] == ["PERSON"]
    assert "quillfeather" in text[found[text][0].start:found[text][0].end].lower()


@pytest.mark.parametrize("text", ["Quillfeathered pens", "Ward 7", "NG tube replaced", "Grace period", "wei"])
def test_deny_list_matches_whole_names_only(staff_vocabulary: Vocabulary, text: str) -> None:
    """Word boundaries; an everyday or two-letter surname, or a first name, does not name them on its own."""
    assert PatternScanner(staff_vocabulary).scan_array(pa.array([text])) == {}


def test_a_known_name_inside_an_allowed_place_in_the_possessive_is_the_place(vocabulary: Vocabulary) -> None:
    """A ward named after a saint the dataset also knows as a person: "St Columba's Ward" stays whole."""
    places = vocabulary.with_deny_names(["Columba"]).with_allowed(["St Columba's Ward"])
    found = PatternScanner(places).scan_array(pa.array(["Collected from St Columba's Ward", "thanks Columba"]))
    assert list(found) == ["thanks Columba"]


def test_deny_listed_names_are_replaced_in_every_column_and_checked_at_rescan(
    staff_vocabulary: Vocabulary, tmp_path: Path, secret: bytes
) -> None:
    deny = tmp_path / "staff.txt"
    deny.write_text("# known staff\nZebedee Quillfeather\n")
    settings = AnonymisationSettings(sample_rows=500, deny_list_files=[deny])
    table = pa.table({
        "Site": ["Main Hospital"] * 30 + ["zebedee quillfeather", "ZEBEDEE QUILLFEATHER"],
        "Notes": ["Battery replaced and tested."] * 30 + ["left with quillfeather at the desk", None],
    })
    with AnonymisationSession(settings, processes=1) as session:
        classification = session.profile("t", table.to_batches())
        assert classification.column("Site").kind == ColumnKind.NOT_PERSONAL
        out = pa.Table.from_batches(list(session.anonymiser(secret).anonymise_stream(
            "t", classification, table.to_batches())))
        text = str(out.to_pylist()).lower()
        assert "quillfeather" not in text and "zebedee" not in text
        assert out.column("Site").to_pylist()[:30] == ["Main Hospital"] * 30
        rescanner = session.rescanner("t", classification)
        for batch in table.to_batches():
            rescanner.update(batch)  # the raw data: the re-scan must see the lower-case names
        residual = {c.column: dict(c.residual) for c in rescanner.result().residual_columns()}
        assert residual["Site"] == {"PERSON": 2} and set(residual["Notes"]) == {"PERSON"}


def test_session_takes_vocabularies_and_tuning_from_the_settings(tmp_path: Path, secret: bytes) -> None:
    allow = tmp_path / "allow.txt"
    allow.write_text("Hartley Morgan\n")  # a fictional manufacturer named like a person
    deny = tmp_path / "deny.txt"
    deny.write_text("Zebedee Quillfeather\n")
    settings = AnonymisationSettings(sample_rows=500, allow_list_files=[allow], deny_list_files=[deny],
                                     start_method="forkserver", rescan_ner_sample=7)
    with AnonymisationSession(settings, processes=1) as session:
        assert "zebedee quillfeather" in session.vocabulary.deny_keys
        assert session.vocabulary.is_allowed_term("HARTLEY MORGAN")
        assert session.text.start_method == "forkserver"
        table = pa.table({"Notes": [f"Returned to Hartley Morgan via Quorndon depot, job {i}." for i in range(20)]
                          + [f"Zebedee Quillfeather checked unit {i} today." for i in range(20)]})
        classification = session.profile("t", table.to_batches())
        rescanner = session.rescanner("t", classification)
        assert rescanner.ner_sample == 7
        out = []
        for batch in session.anonymiser(secret).anonymise_stream("t", classification, table.to_batches()):
            rescanner.update(batch)
            out.extend(batch.column("Notes").to_pylist())
        assert out[:20] == table.column("Notes").to_pylist()[:20]
        assert all(v.startswith("PERSON_") for v in out[20:])
        result = rescanner.result()
        assert result.clean and result.columns[0].ner_sampled == 7
    with pytest.raises(VocabularyError, match=r"missing\.txt"):
        AnonymisationSession(AnonymisationSettings(deny_list_files=[tmp_path / "missing.txt"]), processes=1)


def test_a_notes_column_empty_in_the_sample_is_treated_as_free_text(session: AnonymisationSession,
                                                                      secret: bytes) -> None:
    """No values in the first rows is unknown, not "not personal": the names further down get the NER."""
    # "Quorndon" (a place no list knows) keeps the anonymised note among those the re-scan's model reads
    notes = [None] * 500 + ["Pump alarmed; Aisha Khan on the ward told Quorndon stores to stop using it."] * 20
    table = pa.table({"Equipment No": [f"EQ{i:06d}" for i in range(520)], "Notes": notes,
                      "Cost": pa.array([None] * 520, pa.float64())})
    classification = session.profile("assets", table.to_batches(max_chunksize=100))
    assert classification.column("Notes").kind == ColumnKind.FREE_TEXT
    assert "no values in the sample" in classification.column("Notes").reasons[0]
    assert classification.column("Cost").kind == ColumnKind.NOT_PERSONAL  # numbers: scanned, not NER
    rescanner = session.rescanner("assets", classification)
    out = []
    for batch in session.anonymiser(secret).anonymise_stream("assets", classification,
                                                             table.to_batches(max_chunksize=100)):
        rescanner.update(batch)
        out.extend(batch.column("Notes").to_pylist())
    assert not [v for v in out if v and ("Aisha" in v or "Khan" in v)]
    result = rescanner.result()
    assert result.clean and {c.column: c.ner_sampled for c in result.columns}["Notes"] == 1


def test_an_emptied_name_list_is_an_error() -> None:
    """A Faker upgrade that drops locales must not silently empty the name gazetteers."""
    with pytest.raises(VocabularyError, match="en_AU, xx_XX") as raised:
        faker_gazetteer(("en_AU", "xx_XX"))
    assert "first names" in str(raised.value)
    first, last = faker_gazetteer()
    assert len(first) > 5000 and len(last) > 5000


@pytest.mark.parametrize("written,typed", [("Michał", "Michal"), ("Łukasz", "LUKASZ"), ("Søren", "soren"),
                                           ("Þórður", "Thordur"), ("Đorđević", "Dordevic"), ("Ægir", "aegir")])
def test_a_name_folds_to_the_key_it_has_when_typed_on_an_english_keyboard(written: str, typed: str) -> None:
    from intake.anonymisation.vocabulary import fold

    assert fold(written) == fold(typed) and len(fold(written)) >= len(typed) - 1


@pytest.mark.parametrize("name,locale,latin", [
    ("Ελευθερία", "el_GR", "eleftheria"), ("Γεώργιος", "el_GR", "georgios"), ("Μπάμπης", "el_GR", "bampis"),
    ("Петров", "ru_RU", "petrov"), ("Михайло", "uk_UA", "mykhaylo"), ("Ъгълов", "bg_BG", "agalov"),
])
def test_greek_and_cyrillic_names_are_romanised_as_records_write_them(name: str, locale: str, latin: str) -> None:
    from intake.anonymisation.transliterate import romanised

    assert romanised(name, locale) == latin


def test_the_gazetteer_holds_names_faker_keeps_in_other_scripts_but_no_english_words() -> None:
    from intake.anonymisation.gazetteer import romanised_gazetteer

    first, last = faker_gazetteer()
    # Greek, Ukrainian, Russian, Chinese (pinyin), Vietnamese, Japanese
    assert {"eleftheria", "oleksandr", "ivanova", "wei", "nguyen", "hiroshi"} <= first | last
    more_first, more_last = romanised_gazetteer()
    assert not {"he", "an", "song", "fan", "lung", "agent"} & (more_first | more_last)
