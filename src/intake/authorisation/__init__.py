"""Written authorisation and consent: signed manifests, the signer trust store, verification, withdrawal.

    from intake.authorisation import verify_for, register, withdraw, VerifiedAuthorisation
"""

from __future__ import annotations

from intake.authorisation.errors import (
    AlreadyWithdrawn,
    AuthorisationError,
    AuthorisationExpired,
    AuthorisationNotFound,
    AuthorisationNotYetValid,
    AuthorisationWithdrawn,
    ConsentNeedsTwoPeople,
    DuplicateReference,
    EvidenceMismatch,
    EvidenceMissing,
    FileHashMismatch,
    FileNotAuthorised,
    InvalidName,
    KeyFileError,
    ManifestError,
    ManifestProblem,
    PurposeMismatch,
    RecordAltered,
    SignatureInvalid,
    SignerConflict,
    SignerNotConfirmed,
    SignerNotFound,
    SignerRevoked,
    UnreadableFile,
    UntrustedSigner,
)
from intake.authorisation.manifest import Manifest, load_manifest, read_manifest
from intake.authorisation.records import (
    AuthorisationDetail,
    AuthorisationView,
    list_authorisations,
    show_authorisation,
)
from intake.authorisation.register import evidence_scope, register, register_bytes
from intake.authorisation.sample import SamplePaths, make_sample_authorisation
from intake.authorisation.sign import SignatureResult, sign_manifest_file
from intake.authorisation.trust import (
    SignerKind,
    SignerView,
    add_signer,
    confirm_signer,
    list_signers,
    revoke_signer,
)
from intake.authorisation.verify import VerifiedAuthorisation, check_still_authorised, verify_for
from intake.authorisation.withdraw import CONSENT_WITHDRAWN, WithdrawalView, withdraw

__all__ = [
    "CONSENT_WITHDRAWN",
    "AlreadyWithdrawn",
    "AuthorisationDetail",
    "AuthorisationError",
    "AuthorisationExpired",
    "AuthorisationNotFound",
    "AuthorisationNotYetValid",
    "AuthorisationView",
    "AuthorisationWithdrawn",
    "ConsentNeedsTwoPeople",
    "DuplicateReference",
    "EvidenceMismatch",
    "EvidenceMissing",
    "FileHashMismatch",
    "FileNotAuthorised",
    "InvalidName",
    "KeyFileError",
    "Manifest",
    "ManifestError",
    "ManifestProblem",
    "PurposeMismatch",
    "RecordAltered",
    "SamplePaths",
    "SignatureInvalid",
    "SignatureResult",
    "SignerConflict",
    "SignerKind",
    "SignerNotConfirmed",
    "SignerNotFound",
    "SignerRevoked",
    "SignerView",
    "UnreadableFile",
    "UntrustedSigner",
    "VerifiedAuthorisation",
    "WithdrawalView",
    "add_signer",
    "check_still_authorised",
    "confirm_signer",
    "evidence_scope",
    "list_authorisations",
    "list_signers",
    "load_manifest",
    "make_sample_authorisation",
    "read_manifest",
    "register",
    "register_bytes",
    "revoke_signer",
    "show_authorisation",
    "sign_manifest_file",
    "verify_for",
    "withdraw",
]
