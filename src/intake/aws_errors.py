"""S3 and KMS failures, classified from botocore's exceptions: transient (the same call may succeed later,
unchanged) or terminal (a setting, a permission or a key must change first).

Only botocore's own exceptions (`AWS_ERRORS`) are failures of the service or of the way to it; anything else
raised around a client call (a TypeError, a KeyError) is a bug of ours and must propagate as itself, never read
as "check the credentials". botocore has already retried what its retry mode retries when one of these arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError

from intake.errors import IntakeError

AWS_ERRORS: tuple[type[Exception], ...] = (ClientError, BotoCoreError)

BUSY = "the service said it was busy (throttled)"
UNAVAILABLE = "the service said it was unavailable or failed internally"
TIMED_OUT = "the request timed out"
UNREACHABLE = "the endpoint could not be reached or dropped the connection"

# Error codes as S3 and KMS send them; a code in neither set is transient only with a 5xx or 429 status.
TRANSIENT_CODES: dict[str, str] = {
    **dict.fromkeys(
        ("Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
         "SlowDown", "RequestLimitExceeded", "TooManyRequests", "TooManyRequestsException", "BandwidthLimitExceeded"),
        BUSY,
    ),
    **dict.fromkeys(("RequestTimeout", "RequestTimeoutException", "DependencyTimeoutException"), TIMED_OUT),
    **dict.fromkeys(
        ("InternalError", "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException",
         "KMSInternalException", "500", "502", "503", "504"),
        UNAVAILABLE,
    ),
}
TERMINAL_CODES = frozenset({
    "AccessDenied", "AccessDeniedException", "NoSuchBucket", "InvalidAccessKeyId", "SignatureDoesNotMatch",
    "ExpiredToken", "InvalidToken", "NotFoundException", "DisabledException", "InvalidCiphertextException",
    "KMSInvalidStateException", "IncorrectKeyException", "InvalidKeyUsageException",
})


@dataclass(frozen=True)
class AwsFailure:
    """What went wrong, by the service's error code (or botocore's exception name), and whether to try again."""

    code: str
    transient: bool
    reason: str = ""  # for a transient failure: what the service (or the connection) said


def classify(exc: BaseException) -> AwsFailure:
    """Transient: throttling, timeouts, 5xx answers and connection failures. Terminal: everything else, e.g. a
    missing bucket, a refused permission, bad credentials, or a KMS key that is missing, disabled or not the
    one the ciphertext was made with."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code") or "Unknown")
        if code in TRANSIENT_CODES:
            return AwsFailure(code, True, TRANSIENT_CODES[code])
        if code in TERMINAL_CODES:
            return AwsFailure(code, False)
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == 429:
            return AwsFailure(code, True, BUSY)
        if isinstance(status, int) and status >= 500:
            return AwsFailure(code, True, UNAVAILABLE)
        return AwsFailure(code, False)
    if isinstance(exc, BotoConnectionError | HTTPClientError):  # EndpointConnectionError, ReadTimeoutError...
        return AwsFailure(type(exc).__name__, True, UNREACHABLE)
    return AwsFailure(type(exc).__name__, False)  # NoCredentialsError, ParamValidationError...


E = TypeVar("E", bound=IntakeError)


def aws_error(kind: type[E], what: str, exc: BaseException, advice: str) -> E:
    """`kind` for a failed call: "<what> failed (<code>): ..." then, if transient, what the service said and to try
    again unchanged; otherwise `advice` (what to check or change). `transient` is set on the error."""
    failure = classify(exc)
    tail = f"{failure.reason}; try again later, nothing needs to change" if failure.transient else advice
    error = kind(f"{what} failed ({failure.code}): {tail}")
    error.transient = failure.transient
    return error
