"""Operators do what the policy names, and pseudonyms are stable per customer and differ between customers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intake.anonymisation import PolicyError, load_policy, pseudonym
from intake.anonymisation.operators import OPERATORS, OperatorContext, normalise

SECRET_A = b"A" * 32
SECRET_B = b"B" * 32


def run(name: str, value: str, entity: str = "PERSON", in_text: bool = False, **params: object) -> str | None:
    return OPERATORS[name](value, entity, OperatorContext(SECRET_A, 16, params, in_text))


def test_pseudonymise_is_stable_and_keyed() -> None:
    token = run("pseudonymise", "Jane Doe")
    assert token == run("pseudonymise", "Jane Doe")
    assert re.fullmatch(r"PERSON_[0-9a-f]{16}", token)  # 64 bits: distinct people do not share a token
    assert token == pseudonym("Jane Doe", "PERSON", SECRET_A)
    assert token != pseudonym("Jane Doe", "PERSON", SECRET_B)  # another customer, another token
    assert token != pseudonym("John Doe", "PERSON", SECRET_A)


@pytest.mark.parametrize("a,b,entity", [
    ("Jane Doe", "DOE, Jane", "PERSON"), ("Jane Doe", "Sister Jane Doe", "PERSON"), ("Jane  Doe", "jane doe", "PERSON"),
    ("0113 496 0123", "+44 (0)113 496 0123", "PHONE_NUMBER"), ("01134960123", "0113-496-0123", "PHONE_NUMBER"),
    ("943 476 5919", "9434765919", "UK_NHS"), ("J.Smith@NHS.net", "j.smith@nhs.net", "EMAIL_ADDRESS"),
    ("ls1 4ab", "LS14AB", "UK_POSTCODE"),
])
def test_spellings_of_one_value_share_a_token(a: str, b: str, entity: str) -> None:
    assert normalise(a, entity) == normalise(b, entity)
    assert pseudonym(a, entity, SECRET_A) == pseudonym(b, entity, SECRET_A)


def test_phone_extension_is_part_of_the_value() -> None:
    assert pseudonym("0113 496 0123 ext 4521", "PHONE_NUMBER", SECRET_A) != pseudonym(
        "0113 496 0123", "PHONE_NUMBER", SECRET_A)


def test_redact_mask_replace_keep_drop() -> None:
    assert run("redact", "Jane Doe") is None
    assert run("redact", "Jane Doe", in_text=True) == "[REDACTED]"
    assert run("mask", "07700 900123", keep_last=3) == "***** ***123"
    assert run("mask", "Jane Doe", keep_first=1) == "J*** ***"
    assert run("mask", "07700 900123", keep_last=20) == "07700 900123"  # more kept than there are: all kept
    assert run("replace", "Jane Doe") == "[PERSON]"
    assert run("keep", "Jane Doe") == "Jane Doe"
    assert run("drop_column", "Jane Doe") is None
    assert run("drop_column", "Jane Doe", in_text=True) == "[REDACTED]"


@pytest.mark.parametrize("value,to,expected", [
    ("14/03/1954", "year", "1954"), ("14/03/1954", "month", "1954-03"), ("1954-03-14", "month", "1954-03"),
    ("4 June 1976", "month", "1976-06"), ("22-Nov-72", "year", "1972"), ("unknown", "year", None),
])
def test_generalise_date(value: str, to: str, expected: str | None) -> None:
    assert run("generalise_date", value, "DATE_OF_BIRTH", to=to) == expected


def test_tokens_are_long_enough_not_to_merge_people() -> None:
    """64-bit tokens: 100,000 different people get 100,000 different tokens (32 bits would merge some)."""
    tokens = {pseudonym(f"Person {i}", "PERSON", SECRET_A) for i in range(100_000)}
    assert len(tokens) == 100_000
    assert load_policy().token_length == 16


def test_default_policy_and_column_overrides(tmp_path: Path) -> None:
    default = load_policy()
    assert default.for_entity("PERSON").operator == "pseudonymise"
    assert default.for_entity("DATE_OF_BIRTH").params == {"to": "year"}
    assert default.for_entity("SOMETHING_NEW").operator == "redact"
    path = tmp_path / "policy.yaml"
    path.write_text("entities:\n  PERSON: mask\ncolumns:\n  assets.Notes: keep\n  Email: drop_column\n")
    policy = load_policy(path)
    assert policy.for_entity("PERSON", "assets", "Engineer").operator == "mask"
    assert policy.for_entity("PERSON", "assets", "Notes").operator == "keep"
    assert policy.for_entity("EMAIL_ADDRESS", "jobs", "Email").operator == "drop_column"


@pytest.mark.parametrize("content,problem", [
    ("entities:\n  PERSON: shred\n", r"entities\.PERSON: unknown operator 'shred'; use one of: drop_column"),
    ("entities: [PERSON]\n", r"entities: wrong type; map entity types to operators"),
    ("entities:\n  PERSON: {to: year}\n", r"entities\.PERSON\.operator: missing; give an operator's name or a "
                                           r"mapping with 'operator'"),
    ("version: 2\nentities:\n  PERSON: keep\n", r"version: unsupported value; use version: 1"),
    ("entities: {PERSON: keep\n", "invalid YAML"),
    ("token_length: 8\nentities:\n  PERSON: pseudonymise\n", r"token_length: out of bounds; give an integer from 16 "
                                                             r"to 64"),
    ("entities:\n  PERSON: {operator: pseudonymise, token_length: 12}\n",
     r"entities\.PERSON\.token_length: out of bounds; give an integer from 16"),
])
def test_invalid_policies_are_refused_with_the_reason(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(PolicyError, match=problem) as refused:
        load_policy(path)
    assert str(refused.value).startswith(f"{path}: ")  # the file it is in


def test_a_misspelt_policy_key_is_refused() -> None:
    from intake.anonymisation.policy import parse_policy

    with pytest.raises(PolicyError, match=r"colums: unknown key; a policy has only version, token_length, default"):
        parse_policy({"entities": {"PERSON": "redact"}, "colums": {"Notes": "drop_column"}})


@pytest.mark.parametrize("where,spec,named", [
    ("entities", {"PERSON": {"operator": "mask", "keep_lastt": 3}},
     r"entities\.PERSON\.keep_lastt: operator 'mask' .*; its parameters are char, keep_first, keep_last"),
    ("columns", {"assets.DOB": {"operator": "generalise_date", "too": "month"}}, r"columns\.assets\.DOB\.too: "),
    ("default", {"operator": "keep", "text": "x"}, r"default\.text: operator 'keep'.*; it takes no parameters"),
    ("entities", {"PERSON": {"operator": "replace", "token_length": 32}}, r"PERSON\.token_length: operator 'replace'"),
])
def test_an_unknown_operator_parameter_is_refused_by_name(where: str, spec: object, named: str) -> None:
    """A misspelt parameter would silently fall back to the operator's default (keep_lastt: nothing kept)."""
    from intake.anonymisation.policy import parse_policy

    data = {"entities": {"PERSON": "redact"}, where: spec} if where != "entities" else {"entities": spec}
    with pytest.raises(PolicyError, match=named):
        parse_policy(data)


def test_every_parameter_an_operator_reads_is_accepted() -> None:
    from intake.anonymisation.policy import parse_policy

    policy = parse_policy({"entities": {
        "PERSON": {"operator": "pseudonymise", "token_length": 32},
        "UK_NHS": {"operator": "redact", "text": "[NHS]"},
        "MRN": {"operator": "replace", "text": "[MRN]"},
        "DATE_OF_BIRTH": {"operator": "generalise_date", "to": "month"},
        "PHONE_NUMBER": {"operator": "mask", "char": "#", "keep_first": 1, "keep_last": 3}}})
    assert policy.for_entity("PHONE_NUMBER").params == {"char": "#", "keep_first": 1, "keep_last": 3}


def test_a_registered_operator_is_checked_only_when_it_states_its_parameters() -> None:
    from intake.anonymisation.operators import OPERATOR_PARAMETERS, register_operator
    from intake.anonymisation.policy import parse_policy

    def shout(value: str, entity_type: str, ctx: OperatorContext) -> str:
        return value.upper()

    try:
        register_operator("shout", shout)
        assert parse_policy({"entities": {"PERSON": {"operator": "shout", "anything": 1}}})
        register_operator("shout", shout, parameters=["volume"])
        assert parse_policy({"entities": {"PERSON": {"operator": "shout", "volume": 11}}})
        with pytest.raises(PolicyError, match=r"PERSON\.volumee: operator 'shout' .*; its parameters are volume"):
            parse_policy({"entities": {"PERSON": {"operator": "shout", "volumee": 11}}})
    finally:
        OPERATORS.pop("shout", None)
        OPERATOR_PARAMETERS.pop("shout", None)


@pytest.mark.parametrize("data,path", [
    ({"entities": {"PERSON": "redact"}, "token_lenght": 32}, "token_lenght"),
    ({"entities": {"PERSON": {"operator": "mask", "keep_lastt": 3}}}, r"entities\.PERSON\.keep_lastt"),
    ({"entities": {"PERSON": "redact"}, "columns": {"jobs.Notes": {"operator": "redact", "txt": "[X]"}}},
     r"columns\.jobs\.Notes\.txt"),
    ({"entities": {"PERSON": "redact"}, "default": {"operator": "replace", "texte": "[X]"}}, r"default\.texte"),
])
def test_an_unknown_key_is_refused_at_every_level_with_its_path(data: dict[str, object], path: str) -> None:
    from intake.anonymisation.policy import parse_policy

    with pytest.raises(PolicyError, match=rf"^my-policy\.yaml: invalid policy: {path}: .*(unknown key|has no parameter)"
                                          r".*\(a misspelt (key|parameter) would silently change nothing\)$"):
        parse_policy(data, "my-policy.yaml")


@pytest.mark.parametrize("data,path,what", [
    ({"entities": {"PERSON": "redact"}, "token_length": "32"}, "token_length", "give an integer from 16 to 64"),
    ({"entities": {"PERSON": "redact"}, "token_length": True}, "token_length", "give an integer from 16 to 64"),
    ({"entities": {"PERSON": {"operator": "pseudonymise", "token_length": 32.0}}}, r"entities\.PERSON\.token_length",
     "give an integer from 16 to 64"),
    ({"entities": {"PERSON": "redact"}, "version": "1"}, "version", "use version: 1"),
    ({"entities": "PERSON"}, "entities", "map entity types to operators"),
    ({"entities": {"PERSON": "redact"}, "columns": ["Notes"]}, "columns", r"map column names \('column' or "),
    ({"entities": {"PERSON": ["redact"]}}, r"entities\.PERSON", "give an operator's name or a mapping"),
    ({"entities": {"PERSON": {"operator": 3}}}, r"entities\.PERSON\.operator", "give an operator's name"),
    ({"entities": {"PERSON": "redact"}, "default": None}, "default", "give an operator's name"),
])
def test_a_wrong_type_is_refused_with_its_path_and_what_to_give(data: dict[str, object], path: str, what: str) -> None:
    from intake.anonymisation.policy import parse_policy

    with pytest.raises(PolicyError, match=rf"^p\.yaml: invalid policy: {path}: (wrong type|unsupported value); {what}"):
        parse_policy(data, "p.yaml")


@pytest.mark.parametrize("token_length", [0, 15, 65, 1024, -16])
def test_a_token_length_out_of_bounds_is_refused_for_the_policy_and_for_an_operator(tmp_path: Path,
                                                                                    token_length: int) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(f"token_length: {token_length}\nentities:\n  PERSON: pseudonymise\n")
    with pytest.raises(PolicyError, match=r"token_length: out of bounds; give an integer from 16 to 64"):
        load_policy(path)
    path.write_text(f"entities:\n  PERSON: {{operator: pseudonymise, token_length: {token_length}}}\n")
    with pytest.raises(PolicyError, match=r"entities\.PERSON\.token_length: out of bounds; give an integer from 16"):
        load_policy(path)
    for bound in (16, 64):  # the bounds themselves are accepted
        path.write_text(f"token_length: {bound}\nentities:\n"
                        f"  PERSON: {{operator: pseudonymise, token_length: {bound}}}\n")
        assert load_policy(path).token_length == bound


def test_every_problem_of_a_policy_is_named_at_once_and_no_value_is_shown() -> None:
    """A policy is configuration, but the check shows paths and what to give, never what was given."""
    from intake.anonymisation.policy import parse_policy

    with pytest.raises(PolicyError) as refused:
        parse_policy({"entities": {"PERSON": {"operator": "mask", "keep_lastt": "SECRET-1"}, "MRN": ["SECRET-2"]},
                      "colums": {"Notes": "SECRET-3"}, "token_length": "SECRET-4"}, "p.yaml")
    message = str(refused.value)
    for path in ("token_length: ", "entities.PERSON.keep_lastt: ", "entities.MRN: ", "colums: "):
        assert path in message
    assert "SECRET" not in message


def test_the_policy_file_schema_gives_the_same_policy_as_the_file_says() -> None:
    """Numbers as YAML keys stay text, a `columns:` left empty is none, parameters keep their order and values."""
    from intake.anonymisation.policy import OperatorSpec, parse_policy

    policy = parse_policy({"version": 1, "entities": {2019: "keep", "PHONE_NUMBER": {
        "operator": "mask", "keep_last": 3, "char": "#"}}, "columns": None}, "p.yaml")
    assert policy.entities == {"2019": OperatorSpec("keep"), "PHONE_NUMBER": OperatorSpec("mask", {
        "keep_last": 3, "char": "#"})}
    assert list(policy.entities["PHONE_NUMBER"].params) == ["keep_last", "char"]
    assert policy.columns == {} and policy.default == OperatorSpec("redact") and policy.source == "p.yaml"
