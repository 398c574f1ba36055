"""S3 and KMS failures classified from real botocore exceptions: throttling and unreachable endpoints are transient
(a flow task retries them), a missing bucket or a refused key is terminal, and our own bugs are not failures of S3."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)

from intake.aws_errors import aws_error, classify
from intake.errors import ConfigError, RegistryUnavailable
from intake.flows.tasks import retry_unexpected_failures
from intake.pipeline import StepFailed
from intake.vault import KeyProviderError, StoreError
from intake.vault.kms import KmsKeyProvider


def client_error(code: str, status: int = 400, operation: str = "PutObject") -> ClientError:
    response: Any = {"Error": {"Code": code, "Message": "said by the service"},
                     "ResponseMetadata": {"HTTPStatusCode": status}}
    return ClientError(response, operation)


@pytest.mark.parametrize("exc", [
    client_error("SlowDown", 503), client_error("Throttling"), client_error("ThrottlingException"),
    client_error("RequestLimitExceeded"), client_error("TooManyRequests", 429), client_error("RequestTimeout"),
    client_error("InternalError", 500), client_error("ServiceUnavailable", 503), client_error("KMSInternalException"),
    client_error("503", 503, "HeadObject"), client_error("SomethingNew", 502),
    EndpointConnectionError(endpoint_url="http://127.0.0.1:1"),
    ConnectionClosedError(endpoint_url="http://127.0.0.1:1"),
    ReadTimeoutError(endpoint_url="http://127.0.0.1:1"),
], ids=lambda exc: classify(exc).code)
def test_throttling_timeouts_5xx_and_connection_failures_are_transient(exc: Exception) -> None:
    assert classify(exc).transient


@pytest.mark.parametrize("exc", [
    client_error("AccessDenied", 403), client_error("NoSuchBucket", 404), client_error("InvalidAccessKeyId", 403),
    client_error("SignatureDoesNotMatch", 403), client_error("404", 404, "HeadObject"),
    client_error("NotFoundException"), client_error("DisabledException"), client_error("InvalidCiphertextException"),
    client_error("AccessDeniedException"), client_error("SomethingNew", 400), NoCredentialsError(),
], ids=lambda exc: classify(exc).code)
def test_refusals_missing_things_and_bad_keys_are_terminal(exc: Exception) -> None:
    assert not classify(exc).transient


def test_the_message_says_what_failed_and_what_to_do_differently_for_transient_and_terminal() -> None:
    busy = aws_error(StoreError, "S3 upload of s3://b/k", client_error("SlowDown", 503), "check the bucket")
    assert busy.transient and isinstance(busy, StoreError)
    assert str(busy) == ("S3 upload of s3://b/k failed (SlowDown): the service said it was busy (throttled); "
                         "try again later, nothing needs to change")
    gone = aws_error(StoreError, "S3 upload of s3://b/k", client_error("NoSuchBucket", 404), "check the bucket")
    assert not gone.transient and str(gone) == "S3 upload of s3://b/k failed (NoSuchBucket): check the bucket"
    unreachable = aws_error(KeyProviderError, "KMS Encrypt", EndpointConnectionError(endpoint_url="http://x"), "-")
    assert unreachable.transient and "could not be reached" in str(unreachable) and "try again" in str(unreachable)
    assert not StoreError("plain").transient  # the class default stays terminal


class _Kms:
    """A KMS client stand-in that raises what it is given."""

    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def generate_data_key(self, **_: Any) -> Any:
        raise self.exc

    encrypt = decrypt = generate_data_key


def test_kms_throttling_is_a_transient_key_provider_error_and_a_disabled_key_a_terminal_one() -> None:
    with pytest.raises(KeyProviderError, match=r"GenerateDataKey with key k1 failed \(ThrottlingException\): the "
                                               r"service said it was busy") as busy:
        KmsKeyProvider("k1", client=_Kms(client_error("ThrottlingException"))).generate("scope")
    assert busy.value.transient
    with pytest.raises(KeyProviderError, match=r"\(DisabledException\): check vault.kms_key_id") as disabled:
        KmsKeyProvider("k1", client=_Kms(client_error("DisabledException"))).wrap("scope", b"k" * 32)
    assert not disabled.value.transient


def test_a_bug_around_a_kms_call_propagates_as_itself_not_as_a_credentials_problem() -> None:
    with pytest.raises(TypeError, match="a bug"):
        KmsKeyProvider("k1", client=_Kms(TypeError("a bug"))).unwrap("scope", b"wrapped", "k1")


class _State:
    def __init__(self, result: BaseException | None) -> None:
        self._result = result

    def result(self, raise_on_failure: bool = True) -> BaseException:
        if self._result is None:
            raise RuntimeError("no result stored")
        return self._result


@pytest.mark.parametrize(("error", "retried"), [
    (aws_error(StoreError, "S3 upload", client_error("SlowDown", 503), "check"), True),
    (aws_error(KeyProviderError, "KMS Decrypt", EndpointConnectionError(endpoint_url="http://x"), "check"), True),
    (RegistryUnavailable("the registry is locked"), True),
    (aws_error(StoreError, "S3 upload", client_error("NoSuchBucket", 404), "check"), False),
    (aws_error(KeyProviderError, "KMS Decrypt", client_error("InvalidCiphertextException"), "check"), False),
    (ConfigError("bad setting"), False),
    (StepFailed("step x failed with OSError"), True),  # a library error: may go away
    (OSError("disk full"), True),
    (None, True),  # no exception to look at (a crash)
])
def test_a_task_retries_an_intake_error_iff_it_is_transient(error: BaseException | None, retried: bool) -> None:
    assert retry_unexpected_failures(None, None, _State(error)) is retried
