"""No residue: after a migration, consent withdrawn and the sweep, no personal value of the dataset is left
anywhere under the intake home (vault, registry, keys, certificates, deliveries, spools) or in the run's temp
folder, in any encoding; and before the deletion none is in plaintext at rest outside the delivered package."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from intake.authorisation import withdraw
from intake.flows.migration import migration_run_flow
from intake.flows.receive import receive_dataset_flow
from intake.generator import generate_equiptrack
from intake.generator.truth import read_truth
from intake.retention import sweep
from tests.flows.privacy import files_under, find_values

pytestmark = pytest.mark.usefixtures("flows_as")


def test_withdrawal_and_sweep_leave_no_personal_value_anywhere(ctx, as_user, authorise, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    export = generate_equiptrack(tmp_path / "export", assets=120, jobs=240, seed=11)
    values = {row["value"] for row in read_truth(export.truth_path)}
    files = [str(p) for p in export.paths.values()]
    reference = authorise([Path(f) for f in files])
    # The run's own temp folder (this process and its workers), so that other processes' files do not count.
    run_temp = tmp_path / "run-temp"
    run_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(run_temp))
    monkeypatch.setattr(tempfile, "tempdir", str(run_temp))
    dataset_id = receive_dataset_flow(authorisation=reference, files=files, actor="eve")["dataset_id"]
    summary = migration_run_flow(dataset_id=dataset_id, actor="eve", chunk_rows=100)
    home = ctx.settings.home
    package = Path(summary["package"])
    assert package.is_dir() and package.is_relative_to(ctx.settings.deliveries_path)

    # Before deletion: ciphertext, ids and counts only, outside the delivered package.
    at_rest = [p for p in files_under(home) if not p.is_relative_to(ctx.settings.deliveries_path)]
    assert at_rest and not find_values(values, at_rest)
    assert find_values(["vault", "registry"], [], ["vault registry"])  # the search finds what is there

    withdraw(as_user("dora"), reference, reason="customer withdrew consent by letter")
    report = sweep(as_user("dora"))
    assert [d.dataset_id for d in report.deleted] == [dataset_id]

    assert not package.exists()
    leaks = find_values(values, files_under(home, run_temp))
    assert not leaks, f"{len(leaks)} personal values left: {sorted({where for _, where in leaks})}"
    certificate = report.deleted[0].certificate_file
    assert certificate.is_relative_to(home) and certificate.is_file()
