"""The audit log records who did what to which article and user, from which address, and
administrators read it in the admin, where nobody can change it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from jarida.conftest import make_article, make_section
from jarida.newsroom import services
from jarida.ops.models import AuditEvent

pytestmark = pytest.mark.django_db


def events(**filters) -> list[tuple[str, str]]:
    return list(AuditEvent.objects.filter(**filters).order_by("at", "id")
                .values_list("action", "actor_name"))


def test_it_records_each_workflow_step_with_who_took_it(client, writer, editor):
    article = make_article(by=writer, published=False)
    services.article_submit_for_review(article=article, by=writer)
    client.force_login(editor)
    client.post(reverse("admin:newsroom_article_workflow", args=[article.pk, "publish"]),
                REMOTE_ADDR="198.51.100.23")
    assert events(target_type="article", target_id=str(article.pk)) == [
        ("article.created", ""),  # services called outside a request: the system's name is ""
        ("article.submitted", ""),
        ("article.published", "editor"),
    ]
    published = AuditEvent.objects.get(action="article.published")
    assert published.actor == editor and published.ip_address == "198.51.100.23"
    assert published.target_repr == article.headline
    assert published.details == {"state": "published", "was_public": False}


def test_it_records_one_edit_per_save_in_the_admin(client, writer):
    article = make_article(by=writer, published=False)
    client.force_login(writer)
    client.post(reverse("admin:newsroom_article_change", args=[article.pk]), {
        "headline": "عنوان بعد التحرير", "slug": article.slug, "standfirst": "",
        "body": article.body, "section": article.section_id, "byline": "", "source_credit": "",
        "hero_caption": "", "hero_credit": "", "allow_comments": "on",
        "article_authors-TOTAL_FORMS": "0", "article_authors-INITIAL_FORMS": "0",
    })
    assert events(action="article.edited") == [("article.edited", "writer")]


def test_it_keeps_the_record_of_a_deleted_article(client, editor):
    article = make_article(headline="خبر سيُحذف نهائيًا")
    client.force_login(editor)
    client.post(reverse("admin:newsroom_article_delete", args=[article.pk]), {"post": "yes"})
    deleted = AuditEvent.objects.get(action="article.deleted")
    assert deleted.target_repr == "خبر سيُحذف نهائيًا"
    assert deleted.actor == editor


def test_it_records_sign_ins_and_failures(client, editor):
    client.post("/admin/login/", {"username": "editor", "password": "خطأ"})
    client.post("/admin/login/", {"username": "editor", "password": "pass-editor"})
    client.post(reverse("admin:logout"))
    assert events(action__startswith="user.log") == [
        ("user.login_failed", ""), ("user.login", "editor"), ("user.logout", "editor")]
    assert AuditEvent.objects.get(action="user.login_failed").target_repr == "editor"


def test_it_records_role_and_password_changes_but_never_the_password(client, admin_user, writer):
    client.force_login(admin_user)
    editors = Group.objects.get(name="editor")
    response = client.post(reverse("admin:auth_user_change", args=[writer.pk]), {
        "username": "writer", "first_name": "", "last_name": "", "email": "",
        "is_active": "on", "is_staff": "on", "groups": [editors.pk],
        "last_login_0": "", "last_login_1": "",
        "date_joined_0": "2026-01-01", "date_joined_1": "08:00:00",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    writer.set_password("كلمة-سر-جديدة-طويلة")
    writer.save()
    roles = AuditEvent.objects.filter(action="user.roles_changed", target_id=str(writer.pk),
                                      actor=admin_user)
    assert sorted(roles.values_list("details", flat=True), key=str) == [
        {"added": ["editor"]}, {"removed": ["writer"]}]
    changed = AuditEvent.objects.filter(action="user.changed").last()
    assert changed.details == {"fields": ["password"]}
    assert writer.password not in str(list(AuditEvent.objects.values_list("details", flat=True)))


def test_it_records_who_made_someone_a_superuser(admin_user, writer):
    from jarida.ops.services import audit_request_context

    class Request:
        user, META = admin_user, {"REMOTE_ADDR": "192.0.2.10"}

    with audit_request_context(Request()):
        writer.is_superuser = True
        writer.save()
    event = AuditEvent.objects.get(action="user.changed")
    assert event.details == {"fields": ["is_superuser"], "is_superuser": True}
    assert event.actor == admin_user and event.ip_address == "192.0.2.10"


def test_it_records_sections_and_authors(client, editor):
    section = make_section("علوم")
    section.name = "علوم وتقنية"
    section.save()
    assert [a for a, _ in events(target_type="section")] == ["section.created", "section.changed"]


def test_it_shows_the_log_to_administrators_only_and_read_only(client, admin_user, editor):
    make_article()
    event = AuditEvent.objects.get(action="article.created")
    changelist = reverse("admin:ops_auditevent_changelist")
    change = reverse("admin:ops_auditevent_change", args=[event.pk])
    client.force_login(editor)
    assert client.get(changelist).status_code == 403
    client.force_login(admin_user)
    response = client.get(changelist)
    assert response.status_code == 200 and "article.created" in response.content.decode()
    assert client.get(change).status_code == 200  # a read-only view
    assert client.post(change, {"action": "article.deleted"}).status_code == 403
    assert client.get(reverse("admin:ops_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:ops_auditevent_delete", args=[event.pk]),
                       {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk, action="article.created").exists()


def test_it_records_who_moderated_which_comment(moderator):
    comments = pytest.importorskip("jarida.comments.services")
    article = make_article()
    comment = comments.comment_add(article=article, name="قارئ من جدة",
                                   email="reader@jarida.test",
                                   body="شكرًا على التقرير، متى تبدأ المحطة العمل؟",
                                   status="pending")
    comments.comment_moderate(comment=comment, action="approve", by=moderator)
    event = AuditEvent.objects.get(action="comment.approve")
    assert event.actor == moderator
    assert (event.target_type, event.target_id) == ("comment", str(comment.pk))
    assert event.details["to"] == "approved" and event.details["article_id"] == article.pk


def test_a_management_command_is_named_as_the_actor(monkeypatch, tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command

    monkeypatch.setattr("sys.argv", ["/srv/jarida/manage.py", "import_articles", "wire.jsonl"])
    monkeypatch.setattr("getpass.getuser", lambda: "deploy")
    wire = tmp_path / "wire.jsonl"
    wire.write_text(json.dumps({
        "id": "w-1", "title": "ارتفاع صادرات التمور هذا الموسم", "category": "economy",
        "body": "ارتفعت صادرات التمور بنسبة كبيرة.", "date": "2026-12-01T09:00:00+03:00",
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("import_articles", str(wire), "--no-progress", stdout=StringIO())
    assert events(action="article.imported") == [
        ("article.imported", "manage.py import_articles (deploy)")]


def test_outside_a_command_and_a_request_the_actor_is_the_system(monkeypatch):
    monkeypatch.setattr("sys.argv", ["/usr/bin/granian", "config.wsgi:application"])
    make_article()
    assert events(action="article.created") == [("article.created", "")]
