"""Search quality on the team's relevance set: recall@10 and MRR, Jarida against LIKE.

    .venv/bin/python bench/bench_search_relevance.py                # SQLite, temporary file
    .venv/bin/python bench/bench_search_relevance.py --database-url postgres://postgres@127.0.0.1:5432/jarida_search_relevance
    add --verbose to list every query each system misses

The set is jarida/search/tests/relevance_set.py: short Arabic items written for Jarida
and judged queries typed as readers type them. The baseline is WordPress core search
(`LIKE '%term%'` ANDed over title, excerpt and body, WordPress's ordering), run on the
same database (jarida.search.evaluation.like_rank). The items are published through the
importer, which indexes them. Not part of the test suite; figures go to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    os.environ.update({"JARIDA_VAR_DIR": tempfile.mkdtemp(prefix="jarida-relevance-"),
                       "DJANGO_SECRET_KEY": "bench", "JARIDA_LOG_LEVEL": "WARNING",
                       "DJANGO_SETTINGS_MODULE": "config.settings.base"})
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        name = args.database_url.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name],
                       check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from jarida.search.evaluation import evaluate, items_load, jarida_rank, like_rank
    from jarida.search.tests.relevance_set import CASES, ITEMS

    call_command("migrate", verbosity=0)
    items_load(ITEMS)
    systems = {"Jarida": evaluate(CASES, jarida_rank), "LIKE": evaluate(CASES, like_rank)}
    print(f"engine: {connection.vendor}; {len(ITEMS)} items, {len(CASES)} queries, "
          f"{sum(len(c.relevant) for c in CASES)} judged relevant")
    print(f"{'system':8} {'recall@10':>9} {'MRR':>6}")
    for name, result in systems.items():
        print(f"{name:8} {result.recall_at_10:9.3f} {result.mrr:6.3f}")
    print("by kind (recall@10 / MRR, queries):")
    kinds = systems["Jarida"].by_kind()
    like_kinds = systems["LIKE"].by_kind()
    for kind, (recall, mrr, n) in kinds.items():
        like_recall, like_mrr, _ = like_kinds[kind]
        print(f"  {kind:11} Jarida {recall:.2f} / {mrr:.2f}   LIKE {like_recall:.2f} / "
              f"{like_mrr:.2f}   ({n})")
    for name, result in systems.items():
        misses = [r for r in result.results if r.recall < 1 or r.reciprocal_rank < 1]
        print(f"{name}: {len(misses)} queries below recall 1 or not first")
        if args.verbose:
            for r in misses:
                print(f"    {r.query!r}: relevant {list(r.relevant)}, got {list(r.ranked[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
