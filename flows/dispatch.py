"""The value of a Prefect function that is sync or async depending on where it is called.

Prefect's `async_dispatch` functions (Flow.to_deployment, run_deployment, create_markdown_artifact and the
other artifact functions) run their async twin, and return its coroutine, when called from an event loop or
an async flow or task, and return the value itself otherwise; their declared type is the union of both.
intake calls them only from synchronous code: its CLI, `intake serve` before it serves, and its flows and
tasks, which are all sync.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, TypeVar, cast

T = TypeVar("T")


def synchronous(result: T | Coroutine[Any, Any, T]) -> T:
    """`result` of an `async_dispatch` function called from synchronous code, which is never a coroutine."""
    return cast(T, result)
