"""Run sqlmap against a local Jarida and report whether it found any SQL injection.

    .venv/bin/python bench/security_sqlmap.py [--time-limit 90] [--level 1] [--risk 1]
                                              [--port PORT]
                                              [--database-url postgres://postgres@127.0.0.1:5432/jarida_sqlmap]

What it does, bounded and on this machine only:

1. installs sqlmap (from PyPI, pinned) into its own virtualenv, var/sqlmap-venv, the first
   time (a GPL tool we run, never import: it stays out of the project's dependencies);
2. builds a fresh demo site in a temporary folder (SQLite; or the PostgreSQL database
   given, dropped and created), and serves it with `runserver` on 127.0.0.1;
3. runs sqlmap (`--batch --level=1 --risk=1`, a time limit per target, the backend's
   DBMS named) against each target that exists: the article URL (every path segment),
   the short link, the section page's `page` parameter, the API's list parameters, the
   search page `/search/?q=`, the search API `/api/v1/search?q=` and the comment form;
4. prints one Markdown row per target: requests the server answered, verdict, time.

DEBUG is on for the target server, so a database error would reach sqlmap in the page
(the easiest signal it can get); comment rate limits and the form's minimum fill time
are opened wide so that sqlmap's requests reach the database code. Exit status 1 when
sqlmap reports an injection. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLMAP_VERSION = "1.10.10"
SQLMAP_VENV = ROOT / "var" / "sqlmap-venv"
HOST = "127.0.0.1"  # the only address this script ever sends traffic to


def sqlmap_path() -> Path:
    sqlmap = SQLMAP_VENV / "bin" / "sqlmap"
    if not sqlmap.exists():
        print(f"installing sqlmap=={SQLMAP_VERSION} into {SQLMAP_VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(SQLMAP_VENV)], check=True)
        subprocess.run([str(SQLMAP_VENV / "bin" / "pip"), "install", "-q",
                        f"sqlmap=={SQLMAP_VERSION}"], check=True)
    return sqlmap


def site_env(var: Path, database_url: str) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base",
           "JARIDA_VAR_DIR": str(var), "JARIDA_MEDIA_ROOT": str(var / "media"),
           "JARIDA_DEMO": "1", "DJANGO_DEBUG": "1", "JARIDA_LOG_LEVEL": "WARNING",
           "JARIDA_COMMENTS_MIN_FILL_SECONDS": "0",
           "JARIDA_COMMENTS_RATE_PER_IP": "1000000/60",
           "JARIDA_COMMENTS_RATE_PER_EMAIL": "1000000/60",
           "JARIDA_COMMENTS_VERIFY_EMAILS": "0", "JARIDA_COMMENTS_QUEUE_NOTIFY_SIZE": "0"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def prepare_database(env: dict[str, str], database_url: str) -> None:
    if database_url:
        name = urllib.parse.urlsplit(database_url).path.lstrip("/")
        subprocess.run(["dropdb", "-h", HOST, "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", HOST, "-U", "postgres", name], check=True)
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_content", "--no-images"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def demo_article(env: dict[str, str]) -> dict:
    script = (
        "import django, json; django.setup()\n"
        "from jarida.newsroom.models import Article\n"
        "a = Article.objects.published().select_related('section')"
        ".filter(allow_comments=True).first()\n"
        "t = a.tags.first(); au = a.authors.first()\n"
        "print(json.dumps({'id': a.pk, 'section': a.section.slug, 'slug': a.slug,"
        " 'tag': t.slug if t else '', 'author': au.slug if au else ''}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("the server stopped before answering")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise SystemExit("the server did not answer /healthz within 60 s")


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def comment_form_target(base: str, article_id: int) -> list[str] | None:
    """sqlmap arguments for the comment form, with a real CSRF cookie, CSRF token and form
    token taken from the form page (as a reader's browser would have them)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base}/comments/{article_id}/new/"
    try:
        html = opener.open(url, timeout=10).read().decode()
    except urllib.error.HTTPError:
        return None
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|token)" value="([^"]+)"', html))
    csrf_cookie = next((c.value for c in jar if c.name == "csrftoken"), None)
    if len(fields) < 2 or csrf_cookie is None:
        return None
    data = urllib.parse.urlencode({
        "name": "قارئ من الرياض", "email": "reader@example.test",
        "body": "تقرير مفيد، شكرًا للكاتب على التفاصيل.", "parent": "", "website": "",
        "token": fields["token"], "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
    })
    return ["-u", url, "--data", data, "--cookie", f"csrftoken={csrf_cookie}",
            "--skip", "token,csrfmiddlewaretoken,website"]


def run_sqlmap(sqlmap: Path, args: list[str], *, dbms: str, time_limit: int, level: int,
               risk: int, out: Path) -> tuple[str, str]:
    command = [str(sqlmap), *args, "--batch", f"--level={level}", f"--risk={risk}",
               f"--dbms={dbms}", f"--time-limit={time_limit}", "--timeout=10", "--retries=1",
               "--flush-session", "--disable-coloring", f"--output-dir={out}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=time_limit + 120)
    text = done.stdout + done.stderr
    if re.search(r"sqlmap identified the following injection point|is vulnerable", text):
        return "INJECTION FOUND", text
    cleared = re.findall(r"parameter '([^']+)' does not seem to be injectable", text)
    if "all tested parameters do not appear to be injectable" in text:
        return f"no injection found; every parameter tested ({', '.join(cleared)})", text
    if cleared:
        return (f"no injection found in {', '.join(cleared)}; the time limit ended the run "
                "before the rest"), text
    return "inconclusive (see the log)", text


def http_errors(text: str) -> str:
    """sqlmap's own summary of the error statuses it received, e.g. "500 × 34"."""
    match = re.search(r"HTTP error codes detected during run:\s*\n(.+)", text)
    if not match:
        return "none"
    return ", ".join(f"{code} × {times}" for code, times in
                     re.findall(r"(\d{3}) \([^)]*\) - (\d+) times", match.group(1)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--time-limit", type=int, default=90, help="seconds per target")
    parser.add_argument("--level", type=int, default=1, choices=range(1, 6))
    parser.add_argument("--risk", type=int, default=1, choices=range(1, 4))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if not args.port:
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            args.port = probe.getsockname()[1]

    sqlmap = sqlmap_path()
    var = Path(tempfile.mkdtemp(prefix="jarida-sqlmap-"))
    env = site_env(var, args.database_url)
    dbms = "PostgreSQL" if args.database_url else "SQLite"
    prepare_database(env, args.database_url)
    article = demo_article(env)
    base = f"http://{HOST}:{args.port}"
    log = (var / "server.log").open("w+")
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", "--noreload",
                               f"{HOST}:{args.port}"], cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    rows, found = [], False
    try:
        wait_until_up(base, server)
        q = urllib.parse.quote
        section, slug = q(article["section"]), q(article["slug"])
        targets: list[tuple[str, list[str] | None]] = [
            ("article URL (section, id, slug)",
             ["-u", f"{base}/{section}*/{article['id']}*/{slug}*/"]),
            ("short link /a/<id>/", ["-u", f"{base}/a/{article['id']}*/"]),
            ("section page ?page=", ["-u", f"{base}/{section}/?page=1"]),
            ("tag page", ["-u", f"{base}/tags/{q(article['tag'])}*/"] if article["tag"] else None),
            ("author page", ["-u", f"{base}/authors/{q(article['author'])}*/"]
             if article["author"] else None),
            ("API /api/v1/articles?section&tag&limit&offset&since",
             ["-u", f"{base}/api/v1/articles?section={section}&tag={q(article['tag'])}"
                    "&limit=5&offset=0&since=2020-01-01T00:00:00Z"]),
            ("API /api/v1/articles/<id>", ["-u", f"{base}/api/v1/articles/{article['id']}*"]),
            ("search page /search/?q=", ["-u", f"{base}/search/?q={q('الاقتصاد')}"]
             if status_of(f"{base}/search/?q=x") != 404 else None),
            ("search API /api/v1/search?q=", ["-u", f"{base}/api/v1/search?q={q('الاقتصاد')}"]
             if status_of(f"{base}/api/v1/search?q=x") != 404 else None),
            ("comment form POST /comments/<id>/new/", comment_form_target(base, article["id"])),
        ]
        for name, target in targets:
            if target is None:
                rows.append((name, "-", "-", "not tested: no such route on this build", "-"))
                continue
            log.flush()
            requests_before = log.tell()
            started = time.monotonic()
            verdict, text = run_sqlmap(sqlmap, target, dbms=dbms, time_limit=args.time_limit,
                                       level=args.level, risk=args.risk, out=var / "sqlmap")
            elapsed = time.monotonic() - started
            log.flush()
            log.seek(requests_before)
            answered = sum(1 for line in log if '" ' in line and "HTTP/1.1" in line)
            log.seek(0, os.SEEK_END)
            (var / f"sqlmap-{len(rows)}.log").write_text(text)
            found |= verdict == "INJECTION FOUND"
            rows.append((name, str(answered), http_errors(text), verdict, f"{elapsed:.0f} s"))
            print(f"{name}: {verdict} ({answered} requests, {elapsed:.0f} s)", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()

    print(f"\nsqlmap {SQLMAP_VERSION}, {dbms}, --level={args.level} --risk={args.risk} "
          f"--time-limit={args.time_limit}"
          f" per target, server {base}\n")
    print("| target | requests answered | error statuses sqlmap saw | result | time |")
    print("|---|---:|---|---|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nlogs: {var}" if args.keep else "")
    if not args.keep:
        shutil.rmtree(var, ignore_errors=True)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
