"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DEBUG": "false",
    "HTTPS": "true",
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "krampfhilfe.example",
}


def check_deploy(env):
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never in production
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_it_passes_check_deploy_with_production_settings():
    result = check_deploy({**os.environ, **PRODUCTION})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key():
    env = {**os.environ, **PRODUCTION}
    del env["SECRET_KEY"]
    result = check_deploy(env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_without_a_secret_key_only_in_debug():
    env = {**os.environ, **PRODUCTION, "DEBUG": "true"}
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_it_refuses_to_start_with_a_yes_no_setting_it_cannot_read():
    result = check_deploy({**os.environ, **PRODUCTION, "HTTPS": "ture"})
    assert result.returncode != 0
    assert "HTTPS='ture' is neither true nor false" in result.stderr


def test_it_refuses_trusted_proxies_that_are_not_addresses():
    # The setting once took the number of proxies; such a value must stop the start, not
    # silently trust nobody (or everybody).
    result = check_deploy({**os.environ, **PRODUCTION, "TRUSTED_PROXIES": "1"})
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: '1' is not an IP address or network" in result.stderr
    ok = check_deploy({**os.environ, **PRODUCTION, "TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"})
    assert ok.returncode == 0, ok.stdout + ok.stderr
