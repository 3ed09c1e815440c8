"""The settings module refuses what it cannot use, and passes Django's deployment check."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ICTSPACE_", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"))
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="ictspace.settings")
    return subprocess.run(
        [sys.executable, "-m", "ictspace", *args],
        env=clean,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_debug_accepts_only_true_or_false():
    result = _run({"ICTSPACE_DEBUG": "yes"}, "check")
    assert result.returncode != 0
    assert "ICTSPACE_DEBUG must be true or false, not 'yes'" in result.stderr


def test_production_needs_a_secret_key():
    result = _run({}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) is required in production" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("k" * 60 + "\n")
    result = _run({"SECRET_KEY_FILE": str(secret), "ALLOWED_HOSTS": "x.example"}, "check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("extra", [{}])
def test_documented_production_settings_pass_check_deploy(tmp_path, extra):
    """The settings of docs/deployment.md."""
    env = {
        "SECRET_KEY": "a-long-random-production-key-" + "q8Zr2vX7pL0mN4bT" * 4,
        "ALLOWED_HOSTS": "ictspace.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://ictspace.example.org",
        "ICTSPACE_HTTPS": "true",
        "ICTSPACE_VAR_DIR": str(tmp_path),
        **extra,
    }
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_private_storage_options_must_be_a_json_object():
    result = _run({"ICTSPACE_DEBUG": "true", "ICTSPACE_PRIVATE_STORAGE_OPTIONS": "[1]"}, "check")
    assert result.returncode != 0
    assert "ICTSPACE_PRIVATE_STORAGE_OPTIONS must be a JSON object, not [1]" in result.stderr


def test_private_storage_backend_and_options_come_from_the_environment(tmp_path):
    env = {
        "ICTSPACE_DEBUG": "true",
        "ICTSPACE_PRIVATE_STORAGE_BACKEND": "django.core.files.storage.InMemoryStorage",
        "ICTSPACE_PRIVATE_STORAGE_OPTIONS": json.dumps({"location": str(tmp_path / "blobs")}),
    }
    code = (
        "from ictspace.files.storage import private as p; print(p.__class__.__name__, p.location)"
    )
    result = _run(env, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["InMemoryStorage", str(tmp_path / "blobs")]


# Trusted proxy (harden-auth) -----------------------------------------------------------


def test_a_proxy_header_needs_the_proxies_it_comes_from():
    result = _run({"ICTSPACE_DEBUG": "true", "ICTSPACE_TRUSTED_PROXY_HEADER": "X-Real-IP"}, "check")
    assert result.returncode != 0
    assert "ICTSPACE_TRUSTED_PROXY_HEADER needs ICTSPACE_TRUSTED_PROXIES" in result.stderr


def test_trusted_proxies_must_be_addresses_or_networks():
    result = _run({"ICTSPACE_DEBUG": "true", "ICTSPACE_TRUSTED_PROXIES": "proxy.local"}, "check")
    assert result.returncode != 0
    assert "ICTSPACE_TRUSTED_PROXIES:" in result.stderr
