"""Shared by bench_http.py and bench_spike.py: a database with the ANT corpus, the local
stack (deploy/run-local-stack.sh), wrk, and the app server's memory. 127.0.0.1 only."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "ant-v2.1.jsonl.gz"
STACK = ROOT / "deploy" / "run-local-stack.sh"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
STACK_DIR = Path(os.environ.get("JARIDA_STACK_DIR", "/tmp/jarida-stack"))
NGINX_PORT, CEILING_PORT, APP_PORT = 8080, 8081, 8001


def base_env(var_dir: str) -> dict[str, str]:
    return {**os.environ, "JARIDA_VAR_DIR": var_dir, "DJANGO_SECRET_KEY": "bench",
            "DJANGO_SETTINGS_MODULE": "config.settings.base", "JARIDA_LOG_LEVEL": "WARNING",
            "JARIDA_STACK_DIR": str(STACK_DIR)}


def database_prepare(var_dir: str) -> None:
    """Migrate, and import the corpus when the database has no articles yet."""
    env = base_env(var_dir)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)
    db = Path(var_dir) / "jarida.sqlite3"
    count = sqlite3.connect(db).execute("SELECT count(*) FROM newsroom_article").fetchone()[0]
    if count == 0:
        print(f"importing {CORPUS.name} into {db} ...", flush=True)
        subprocess.run([PYTHON, "manage.py", "import_articles", str(CORPUS), "--no-progress"],
                       cwd=ROOT, env=env, check=True, capture_output=True)
    connection = sqlite3.connect(db)
    connection.execute("ANALYZE")  # planner statistics, as after any large import
    connection.commit()


def django_shell(var_dir: str, code: str) -> str:
    """Run `code` in a Django shell on the bench database; its stdout."""
    result = subprocess.run([PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT,
                            env=base_env(var_dir), check=True, capture_output=True, text=True)
    return result.stdout.strip().splitlines()[-1]


def article_url(var_dir: str) -> str:
    """The newest public article with a byline: the page every figure is measured on. Its
    related list is computed here, as publishing it would have (a bulk import leaves the
    lists to `rebuild_related --missing`), so the page shows real related articles."""
    return django_shell(var_dir, (
        "from jarida.newsroom.models import Article; "
        "from jarida.related.services import article_related_compute; "
        "a = Article.objects.published().filter(article_authors__isnull=False)"
        ".order_by('-published_at', '-id').first(); article_related_compute(article=a); "
        "print(a.get_absolute_url())"))


def stack_start(var_dir: str, **settings: str) -> None:
    env = {**base_env(var_dir), **settings}
    subprocess.run(["bash", str(STACK), "start"], cwd=ROOT, env=env, check=True)


def stack_stop() -> None:
    subprocess.run(["bash", str(STACK), "stop"], cwd=ROOT, env=base_env(""), check=False,
                   capture_output=True)


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


WRK_LINE = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, *, seconds: int, connections: int, threads: int = 2,
        script: str | None = None, warmup: int = 2) -> dict:
    """Run wrk (Debian's package) against `url` on 127.0.0.1; req/s and latency in ms."""
    assert url.startswith("http://127.0.0.1:"), url
    if warmup:
        subprocess.run(["wrk", "-t1", "-c4", f"-d{warmup}s", url], check=True,
                       capture_output=True)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
               "--timeout", "10s"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    result = {"requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
              "errors": 0, "raw": out}
    for line in out.splitlines():
        if match := WRK_LINE.match(line):
            result[f"p{match[1]}_ms"] = float(match[2]) * UNITS[match[3]]
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        result["errors"] += int(match[1])
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                          out):
        result["errors"] += sum(int(g) for g in match.groups())
    result["requests"] = int(re.search(r"(\d+) requests in", out)[1])
    return result


def worker_rss_mb() -> list[float]:
    """Resident memory of each app server worker (children of the stack's app server)."""
    pid = int((STACK_DIR / "app.pid").read_text())
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                              text=True).stdout.split()
    sizes = []
    for child in children or [str(pid)]:
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except FileNotFoundError:
            continue
        kb = int(re.search(r"VmRSS:\s+(\d+) kB", status)[1])
        sizes.append(round(kb / 1024, 1))
    return sizes


def machine_note() -> str:
    load = os.getloadavg()
    return (f"{os.cpu_count()} cores, load average {load[0]:.2f} at start "
            f"({time.strftime('%Y-%m-%d %H:%M')})")


def dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2))


def require_corpus() -> bool:
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS} (benchmarks need ../shared/corpus)")
        return False
    return True


if __name__ == "__main__":
    sys.exit("a helper module; run bench_http.py or bench_spike.py")
