"""The recognizer registry: recognizers in name order (deterministic across processes), and its remembered
answers follow recognizers added or removed later."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from intake.anonymisation.presidio_adapters import NameOrderedRegistry


def recognizer(name: str, entity: str = "EQUIPMENT_ID") -> PatternRecognizer:
    return PatternRecognizer(entity, name=name, patterns=[Pattern(name, r"\bEQ\d{6}\b", 0.6)])


def names(registry: NameOrderedRegistry, entities: list[str]) -> list[str]:
    return [r.name for r in registry.get_recognizers("en", entities)]


def test_recognizers_come_in_name_order_and_answers_follow_changes() -> None:
    registry = NameOrderedRegistry(supported_languages=["en"])
    registry.recognizers = [recognizer("Zulu"), recognizer("Alpha"), recognizer("Other", "ASSET_TAG")]
    assert names(registry, ["EQUIPMENT_ID"]) == ["Alpha", "Zulu"]
    assert names(registry, ["EQUIPMENT_ID"]) == ["Alpha", "Zulu"]  # from memory: the same answer

    registry.add_recognizer(recognizer("Mike"))
    assert names(registry, ["EQUIPMENT_ID"]) == ["Alpha", "Mike", "Zulu"]
    registry.remove_recognizer("Alpha")
    assert names(registry, ["EQUIPMENT_ID"]) == ["Mike", "Zulu"]
    assert names(registry, ["EQUIPMENT_ID", "ASSET_TAG"]) == ["Mike", "Other", "Zulu"]

    answer = registry.get_recognizers("en", ["EQUIPMENT_ID"])
    answer.clear()  # a caller changing its list does not change the registry's next answer
    assert names(registry, ["EQUIPMENT_ID"]) == ["Mike", "Zulu"]
