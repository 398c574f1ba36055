"""Run one sweep in its own process; optionally SIGKILL itself at a named step (tests of resumption).

Usage: python -m tests.retention.sweep_child SETTINGS_JSON CLOCK_ISO ACTOR KILL_POINT|none WAIT_SECONDS
"""

from __future__ import annotations

import json
import os
import signal
import sys
from datetime import datetime

from intake.clock import FixedClock
from intake.config import Settings
from intake.context import Context
from intake.retention.sweep import SweepHooks, sweep


def main() -> None:
    settings_json, clock_iso, actor, kill_point, wait = sys.argv[1:6]
    settings = Settings(**json.loads(settings_json))
    ctx = Context(settings=settings, actor=actor, clock=FixedClock(datetime.fromisoformat(clock_iso)), migrate=False)

    def die(*_args: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    hooks = SweepHooks(**{kill_point: die}) if kill_point != "none" else None
    report = sweep(ctx, hooks=hooks, wait=float(wait))
    sys.stdout.write(json.dumps({"deleted": [d.dataset_id for d in report.deleted],
                                 "failed": [f.dataset_id for f in report.failed]}) + "\n")


if __name__ == "__main__":
    main()
