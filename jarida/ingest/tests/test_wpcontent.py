import io

import pytest

from jarida.ingest.wpcontent import plain_text, wp_content_to_html, wpautop
from jarida.ingest.wxr import WxrError, WxrItem, WxrSite, parse_wp_date, wxr_read


def test_it_makes_paragraphs_from_blank_lines_and_breaks_from_single_newlines():
    text = "السطر الأول\r\nالسطر الثاني\n\n\n\nفقرة ثانية"
    assert wpautop(text) == "<p>السطر الأول<br>\nالسطر الثاني</p>\n<p>فقرة ثانية</p>"


def test_it_leaves_block_level_html_unwrapped():
    text = "مقدمة\n<h2>عنوان فرعي</h2>\nنص بعده\n<ul><li>بند</li></ul>"
    assert wpautop(text) == ("<p>مقدمة</p>\n<h2>عنوان فرعي</h2>\n<p>نص بعده</p>\n"
                             "<ul>\n<li>بند</li>\n</ul>")
    assert wpautop("<blockquote>قول\nثان</blockquote>") == \
        "<blockquote><p>قول<br>\nثان</p></blockquote>"


def test_it_keeps_block_editor_paragraphs_and_drops_its_comments():
    content = "<!-- wp:paragraph -->\n<p>فقرة</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:quote -->" \
              "\n<blockquote><p>قول</p></blockquote>\n<!-- /wp:quote -->"
    assert wp_content_to_html(content) == "<p>فقرة</p>\n<blockquote><p>قول</p></blockquote>"


def test_it_turns_a_caption_shortcode_into_a_figure_and_drops_other_shortcodes():
    content = ('[caption id="attachment_3" width="300"]<img src="https://old.example/a.jpg" '
               'alt="الميناء"> الميناء عند الغروب[/caption]\n\n[gallery ids="1,2"]\n\n'
               "قال الشاهد [...] إن السفينة وصلت [1].")
    assert wp_content_to_html(content) == (
        '<figure><img src="https://old.example/a.jpg" alt="الميناء">'
        "<figcaption>الميناء عند الغروب</figcaption></figure>\n"
        "<p>قال الشاهد [...] إن السفينة وصلت [1].</p>")


def test_it_makes_titles_and_excerpts_plain_text():
    assert plain_text("<em>عاجل</em>:  الأمطار &amp; السيول\n") == "عاجل : الأمطار & السيول"


def test_it_reads_wordpress_dates_as_utc_and_empty_dates_as_none():
    assert parse_wp_date("2020-01-30 10:00:00").isoformat() == "2020-01-30T10:00:00+00:00"
    assert parse_wp_date("0000-00-00 00:00:00") is None
    assert parse_wp_date("yesterday") is None


def _wxr(items: str) -> io.BytesIO:
    return io.BytesIO((
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.1/">\n'
        "<channel><title>موقع</title><link>https://old.example</link>\n"
        f"{items}\n</channel></rss>").encode())


def test_it_streams_records_with_the_site_first_and_each_items_line():
    records = list(wxr_read(_wxr(
        "<item><title>أ</title><wp:post_id>1</wp:post_id></item>\n"
        "<item><title>ب</title><wp:post_id>2</wp:post_id></item>")))
    assert isinstance(records[0], WxrSite) and records[0].title == "موقع"
    assert [(r.post_id, r.line) for r in records[1:] if isinstance(r, WxrItem)] == [(1, 4),
                                                                                   (2, 5)]


def test_it_accepts_older_wxr_versions_and_names_the_line_of_a_broken_one():
    assert len(list(wxr_read(_wxr("")))) == 1
    with pytest.raises(WxrError) as error:
        list(wxr_read(_wxr("<item><title>أ</title>\n<wp:post_id>1</wp:post_id>\n")))
    assert error.value.line == 7  # where </channel> meets the unclosed <item>
    assert "item line 4" in error.value.message
