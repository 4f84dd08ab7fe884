"""A long conversation in pages: the article page carries the first THREADS_PER_PAGE
top-level comments with their replies, and a link to the next page; further pages are
reader pages of their own, the same for everyone."""

import pytest
from django.urls import reverse

from jarida.comments.selectors import comment_page_number, comments_for_article
from jarida.comments.tests.test_block import add
from jarida.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(article, comments_conf):
    """Seven threads, oldest first, each with one reply; three threads to a page."""
    comments_conf(THREADS_PER_PAGE=3)
    for i in range(1, 8):
        top = add(article, f"رأي القارئ رقم {i} في الخبر", minutes_ago=200 - i)
        add(article, f"تعقيب على الرأي رقم {i}", minutes_ago=100 - i, parent=top)
    add(article, "رأي لم يُراجع بعد", minutes_ago=1, status="pending")
    return article


def page_url(article, number: int) -> str:
    return reverse("comments:page", kwargs={"article_id": article.pk, "number": number})


def shown(html: str) -> list[int]:
    return [i for i in range(1, 8) if f"رأي القارئ رقم {i} في" in html]


def test_the_article_page_shows_the_first_page_and_leads_to_the_next(client, conversation):
    html = client.get(conversation.get_absolute_url()).content.decode()
    assert shown(html) == [1, 2, 3]
    assert "تعقيب على الرأي رقم 3" in html and "تعقيب على الرأي رقم 4" not in html
    assert "(١٤)" in html  # every comment readers can see, not only this page's
    assert f'href="{page_url(conversation, 2)}" data-more' in html
    assert "المزيد من التعليقات" in html


def test_further_pages_show_their_threads_with_replies_and_a_way_back(client, conversation):
    response = client.get(page_url(conversation, 2))
    html = response.content.decode()
    assert response.status_code == 200 and shown(html) == [4, 5, 6]
    assert "تعقيب على الرأي رقم 5" in html and "رأي لم يُراجع" not in html
    assert "صفحة ٢ من ٣" in html and '<meta name="robots" content="noindex, follow">' in html
    assert f'rel="prev" href="{conversation.get_absolute_url()}#comments"' in html
    assert f'rel="next" href="{page_url(conversation, 3)}"' in html
    assert f'href="/comments/{conversation.pk}/new/?parent=' in html  # reply works here too

    last = client.get(page_url(conversation, 3)).content.decode()
    assert shown(last) == [7] and 'rel="next"' not in last
    assert f'rel="prev" href="{page_url(conversation, 2)}"' in last


def test_page_one_is_the_article_and_pages_past_the_end_do_not_exist(client, conversation):
    first = client.get(page_url(conversation, 1))
    assert first.status_code == 301
    assert first["Location"] == conversation.get_absolute_url() + "#comments"
    assert client.get(page_url(conversation, 4)).status_code == 404
    assert client.get(f"/comments/{conversation.pk}/page/0/").status_code == 404
    assert client.get(f"/comments/{conversation.pk}/page/-1/").status_code == 404
    assert client.get(f"/comments/{conversation.pk}/page/{10**30}/").status_code == 404
    assert client.get(f"/comments/{conversation.pk}/page/1%27%20OR%201=1/").status_code == 404


def test_a_draft_has_no_comment_pages(client, comments_conf):
    comments_conf(THREADS_PER_PAGE=1)
    draft = make_article(published=False)
    for i in range(3):
        add(draft, f"تعليق على مسودة {i}", minutes_ago=10 - i)
    assert client.get(page_url(draft, 2)).status_code == 404


def test_a_short_conversation_has_no_more_link(client, article, comments_conf):
    comments_conf(THREADS_PER_PAGE=3)
    for i in range(1, 4):
        add(article, f"رأي القارئ رقم {i} في الخبر", minutes_ago=10 - i)
    html = client.get(article.get_absolute_url()).content.decode()
    assert shown(html) == [1, 2, 3] and "المزيد من التعليقات" not in html
    assert client.get(page_url(article, 2)).status_code == 404


def test_closed_comments_still_page_and_load_the_script_for_it(client, conversation):
    conversation.allow_comments = False
    conversation.save(update_fields=["allow_comments"])
    html = client.get(conversation.get_absolute_url()).content.decode()
    assert "التعليقات مغلقة" in html and "المزيد من التعليقات" in html
    assert "comments/comments.js" in html
    page = client.get(page_url(conversation, 2)).content.decode()
    assert shown(page) == [4, 5, 6] and "/new/?parent=" not in page


def test_the_counts_ignore_replies_to_comments_readers_cannot_see(article):
    hidden = add(article, "رأي حُجب", minutes_ago=30, status="rejected")
    add(article, "رد على رأي محجوب", minutes_ago=20, parent=hidden)
    for i in range(3):
        add(article, f"رأي ظاهر {i}", minutes_ago=10 - i)
    page = comments_for_article(article=article, page=2, per_page=2)
    assert [c.body for c in page.threads] == ["رأي ظاهر 2"]
    assert (page.number, page.pages, page.count) == (2, 2, 3)


def test_each_comment_knows_the_page_that_shows_it(conversation):
    threads = list(conversation.comments.filter(parent=None, status="approved")
                   .order_by("created_at", "id"))
    assert [comment_page_number(comment=c) for c in threads] == [1, 1, 1, 2, 2, 2, 3]
    reply = threads[4].replies.get()
    assert comment_page_number(comment=reply) == 2  # on its thread's page
