from __future__ import annotations

import sys

from intake.generator.cli import main

sys.exit(main())
