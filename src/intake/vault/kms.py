"""The AWS KMS key provider: data keys from GenerateDataKey, unwrapped with Decrypt."""

from __future__ import annotations

from typing import Any

from intake.aws_errors import AWS_ERRORS, aws_error
from intake.config import Settings
from intake.errors import ConfigError
from intake.vault.errors import KeyProviderError
from intake.vault.providers import NewDataKey, register_key_provider
from intake.vault.scopes import scope_label


def _kms_problem(exc: Exception, what: str, key_id: str) -> KeyProviderError:
    return aws_error(KeyProviderError, f"KMS {what} with key {key_id}", exc,
                     "check vault.kms_key_id, vault.kms_endpoint_url, the credentials and the key policy")


class KmsKeyProvider:
    """Data keys from AWS KMS GenerateDataKey, unwrapped with Decrypt; the scope is the encryption context."""

    name = "kms"

    def __init__(self, key_id: str, endpoint_url: str | None = None, region: str | None = None,
                 client: Any = None) -> None:
        import boto3
        from botocore.config import Config

        self.key_id = key_id
        self.client = client or boto3.client(
            "kms", endpoint_url=endpoint_url, region_name=region,
            config=Config(retries={"max_attempts": 5, "mode": "standard"}),
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> KmsKeyProvider:
        vault = settings.vault
        if not vault.kms_key_id:
            raise ConfigError(
                "vault.key_provider is 'kms' but vault.kms_key_id is not set: set INTAKE_VAULT__KMS_KEY_ID"
            )
        return cls(vault.kms_key_id, vault.kms_endpoint_url, vault.aws_region)

    def generate(self, scope: str) -> NewDataKey:
        try:
            response = self.client.generate_data_key(
                KeyId=self.key_id, KeySpec="AES_256", EncryptionContext={"scope": scope}
            )
        except AWS_ERRORS as exc:
            raise _kms_problem(exc, "GenerateDataKey", self.key_id) from None
        return NewDataKey(response["Plaintext"], response["CiphertextBlob"], response["KeyId"])

    def wrap(self, scope: str, key: bytes) -> tuple[bytes, str]:
        try:
            response = self.client.encrypt(KeyId=self.key_id, Plaintext=key, EncryptionContext={"scope": scope})
        except AWS_ERRORS as exc:
            raise _kms_problem(exc, "Encrypt", self.key_id) from None
        return response["CiphertextBlob"], response["KeyId"]

    def unwrap(self, scope: str, wrapped: bytes, kek_id: str) -> bytes:
        try:
            response = self.client.decrypt(CiphertextBlob=wrapped, KeyId=kek_id, EncryptionContext={"scope": scope})
        except AWS_ERRORS as exc:
            raise _kms_problem(exc, f"Decrypt of the data key of {scope_label(scope)}", kek_id) from None
        return response["Plaintext"]


register_key_provider(KmsKeyProvider.name, KmsKeyProvider.from_settings)
