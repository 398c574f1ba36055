"""Typed vault errors. Messages name the artefact or scope and say what to do; never a data value."""

from __future__ import annotations

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
