"""The comment block under an article: approved comments, oldest first, one level of
replies, the count and the form; the same bytes for every reader, so the page caches."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jarida.comments.services import comment_add
from jarida.conftest import make_article

pytestmark = pytest.mark.django_db


def add(article, body, *, minutes_ago, parent=None, status="approved", name="قارئ"):
    return comment_add(article=article, name=name, email=f"{abs(hash(body))}@example.com",
                       body=body, parent=parent, status=status,
                       at=timezone.now() - timedelta(minutes=minutes_ago))


def test_it_shows_approved_comments_oldest_first_with_their_replies(client, article):
    second = add(article, "التعليق الثاني", minutes_ago=10)
    first = add(article, "التعليق الأول", minutes_ago=20, name="سلمى")
    add(article, "رد على الأول", minutes_ago=5, parent=first)
    add(article, "تعليق ينتظر", minutes_ago=3, status="pending")
    add(article, "رد ينتظر", minutes_ago=2, parent=second, status="pending")
    add(article, "إعلان مزعج", minutes_ago=1, status="spam")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("التعليق الأول") < html.index("رد على الأول") < html.index("التعليق الثاني")
    for hidden in ("تعليق ينتظر", "رد ينتظر", "إعلان مزعج"):
        assert hidden not in html
    assert "التعليقات" in html and "(٣)" in html
    assert '<bdi class="comment__name" id="comment-' in html and "سلمى</bdi>" in html
    assert f'href="/comments/{article.pk}/new/?parent={first.pk}"' in html
    assert f'href="/comments/report/{first.pk}/"' in html


def test_it_isolates_each_comment_and_escapes_it(client, article):
    add(article, '<script>alert("x")</script>\n\u202eمقلوب https://example.com', minutes_ago=5,
        name="<b>\u202eاسم</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html and "&lt;script&gt;" in html
    assert "\u202e" not in html
    assert '<div class="comment__body" dir="auto"><p dir="auto">' in html
    assert 'rel="nofollow ugc noopener"' in html
    assert "&lt;b&gt;اسم&lt;/b&gt;</bdi>" in html


def test_it_invites_the_first_comment_and_shows_the_form(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "لا تعليقات بعد" in html and "اترك تعليقا" in html
    assert 'id="comment-form"' in html and 'name="website"' in html
    assert "لن يظهر للقراء" in html


def test_the_page_is_the_same_for_every_reader_and_sets_no_cookie(article):
    add(article, "تعليق منشور", minutes_ago=5)
    first, second = Client(), Client()
    a = first.get(article.get_absolute_url())
    b = second.get(article.get_absolute_url())
    assert not a.cookies and not b.cookies
    assert "Cookie" not in a.get("Vary", "")
    body_a, body_b = a.content.decode(), b.content.decode()
    # The form carries no per-reader token (the CSP nonce, if any, aside).
    assert 'name="csrfmiddlewaretoken" value=""' in body_a
    assert 'name="token" value=""' in body_a
    assert body_a.count("comment") == body_b.count("comment")


def test_the_block_alone_is_served_for_caches_and_scripts(client, article):
    add(article, "تعليق منشور", minutes_ago=5)
    response = client.get(reverse("comments:block", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "تعليق منشور" in html and "<html" not in html
    assert not response.cookies
    draft = make_article(published=False)
    assert client.get(reverse("comments:block", args=[draft.pk])).status_code == 404


def test_the_comment_block_adds_a_fixed_number_of_queries(client, article, comments_conf):
    comments_conf(THREADS_PER_PAGE=5)
    few = make_article(section=article.section, headline="مقال عليه تعليق واحد")
    add(few, "رد وحيد", minutes_ago=80, parent=add(few, "تعليق وحيد", minutes_ago=90))
    for i in range(12):
        top = add(article, f"تعليق رقم {i}", minutes_ago=100 - i)
        add(article, f"رد رقم {i}", minutes_ago=50 - i, parent=top)
    counts, comment_queries = [], []
    for page in (few, article):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.get_absolute_url()).status_code == 200
        counts.append(len(queries))
        comment_queries.append([q["sql"] for q in queries.captured_queries
                                if "comments_" in q["sql"]])
    # The policy, the first page of threads, their replies; a longer conversation adds
    # only its counts, however many pages it runs to.
    assert len(comment_queries[0]) == 3
    assert len(comment_queries[1]) == 4 and counts[1] == counts[0] + 1


def test_the_posted_page_says_what_happened_and_leads_back(client, article):
    html = client.get(reverse("comments:posted", args=[article.pk]) + "?s=pending").content.decode()
    assert "بانتظار المراجعة" in html and f"{article.get_absolute_url()}#comments" in html
    html = client.get(reverse("comments:posted", args=[article.pk])
                      + "?s=published&c=7").content.decode()
    assert "نُشر تعليقك" in html and "#comment-7" in html
