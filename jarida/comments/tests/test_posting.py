"""Posting a comment through the reader form: what is accepted, refused, and where it goes."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jarida.comments.models import BannedAddress, BlockedTerm, Comment, Commenter, CommentPolicy
from jarida.comments.services import CommentRefused, comment_add, comment_post
from jarida.comments.tests.conftest import BODY, post_comment, valid_token
from jarida.conftest import make_article, make_section

pytestmark = pytest.mark.django_db


def test_it_holds_a_new_readers_comment_for_moderation_by_default(client, article):
    response = post_comment(client, article)
    assert response.status_code == 303
    assert response["Location"].endswith(f"/comments/{article.pk}/posted/?s=pending")
    comment = Comment.objects.get()
    assert (comment.status, comment.held_for) == ("pending", "pre-moderation")
    assert comment.name == "سلمى العبدالله" and comment.commenter.email == "salma@example.com"
    assert comment.ip_address == "127.0.0.1"
    page = client.get(response["Location"]).content.decode()
    assert "تعليقك بانتظار المراجعة" in page


def test_it_answers_the_script_with_json(client, article):
    response = post_comment(client, article, as_json=True)
    assert response.status_code == 201
    assert response.json() == {"ok": True, "status": "pending",
                                "message": response.json()["message"]}
    assert "بانتظار المراجعة" in response.json()["message"]


def test_it_keeps_the_email_private(client, article):
    comment_add(article=article, name="سلمى", email="salma@example.com", body=BODY)
    html = client.get(article.get_absolute_url()).content.decode()
    assert BODY in html
    assert "salma@example.com" not in html


# Modes


def test_post_moderation_publishes_a_known_commenters_comment_at_once(client, article,
                                                                      comments_conf):
    comments_conf(MODE="post")
    comment_add(article=article, name="سلمى", email="salma@example.com", body="تعليق سابق مقبول")
    response = post_comment(client, article, as_json=True)
    assert response.json()["status"] == "published"
    assert "نُشر تعليقك" in response.json()["message"]
    assert BODY in response.json()["html"]
    assert Comment.objects.get(body=BODY).status == "approved"


def test_post_moderation_still_premoderates_a_new_commenter(client, article, comments_conf):
    comments_conf(MODE="post")
    post_comment(client, article)
    assert Comment.objects.get().held_for == "new commenter"
    comments_conf(MODE="post", NEW_COMMENTERS_PREMODERATED=False)
    post_comment(client, article, email="new@example.com", body="تعليق آخر مختلف تمامًا")
    assert Comment.objects.get(commenter__email="new@example.com").status == "approved"


def test_a_section_overrides_the_site_and_an_article_overrides_its_section(client,
                                                                          comments_conf):
    comments_conf(MODE="pre")
    parent = make_section("أخبار")
    child = make_section("محليات", parent=parent)
    article = make_article(section=child)
    comment_add(article=article, name="سلمى", email="salma@example.com", body="تعليق سابق")
    CommentPolicy.objects.create(section=parent, mode="post")
    post_comment(client, article, body="الأول")
    assert Comment.objects.get(body="الأول").status == "approved"  # parent section's mode

    CommentPolicy.objects.create(section=child, mode="pre")
    post_comment(client, article, body="الثاني")
    assert Comment.objects.get(body="الثاني").status == "pending"

    CommentPolicy.objects.create(article=article, mode="post")
    post_comment(client, article, body="الثالث")
    assert Comment.objects.get(body="الثالث").status == "approved"


# Closing


def test_it_refuses_comments_on_an_article_that_closed_them(client):
    article = make_article(allow_comments=False)
    response = post_comment(client, article, as_json=True)
    assert response.status_code == 403
    assert "مغلقة" in response.json()["message"]
    assert not Comment.objects.exists()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "التعليقات مغلقة على هذا المقال" in html and 'id="comment-form"' not in html


def test_it_closes_comments_by_itself_after_the_configured_days(client, comments_conf):
    comments_conf(CLOSE_AFTER_DAYS=7)
    article = make_article(hours_ago=1)
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=22)):
        assert post_comment(client, article, body="قبل الإغلاق").status_code == 303
    with time_machine.travel(timezone.now() + timedelta(days=7, hours=1)):
        assert post_comment(client, article, body="بعد الإغلاق").status_code == 403
        html = client.get(article.get_absolute_url()).content.decode()
        assert "أُغلقت التعليقات على هذا المقال بعد مرور مدة" in html
    assert list(Comment.objects.values_list("body", flat=True)) == ["قبل الإغلاق"]


def test_a_policy_of_zero_days_keeps_an_old_article_open(client, comments_conf):
    comments_conf(CLOSE_AFTER_DAYS=7)
    article = make_article(hours_ago=24 * 400)
    assert post_comment(client, article).status_code == 403
    CommentPolicy.objects.create(article=article, close_after_days=0)
    assert post_comment(client, article).status_code == 303


def test_it_refuses_comments_on_a_draft(client):
    draft = make_article(published=False)
    assert post_comment(client, draft).status_code == 404


# Spam defences


def test_a_filled_honeypot_stores_nothing_and_tells_the_bot_nothing(client, article):
    response = post_comment(client, article, website="http://spam.example.com")
    assert response.status_code == 303 and response["Location"].endswith("?s=pending")
    assert not Comment.objects.exists()


def test_it_refuses_a_form_sent_faster_than_a_person_types(client, article):
    response = post_comment(client, article, token=valid_token(article, seconds_ago=1),
                            as_json=True)
    assert response.status_code == 400 and response.json()["code"] == "too_fast"
    assert not Comment.objects.exists()
    response = post_comment(client, article, token=valid_token(article, seconds_ago=1))
    assert response.status_code == 400
    assert BODY in response.content.decode()  # the reader's text is kept in the form


@pytest.mark.parametrize("token", ["", "not-a-token", "forged:abc:def"])
def test_without_a_valid_form_token_it_asks_to_confirm_and_keeps_the_text(client, article,
                                                                         token):
    response = post_comment(client, article, token=token)
    html = response.content.decode()
    assert response.status_code == 200
    assert "اضغط «أرسل التعليق» مرة أخرى" in html
    assert BODY in html and 'name="token" value="' in html
    assert not Comment.objects.exists()


def test_a_token_for_another_article_or_too_old_is_not_valid(client, article):
    other = make_article()
    assert post_comment(client, article, token=valid_token(other)).status_code == 200
    assert post_comment(client, article,
                        token=valid_token(article, seconds_ago=2 * 86400)).status_code == 200
    assert not Comment.objects.exists()


def test_csrf_is_enforced_and_the_cold_form_gets_one_more_click():
    """The cached page's form has no CSRF token: the first post (no script) stores
    nothing and answers a warm form; sending that one stores the comment."""
    client = Client(enforce_csrf_checks=True)
    article = make_article()
    first = post_comment(client, article, token="")
    assert first.status_code == 200 and not Comment.objects.exists()
    html = first.content.decode()
    csrf = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    token = html.split('name="token" value="')[1].split('"')[0]
    assert csrf and token
    # The warm page's token needs only a second's pause.
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        second = post_comment(client, article, token=token, csrfmiddlewaretoken=csrf)
    assert second.status_code == 303
    assert Comment.objects.count() == 1


def test_a_forged_cross_site_post_with_a_valid_form_token_is_not_stored():
    client = Client(enforce_csrf_checks=True)
    article = make_article()
    response = post_comment(client, article)  # valid form token, no CSRF token
    assert response.status_code == 200 and not Comment.objects.exists()


def test_it_limits_posts_per_address(client, article, comments_conf):
    comments_conf(RATE_PER_IP="3/60", RATE_PER_EMAIL="100/60")
    statuses = [post_comment(client, article, email=f"r{i}@example.com", body=f"تعليق رقم {i}",
                             as_json=True).status_code for i in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    assert Comment.objects.count() == 3
    other = post_comment(client, article, email="x@example.com", body="من عنوان آخر",
                         REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 303


def test_the_address_limit_window_passes(client, article, comments_conf):
    comments_conf(RATE_PER_IP="2/60", RATE_PER_EMAIL="100/60")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for i in range(3):
            post_comment(client, article, email=f"r{i}@example.com", body=f"تعليق {i}")
        assert Comment.objects.count() == 2
        traveller.shift(61)
        assert post_comment(client, article, email="late@example.com",
                            body="بعد دقيقة", token=valid_token(article)).status_code == 303
    assert Comment.objects.count() == 3


def test_it_limits_posts_per_email_from_any_address(client, article, comments_conf):
    comments_conf(RATE_PER_IP="100/60", RATE_PER_EMAIL="2/60")
    statuses = [post_comment(client, article, body=f"تعليق {i}", REMOTE_ADDR=f"10.0.0.{i}",
                             email="Same@Example.com").status_code for i in range(3)]
    assert statuses == [303, 303, 429]


def test_a_rate_limited_reader_keeps_their_text(client, article, comments_conf):
    comments_conf(RATE_PER_IP="1/60")
    post_comment(client, article)
    response = post_comment(client, article, body="نص ثانٍ لا يضيع")
    assert response.status_code == 429
    assert "نص ثانٍ لا يضيع" in response.content.decode()
    assert "انتظر قليلًا" in response.content.decode()


def test_it_refuses_a_duplicate_of_a_recent_comment_in_any_spelling(client, article):
    post_comment(client, article, body="مقال رائع جدا")
    response = post_comment(client, article, body="مَقالٌ رائـــع جداااا", as_json=True,
                            email="other@example.com", REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 400 and response.json()["code"] == "duplicate"
    # The same reader elsewhere, copying their comment across articles: refused too.
    other = make_article()
    assert post_comment(client, other, body="مقال رائع جدا", as_json=True).status_code == 400
    # Another reader on another article saying the same short thing: fine.
    assert post_comment(client, other, body="مقال رائع جدا", email="b@example.com",
                        REMOTE_ADDR="10.8.8.8").status_code == 303


def test_duplicates_are_judged_within_a_window(client, article, comments_conf):
    comments_conf(DUPLICATE_WINDOW_HOURS=1)
    post_comment(client, article, body="مقال رائع جدا")
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        response = post_comment(client, article, body="مقال رائع جدا",
                                token=valid_token(article))
    assert response.status_code == 303
    assert Comment.objects.count() == 2


def test_it_refuses_a_comment_over_the_maximum_length(client, article, comments_conf):
    comments_conf(MAX_LENGTH=50)
    response = post_comment(client, article, body="ب" * 51, as_json=True)
    assert response.status_code == 400
    assert "أطول من" in response.json()["errors"]["body"][0]
    assert post_comment(client, article, body="ب" * 50).status_code == 303


def test_it_refuses_a_huge_body_before_any_work(client, article):
    response = post_comment(client, article, body="ا" * 500_000, as_json=True)
    assert response.status_code == 400 and "body" in response.json()["errors"]
    assert not Comment.objects.exists()


def test_it_caps_the_number_of_links(client, article, comments_conf):
    comments_conf(MAX_LINKS=1)
    response = post_comment(client, article, as_json=True,
                            body="اقرأ https://a.example.com و https://b.example.com")
    assert response.status_code == 400 and response.json()["code"] == "links"
    assert post_comment(client, article, body="اقرأ https://a.example.com").status_code == 303


def test_it_rejects_a_banned_word_and_holds_a_suspect_one(client, article):
    BlockedTerm.objects.create(text="غبي", kind="banned")
    BlockedTerm.objects.create(text="ربح سريع", kind="suspect")
    response = post_comment(client, article, body="الكاتب غبيييي", as_json=True)
    assert response.status_code == 400 and response.json()["code"] == "banned_word"
    assert post_comment(client, article, name="غَبِي", body="تعليق عادي",
                        as_json=True).status_code == 400
    assert not Comment.objects.exists()
    post_comment(client, article, body="فرصة للربح السريع من البيت")
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.held_for.startswith("suspect: ربح سريع")


def test_a_suspect_word_holds_even_in_post_moderation(client, article, comments_conf):
    comments_conf(MODE="post", NEW_COMMENTERS_PREMODERATED=False)
    BlockedTerm.objects.create(text="ربح سريع", kind="suspect")
    post_comment(client, article, body="ربح سريع مضمون")
    assert Comment.objects.get().status == "pending"


def test_it_refuses_a_banned_commenter_and_a_banned_address(client, article):
    Commenter.objects.create(email="salma@example.com", is_banned=True)
    response = post_comment(client, article, as_json=True)
    assert response.status_code == 403 and response.json()["code"] == "banned"
    BannedAddress.objects.create(ip_address="10.5.5.5",
                                 until=timezone.now() + timedelta(days=1))
    assert post_comment(client, article, email="new@example.com", REMOTE_ADDR="10.5.5.5",
                        as_json=True).status_code == 403
    BannedAddress.objects.update(until=timezone.now() - timedelta(minutes=1))
    assert post_comment(client, article, email="new@example.com", REMOTE_ADDR="10.5.5.5",
                        body="عاد بعد انتهاء الحظر").status_code == 303


def test_it_stores_text_without_bidi_overrides_and_keeps_what_was_sent(client, article):
    post_comment(client, article, body="تعليق \u202eمقلوب\u202c هنا", name="\u202eسلمى")
    comment = Comment.objects.get()
    assert comment.body == "تعليق مقلوب هنا" and comment.name == "سلمى"
    assert comment.body_original == "تعليق \u202eمقلوب\u202c هنا"
    post_comment(client, article, body="سطر أول  \r\nسطر ثانٍ\r\n\r\n\r\n", email="b@example.com")
    assert Comment.objects.get(commenter__email="b@example.com").body_original == ""


def test_it_refuses_missing_fields_with_arabic_messages(client, article):
    response = post_comment(client, article, name="", email="ليس-بريدًا", body="   ",
                            as_json=True)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"name", "email", "body"}


def test_it_uses_the_proxy_header_only_when_configured(client, article, settings):
    post_comment(client, article, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert Comment.objects.get().ip_address == "127.0.0.1"
    settings.JARIDA_CLIENT_IP_HEADER = "X-Forwarded-For"
    post_comment(client, article, body="عبر الوسيط", email="p@example.com",
                 HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    assert Comment.objects.get(body="عبر الوسيط").ip_address == "203.0.113.9"


# Replies


def test_replies_keep_one_level(client, article):
    top = comment_add(article=article, name="سلمى", email="s@example.com", body="تعليق أول")
    reply = comment_add(article=article, name="خالد", email="k@example.com", body="رد",
                        parent=top)
    post_comment(client, article, body="رد على الرد", parent=reply.pk)
    assert Comment.objects.get(body="رد على الرد").parent_id == top.pk


def test_it_refuses_a_reply_to_a_comment_that_is_not_published(client, article):
    waiting = comment_add(article=article, name="سلمى", email="s@example.com", body="ينتظر",
                          status="pending")
    elsewhere = comment_add(article=make_article(), name="سلمى", email="s@example.com",
                            body="في مقال آخر")
    for parent in (waiting, elsewhere):
        response = post_comment(client, article, parent=parent.pk, as_json=True)
        assert response.status_code == 400 and response.json()["code"] == "parent"


def test_the_reply_page_quotes_the_comment_and_carries_its_id(client, article):
    top = comment_add(article=article, name="سلمى", email="s@example.com", body="تعليق أول")
    response = client.get(reverse("comments:post", args=[article.pk]) + f"?parent={top.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ردًا على" in html and "تعليق أول" in html
    assert f'name="parent" value="{top.pk}"' in html
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_service_refuses_with_a_reason(article):
    with pytest.raises(CommentRefused) as refusal:
        comment_post(article=article, name="", email="a@example.com", body="نص")
    assert refusal.value.field == "name"


def test_the_form_token_endpoint_gives_csrf_and_a_fresh_token(client, article):
    response = client.get(reverse("comments:token") + f"?article={article.pk}")
    data = response.json()
    assert set(data) == {"csrf", "token"}
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert client.get(reverse("comments:token") + "?article=x").status_code == 400


def test_it_gives_the_form_back_for_a_parent_that_is_not_a_number(client, article):
    response = post_comment(client, article, parent="1' OR '1'='1")
    assert response.status_code < 500
