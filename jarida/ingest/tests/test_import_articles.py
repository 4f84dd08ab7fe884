import gzip
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jarida.newsroom.models import Article, Author, Section

pytestmark = pytest.mark.django_db


def _line(**fields) -> str:
    record = {
        "id": "wire-1", "title": "ارتفاع أسعار القمح في الأسواق المحلية",
        "abstract": "التجار يتوقعون استمرار الارتفاع حتى الموسم المقبل.",
        "body": "قال تجار إن أسعار القمح ارتفعت بنسبة 12% خلال شهر.\nوتوقعوا استقرارها قريبًا.",
        "category": "economy", "date": "2026-03-04T10:15:00+03:00", "source": "وكالة الأنباء",
        "author": "هدى الشامي", "url": "https://example.com/wheat",
    }
    record.update(fields)
    return json.dumps(record, ensure_ascii=False)


def _run(path, **options) -> str:
    out = StringIO()
    call_command("import_articles", str(path), "--no-progress", stdout=out, **options)
    return out.getvalue()


def test_it_creates_published_articles_with_sections_and_authors(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(_line() + "\n" + _line(id="wire-2", title="افتتاح معرض الكتاب",
                                           category="culture") + "\n", encoding="utf-8")
    output = _run(path)
    assert "created 2" in output
    article = Article.objects.published().get(external_id="wire-1")
    assert article.section.name == "اقتصاد"
    assert article.body == ("<p>قال تجار إن أسعار القمح ارتفعت بنسبة 12% خلال شهر.</p>"
                            "<p>وتوقعوا استقرارها قريبًا.</p>")
    assert article.ordered_authors[0].name == "هدى الشامي"
    assert article.published_at.isoformat() == "2026-03-04T07:15:00+00:00"
    assert article.transitions.get().to_state == "published"


def test_it_changes_nothing_when_run_twice_and_updates_what_changed(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(_line() + "\n", encoding="utf-8")
    _run(path)
    assert "unchanged 1" in _run(path)
    assert Article.objects.count() == 1 and Author.objects.count() == 1
    assert Section.objects.count() == 1
    path.write_text(_line(title="ارتفاع جديد في أسعار القمح") + "\n", encoding="utf-8")
    assert "updated 1" in _run(path)
    assert Article.objects.get().headline == "ارتفاع جديد في أسعار القمح"


def test_it_reports_bad_lines_by_number_and_imports_the_rest(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join([
        _line(id="ok-1"),
        "{not json",
        _line(id="no-title", title=""),
        _line(id="bad-date", date="yesterday"),
        "[1, 2]",
        _line(id="ok-2"),
    ]) + "\n", encoding="utf-8")
    output = _run(path)
    assert "created 2" in output and "skipped 4" in output
    assert "line 2: JSON" in output
    assert "line 3: العنوان title مفقود" in output
    assert "line 4: تاريخ غير مفهوم" in output
    assert "line 5:" in output
    assert set(Article.objects.values_list("external_id", flat=True)) == {"ok-1", "ok-2"}


def test_it_reads_gzip_and_sanitizes_html_bodies(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    body = '<p>نص</p><script>alert("x")</script><p onmouseover="x()">فقرة \u202eمقلوبة</p>'
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(_line(body=body) + "\n")
    _run(path)
    stored = Article.objects.get().body
    assert stored == "<p>نص</p><p>فقرة مقلوبة</p>"


def test_it_keeps_hostile_text_as_text(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(_line(title="'; DROP TABLE newsroom_article; --",
                          body="سعر\x00 السهم <ارتفع> & <b>هبط") + "\n", encoding="utf-8")
    _run(path)
    article = Article.objects.get()
    assert article.headline == "'; DROP TABLE newsroom_article; --"
    assert article.body == "<p>سعر السهم &lt;ارتفع&gt; &amp; &lt;b&gt;هبط</p>"


def test_it_fails_clearly_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot open"):
        _run(tmp_path / "missing.jsonl")
