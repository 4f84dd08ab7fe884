"""Production settings come from the environment documented in docs/deployment.md, and
`manage.py check --deploy` has nothing to say about them."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEPLOYMENT_DOC = ROOT / "docs" / "deployment.md"


def documented_production_env() -> dict[str, str]:
    """The variables of the block that follows `<!-- production-env -->` in the doc."""
    text = DEPLOYMENT_DOC.read_text()
    block = re.search(r"<!-- production-env -->\s*```[a-z]*\n(.*?)```", text, re.S)
    assert block, "docs/deployment.md has no production-env block"
    env = {}
    for line in block.group(1).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    return env


def _run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
            "JARIDA_VAR_DIR": str(tmp_path / "var")}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def production_env() -> dict[str, str]:
    env = documented_production_env()
    # The doc shows a placeholder; a real deployment generates its own key.
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(64)
    return env


def test_it_documents_every_production_variable(production_env):
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL",
                 "JARIDA_SITE_URL", "JARIDA_BEHIND_PROXY", "JARIDA_CLIENT_IP_HEADER",
                 "JARIDA_LOG_FORMAT"):
        assert production_env.get(name), name
    assert production_env["JARIDA_SITE_URL"].startswith("https://")


def test_it_passes_check_deploy_with_the_documented_environment(production_env, tmp_path):
    done = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                production_env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_it_is_not_clean_when_the_site_is_served_over_plain_http(production_env, tmp_path):
    # The same check fails when the HTTPS settings are off: the test above measures them.
    production_env["JARIDA_SITE_URL"] = "http://jarida.example"
    done = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                production_env, tmp_path)
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr


HTTPS_PROBE = """
import django, json
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
# No collectstatic here: plain static storage instead of the manifest, nothing else changed.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
c = Client()
plain = c.get("/admin/login/")
probe = c.get("/healthz")
secure = c.get("/admin/login/", headers={"X-Forwarded-Proto": "https"})
cookie = secure.cookies["csrftoken"]
print(json.dumps({
    "plain_status": plain.status_code, "plain_location": plain.get("Location"),
    "healthz_status": probe.status_code,
    "secure_status": secure.status_code, "hsts": secure.get("Strict-Transport-Security"),
    "cookie_secure": bool(cookie["secure"]), "cookie_httponly": bool(cookie["httponly"]),
    "cookie_samesite": cookie["samesite"], "csp": secure.get("Content-Security-Policy"),
}))
"""


def test_it_redirects_to_https_and_marks_cookies_secure_in_production(production_env, tmp_path):
    import json

    # An empty SQLite file stands in for PostgreSQL: none of these requests reads a table.
    del production_env["DATABASE_URL"], production_env["REDIS_URL"]
    production_env["DJANGO_ALLOWED_HOSTS"] += ",testserver"
    production_env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    done = _run(["-c", HTTPS_PROBE], production_env, tmp_path)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://testserver/admin/login/"
    assert seen["healthz_status"] == 200  # load balancers probe over http
    assert seen["secure_status"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["cookie_secure"] and seen["cookie_httponly"]
    assert seen["cookie_samesite"] == "Lax"
    assert "upgrade-insecure-requests" in seen["csp"]
