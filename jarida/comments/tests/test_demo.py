"""The demo loader adds the demo's comments, approved, once."""

import io

import pytest
from django.apps import apps

from jarida.comments.demo import demo_comments_load
from jarida.comments.models import Comment
from jarida.newsroom.models import Article

pytestmark = pytest.mark.django_db

ITEMS = [
    {"article": "water", "name": "منى الشريف", "email": "mona@example.com",
     "body": "أخيرًا خبر يبشّر سكان الساحل بالماء.",
     "replies": [{"name": "طارق", "email": "tariq@example.com",
                  "body": "والقرى الداخلية تنتظر دورها."}]},
    {"article": "water", "name": "يوسف", "email": "yousef@example.com",
     "body": "كم ستكلف الفاتورة الشهرية؟"},
    {"article": "missing", "name": "أحد", "email": "x@example.com", "body": "لا مقال له"},
]


def test_it_loads_the_demo_comments_approved_and_only_once(article):
    Article.objects.filter(pk=article.pk).update(external_id="demo:water")
    out = io.StringIO()
    assert demo_comments_load(stdout=out, items=ITEMS) == 3
    assert "1 skipped" in out.getvalue()
    assert demo_comments_load(stdout=io.StringIO(), items=ITEMS) == 0
    assert Comment.objects.count() == 3
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    reply = Comment.objects.get(name="طارق")
    assert reply.parent.name == "منى الشريف"
    assert reply.created_at > reply.parent.created_at >= article.published_at


def test_the_app_offers_the_hook_the_demo_command_calls():
    config = apps.get_app_config("comments")
    assert callable(config.load_demo_content)


def test_the_moderator_and_editor_roles_hold_the_comment_permissions(moderator, editor):
    assert moderator.has_perm("comments.moderate_comment")
    assert moderator.has_perm("comments.ban_commenter")
    assert not moderator.has_perm("comments.change_commentpolicy")
    assert editor.has_perm("comments.moderate_comment")
    assert editor.has_perm("comments.change_commentpolicy")
