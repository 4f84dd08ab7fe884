"""Breaking news: 64 readers for 60 s through nginx while an editor publishes 10 articles
in the admin and readers post 200 comments.

    .venv/bin/python bench/bench_spike.py [--var-dir DIR] [--seconds 60] [--readers 64]

Reports the readers' errors and p50/p99 (wrk), that every comment was stored, how long
each published article took to show on the home page (through nginx, as an anonymous
reader), and the app workers' memory. Uses deploy/run-local-stack.sh; 127.0.0.1 only,
bounded in time. Not part of the tests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from perf_stack import (
    NGINX_PORT,
    ROOT,
    database_prepare,
    django_shell,
    dump,
    machine_note,
    require_corpus,
    stack_start,
    stack_stop,
    worker_rss_mb,
    wrk,
)

SETUP = """
import json
from jarida.newsroom import services
from jarida.newsroom.models import Article, Section
from jarida.newsroom.roles import EDITOR, roles_ensure
from django.contrib.auth import get_user_model
User = get_user_model()
user, _ = User.objects.get_or_create(username="spike-editor", defaults={"is_staff": True})
user.set_password("spike-editor-pass-7431"); user.is_staff = True; user.save()
user.groups.add(roles_ensure()[EDITOR])
sections = list(Section.objects.filter(parent__isnull=True)[:3])
body = "<p>" + "تتابع غرفة الأخبار تطورات الحدث لحظة بلحظة وتنقل شهادات من الميدان. " * 30 + "</p>"
live, drafts = [], []
for i in range(3):
    a = services.article_create(by=None, headline=f"تغطية مباشرة للحدث العاجل رقم {i + 1} SPIKE{RUN}L{i}",
                                section=sections[i % 3], body=body, is_breaking=True)
    services.article_publish(article=a, by=None); live.append(a.pk)
for i in range(10):
    a = services.article_create(by=None, headline=f"تطور جديد في الحدث العاجل رقم {i + 1} SPIKE{RUN}D{i}",
                                section=sections[i % 3], body=body)
    drafts.append([a.pk, a.headline])
hot = Article.objects.get(pk=live[0])
print(json.dumps({"live": live, "drafts": drafts, "hot": hot.get_absolute_url(),
                  "sections": [s.get_absolute_url() for s in sections]}))
"""

COUNT = """
from jarida.comments.models import Comment
from django.db.models import Count
rows = Comment.objects.filter(commenter__email__endswith="@spike{RUN}.example")
import json; print(json.dumps({"stored": rows.count(), "by_status": dict(rows.values_list("status").annotate(n=Count("id")))}))
"""


class Session:
    """A tiny HTTP client with cookies, for the editor and the commenters (via nginx)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None,
                headers: dict | None = None) -> tuple[int, bytes, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", NGINX_PORT, timeout=30)
        all_headers = {"Host": f"127.0.0.1:{NGINX_PORT}", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, quote(path, safe="/?=&%-_.~"), body=data, headers=all_headers)
        response = connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, content, dict(response.getheaders())


def editor(setup: dict, start: float, every: float, out: dict) -> None:
    session = Session()
    _, page, _ = session.request("GET", "/admin/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1].decode()
    status, _, _ = session.request("POST", "/admin/login/", {
        "csrfmiddlewaretoken": token, "username": "spike-editor",
        "password": "spike-editor-pass-7431", "next": "/admin/"})
    if "sessionid" not in session.cookies:
        out["error"] = f"editor login failed ({status})"
        return
    reader = Session()
    for i, (pk, headline) in enumerate(setup["drafts"]):
        time.sleep(max(0.0, start + every * (i + 1) - time.time()))
        sent = time.time()
        status, _, _ = session.request(
            "POST", f"/admin/newsroom/article/{pk}/workflow/publish/",
            {"csrfmiddlewaretoken": session.cookies.get("csrftoken", "")})
        done = time.time()
        visible = None
        marker = headline.split()[-1].encode()
        while time.time() - done < 10:
            _, home, _ = reader.request("GET", "/")
            if marker in home:
                visible = time.time()
                break
            time.sleep(0.02)
        out.setdefault("publishes", []).append({
            "status": status, "publish_ms": round((done - sent) * 1000),
            "visible_after_publish_ms": None if visible is None else round((visible - done) * 1000),
            "visible_after_click_ms": None if visible is None else round((visible - sent) * 1000)})
        out.setdefault("live", []).append(pk)


OPENINGS = ["أتابع التغطية منذ الصباح", "وصلني الخبر من صديق", "قرأت التقرير كاملًا",
            "شاهدت الصور المنشورة", "أسكن قرب موقع الحدث", "تابعت البث المباشر",
            "سمعت الخبر في الإذاعة", "أنتظر التحديث التالي", "راجعت الخريطة المرفقة",
            "نقلت الخبر لعائلتي"]
CLOSINGS = ["وأشكر المراسلين على الدقة", "وأرجو نشر أرقام الطوارئ", "وأتمنى السلامة للجميع",
            "وأسأل عن موعد المؤتمر الصحفي", "وأقترح جدولًا زمنيًا للأحداث",
            "وأطلب توضيح مصدر الأرقام", "وأثني على سرعة النشر", "وأنتظر رأي الخبراء",
            "وأرى أن العنوان دقيق", "وأرجو ترجمة البيان الرسمي", "وأدعو إلى الهدوء",
            "وأسأل عن الطرق المغلقة", "وأشكر فرق الإنقاذ", "وأتمنى تغطية المدن الصغيرة",
            "وأقترح صفحة أسئلة وأجوبة", "وأطلب خريطة محدثة", "وأنتظر شهادات السكان",
            "وأرجو ذكر المستشفيات المفتوحة", "وأثني على الصور", "وأسأل عن المدارس غدًا"]


TYPING_SECONDS = 1.5  # between opening the form (its token) and sending it
COMMENTERS = 8


def comment_text(number: int, run: str) -> str:
    """Two hundred different comments, and different from an earlier run's on the same
    database (the duplicate check looks back a day): the run's number in letters."""
    signature = " ".join("صفر واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة".split()[int(d)]
                         for d in run[-5:])
    return f"{OPENINGS[number % 10]} {CLOSINGS[(number // 10) % 20]}. ({signature})"


def commenter(n: int, offset: int, articles: list, start: float, seconds: float, run: str,
              out: dict, lock: threading.Lock) -> None:
    session = Session()
    for i in range(n):
        time.sleep(max(0.0, start + (i + offset / COMMENTERS) * seconds / n - time.time()))
        with lock:
            live = list(articles)
        article = live[(offset + i) % len(live)]
        number = offset * n + i + 1
        status, body, _ = session.request("GET", f"/comments/token/?article={article}",
                                          headers={"Accept": "application/json"})
        tokens = json.loads(body) if status == 200 else {}
        time.sleep(TYPING_SECONDS)
        status, body, _ = session.request("POST", f"/comments/{article}/new/", {
            "name": f"قارئ متابع {number}", "email": f"reader{number}@spike{run}.example",
            "body": comment_text(number - 1, run),
            "token": tokens.get("token", ""), "csrfmiddlewaretoken": tokens.get("csrf", ""),
            "website": ""}, headers={"Accept": "application/json"})
        with lock:
            out.setdefault("statuses", []).append(status)
            if status >= 400:
                out.setdefault("refusals", []).append(body.decode(errors="replace")[:300])


def lua(paths: list[str]) -> str:
    listed = ",\n".join(f'  "{quote(p, safe="/?=&%-_.~")}"' for p in paths)
    return ("paths = {\n" + listed + "\n}\ncounter = 0\nrequest = function()\n"
            "  counter = counter + 1\n  return wrk.format(\"GET\", paths[(counter % #paths) + 1])\n"
            "end\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--var-dir", default="")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--readers", type=int, default=64)
    parser.add_argument("--server", default="granian")
    parser.add_argument("--json", default=str(ROOT / "bench" / "out" / "spike.json"))
    args = parser.parse_args()
    if not require_corpus():
        return 0
    var_dir = args.var_dir or tempfile.mkdtemp(prefix="jarida-bench-spike-")
    print(f"machine: {machine_note()}; database: {var_dir}/jarida.sqlite3", flush=True)
    database_prepare(var_dir)
    run = str(int(time.time()))
    setup = json.loads(django_shell(var_dir, SETUP.replace("{RUN}", run)))
    readers_paths = (["/"] * 4 + [setup["hot"]] * 4 + setup["sections"]
                     + ["/feeds/rss/", "/sitemap-news.xml"])
    script = Path(tempfile.mkdtemp(prefix="jarida-spike-")) / "paths.lua"
    script.write_text(lua(readers_paths))
    results: dict = {"editor": {}, "comments": {}}
    try:
        stack_start(var_dir, JARIDA_APP_SERVER=args.server, JARIDA_PAGE_CACHE="1",
                    JARIDA_COMMENTS_RATE_PER_IP="1000000/60",
                    JARIDA_COMMENTS_RATE_PER_EMAIL="1000000/60",
                    JARIDA_COMMENTS_MIN_FILL_SECONDS="1", JARIDA_COMMENTS_VERIFY_EMAILS="0",
                    JARIDA_COMMENTS_QUEUE_NOTIFY_SIZE="0", JARIDA_LOGIN_FAILURE_LIMIT="1000")
        for path in set(readers_paths):  # the cache warm, as on a site already running
            Session().request("GET", path)
        start = time.time() + 1
        lock = threading.Lock()
        articles = list(setup["live"])
        results["editor"]["live"] = articles  # commenters follow the newly published too
        threads = [threading.Thread(target=editor, args=(setup, start, args.seconds / 12,
                                                        results["editor"]))]
        threads += [threading.Thread(target=commenter, args=(200 // COMMENTERS, k, articles,
                                                             start, args.seconds - 4, run,
                                                             results["comments"], lock))
                    for k in range(COMMENTERS)]
        for thread in threads:
            thread.start()
        readers = wrk(f"http://127.0.0.1:{NGINX_PORT}/", seconds=args.seconds,
                      connections=args.readers, script=str(script), warmup=0)
        for thread in threads:
            thread.join(timeout=60)
        rss = worker_rss_mb()
    finally:
        stack_stop()
    counted = json.loads(django_shell(var_dir, COUNT.replace("{RUN}", run)))
    publishes = results["editor"].get("publishes", [])
    visible = [p["visible_after_publish_ms"] for p in publishes]
    statuses = results["comments"].get("statuses", [])
    print()
    print(f"readers: {args.readers} connections x {args.seconds} s through nginx: "
          f"{readers['requests']:,} requests, {readers['requests_per_s']:,.0f} req/s, "
          f"p50 {readers.get('p50_ms', 0):.2f} ms, p99 {readers.get('p99_ms', 0):.2f} ms, "
          f"errors {readers['errors']}")
    print(f"editor: {len(publishes)} published through the admin "
          f"({results['editor'].get('error', 'ok')}); publish request "
          f"median {statistics.median([p['publish_ms'] for p in publishes] or [0])} ms; "
          f"on the home page after: {visible} ms "
          f"(max {max([v for v in visible if v is not None] or [-1])} ms; "
          f"all within 1 s: {bool(visible) and all(v is not None and v <= 1000 for v in visible)})")
    print(f"comments: {len(statuses)} posted, HTTP {dict((s, statuses.count(s)) for s in set(statuses))}; "
          f"stored {counted['stored']} {counted['by_status']}; "
          f"every comment stored: {counted['stored'] == len(statuses) == 200}")
    print(f"app workers' memory (RSS): {rss} MB")
    for refusal in results["comments"].get("refusals", [])[:3]:
        print("refused:", refusal)
    readers.pop("raw", None)
    dump(Path(args.json), {"readers": readers, "editor": results["editor"],
                           "comments": {"posted": len(statuses), **counted}, "rss_mb": rss,
                           "machine": machine_note()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
