"""Generate a WordPress export (WXR 1.2) of synthetic Arabic posts, import it with
`import_wordpress` into a fresh database, and print posts per second.

    .venv/bin/python bench/bench_wxr_import.py [--posts 10000] [--database-url URL]

The export is written to a temporary directory from our own word lists (no corpus
needed): categories with a parent, tags, authors, percent-encoded Arabic slugs, classic
(wpautop) bodies, featured images (attachments), drafts, scheduled and private posts and
threaded comments. SQLite by default (a fresh file in a temporary JARIDA_VAR_DIR); with
--database-url, a PostgreSQL database that this script drops and creates. The import is
then run a second time to time the idempotent re-run. Not part of the test suite.
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent

NOUNS = ("المدينة الميناء البلدية الجامعة السوق المستشفى المدرسة الحكومة الوزارة المجلس "
         "الشركة المصنع المزارعون الطلاب التجار السكان الفريق الملعب المهرجان المكتبة "
         "المطار القطار الطريق الجسر الحديقة الشاطئ المسجد المتحف المسرح الصيادون").split()
VERBS = ("أعلن افتتح ناقش أطلق استقبل قرر أكد طالب وافق رفض بحث درس زار شارك نظم "
         "وقع أنجز بدأ أنهى خصص").split()
OBJECTS = ("مشروعا جديدا خطة للتطوير ميزانية العام المقبل برنامجا للتدريب حملة للنظافة "
           "اتفاقية للتعاون مسابقة ثقافية معرضا للكتاب دورة رياضية قرارا مهما").split(" ")
TAILS = ("في حضور عدد من المسؤولين", "بعد أشهر من التحضير", "وسط ترحيب من الأهالي",
         "خلال الأسبوع الجاري", "بمشاركة واسعة من الشباب", "في خطوة هي الأولى من نوعها",
         "لتحسين الخدمات المقدمة للسكان", "ضمن خطة تمتد خمس سنوات")
SECTIONS = [("أخبار", ""), ("محليات", "أخبار"), ("دولي", "أخبار"), ("اقتصاد", ""),
            ("رياضة", ""), ("ثقافة", ""), ("تكنولوجيا", ""), ("صحة", ""), ("تعليم", ""),
            ("بيئة", ""), ("رأي", ""), ("منوعات", "")]
TAGS = [f"{noun} {i}" for i, noun in enumerate(NOUNS)] + ["الأمطار", "الانتخابات", "الطاقة",
                                                          "المياه", "النقل", "السياحة"]
AUTHORS = [("huda", "هدى الكعبي"), ("murad", "مراد الفاسي"), ("rana", "رنا المهيري"),
           ("sami", "سامي العتيبي"), ("layla", "ليلى الحسيني"), ("omar", "عمر الشامي"),
           ("nour", "نور الهاشمي"), ("khaled", "خالد البنا"), ("salma", "سلمى الدوري"),
           ("youssef", "يوسف القاسم")]


def enc(text: str) -> str:
    return quote(re.sub(r"\s+", "-", text)).lower()


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(VERBS)} {rng.choice(NOUNS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(NOUNS)} {rng.choice(TAILS)}.")


def body(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        lines = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4)))]
        if rng.random() < 0.2:
            lines.append(sentence(rng))  # a single newline: a <br> in wpautop
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def generate(path: Path, posts: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    counts = {"posts": 0, "comments": 0, "attachments": 0}
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
                  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                  'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
                  "<title>صحيفة الاختبار</title><link>https://bench.example</link>\n"
                  "<language>ar</language><wp:wxr_version>1.2</wp:wxr_version>\n"
                  "<wp:base_site_url>https://bench.example</wp:base_site_url>\n"
                  "<wp:base_blog_url>https://bench.example</wp:base_blog_url>\n")
        for i, (login, name) in enumerate(AUTHORS, 1):
            out.write(f"<wp:author><wp:author_id>{i}</wp:author_id><wp:author_login>"
                      f"{cdata(login)}</wp:author_login><wp:author_display_name>{cdata(name)}"
                      "</wp:author_display_name></wp:author>\n")
        for i, (name, parent) in enumerate(SECTIONS, 1):
            out.write(f"<wp:category><wp:term_id>{i}</wp:term_id><wp:category_nicename>"
                      f"{cdata(enc(name))}</wp:category_nicename><wp:category_parent>"
                      f"{cdata(enc(parent) if parent else '')}</wp:category_parent><wp:cat_name>"
                      f"{cdata(name)}</wp:cat_name></wp:category>\n")
        for i, name in enumerate(TAGS, 100):
            out.write(f"<wp:tag><wp:term_id>{i}</wp:term_id><wp:tag_slug>{cdata(enc(name))}"
                      f"</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n")
        comment_id = 1
        for n in range(posts):
            post_id = 1000 + n * 2
            day = 1 + n % 28
            month = 1 + (n // 28) % 12
            year = 2015 + (n // 336) % 11
            title = f"{sentence(rng)[:-1]} {n}"
            slug = enc(title)
            roll = rng.random()
            status = ("draft" if roll < 0.04 else "pending" if roll < 0.06 else
                      "private" if roll < 0.07 else "future" if roll < 0.08 else "publish")
            if status == "future":
                year = 2030
            date = f"{year}-{month:02d}-{day:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"
            link = (f"https://bench.example/{year}/{month:02d}/{day:02d}/{slug}/"
                    if status in ("publish", "future") else f"https://bench.example/?p={post_id}")
            section, _ = rng.choice(SECTIONS)
            tags = rng.sample(TAGS, rng.randint(0, 3))
            author = rng.choice(AUTHORS)[0]
            thumbnail = rng.random() < 0.2
            out.write("<item>\n")
            out.write(f"<title>{cdata(title)}</title><link>{escape(link)}</link>\n")
            out.write(f"<dc:creator>{cdata(author)}</dc:creator><guid isPermaLink=\"false\">"
                      f"https://bench.example/?p={post_id}</guid>\n")
            out.write(f"<content:encoded>{cdata(body(rng))}</content:encoded>\n")
            out.write(f"<excerpt:encoded>{cdata(sentence(rng) if rng.random() < 0.5 else '')}"
                      "</excerpt:encoded>\n")
            out.write(f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>{cdata(date)}"
                      f"</wp:post_date><wp:post_date_gmt>"
                      f"{cdata(date if status != 'draft' else '0000-00-00 00:00:00')}"
                      "</wp:post_date_gmt>\n")
            out.write(f"<wp:comment_status>open</wp:comment_status><wp:post_name>{cdata(slug)}"
                      f"</wp:post_name><wp:status>{status}</wp:status>"
                      "<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>\n")
            out.write(f'<category domain="category" nicename="{enc(section)}">{cdata(section)}'
                      "</category>\n")
            for tag in tags:
                out.write(f'<category domain="post_tag" nicename="{enc(tag)}">{cdata(tag)}'
                          "</category>\n")
            if thumbnail:
                out.write(f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>"
                          f"{post_id + 1}</wp:meta_value></wp:postmeta>\n")
            parent = 0
            for c in range(rng.choice((0, 0, 1, 2, 3))):
                approved = rng.choice(("1", "1", "1", "0", "spam"))
                out.write(f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                          f"<wp:comment_author>{cdata(rng.choice(AUTHORS)[1])}</wp:comment_author>"
                          f"<wp:comment_author_email>reader{comment_id % 500}@mail.example"
                          f"</wp:comment_author_email><wp:comment_date_gmt>{cdata(date)}"
                          f"</wp:comment_date_gmt><wp:comment_content>{cdata(sentence(rng))}"
                          f"</wp:comment_content><wp:comment_approved>{approved}"
                          f"</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
                          f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n")
                parent = comment_id if c == 0 else parent
                comment_id += 1
                counts["comments"] += 1
            out.write("</item>\n")
            counts["posts"] += 1
            if thumbnail:
                url = f"https://bench.example/wp-content/uploads/{year}/{month:02d}/p{post_id}.jpg"
                out.write(f"<item><title>{cdata('صورة ' + str(n))}</title><link>{url}</link>"
                          f"<wp:post_id>{post_id + 1}</wp:post_id><wp:post_type>attachment"
                          f"</wp:post_type><wp:status>inherit</wp:status><wp:post_parent>"
                          f"{post_id}</wp:post_parent><wp:attachment_url>{url}"
                          "</wp:attachment_url></item>\n")
                counts["attachments"] += 1
        out.write("</channel>\n</rss>\n")
    return counts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--commit-every", type=int, default=500)
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="jarida-bench-wxr-")
    export = Path(var) / "export.xml"
    started = time.perf_counter()
    counts = generate(export, args.posts)
    print(f"generated {counts['posts']} posts, {counts['comments']} comments, "
          f"{counts['attachments']} attachments: {export.stat().st_size / 1e6:.1f} MB in "
          f"{time.perf_counter() - started:.1f} s")
    env = {**os.environ, "JARIDA_VAR_DIR": var, "DJANGO_SECRET_KEY": "bench",
           "DJANGO_SETTINGS_MODULE": "config.settings.base", "JARIDA_LOG_LEVEL": "WARNING"}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        name = args.database_url.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name],
                       check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)
    for run in ("first run", "second run (idempotent)"):
        started = time.perf_counter()
        result = subprocess.run([python, "manage.py", "import_wordpress", str(export),
                                 "--no-progress", "--commit-every", str(args.commit_every)],
                                cwd=ROOT, env=env, check=True,
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        lines = result.stdout.strip().splitlines()
        print(f"{run}:")
        for line in lines:
            if line.split(":")[0] in ("posts", "comments", "redirects") or "posts/s" in line:
                print("  " + line)
        print(f"  wall time including process start: {elapsed:.1f} s")
    print(f"engine: {'postgresql' if args.database_url else 'sqlite'}; commit every "
          f"{args.commit_every} items; database dir: {var}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
