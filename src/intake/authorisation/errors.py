"""Why an authorisation was refused. One class per check, so callers and tests can tell them apart.

Every message names the check that failed, the authorisation reference and, for file checks, the
file; it never quotes a value from the customer's dataset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intake.errors import IntakeError, NotFound, StateError


class AuthorisationError(IntakeError):
    """A written authorisation is missing, invalid or does not cover what was asked."""

    check = "authorisation"


@dataclass(frozen=True)
class ManifestProblem:
    path: str  # dotted field path, e.g. "files[2].sha256"; "" for the document itself
    line: int | None  # 1-based line in the YAML, when known
    message: str

    def __str__(self) -> str:
        where = self.path or "manifest"
        at = f" (line {self.line})" if self.line else ""
        return f"{where}{at}: {self.message}"


class ManifestError(AuthorisationError):
    """The manifest YAML is malformed or does not follow the schema."""

    check = "manifest"

    def __init__(self, source: str, problems: Sequence[ManifestProblem]) -> None:
        self.source = source
        self.problems = list(problems)
        shown = "; ".join(str(p) for p in self.problems[:10])
        more = f"; and {len(self.problems) - 10} more problems" if len(self.problems) > 10 else ""
        super().__init__(
            f"authorisation manifest {source} is invalid: {shown}{more}. "
            "Fix the manifest and have it signed again (examples/authorisation/README.md shows the format)"
        )


class KeyFileError(AuthorisationError):
    """A key or signature file cannot be read or written."""

    check = "key_file"


class UnreadableFile(AuthorisationError):
    """A file named on the command line cannot be read."""

    check = "file_readable"


class InvalidName(AuthorisationError):
    """A customer name or signer label is blank or too long."""

    check = "name"


class SignatureInvalid(AuthorisationError):
    """The detached signature does not verify over the manifest bytes."""

    check = "signature"


class UntrustedSigner(AuthorisationError):
    """The signing key is not a trusted key of the manifest's customer."""

    check = "signer_trusted"


class SignerRevoked(AuthorisationError):
    """The signing key was revoked."""

    check = "signer_revoked"


class AuthorisationNotYetValid(AuthorisationError):
    """The manifest is dated in the future."""

    check = "not_yet_valid"


class AuthorisationExpired(AuthorisationError):
    check = "expired"


class AuthorisationWithdrawn(AuthorisationError):
    check = "withdrawn"


class PurposeMismatch(AuthorisationError):
    """A fault dataset offered to a migration run, or the reverse."""

    check = "purpose"


class FileRefused(AuthorisationError):
    """A presented file is refused; `files` names the ones refused (their count is audited, never their content)."""

    def __init__(self, message: str, files: Sequence[str]) -> None:
        super().__init__(message)
        self.files = list(files)


class FileNotAuthorised(FileRefused):
    """A presented file is not listed in the authorisation."""

    check = "file_authorised"


class FileHashMismatch(FileRefused):
    """A presented file differs from the one authorised (its SHA-256 differs)."""

    check = "file_hash"


class EvidenceMissing(AuthorisationError):
    """The evidence document (signed letter or form) is not in the vault."""

    check = "evidence_present"


class EvidenceMismatch(AuthorisationError):
    """The evidence document's SHA-256 differs from the one in the signed manifest."""

    check = "evidence_hash"


class RecordAltered(AuthorisationError):
    """The registry's copy of an authorisation disagrees with its signed manifest."""

    check = "record_integrity"


class AuthorisationNotFound(AuthorisationError, NotFound):
    check = "exists"


class DuplicateReference(AuthorisationError, StateError):
    check = "reference_unique"


class SignerNotFound(AuthorisationError, NotFound):
    check = "signer_exists"


class SignerConflict(AuthorisationError, StateError):
    """A key is already trusted, already bound to another customer, or was revoked."""

    check = "signer_unique"


class AlreadyWithdrawn(AuthorisationError, StateError):
    check = "withdrawn"


class ConsentNeedsTwoPeople(AuthorisationError):
    """One member of staff may not both trust a signer key and register what it signs, nor confirm their own key."""

    check = "two_people"


class SignerNotConfirmed(AuthorisationError):
    """A signer key is used only once a member of staff other than who added it has confirmed its fingerprint."""

    check = "signer_confirmed"
