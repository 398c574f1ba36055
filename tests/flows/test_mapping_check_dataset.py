"""`intake mapping check --dataset`: the check reads a received dataset from the vault, in memory."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generator import generate_equiptrack
from intake.mapping_check import check_dataset
from intake.pipeline.receive import receive_dataset
from intake.product import builtin_mapping
from tests.flows.signing import AuthorisationMaker


def test_a_received_dataset_checks_clean_against_its_mapping(ctx, as_user, tmp_path: Path) -> None:
    export = generate_equiptrack(tmp_path / "export", assets=40, jobs=80, seed=4, jobs_format="csv")
    files = sorted(export.paths.values())
    reference = AuthorisationMaker(ctx, tmp_path / "auth")(files)
    dataset = receive_dataset(as_user("eve"), reference, files).dataset_id

    result = check_dataset(as_user("eve"), builtin_mapping("equiptrack"), dataset, rows=25)
    assert result.ok, result.problems
    assert result.rows_checked == 50 and {t["table"] for t in result.tables} == {"assets", "jobs"}
    [event] = [e for e in ctx.audit.events() if e.action == "mapping.check"]
    assert (event.actor, event.dataset_id) == ("eve", dataset)
