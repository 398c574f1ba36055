"""docs/mapping.md's conversions section is written from the conversions themselves and kept in step."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from intake.product.conversions import CONVERSIONS, DATE_FORMATS, make_conversion
from intake.product.reference import DATE_EXAMPLES, with_reference

PAGE = Path(__file__).resolve().parents[2] / "docs" / "mapping.md"


def test_the_committed_page_documents_every_conversion_as_the_code_has_it() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert page == with_reference(page), "run: python -m intake.product.reference docs/mapping.md"
    for name in CONVERSIONS:
        assert f"### `{name}`" in page


@pytest.mark.parametrize("layout", sorted(DATE_FORMATS))
def test_every_date_layout_reads_its_documented_examples(layout: str) -> None:
    examples = DATE_EXAMPLES[layout]
    converted = make_conversion("datetime", {"formats": [layout]})(pa.array(examples))
    assert converted.values.null_count == 0, f"{layout}: {converted.values.to_pylist()}"
