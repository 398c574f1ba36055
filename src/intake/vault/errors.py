"""Typed vault errors. Messages name the artefact or scope and say what to do; never a data value."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from intake.errors import IntakeError


class VaultError(IntakeError):
    """The vault could not store, read or delete an object (store, key provider or registry problem)."""


class IntegrityError(VaultError):
    """A stored object does not authenticate: modified, truncated, reordered or moved from elsewhere."""

    def __init__(self, artefact_id: str, problem: str, name: str | None = None) -> None:
        self.artefact_id = artefact_id
        label = f"artefact {artefact_id}" + (f" ({name})" if name else "")
        super().__init__(
            f"{label} failed its integrity check: {problem}. The stored object was modified, truncated, "
            "reordered or belongs to another artefact; restore it from a trusted copy or receive the data again"
        )


class KeyDestroyed(VaultError):
    """The data key of a scope was destroyed (crypto-shredded): its objects can never be read again."""


class ArtefactNotFound(VaultError):
    """No live artefact has this id."""


class KeyProviderError(VaultError):
    """The key provider (local key file or KMS) could not create, wrap or unwrap a data key."""


class StoreError(VaultError):
    """The object store (local folder or S3) could not write, read or delete an object."""


def _keks(ids: list[str] | tuple[str, ...] | set[str]) -> str:
    ordered = sorted(ids)
    return ", ".join(ordered) if ordered else "(none)"


_ONLY_INIT = ("No new key file was made: a new KEK is created only by `intake init` on a new home or by "
              "`intake keys rotate-kek` (admin)")


class KekUnavailable(KeyProviderError):
    """The key-encryption key (KEK) a data key needs is missing, foreign or altered; nothing was read or written.

    `key_file` is the file looked at; `expected` maps each KEK id the registry's live data keys are wrapped by
    to how many data keys it wraps (ids and counts, never key material).
    """

    reason = "kek unavailable"

    def __init__(self, key_file: Path, problem: str, expected: Mapping[str, int] | None = None) -> None:
        self.key_file = Path(key_file)
        self.problem = problem
        self.expected = dict(expected or {})
        remedy = self.remedy()
        super().__init__(f"{problem}. {remedy[:1].upper()}{remedy[1:]}")

    def with_expected(self, expected: Mapping[str, int]) -> KekUnavailable:
        """The same refusal, naming the KEK ids the registry's live data keys need."""
        return type(self)(self.key_file, self.problem, expected)

    def needs(self) -> str:
        if not self.expected:
            return "no live data key in the registry is wrapped by a local KEK"
        total = sum(self.expected.values())
        return f"the registry holds {total} live data key(s) wrapped by KEK {_keks(set(self.expected))}"

    def remedy(self) -> str:
        if not self.expected:
            return (f"{self.needs()}: restore {self.key_file} from backup, or on a new home run `intake init`; "
                    f"then run `intake keys check`. {_ONLY_INIT}")
        return (f"{self.needs()}: restore {self.key_file} (mode 0600) from the backup that holds KEK "
                f"{_keks(set(self.expected))}, then run `intake keys check`. {_ONLY_INIT}")


class KekMissing(KekUnavailable):
    """The local key file is not there."""

    reason = "kek missing"

    def __init__(self, key_file: Path, problem: str | None = None, expected: Mapping[str, int] | None = None) -> None:
        super().__init__(key_file, problem or f"the key-encryption key file {key_file} is missing", expected)


class KekForeign(KekUnavailable):
    """The key file does not hold a KEK the registry's data keys are wrapped by (another home's or an old file)."""

    reason = "kek foreign"


class KekAltered(KekUnavailable):
    """The key file is not a valid key file, or a KEK in it does not match its check value."""

    reason = "kek altered"


class KeyCheckFailed(VaultError):
    """`intake keys check` found live data keys that do not unwrap, or a key provider that cannot be used."""
