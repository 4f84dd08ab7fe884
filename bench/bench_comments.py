"""Comment posting under load, against a real server on 127.0.0.1 (never elsewhere).

Two measurements, each on a fresh SQLite file and on a fresh PostgreSQL database:

1. Concurrency: CLIENTS readers post PER_CLIENT comments each, all at once. Every
   accepted comment (HTTP 201) must be stored (counted in the database afterwards), none
   may fail with "database is locked", and the p50/p95/p99 latency is printed. Each
   reader has its own address (X-Forwarded-For, trusted as behind a proxy) and email;
   the per-address and per-email limits are raised for this run, since a real reader
   does not post 20 comments in a few seconds (the burst below runs the defaults).
2. Spam burst: one address sends BURST posts as fast as it can (bounded to a minute)
   while READERS other readers keep commenting at a human pace. The burst must be
   throttled (HTTP 429) by the per-address limit and the readers must all get through.

Clients get past the minimum fill time the way the form does it: they build form tokens
with the same signing helper (jarida.comments.tokens.form_token_make), issued a minute
ago. They fetch a CSRF token and cookie once from /comments/token/, as the page's script
does.

    .venv/bin/python bench/bench_comments.py                   # both engines
    .venv/bin/python bench/bench_comments.py --engine sqlite --clients 10 --per-client 5

PostgreSQL: postgres@127.0.0.1:5432, database jarida_comments_bench (dropped and
created). Redis (rate limits shared like production): redis://127.0.0.1:6379/13 unless
--redis-url "" (in-process cache).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SECRET = "bench-only-secret-key-not-for-production"
PG_DB = "jarida_comments_bench"
HOST = "127.0.0.1"
# Texts and addresses differ from run to run: the shared cache remembers recent texts
# (duplicate check) and counts per address (rate limits) across runs.
RUN = f"{random.randrange(16**6):06x}"
_NET = random.randrange(1, 250)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def serve(port: int, threads: int) -> None:
    """A small production-like WSGI server from the standard library: a fixed pool of
    worker threads (like gunicorn's gthread worker, so at most `threads` database
    connections, kept between requests) behind a deep accept queue."""
    from concurrent.futures import ThreadPoolExecutor
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

    sys.path.insert(0, str(ROOT))
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # one line per request would skew timings
            pass

    class PooledServer(WSGIServer):
        request_queue_size = 1024
        pool = ThreadPoolExecutor(threads)

        def process_request(self, request, client_address):
            self.pool.submit(self._work, request, client_address)

        def _work(self, request, client_address):
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    server = PooledServer((HOST, port), QuietHandler)
    server.set_app(get_wsgi_application())
    server.serve_forever()


class Server:
    """This script's --serve mode on a fresh database, with the given env."""

    def __init__(self, env: dict[str, str], log: Path, threads: int):
        self.env, self.log, self.threads = env, log, threads
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.log_file = self.log.open("w")
        self.proc = subprocess.Popen(
            [PYTHON, __file__, "--serve", str(self.port), "--threads", str(self.threads)],
            cwd=ROOT, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start, see {self.log}")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log_file.close()


class Reader:
    """One browser: a CSRF cookie and token, an address, an email."""

    def __init__(self, port: int, article_id: int, ip: str, email: str):
        self.port, self.article_id, self.ip, self.email = port, article_id, ip, email
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        conn.request("GET", f"/comments/token/?article={article_id}",
                     headers={"Accept": "application/json", "X-Forwarded-For": ip})
        response = conn.getresponse()
        data = json.loads(response.read())
        cookie = SimpleCookie(response.headers.get("Set-Cookie", ""))
        conn.close()
        self.csrf = data["csrf"]
        self.cookie = f"csrftoken={cookie['csrftoken'].value}"

    def post(self, body: str, *, email: str | None = None) -> tuple[int, float, str]:
        from jarida.comments.tokens import form_token_make

        form = urllib.parse.urlencode({
            "name": "قارئ الاختبار", "email": email or self.email, "body": body,
            "csrfmiddlewaretoken": self.csrf, "website": "",
            "token": form_token_make(article_id=self.article_id, issued_at=time.time() - 60),
        })
        started = time.perf_counter()
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            conn.request("POST", f"/comments/{self.article_id}/new/", body=form, headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json", "Cookie": self.cookie, "X-Forwarded-For": self.ip})
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            status = response.status
        except OSError as error:
            status, text = 0, str(error)
        finally:
            conn.close()
        return status, time.perf_counter() - started, text


def words(rng: random.Random, n: int) -> str:
    pool = ["المياه", "المحطة", "الحي", "الأسعار", "الوزارة", "القرية", "الصيف", "الشبكة",
            "الضغط", "الخدمة", "الفاتورة", "السكان", "الطريق", "المدرسة", "الكهرباء"]
    return " ".join(rng.choice(pool) for _ in range(n))


def prepare(engine: str, workdir: Path, redis_url: str, rates: tuple[str, str]) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base",
           "DJANGO_SECRET_KEY": SECRET, "DJANGO_DEBUG": "0",
           "DJANGO_ALLOWED_HOSTS": HOST, "JARIDA_VAR_DIR": str(workdir),
           "JARIDA_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
           "JARIDA_COMMENTS_VERIFY_EMAILS": "0", "JARIDA_COMMENTS_QUEUE_NOTIFY_SIZE": "0",
           "JARIDA_COMMENTS_RATE_PER_IP": rates[0], "JARIDA_COMMENTS_RATE_PER_EMAIL": rates[1],
           "JARIDA_LOG_LEVEL": "WARNING", "REDIS_URL": redis_url}
    env.pop("DATABASE_URL", None)
    if engine == "postgres":
        env["DATABASE_URL"] = f"postgres://postgres@{HOST}:5432/{PG_DB}"
    return env


def fresh_database(engine: str, env: dict) -> int:
    """A new, migrated database with one published article; returns the article's id."""
    if engine == "postgres":
        import psycopg

        with psycopg.connect(f"postgresql://postgres@{HOST}:5432/postgres",
                             autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DB}")
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    script = (
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from jarida.newsroom import services\n"
        "from jarida.newsroom.models import Section\n"
        "s = Section.objects.create(name='محليات', slug='محليات')\n"
        "a = services.article_create(by=None, headline='اختبار التعليقات تحت الضغط', section=s,"
        " body='<p>نص المقال.</p>')\n"
        "services.article_publish(article=a, by=None, at=timezone.now() - timedelta(hours=1))\n"
        "print(a.pk)\n")
    out = subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def stored(env: dict, where: str = "") -> int:
    script = ("from jarida.comments.models import Comment\n"
              f"print(Comment.objects.filter({where}).count())\n")
    out = subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def run_concurrency(engine: str, args, workdir: Path) -> dict:
    workdir = workdir / "concurrency"
    workdir.mkdir()
    env = prepare(engine, workdir, args.redis_url, ("1000/60", "1000/60"))
    article_id = fresh_database(engine, env)
    log = workdir / f"server-{engine}-concurrency.log"
    results: list[tuple[int, float, str]] = []
    lock = threading.Lock()
    with Server(env, log, args.threads) as server:
        readers = [Reader(server.port, article_id, f"10.{_NET}.{i // 250}.{1 + i % 250}",
                          f"reader{i}@example.com") for i in range(args.clients)]
        start = threading.Barrier(args.clients)

        def client(i: int) -> None:
            rng = random.Random(i)
            start.wait()
            for n in range(args.per_client):
                outcome = readers[i].post(f"تعليق {engine} {RUN}-{i}-{n}: {words(rng, 12)}")
                with lock:
                    results.append(outcome)

        began = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=600)
        elapsed = time.perf_counter() - began
    statuses = Counter(s for s, _, _ in results)
    accepted = statuses.get(201, 0)
    latencies = [d for s, d, _ in results if s == 201]
    locked = log.read_text(errors="replace").count("database is locked") + sum(
        "database is locked" in text for _, _, text in results)
    return {"engine": engine, "sent": len(results), "accepted": accepted,
            "stored": stored(env), "statuses": dict(statuses), "locked": locked,
            "seconds": elapsed, "per_second": len(results) / elapsed,
            "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
            "p99": percentile(latencies, 99)}


def run_burst(engine: str, args, workdir: Path) -> dict:
    from django.conf import settings

    workdir = workdir / "burst"
    workdir.mkdir()
    env = prepare(engine, workdir, args.redis_url,
                  (settings.JARIDA_COMMENTS["RATE_PER_IP"],
                   settings.JARIDA_COMMENTS["RATE_PER_EMAIL"]))
    article_id = fresh_database(engine, env)
    log = workdir / f"server-{engine}-burst.log"
    spammer_ip = f"172.16.{_NET}.{1 + len(engine)}"
    burst: list[tuple[int, float, str]] = []
    readers_out: list[tuple[int, float, str]] = []
    lock = threading.Lock()
    deadline = time.time() + 60
    burst_ended: list[float] = []
    with Server(env, log, args.threads) as server:
        spammer = Reader(server.port, article_id, spammer_ip, "bot@example.com")
        readers = [Reader(server.port, article_id, f"10.{_NET}.200.{1 + i}",
                          f"human{i}@example.com")
                   for i in range(args.readers)]
        counter = iter(range(args.burst))
        counter_lock = threading.Lock()

        def spam(worker: int) -> None:
            rng = random.Random(1000 + worker)
            while time.time() < deadline:
                with counter_lock:
                    n = next(counter, None)
                if n is None:
                    break
                # A fresh email every time: only the address limit can stop it.
                outcome = spammer.post(f"اربح الآن {engine} {RUN}-{n} {words(rng, 6)}",
                                       email=f"bot{n}@example.com")
                with lock:
                    burst.append(outcome)
            with lock:
                burst_ended.append(time.perf_counter())

        def human(i: int) -> None:
            rng = random.Random(i)
            time.sleep(rng.uniform(0, 3))
            for n in range(args.reader_posts):
                outcome = readers[i].post(f"رأي القارئ {engine} {RUN}-{i}-{n}: {words(rng, 10)}")
                with lock:
                    readers_out.append(outcome)
                time.sleep(rng.uniform(4, 8))  # people read and write between comments

        began = time.perf_counter()
        threads = ([threading.Thread(target=spam, args=(w,)) for w in range(args.burst_workers)]
                   + [threading.Thread(target=human, args=(i,)) for i in range(args.readers)])
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        elapsed = time.perf_counter() - began
    burst_statuses = Counter(s for s, _, _ in burst)
    reader_statuses = Counter(s for s, _, _ in readers_out)
    reader_latencies = [d for s, d, _ in readers_out if s == 201]
    return {"engine": engine, "burst_sent": len(burst), "burst_statuses": dict(burst_statuses),
            "burst_stored": stored(env, f"ip_address='{spammer_ip}'"),
            "readers_sent": len(readers_out), "reader_statuses": dict(reader_statuses),
            "readers_stored": stored(env, "commenter__email__startswith='human'"),
            "reader_p95": percentile(reader_latencies, 95), "seconds": elapsed,
            "burst_seconds": max(burst_ended) - began,
            "burst_per_second": len(burst) / (max(burst_ended) - began)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--per-client", type=int, default=20)
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--burst-workers", type=int, default=8)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--reader-posts", type=int, default=3)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--skip", choices=["concurrency", "burst"], default=None)
    parser.add_argument("--keep-logs", action="store_true", help="keep the servers' logs")
    parser.add_argument("--threads", type=int, default=16, help="server worker threads")
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.threads)
        return

    os.environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.base",
                       "DJANGO_SECRET_KEY": SECRET, "DJANGO_DEBUG": "0"})
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    with tempfile.TemporaryDirectory(prefix="jarida-bench-comments-") as tmp:
        if args.keep_logs:
            tmp = tempfile.mkdtemp(prefix="jarida-bench-comments-")
            print(f"Server logs in {tmp}", flush=True)
        for engine in engines:
            workdir = Path(tmp) / engine
            workdir.mkdir()
            if args.skip != "concurrency":
                r = run_concurrency(engine, args, workdir)
                print(f"[{engine}] concurrency: {args.clients} clients x {args.per_client} "
                      f"comments: sent {r['sent']}, accepted {r['accepted']}, stored "
                      f"{r['stored']}, statuses {r['statuses']}, 'database is locked' "
                      f"{r['locked']}; {r['seconds']:.1f} s ({r['per_second']:.0f} posts/s); "
                      f"latency p50 {r['p50'] * 1000:.0f} ms, p95 {r['p95'] * 1000:.0f} ms, "
                      f"p99 {r['p99'] * 1000:.0f} ms", flush=True)
            if args.skip != "burst":
                b = run_burst(engine, args, workdir)
                print(f"[{engine}] spam burst: one address sent {b['burst_sent']} posts in "
                      f"{b['burst_seconds']:.1f} s ({b['burst_per_second']:.0f}/s): statuses "
                      f"{b['burst_statuses']}, stored {b['burst_stored']}; meanwhile "
                      f"{args.readers} readers sent {b['readers_sent']}: statuses "
                      f"{b['reader_statuses']}, stored {b['readers_stored']}, p95 "
                      f"{b['reader_p95'] * 1000:.0f} ms (run {b['seconds']:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
