"""Worker processes give exactly the findings of the in-process detector (same values, any chunking)."""

from __future__ import annotations

import pytest

from intake.anonymisation import DetectorConfig, FreeTextAnalyzer, TextDetector
from tests.anonymisation.conftest import legacy_table


@pytest.mark.slow
def test_parallel_free_text_matches_in_process(detector: TextDetector) -> None:
    table, _ = legacy_table(rows=400)
    notes = [v for v in table.column("Notes").to_pylist() if v]
    expected = detector.analyze(notes)
    with FreeTextAnalyzer(DetectorConfig(vocabulary=detector.config.vocabulary), processes=2, chunk_size=16) as pool:
        got = pool.analyze(notes)
        assert got == expected
        again = pool.analyze(notes)  # second time from the cache
        assert again == expected and pool.cache_hits >= len(set(notes))
