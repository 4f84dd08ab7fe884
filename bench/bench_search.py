"""Search on the ANT corpus: indexing throughput and query latency, SQLite or PostgreSQL.

    .venv/bin/python bench/bench_search.py prepare --var /tmp/js          # migrate + import
    .venv/bin/python bench/bench_search.py index   --var /tmp/js          # empty, rebuild
    .venv/bin/python bench/bench_search.py latency --var /tmp/js          # 200 queries
    add --database-url postgres://postgres@127.0.0.1:5432/jarida_search_bench for PostgreSQL
    (prepare drops and creates that database).

`prepare` times import_articles, which indexes each batch through `articles_imported`
(the import's own work included). `index` empties the search tables and times
`rebuild_search_index`, the indexing alone. `latency` runs 200 queries made of words
from real headlines (1 to 3 words each, seeded) through the same selector the page and
the API use (engine query, fetch, snippets), after one warm-up pass, and reports p50/p95
of the whole call and of the engine query alone. Not part of the test suite; figures go
to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "ant-v2.1.jsonl.gz"
QUERIES = 200


def setup_django(args) -> None:
    os.environ.update({"JARIDA_VAR_DIR": args.var, "DJANGO_SECRET_KEY": "bench",
                       "DJANGO_SETTINGS_MODULE": "config.settings.base",
                       "JARIDA_LOG_LEVEL": "WARNING"})
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def engine(args) -> str:
    return "postgresql" if args.database_url else "sqlite"


def prepare(args) -> None:
    if args.database_url:
        name = args.database_url.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name],
                       check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    else:
        Path(args.var).mkdir(parents=True, exist_ok=True)
        (Path(args.var) / "jarida.sqlite3").unlink(missing_ok=True)
    setup_django(args)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("import_articles", str(args.corpus), "--no-progress")
    print(f"[{engine(args)}] import_articles with indexing: "
          f"{time.perf_counter() - started:.1f} s")


def index(args) -> None:
    setup_django(args)
    from django.db import connection, transaction

    from jarida.newsroom.models import Article
    from jarida.search.services import search_index_rebuild

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_document")
        cursor.execute("DELETE FROM search_term")
        cursor.execute("DELETE FROM search_stats")
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_document")
    total = Article.objects.filter(status=Article.Status.PUBLISHED).count()
    started = time.perf_counter()
    cpu = time.process_time()
    report = search_index_rebuild(batch_size=args.batch_size)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"[{engine(args)}] rebuild_search_index from empty: {total} articles, "
          f"{report['changed']} written, {elapsed:.1f} s wall ({total / elapsed:.0f} "
          f"articles/s), {cpu:.1f} s CPU in this process")
    again = time.perf_counter()
    report = search_index_rebuild(batch_size=args.batch_size)
    print(f"[{engine(args)}] second run (nothing to change): {report['changed']} written, "
          f"{time.perf_counter() - again:.1f} s")


def _queries(seed: int) -> list[str]:
    from jarida.arabic import is_stop_word, tokenize

    rng = random.Random(seed)
    headlines = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as stream:
        for line in stream:
            title = json.loads(line).get("title") or ""
            words = [w for w in title.split() if tokenize(w) and not is_stop_word(w)
                     and not w.isascii()]
            if len(words) >= 3:
                headlines.append(words)
    queries = []
    for n in range(QUERIES):
        words = rng.choice(headlines)
        size = 1 + n % 3
        start = rng.randrange(0, len(words) - size + 1)
        queries.append(" ".join(words[start:start + size]))
    return queries


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def latency(args) -> None:
    setup_django(args)
    from django.utils import timezone

    from jarida.search.backends import Filters, search_backend
    from jarida.search.query import parse_query
    from jarida.search.selectors import search_articles

    queries = _queries(args.seed)
    backend = search_backend()
    if backend.vendor == "postgresql":  # as autovacuum leaves it after a bulk load
        with backend.connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_document")
            cursor.execute("VACUUM ANALYZE search_term")
    for query in queries:  # warm-up: caches, pages, statements
        search_articles(text=query)
    whole, engine_only, totals, modes = [], [], [], {}
    for query in queries:
        started = time.perf_counter()
        results = search_articles(text=query)
        whole.append((time.perf_counter() - started) * 1000)
        parsed = parse_query(query)
        started = time.perf_counter()
        backend.search(parsed, Filters(now=timezone.now()), mode=results.mode
                       if results.mode != "none" else "all", limit=10, offset=0)
        engine_only.append((time.perf_counter() - started) * 1000)
        totals.append(results.total)
        modes[results.mode] = modes.get(results.mode, 0) + 1
    print(f"[{engine(args)}] {len(queries)} queries (1-3 words from real headlines, seed "
          f"{args.seed}); results per query: median {statistics.median(totals):.0f}, max "
          f"{max(totals)}; modes {modes}")
    print(f"  search_articles (engine + fetch + snippets): p50 {_percentile(whole, .5):.1f} ms, "
          f"p95 {_percentile(whole, .95):.1f} ms, max {max(whole):.1f} ms")
    print(f"  engine query alone:                          p50 "
          f"{_percentile(engine_only, .5):.1f} ms, p95 {_percentile(engine_only, .95):.1f} ms, "
          f"max {max(engine_only):.1f} ms")
    if args.show:
        slowest = sorted(zip(whole, queries, totals, strict=True), reverse=True)[:10]
        for ms, query, total in slowest:
            print(f"    {ms:7.1f} ms  {total:6d}  {query}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("stage", choices=["prepare", "index", "latency"])
    parser.add_argument("--var", default="/tmp/jarida-search-bench")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", action="store_true", help="list the slowest queries")
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus} (benchmarks need ../shared/corpus)")
        return 0
    {"prepare": prepare, "index": index, "latency": latency}[args.stage](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
