from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from jarida.comments.models import Comment
from jarida.ingest.models import ImportedItem
from jarida.ingest.tests.conftest import SAMPLES
from jarida.newsroom.models import (
    Article,
    ArticleRevision,
    ArticleTransition,
    Author,
    Redirect,
    Section,
    Tag,
)
from jarida.newsroom.signals import article_changed, articles_imported

pytestmark = pytest.mark.django_db

EXPORT = SAMPLES / "wordpress-sahil.xml"
# The export's scheduled post (15 January 2027) is still in the future at this time.
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
SOURCE = "wordpress:sahil.example"


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def _run(path: Path = EXPORT, *args: str) -> str:
    out = StringIO()
    call_command("import_wordpress", str(path), "--no-progress", *args, stdout=out)
    return out.getvalue()


def _article(post_id: int) -> Article:
    item = ImportedItem.objects.get(source=SOURCE, kind="post", remote_id=str(post_id))
    return item.article


def _snapshot() -> dict:
    """Everything an import writes, to compare two runs."""
    return {
        "articles": list(Article.objects.order_by("pk").values()),
        "transitions": ArticleTransition.objects.count(),
        "revisions": ArticleRevision.objects.count(),
        "authors": list(Author.objects.order_by("pk").values()),
        "sections": list(Section.objects.order_by("pk").values()),
        "tags": list(Tag.objects.order_by("pk").values()),
        "redirects": list(Redirect.objects.order_by("pk").values()),
        "comments": list(Comment.objects.order_by("pk").values()),
        "items": list(ImportedItem.objects.order_by("pk").values()),
    }


def test_it_imports_posts_in_their_workflow_states_with_gmt_dates_and_decoded_slugs():
    output = _run()
    assert "posts: created 6, updated 0, unchanged 0, skipped 3" in output

    library = _article(101)
    assert library.headline == "افتتاح مكتبة الحي بعد ترميمها"
    assert library.slug == "افتتاح-مكتبة-الحي"
    assert library.state == "published"
    assert library.published_at == datetime(2020, 1, 30, 10, 0, tzinfo=UTC)
    assert library.standfirst == "عشرون ألف كتاب وقاعة مطالعة جديدة في قلب الحي القديم."
    assert Article.objects.published().filter(pk=library.pk).exists()

    cup = _article(102)
    assert cup.headline == "فوز فريق الساحل بالكأس & احتفالات في الشوارع"
    assert cup.slug == "فوز-فريق-الساحل-بالكأس"
    assert cup.published_at == datetime(2021, 5, 14, 19, 45, tzinfo=UTC)
    assert cup.allow_comments is False  # comments were closed on WordPress

    draft = _article(103)
    assert draft.state == "draft" and draft.published_at is None
    assert draft.slug == "مسودة-عن-الميزانية"  # no post_name: made from the headline

    pending = _article(104)
    assert pending.state == "review"

    festival = _article(105)
    assert festival.state == "scheduled"
    assert festival.published_at == datetime(2027, 1, 15, 6, 0, tzinfo=UTC)
    assert not Article.objects.published().filter(pk=festival.pk).exists()

    council = _article(107)
    assert council.slug == "council-meeting"
    assert council.standfirst == "موعد جديد للاجتماع الشهري"  # excerpt HTML made plain
    assert Article.objects.count() == 6


def test_it_records_the_import_as_each_articles_first_workflow_step():
    _run()
    steps = lambda post_id: [(t.from_state, t.to_state, t.note)  # noqa: E731
                             for t in _article(post_id).transitions.all()]
    assert steps(101) == [("", "published", "WordPress import")]
    assert steps(103) == [("", "draft", "WordPress import")]
    assert steps(104) == [("", "review", "WordPress import")]
    assert steps(105) == [("", "scheduled", "WordPress import")]
    assert _article(101).revisions.get().body == _article(101).body


def test_it_announces_new_articles_once_per_batch_so_search_and_related_index_them():
    batches, changes = [], []

    def on_imported(sender, articles, **kwargs):
        batches.append(sorted(a.headline for a in articles))

    def on_changed(sender, article, action, **kwargs):
        changes.append(action)

    articles_imported.connect(on_imported)
    article_changed.connect(on_changed)
    try:
        _run(EXPORT, "--commit-every", "4")
    finally:
        articles_imported.disconnect(on_imported)
        article_changed.disconnect(on_changed)
    # Four records a batch: every created article is announced once, with the batch that
    # committed it, and no article_changed is sent per article.
    assert sorted(h for batch in batches for h in batch) == sorted(
        Article.objects.values_list("headline", flat=True))
    assert len(batches) > 1 and changes == []
    assert "مهرجان التمور يعود في يناير" in [h for batch in batches for h in batch]


def test_it_sends_article_changed_when_a_newer_export_updates_an_article(tmp_path):
    _run()
    changes = []

    def on_changed(sender, article, action, **kwargs):
        changes.append((article.headline, action))

    newer = tmp_path / "newer.xml"
    newer.write_text(EXPORT.read_text(encoding="utf-8").replace(
        "مسودة عن الميزانية", "مسودة جديدة عن الميزانية"), encoding="utf-8")
    article_changed.connect(on_changed)
    try:
        _run(newer)
    finally:
        article_changed.disconnect(on_changed)
    assert changes == [("مسودة جديدة عن الميزانية", "edited")]


def test_it_turns_classic_paragraphs_captions_and_the_featured_image_into_body_html():
    _run()
    body = _article(101).body
    # The featured image (postmeta _thumbnail_id -> attachment 201) leads the body.
    assert body.startswith(
        '<figure><img src="https://sahil.example/wp-content/uploads/2020/01/library-front.jpg"'
        ' alt="واجهة مكتبة الحي بلونها الأبيض"><figcaption>واجهة المكتبة بعد طلائها من جديد'
        "</figcaption></figure>")
    # Blank lines made paragraphs and a single newline a line break, as wpautop does.
    assert ("<p>أعادت البلدية فتح مكتبة الحي القديمة بعد ترميم استمر ثمانية أشهر، وسط حضور "
            "كبير من الأهالي والطلاب.<br>\nوامتلأت القاعة الرئيسية منذ الساعة الأولى.</p>"
            ) in body
    assert ('<figure><img src="https://sahil.example/wp-content/uploads/2020/01/reading-room.jpg"'
            ' alt="قاعة المطالعة" width="800" height="533"><figcaption>قاعة المطالعة بعد الترميم'
            "</figcaption></figure>") in body
    assert "<p>وتضم المكتبة اليوم أكثر من عشرين ألف كتاب، بينها <strong>مخطوطات نادرة</strong>" \
           " عن تاريخ الميناء.</p>" in body
    assert "<blockquote><p>المكتبة بيت ثان لأبناء الحي</p></blockquote>" in body
    assert "[caption" not in body and "[/caption]" not in body
    item = ImportedItem.objects.get(source=SOURCE, kind="post", remote_id="101")
    assert item.image_url == "https://sahil.example/wp-content/uploads/2020/01/library-front.jpg"


def test_it_sanitizes_block_editor_content_from_scripts_handlers_and_bidi_overrides():
    _run()
    body = _article(102).body
    assert body == (
        "<p>توّج فريق الساحل بكأس الدوري بعد فوزه في المباراة الختامية بهدفين مقابل هدف.</p>\n"
        "<h2>احتفالات حتى الفجر</h2>\n"
        "<p>خرج المشجعون إلى الكورنيش يحملون الأعلام والطبول.</p>")


def test_it_maps_categories_to_sections_with_parents_and_tags_to_tags():
    _run()
    local = Section.objects.get(slug="محليات")
    news = Section.objects.get(slug="أخبار")
    assert local.name == "محليات" and local.description == "أخبار الأحياء والبلدية"
    assert local.parent == news  # the parent came after its child in the file
    # "feed" is one of the site's own paths, so the section takes another slug.
    assert Section.objects.get(name="موجز").slug == "feed-2"
    assert _article(101).section == local
    cup = _article(102)
    # An article has one section (the first category); the second category became a tag.
    assert cup.section.slug == "رياضة"
    assert sorted(t.name for t in cup.tags.all()) == ["أخبار", "كرة القدم"]
    assert [t.slug for t in _article(101).tags.all()] == ["ثقافة"]


def test_it_imports_authors_by_display_name_and_creates_undeclared_ones():
    _run()
    assert _article(101).ordered_authors[0].name == "هدى الكعبي"
    assert _article(101).ordered_authors[0].slug == "هدى-الكعبي"
    assert _article(102).ordered_authors[0].name == "مراد الفاسي"
    # dc:creator names a login the export did not declare as wp:author.
    assert _article(107).ordered_authors[0].name == "guest-writer"
    assert Author.objects.count() == 3


def test_it_skips_private_trashed_posts_and_pages_with_a_reason_each():
    output = _run()
    assert ("post 106 «تقرير داخلي عن الرواتب»: private post: readers could not see it on "
            "WordPress, so it is not imported") in output
    assert "post 108 «منشور محذوف»: in WordPress's trash" in output
    assert "post 301 «من نحن»: a WordPress 'page', not a post" in output
    assert "not articles (ignored): attachment 1, nav_menu_item 1" in output
    assert not Article.objects.filter(headline__in=["تقرير داخلي عن الرواتب", "من نحن"]).exists()


def test_it_imports_comments_with_their_status_and_threads():
    output = _run()
    assert "comments: created 5, updated 0, unchanged 0, skipped 1" in output
    assert "post 101, comment 15: a pingback, not a reader's comment" in output
    library = _article(101)
    by_body = {c.body: c for c in Comment.objects.filter(article=library)}
    first = by_body["خبر جميل، كنا ننتظر عودة المكتبة منذ سنوات."]
    reply = by_body["شكرًا يا سالم، ومواعيد المكتبة في آخر الخبر."]
    deep = by_body["وهل تفتح المكتبة يوم الجمعة أيضًا؟"]
    spam = by_body["اربح جائزة كبرى الآن alert(1)"]
    assert first.status == "approved" and first.parent is None and first.name == "سالم"
    assert first.published_at == datetime(2020, 1, 30, 12, 0, tzinfo=UTC)
    assert first.commenter.email == "salem@mail.example"
    assert reply.status == "approved" and reply.parent == first
    # Jarida keeps one level of replies: a reply to a reply joins its thread.
    assert deep.status == "pending" and deep.parent == first and deep.published_at is None
    assert spam.status == "spam"
    cup_comment = Comment.objects.get(article=_article(102))
    assert cup_comment.body == "مبروك للساحل!\nموسم لا يُنسى."


def test_it_keeps_each_items_wordpress_id_and_link():
    _run()
    item = ImportedItem.objects.get(source=SOURCE, kind="post", remote_id="102")
    assert item.link == ("https://sahil.example/2021/05/14/%d9%81%d9%88%d8%b2-%d9%81%d8%b1%d9%8a"
                         "%d9%82-%d8%a7%d9%84%d8%b3%d8%a7%d8%ad%d9%84-%d8%a8%d8%a7%d9%84%d9%83"
                         "%d8%a3%d8%b3/")
    assert item.article.headline.startswith("فوز فريق الساحل")
    kinds = set(ImportedItem.objects.filter(source=SOURCE).values_list("kind", flat=True))
    assert kinds == {"post", "author", "category", "tag", "comment"}
    comment = ImportedItem.objects.get(source=SOURCE, kind="comment", remote_id="12")
    assert Comment.objects.get(pk=comment.object_id).body.startswith("شكرًا يا سالم")


def test_it_stores_old_paths_decoded_for_permalinks_plain_links_and_slugs():
    _run()
    library, festival = _article(101), _article(105)
    paths = dict(Redirect.objects.values_list("old_path", "article_id"))
    assert paths["/2020/01/30/افتتاح-مكتبة-الحي/"] == library.pk
    assert paths["/?p=101"] == library.pk
    assert paths["/افتتاح-مكتبة-الحي/"] == library.pk
    assert paths["/2027/01/15/مهرجان-التمور/"] == festival.pk
    assert paths["/?p=103"] == _article(103).pk
    assert "/" not in paths  # a draft's link is "/?p=103": its bare path is the home page
    assert len(paths) == 15


def test_it_changes_nothing_when_run_twice():
    _run()
    before = _snapshot()
    output = _run()
    assert _snapshot() == before
    for line in ("posts: created 0, updated 0, unchanged 6, skipped 3",
                 "comments: created 0, updated 0, unchanged 5, skipped 1",
                 "redirects: created 0, updated 0, unchanged 15, skipped 0",
                 "sections: created 0, updated 0, unchanged 4, skipped 0"):
        assert line in output


def test_it_updates_what_changed_in_a_newer_export(tmp_path):
    _run()
    text = EXPORT.read_text(encoding="utf-8")
    newer = tmp_path / "newer.xml"
    newer.write_text(
        text.replace("خطة النقل الجديدة تنتظر الموافقة", "خطة النقل الجديدة أمام المجلس")
        .replace("<wp:status><![CDATA[pending]]></wp:status>",
                 "<wp:status><![CDATA[publish]]></wp:status>")
        .replace("<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>\n"
                 "\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n"
                 "\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>\n"
                 "\t\t<wp:post_name><![CDATA[%d8%ae",
                 "<wp:post_date_gmt><![CDATA[2026-11-30 09:00:00]]></wp:post_date_gmt>\n"
                 "\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n"
                 "\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>\n"
                 "\t\t<wp:post_name><![CDATA[%d8%ae")
        .replace("<wp:comment_approved><![CDATA[0]]></wp:comment_approved>",
                 "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>"),
        encoding="utf-8")
    output = _run(newer)
    assert "posts: created 0, updated 1, unchanged 5" in output
    assert "comments: created 0, updated 1, unchanged 4" in output
    plan = _article(104)
    assert plan.headline == "خطة النقل الجديدة أمام المجلس"
    assert plan.state == "published"
    assert plan.published_at == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert Comment.objects.get(body="وهل تفتح المكتبة يوم الجمعة أيضًا؟").status == "approved"
    assert Article.objects.count() == 6


def test_it_does_not_bring_back_an_article_deleted_after_import():
    _run()
    _article(107).delete()
    output = _run()
    assert "post 107 «Council meeting moved to Sunday»: deleted in Jarida after an earlier" \
           " import; not restored" in output
    assert Article.objects.count() == 5


def test_it_fails_clearly_on_a_truncated_file_and_imports_nothing(tmp_path):
    text = EXPORT.read_text(encoding="utf-8")
    truncated = tmp_path / "truncated.xml"
    # Cut in the middle of the third post: the first two are complete.
    truncated.write_text(text[:text.index("<wp:post_id>103</wp:post_id>") + 20],
                         encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        _run(truncated)
    message = str(failure.value)
    assert message.startswith(f"{truncated}, line ")
    assert "malformed or the file is truncated" in message
    assert message.endswith("Nothing was imported.")
    assert Article.objects.count() == 0 and Author.objects.count() == 0
    assert Section.objects.count() == 0 and ImportedItem.objects.count() == 0


def test_it_names_the_line_of_malformed_xml(tmp_path):
    lines = EXPORT.read_text(encoding="utf-8").splitlines()
    broken_at = next(i for i, line in enumerate(lines) if "<wp:post_id>104" in line)
    lines[broken_at] = "\t\t<wp:post_id>104</wp:post_idd>"
    malformed = tmp_path / "malformed.xml"
    malformed.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError, match=f"line {broken_at + 1}: the XML is malformed"):
        _run(malformed)
    assert Article.objects.count() == 0


@pytest.mark.parametrize("sample", ["hostile-billion-laughs.xml", "hostile-xxe.xml"])
def test_it_refuses_entity_declarations_without_expanding_or_reading_them(sample):
    with pytest.raises(CommandError, match=r"line \d+: a document type declaration .* is not allowed"):
        _run(SAMPLES / sample)
    assert Article.objects.count() == 0


def test_it_refuses_a_file_that_is_not_a_wordpress_export(tmp_path):
    rss = tmp_path / "plain.rss"
    rss.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>موجز</title>'
                   "</channel></rss>", encoding="utf-8")
    with pytest.raises(CommandError, match="not a WordPress export: the wp namespace"):
        _run(rss)
    html = tmp_path / "page.xml"
    html.write_text("<html><body>ليست ملف تصدير</body></html>", encoding="utf-8")
    with pytest.raises(CommandError, match="the root element is <html>"):
        _run(html)


def test_it_fails_clearly_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot open .*missing.xml: no such file"):
        _run(tmp_path / "missing.xml")


def test_it_reports_an_item_without_an_id_by_its_line_and_imports_the_rest(tmp_path):
    text = EXPORT.read_text(encoding="utf-8").replace("<wp:post_id>107</wp:post_id>", "")
    path = tmp_path / "no-id.xml"
    path.write_text(text, encoding="utf-8")
    output = _run(path)
    line = text[:text.index("Council meeting")].count("\n")  # the <item> line before it
    assert f"line {line}: wp:post_id is missing or not a positive number" in output
    assert Article.objects.count() == 5


def _post(post_id: int, title: str) -> str:
    return f"""<item><title>{title}</title><link>https://old.example/?p={post_id}</link>
<dc:creator>visitor</dc:creator><content:encoded>نص الخبر عن الطقس.</content:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>2024-02-0{post_id} 09:00:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="%d8%b7%d9%82%d8%b3">طقس</category></item>"""


def test_it_rolls_back_a_failing_post_alone_and_forgets_what_it_made(tmp_path, monkeypatch):
    from django.db import DatabaseError

    from jarida.ingest import wordpress

    export = tmp_path / "two.xml"
    export.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>قديم</title>\n'
        f"{_post(1, 'عاصفة تضرب الساحل')}\n{_post(2, 'الشمس تعود بعد العاصفة')}\n"
        "</channel></rss>", encoding="utf-8")
    ensure = wordpress.redirects_ensure

    def failing_redirects(*, old_paths, article):
        if article.headline == "عاصفة تضرب الساحل":  # after its article, section and author
            raise DatabaseError("القرص ممتلئ")
        return ensure(old_paths=old_paths, article=article)

    monkeypatch.setattr(wordpress, "redirects_ensure", failing_redirects)
    output = _run(export)
    assert "line 2: post 1 «عاصفة تضرب الساحل»: القرص ممتلئ" in output
    assert "posts: created 1, updated 0, unchanged 0, skipped 1" in output
    # The section and the author the failed post made were rolled back, and the next post
    # made them again instead of pointing at rows that no longer exist.
    assert "sections: created 1," in output and "authors: created 1," in output
    sunny = Article.objects.get()
    assert sunny.headline == "الشمس تعود بعد العاصفة" and sunny.state == "published"
    assert sunny.section.name == "طقس" and sunny.ordered_authors[0].name == "visitor"
    assert not ImportedItem.objects.filter(kind="post", remote_id="1").exists()
    monkeypatch.setattr(wordpress, "redirects_ensure", ensure)
    assert "posts: created 1, updated 0, unchanged 1, skipped 0" in _run(export)
