"""Structured logs: with JARIDA_LOG_FORMAT=json, one JSON object per line."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory

from jarida.ops.logs import JsonFormatter

ROOT = Path(__file__).resolve().parents[3]


def test_it_writes_one_json_object_with_time_level_logger_and_message():
    record = logging.makeLogRecord({"name": "jarida.ingest", "levelno": logging.WARNING,
                                    "levelname": "WARNING", "msg": "تعذّر استيراد %s مقالات",
                                    "args": (3,), "created": 1_795_000_000.25,
                                    "feed_url": "https://wire.example/rss"})
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry == {"time": "2026-11-18T11:06:40.250+00:00", "level": "WARNING",
                     "logger": "jarida.ingest", "message": "تعذّر استيراد 3 مقالات",
                     "feed_url": "https://wire.example/rss"}


def test_it_keeps_a_traceback_in_one_field_and_the_request_line():
    request = RequestFactory().get("/اقتصاد/12/")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
            (request.path,), sys.exc_info(), extra={"status_code": 500, "request": request})
    entry = json.loads(JsonFormatter().format(record))
    assert entry["status_code"] == 500 and entry["method"] == "GET"
    assert entry["path"] == "/اقتصاد/12/"
    assert entry["exception"].startswith("Traceback") and "RuntimeError: boom" in entry["exception"]


def test_it_switches_the_site_to_json_logs_by_environment(tmp_path):
    script = ("import django, logging; django.setup(); "
              "logging.getLogger('jarida.test').warning('نُشر المقال', extra={'article_id': 7})")
    env = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "config.settings.base",
           "DJANGO_DEBUG": "1", "JARIDA_VAR_DIR": str(tmp_path), "JARIDA_LOG_FORMAT": "json"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.strip().splitlines()]
    assert {"level": "WARNING", "logger": "jarida.test", "message": "نُشر المقال",
            "article_id": 7}.items() <= lines[-1].items()
