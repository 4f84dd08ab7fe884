"""Time feeds, sitemaps, the JSON API and article structured data on a generated archive.

    .venv/bin/python bench/bench_syndication.py [--articles 10000] [--runs 20]
        [--database-url postgres://postgres@127.0.0.1:5432/jarida_bench_syndication]

Builds a fresh database (a SQLite file in a temporary directory, or the PostgreSQL
database named, which this script drops and creates) holding N published articles spread
over twelve months, with sections, authors and tags; then sends each request in-process
through Django's test client (no network) and prints the median and 95th percentile
time (wall clock), the median CPU time of this process (Django, and SQLite's work; not
PostgreSQL's server), the median time spent waiting on SQL, and the number of queries.
On a busy machine the CPU column is the steadier one. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("الحكومة تعلن خطة جديدة لتطوير النقل العام في المدن الكبرى وتوسيع شبكة الحافلات "
         "ويقول المسؤولون إن المشروع يوفر آلاف الوظائف ويخفض الازدحام في ساعات الذروة "
         "بينما يطالب النواب بمراجعة الكلفة قبل إقرار الموازنة في الدورة المقبلة").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def build(n_articles: int) -> None:
    from django.utils import timezone

    from jarida.newsroom.models import Article, ArticleAuthor, Author, Section, Tag

    rng = random.Random(7)
    sections = Section.objects.bulk_create(
        Section(name=f"قسم {i}", slug=f"قسم-{i}", position=i) for i in range(8))
    authors = Author.objects.bulk_create(
        Author(name=f"كاتب رقم {i}", slug=f"كاتب-{i}") for i in range(40))
    tags = Tag.objects.bulk_create(Tag(name=f"وسم {i}", slug=f"وسم-{i}") for i in range(200))
    now = timezone.now()
    span = timedelta(days=365).total_seconds()
    articles = Article.objects.bulk_create(
        Article(
            headline=sentence(rng, 9), slug=f"خبر-{i}", standfirst=sentence(rng, 25),
            body="".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(8)),
            section=rng.choice(sections), status=Article.Status.PUBLISHED,
            published_at=now - timedelta(seconds=span * (i / n_articles) + 60),
            updated_at=now - timedelta(seconds=span * (i / n_articles)),
        )
        for i in range(n_articles)
    )
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=a, author=author, position=p)
        for a in articles
        for p, author in enumerate(rng.sample(authors, rng.choice((1, 1, 2))))
    )
    through = Article.tags.through
    through.objects.bulk_create(
        through(article_id=a.pk, tag_id=t.pk) for a in articles for t in rng.sample(tags, 3))
    # Fresh planner statistics, as autovacuum would have by then (PostgreSQL plans the
    # feed's ORDER BY ... LIMIT on the index only once it knows the table's size).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client, url: str, runs: int, **headers) -> tuple[float, float, float, float, int,
                                                             int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, sql, cpu = [], [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return (statistics.median(times), p95, statistics.median(cpu), statistics.median(sql),
            len(queries), response.status_code)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="jarida-bench-syndication-")
    os.environ.update(JARIDA_VAR_DIR=var, DJANGO_SETTINGS_MODULE="config.settings.test",
                      DJANGO_SECRET_KEY="bench", JARIDA_SITE_URL="https://jarida.example",
                      JARIDA_HTTPS="0")  # in-process client: plain http
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        name = args.database_url.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name],
                       check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from jarida.newsroom.models import Article
    from jarida.syndication import selectors
    from jarida.syndication.templatetags.syndication import article_structured_data

    settings.DEBUG = False
    call_command("migrate", "--noinput", verbosity=0)
    started = time.perf_counter()
    build(args.articles)
    print(f"engine: {'postgresql' if args.database_url else 'sqlite'}; "
          f"{args.articles:,} articles generated in {time.perf_counter() - started:.1f} s")

    client = Client(HTTP_HOST="127.0.0.1")
    months = selectors.article_months()
    biggest = max(months, key=lambda m: m.count)
    article = Article.objects.published().first()
    api_etag = client.get("/api/v1/articles?limit=100")["ETag"]
    rows = [
        ("feed RSS, site (50 items)", "/feeds/rss/", {}),
        ("feed Atom, site (50 items)", "/feeds/atom/", {}),
        ("feed RSS, one section", "/feeds/sections/قسم-3/rss/", {}),
        ("feed Atom, one tag", "/feeds/tags/وسم-5/atom/", {}),
        ("sitemap index", "/sitemap.xml", {}),
        (f"sitemap of a month ({biggest.count} URLs)", f"/sitemap-{biggest.key}.xml", {}),
        ("sitemap of tags", "/sitemap-tags.xml", {}),
        ("Google News sitemap", "/sitemap-news.xml", {}),
        ("API article list, limit=100", "/api/v1/articles?limit=100", {}),
        ("API list, limit=100, 304 revalidation", "/api/v1/articles?limit=100",
         {"HTTP_IF_NONE_MATCH": api_etag}),
        ("API list, tag + since filters", "/api/v1/articles?tag=وسم-9&since=2026-01-01", {}),
        ("API list, offset=9900", "/api/v1/articles?limit=100&offset=9900", {}),
        ("API article detail", f"/api/v1/articles/{article.pk}", {}),
    ]
    print(f"{'request':44} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>7} {'SQL ms':>7} "
          f"{'queries':>8} {'status':>7}")
    for label, url, headers in rows:
        median, p95, cpu, sql, queries, status = measure(client, url, args.runs, **headers)
        print(f"{label:44} {median:10.1f} {p95:8.1f} {cpu:7.1f} {sql:7.1f} {queries:8d} "
              f"{status:7d}")

    from jarida.newsroom.selectors import article_get_public

    loaded = article_get_public(pk=article.pk)
    times = []
    for _ in range(args.runs * 10):
        started = time.perf_counter()
        article_structured_data(loaded)
        times.append((time.perf_counter() - started) * 1000)
    print(f"{'structured data for one article (tag only)':44} {statistics.median(times):10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
