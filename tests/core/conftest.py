"""Fixtures the core tests share with others: the real CLI on the test's home (tests/retention/conftest.py)."""

from tests.retention.conftest import cli  # noqa: F401  (a fixture: pytest finds it by name here)
