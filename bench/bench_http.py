"""Article page throughput: the app with nothing cached, the app without its page cache
(fragments cached), the app with its page cache, nginx's proxy_cache in front, and nginx
serving a static copy of the page (the ceiling).

    .venv/bin/python bench/bench_http.py [--var-dir DIR] [--seconds 15] [--connections 32]
                                         [--servers granian,gunicorn]

Needs root once (deploy/run-local-stack.sh installs nginx and wrk from Debian's packages),
Redis at 127.0.0.1:6379 (or starts one) and ../shared/corpus. SQLite; 2 workers. All
traffic goes to 127.0.0.1 and every run is bounded by --seconds. Not part of the tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from perf_stack import (
    APP_PORT,
    CEILING_PORT,
    NGINX_PORT,
    ROOT,
    STACK_DIR,
    article_url,
    database_prepare,
    dump,
    fetch,
    machine_note,
    require_corpus,
    stack_start,
    stack_stop,
    worker_rss_mb,
    wrk,
)


def row(name: str, result: dict, extra: str = "") -> str:
    return (f"| {name} | {result['requests_per_s']:,.0f} | {result.get('p50_ms', 0):.2f} | "
            f"{result.get('p99_ms', 0):.2f} | {result['errors']} | {extra} |")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--var-dir", default="", help="reuse a database directory")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--servers", default="granian,gunicorn",
                        help="gunicorn is not a dependency: pip install gunicorn==27.0.1")
    parser.add_argument("--json", default=str(ROOT / "bench" / "out" / "http.json"))
    args = parser.parse_args()
    if not require_corpus():
        return 0
    var_dir = args.var_dir or tempfile.mkdtemp(prefix="jarida-bench-http-")
    print(f"machine: {machine_note()}; database: {var_dir}/jarida.sqlite3", flush=True)
    database_prepare(var_dir)
    path = article_url(var_dir)
    results: dict[str, dict] = {}
    lines = ["| configuration | req/s | p50 ms | p99 ms | errors | notes |",
             "|---|---:|---:|---:|---:|---|"]
    run = dict(seconds=args.seconds, connections=args.connections)
    servers = [s for s in args.servers.split(",")
               if (ROOT / ".venv" / "bin" / s).exists() or print(f"skipped {s}: not installed "
                                                                 f"(.venv/bin/pip install {s})")]
    # (name, page cache, fragment cache). "uncached": no page cache, so every request reads
    # the article and renders the page; the blocks around it (related list, comments,
    # navigation) come from the fragment cache, as in production. "nothing cached" turns
    # that off too.
    modes = [("nothing cached", "0", "0"), ("uncached", "0", "1"), ("cached", "1", "1")]
    try:
        for server in servers:
            for mode, page_cache, fragment_cache in modes:
                cached = page_cache == "1"
                name = f"app {mode} ({server}, 2 workers)"
                stack_start(var_dir, JARIDA_APP_SERVER=server, JARIDA_PAGE_CACHE=page_cache,
                            JARIDA_FRAGMENT_CACHE=fragment_cache)
                status, headers, _ = fetch(f"http://127.0.0.1:{APP_PORT}{path}")
                assert status == 200, status
                if cached:  # the run below measures hits, not renders
                    state = fetch(f"http://127.0.0.1:{APP_PORT}{path}")[1]
                    assert {k.lower(): v for k, v in state.items()}["x-jarida-cache"] == "hit"
                result = wrk(f"http://127.0.0.1:{APP_PORT}{path}", **run)
                result["rss_mb"] = worker_rss_mb()
                results[name] = result
                lines.append(row(name, result, f"RSS per worker {result['rss_mb']} MB"))
                print(lines[-1], flush=True)
                if cached:
                    # The server's own cost: a redirect through the whole middleware stack,
                    # no database, no template.
                    name = f"server overhead: /favicon.ico 301 ({server})"
                    result = wrk(f"http://127.0.0.1:{APP_PORT}/favicon.ico", **run)
                    results[name] = result
                    lines.append(row(name, result))
                    print(lines[-1], flush=True)
        # The production stack: nginx in front of the first server, page cache on.
        server = servers[0]
        stack_start(var_dir, JARIDA_APP_SERVER=server, JARIDA_PAGE_CACHE="1")
        nginx_url = f"http://127.0.0.1:{NGINX_PORT}{path}"
        fetch(nginx_url)
        status, headers, body = fetch(nginx_url)
        assert headers.get("X-Cache-Status") == "HIT", headers
        result = wrk(nginx_url, **run)
        results["nginx proxy_cache"] = result
        lines.append(row(f"nginx proxy_cache -> {server}", result))
        print(lines[-1], flush=True)
        # The ceiling: the same bytes as a static file.
        ceiling = STACK_DIR / "nginx" / "ceiling" / "article.html"
        ceiling.write_bytes(body)
        result = wrk(f"http://127.0.0.1:{CEILING_PORT}/article.html", **run)
        results["nginx static copy"] = result
        lines.append(row("nginx static copy (ceiling)", result))
        print(lines[-1], flush=True)
        # Purge path check: a refresh request with the secret replaces nginx's copy.
        secret = (STACK_DIR / "purge-secret").read_text().strip()
        _, refreshed, _ = fetch(nginx_url, {"X-Jarida-Refresh": secret})
        _, after, _ = fetch(nginx_url)
        results["purge_path"] = {"refresh": refreshed.get("X-Cache-Status"),
                                 "next": after.get("X-Cache-Status")}
    finally:
        stack_stop()
    ceiling_rps = results["nginx static copy"]["requests_per_s"]
    first = servers[0]
    bare = results[f"app nothing cached ({first}, 2 workers)"]["requests_per_s"]
    uncached = results[f"app uncached ({first}, 2 workers)"]["requests_per_s"]
    cached = results[f"app cached ({first}, 2 workers)"]["requests_per_s"]
    proxied = results["nginx proxy_cache"]["requests_per_s"]
    print()
    print(f"article page: {path}  ({len(body):,} bytes); wrk -t2 -c{args.connections} "
          f"-d{args.seconds}s")
    print("\n".join(lines))
    print(f"ratios: cached/uncached {cached / uncached:.1f}x; nginx/cached "
          f"{proxied / cached:.1f}x; nginx/ceiling {proxied / ceiling_rps:.2f} "
          f"(target >= 0.5); uncached/ceiling {uncached / ceiling_rps:.4f}")
    print(f"purge path: refresh request -> {results['purge_path']['refresh']}, next reader "
          f"-> {results['purge_path']['next']}")
    print(f"nothing cached (no page, no fragment cache): {bare:,.0f} req/s")
    print(f"targets: uncached >= 500 req/s: {uncached:,.0f}; cached in app >= 5,000: "
          f"{cached:,.0f}; behind nginx >= half the ceiling: {proxied:,.0f} vs "
          f"{ceiling_rps / 2:,.0f}")
    results["meta"] = {"path": path, "bytes": len(body), "machine": machine_note(),
                       "at": time.strftime("%Y-%m-%d %H:%M:%S")}
    for value in results.values():
        value.pop("raw", None)
    dump(Path(args.json), results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
