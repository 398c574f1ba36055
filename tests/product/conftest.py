"""Fixtures of the product tests; the legacy-file builders live in tests/product/legacy.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.product.legacy import write_medimaint_db


@pytest.fixture
def medimaint_db(tmp_path: Path) -> Path:
    return write_medimaint_db(tmp_path / "medimaint.db")
