from datetime import timedelta
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jarida.conftest import make_article, make_author, make_section, make_tag
from jarida.newsroom import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    section = make_section("اقتصاد", slug="اقتصاد")
    return make_article(section=section, authors=[make_author("ليلى الحسيني")],
                        tags=[make_tag("المياه")], source_credit="وكالة الأنباء العربية")


def test_it_shows_every_element_of_the_article_page(client, article):
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "افتتاح محطة تحلية المياه في الساحل</h1>" in html
    assert "مشروع جديد يوفر مياه الشرب" in html  # standfirst
    assert "بواسطة" in html and "ليلى الحسيني</a>" in html
    assert "<h2>كلفة المشروع</h2>" in html
    assert "<cite>سامي العتيبي، وزير المياه</cite>" in html
    assert "وكالة الأنباء العربية" in html
    assert '<time datetime="' in html and "هـ" in html  # Gregorian and Hijri dates
    assert "قراءة في" in html
    assert "اخبار قد تهمك" in html
    assert "اترك تعليقا" in html
    assert ">المياه</a>" in html


def test_it_prints_digits_in_the_sites_style(client, article, settings):
    settings.JARIDA_DIGITS = "arabic-indic"
    html = client.get(article.get_absolute_url()).content.decode()
    year = str(timezone.localtime(article.published_at).year)
    assert year.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) in html
    settings.JARIDA_DIGITS = "western"
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"{year}</time>" in html or f"{year}،" in html


def test_it_serves_the_arabic_url_raw_and_percent_encoded(client, article):
    raw = f"/اقتصاد/{article.pk}/{article.slug}/"
    encoded = quote(raw)
    assert encoded != raw
    assert client.get(raw).status_code == 200
    assert client.get(encoded).status_code == 200


def test_it_answers_301_to_the_canonical_url_for_a_wrong_or_old_slug(client, article):
    old_url = article.get_absolute_url()
    services.article_update(article=article, by=None, slug="عنوان-جديد-للمحطة")
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(f"/اقتصاد/{article.pk}/").status_code == 301
    assert client.get(f"/رياضة/{article.pk}/{article.slug}/").status_code == 301
    assert client.get(f"/a/{article.pk}/")["Location"] == article.get_absolute_url()


def test_it_answers_410_gone_for_an_unpublished_article(client, article, editor):
    services.article_unpublish(article=article, by=editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "لم يعد هذا المقال متاحًا" in response.content.decode()


def test_it_answers_404_in_arabic_for_a_draft_or_unknown_id(client):
    draft = make_article(published=False)
    response = client.get(f"/{draft.section.slug}/{draft.pk}/{draft.slug}/")
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.content.decode()
    assert client.get("/اقتصاد/999999/لا-شيء/").status_code == 404


def test_it_hides_a_scheduled_article_until_its_time(client, editor):
    article = make_article(published=False)
    services.article_publish(article=article, by=editor, at=timezone.now() + timedelta(hours=2))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.headline not in client.get("/").content.decode()


def test_it_runs_a_bounded_number_of_queries_however_many_authors_and_tags(client):
    section = make_section()
    small = make_article(section=section, authors=[make_author()], tags=[make_tag()])
    big = make_article(section=section, authors=[make_author() for _ in range(6)],
                       tags=[make_tag(f"وسم{i}") for i in range(8)])
    for _ in range(6):
        make_article(section=section, authors=[make_author(), make_author()])
    counts = []
    for article in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 10


def test_it_shows_the_correction_note_on_a_corrected_article(client, article, editor):
    services.article_correct(article=article, by=editor, note="صُحّحت كلفة المشروع.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "تصحيح" in html and "صُحّحت كلفة المشروع." in html
    assert "آخر تحديث" in html


@pytest.mark.parametrize("path", ["/a/99999999999999999999/",
                                  "/اقتصاد/99999999999999999999/عنوان/"])
def test_it_answers_404_for_an_id_beyond_any_integer_column(client, path):
    assert client.get(path).status_code == 404


def test_a_form_posted_without_its_csrf_token_is_refused_in_arabic(db):
    client = Client(enforce_csrf_checks=True)
    # The CSRF check runs before the view: no comment needs to exist.
    response = client.post("/comments/report/1/", {"reason": "spam"})
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "انتهت صلاحية النموذج" in page and "Forbidden" not in page


def test_a_request_with_a_bad_host_is_refused_in_arabic(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'lang="ar"' in page and "طلب غير صالح" in page


def test_it_offers_share_links_that_carry_no_code_of_other_sites(client, settings, article):
    settings.SITE_URL = "https://jarida.example"
    headline = "سعر الخبز & الوقود: ماذا تغيّر؟"
    services.article_update(article=article, by=None, headline=headline)
    article.refresh_from_db()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    canonical = "https://jarida.example" + article.get_absolute_url()  # percent-encoded
    assert f'<link rel="canonical" href="{canonical}">' in html
    # Shared: the short address, which leads to the canonical one and outlives a new slug.
    short = f"https://jarida.example/a/{article.pk}/"
    text, url = quote(headline, safe=""), quote(short, safe="")
    assert f'href="https://wa.me/?text={text}%20{url}"' in html
    assert f'href="https://t.me/share/url?url={url}&amp;text={text}"' in html
    assert f'href="https://x.com/intent/post?url={url}&amp;text={text}"' in html
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={url}"' in html
    assert f'href="mailto:?subject={text}&amp;body={url}"' in html
    assert html.count('rel="noopener noreferrer"') == 4
    assert f'data-title="سعر الخبز &amp; الوقود: ماذا تغيّر؟" data-url="{short}"' in html
    assert client.get(f"/a/{article.pk}/")["Location"] == article.get_absolute_url()
    # Links only: no script, frame or pixel from any of those services.
    for host in ("wa.me", "t.me", "x.com", "facebook.com"):
        assert f'src="https://{host}' not in html and f"src='https://{host}" not in html
    assert "<iframe" not in html


def test_the_share_links_follow_an_edited_headline_and_the_sites_address(settings, article):
    from jarida.site.templatetags.jarida import share_block

    settings.SITE_URL = "https://jarida.example"
    first = share_block(article)
    assert quote(article.headline, safe="") in first
    services.article_update(article=article, by=None, headline="عنوان جديد بعد التحرير")
    article.refresh_from_db()
    edited = share_block(article)
    assert quote("عنوان جديد بعد التحرير", safe="") in edited and edited != first
    settings.SITE_URL = "https://news.example"
    assert quote("https://news.example/a/", safe="") in share_block(article)


def test_the_share_links_escape_a_hostile_headline(settings):
    from types import SimpleNamespace

    from jarida.site.templatetags.jarida import share_block

    settings.SITE_URL = "https://jarida.example"
    hostile = SimpleNamespace(pk=7, headline='"><script>alert(1)</script>\u202e عنوان')
    html = str(share_block(hostile))
    assert "<script>alert" not in html and "&lt;script&gt;" in html  # data-title, escaped
    assert 'data-title="&quot;&gt;' in html
    assert "%3Cscript%3E" in html and "%E2%80%AE" in html  # in the links, percent-encoded
    assert html.count("<script") == 1  # only the page's own share.js
