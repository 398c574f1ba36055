"""Key providers wrap data keys under a key-encryption key (KEK): a local key file, or AWS KMS.

A provider is a small protocol; `KEY_PROVIDERS` maps a provider name (as kept in DataKey.provider)
to a factory taking the settings, so every data key is unwrapped by the provider that wrapped it.
Each provider module (local_kek.py, kms.py) registers itself; importing `intake.vault` registers both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from intake.config import Settings
from intake.errors import ConfigError


@dataclass(frozen=True)
class NewDataKey:
    key: bytes
    wrapped: bytes
    kek_id: str


class KeyProvider(Protocol):
    name: str

    def generate(self, scope: str) -> NewDataKey:
        """A fresh 256-bit data key for `scope`, with its wrapped form."""
        ...

    def wrap(self, scope: str, key: bytes) -> tuple[bytes, str]:
        """Wrap an existing data key under the current KEK: (wrapped, kek_id)."""
        ...

    def unwrap(self, scope: str, wrapped: bytes, kek_id: str) -> bytes: ...


ProviderFactory = Callable[[Settings], KeyProvider]
KEY_PROVIDERS: dict[str, ProviderFactory] = {}


def register_key_provider(name: str, factory: ProviderFactory) -> None:
    KEY_PROVIDERS[name] = factory


def provider_from_settings(name: str, settings: Settings) -> KeyProvider:
    try:
        factory = KEY_PROVIDERS[name]
    except KeyError:
        raise ConfigError(
            f"unknown vault key provider '{name}': choose one of {', '.join(sorted(KEY_PROVIDERS))}"
        ) from None
    return factory(settings)
