"""Every admin action is checked against the newsroom roles: a writer cannot reach what only
an editor may do, neither through the admin's pages nor by forging the POST they would send.
Each refusal has a twin showing that an editor's identical request does take effect."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from jarida.conftest import make_article, make_section, make_tag
from jarida.newsroom import services
from jarida.newsroom.models import Article, Author, Section, Tag

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:newsroom_article_changelist"


def workflow(article: Article, step: str) -> str:
    return reverse("admin:newsroom_article_workflow", args=[article.pk, step])


def change_url(article: Article) -> str:
    return reverse("admin:newsroom_article_change", args=[article.pk])


def snapshot(article: Article) -> tuple:
    article.refresh_from_db()
    return (article.status, article.published_at, article.corrected_at, article.headline,
            article.correction_note, article.transitions.count())


def empty_inlines(html: str) -> dict:
    """Management data saying "no inline rows" for every inline a form shows (other apps
    add inlines to the newsroom's admin pages)."""
    prefixes = re.findall(r'name="([^"]+)-TOTAL_FORMS"', html)
    return {f"{p}-{k}": "0" for p in prefixes for k in ("TOTAL_FORMS", "INITIAL_FORMS")}


def article_form_data(article: Article, **changes) -> dict:
    return {
        "headline": article.headline, "slug": article.slug, "standfirst": article.standfirst,
        "body": article.body, "section": article.section_id, "byline": "", "source_credit": "",
        "hero_caption": "", "hero_credit": "", "allow_comments": "on",
        "article_authors-TOTAL_FORMS": "0", "article_authors-INITIAL_FORMS": "0",
        **changes,
    }


@pytest.fixture
def articles(writer, editor):
    """The writer's own articles in each state, and one of the editor's."""
    draft = make_article(by=writer, published=False, headline="مسودة الكاتب عن سوق الخضار")
    review = make_article(by=writer, published=False, headline="تقرير الكاتب عن الميناء")
    services.article_submit_for_review(article=review, by=writer)
    published = make_article(by=writer, published=False, headline="خبر الكاتب المنشور")
    services.article_publish(article=published, by=editor)
    others = make_article(by=editor, published=False, headline="مسودة المحرر عن الطقس")
    return {"draft": draft, "review": review, "published": published, "others": others}


FUTURE = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
EDITOR_STEPS = [
    # (step, state of the writer's own article it applies to, POST data)
    ("publish", "review", {}),
    ("schedule", "draft", {"published_at": FUTURE}),
    ("return", "review", {}),
    ("correct", "published", {"note": "صُحّح رقم الضحايا."}),
    ("unpublish", "published", {}),
]


@pytest.mark.parametrize(("step", "state", "data"), EDITOR_STEPS)
def test_it_refuses_a_writer_the_editors_workflow_steps(client, writer, articles, step, state,
                                                       data):
    article = articles[state]
    before = snapshot(article)
    client.force_login(writer)
    assert client.get(workflow(article, step)).status_code == 403
    assert client.post(workflow(article, step), data).status_code == 403
    assert snapshot(article) == before
    assert workflow(article, step) not in client.get(change_url(article)).content.decode()


@pytest.mark.parametrize(("step", "state", "data"), EDITOR_STEPS)
def test_it_lets_an_editor_take_the_same_steps(client, editor, articles, step, state, data):
    article = articles[state]
    before = snapshot(article)
    client.force_login(editor)
    assert client.post(workflow(article, step), data).status_code == 302
    assert snapshot(article) != before


def test_it_lets_a_writer_submit_only_their_own_draft(client, writer, articles):
    client.force_login(writer)
    client.post(workflow(articles["draft"], "submit"))
    assert snapshot(articles["draft"])[0] == "review"
    before = snapshot(articles["others"])
    assert client.post(workflow(articles["others"], "submit")).status_code == 404
    assert snapshot(articles["others"]) == before


@pytest.mark.parametrize(("action", "state"), [("action_publish", "review"),
                                               ("action_unpublish", "published"),
                                               ("delete_selected", "draft")])
def test_it_refuses_a_writer_the_editors_bulk_actions(client, writer, articles, action, state):
    article = articles[state]
    before = snapshot(article)
    client.force_login(writer)
    changelist = client.get(reverse(CHANGELIST)).content.decode()
    assert f'value="{action}"' not in changelist
    client.post(reverse(CHANGELIST), {"action": action, "_selected_action": [article.pk],
                                      "post": "yes"})
    assert snapshot(article) == before


@pytest.mark.parametrize(("action", "state", "after"), [("action_publish", "review", "published"),
                                                        ("action_unpublish", "published",
                                                         "unpublished")])
def test_it_lets_an_editor_take_the_bulk_actions(client, editor, articles, action, state, after):
    client.force_login(editor)
    client.post(reverse(CHANGELIST), {"action": action, "_selected_action": [articles[state].pk]})
    assert snapshot(articles[state])[0] == after


def test_it_refuses_a_writer_deleting_even_their_own_draft(client, writer, editor, articles):
    url = reverse("admin:newsroom_article_delete", args=[articles["draft"].pk])
    client.force_login(writer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=articles["draft"].pk).exists()
    client.force_login(editor)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=articles["draft"].pk).exists()


def test_it_lets_an_editor_delete_in_bulk(client, editor, articles):
    client.force_login(editor)
    client.post(reverse(CHANGELIST), {"action": "delete_selected", "post": "yes",
                                      "_selected_action": [articles["draft"].pk,
                                                           articles["others"].pk]})
    assert not Article.objects.filter(pk__in=[articles["draft"].pk,
                                              articles["others"].pk]).exists()


def test_it_keeps_someone_elses_article_out_of_a_writers_reach(client, writer, articles):
    others = articles["others"]
    before = snapshot(others)
    client.force_login(writer)
    # The admin answers as if it did not exist: a redirect to the index, or 404.
    assert client.get(change_url(others)).status_code == 302
    client.post(change_url(others), article_form_data(others, headline="عنوان مزوّر"))
    for name in ("preview", "revisions"):
        url = reverse(f"admin:newsroom_article_{name}", args=[others.pk])
        assert client.get(url).status_code == 404
    assert client.get(reverse("admin:newsroom_article_history", args=[others.pk])).status_code \
        == 302
    assert snapshot(others) == before
    assert others.headline not in client.get(reverse(CHANGELIST)).content.decode()


def test_it_refuses_a_writer_editing_their_article_once_published(client, writer, articles):
    published = articles["published"]
    before = snapshot(published)
    client.force_login(writer)
    response = client.post(change_url(published),
                           article_form_data(published, headline="عنوان بعد النشر"))
    assert response.status_code == 403
    assert snapshot(published) == before


def test_it_lets_a_writer_edit_their_own_draft(client, writer, articles):
    draft = articles["draft"]
    client.force_login(writer)
    inlines = empty_inlines(client.get(change_url(draft)).content.decode())
    response = client.post(change_url(draft),
                           {**article_form_data(draft, headline="عنوان منقح"), **inlines})
    assert response.status_code == 302
    assert snapshot(draft)[3] == "عنوان منقح"


@pytest.mark.parametrize(("model", "data"), [
    ("section", {"name": "قسم مزوّر", "slug": "قسم-مزور", "position": "0", "description": ""}),
    ("author", {"name": "كاتب مزوّر", "slug": "كاتب-مزور", "bio": ""}),
])
def test_it_refuses_a_writer_adding_sections_and_authors(client, writer, editor, model, data):
    url = reverse(f"admin:newsroom_{model}_add")
    client.force_login(editor)
    data = {**data, **empty_inlines(client.get(url).content.decode())}
    client.force_login(writer)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    counts = {"section": Section.objects.count, "author": Author.objects.count}
    assert counts[model]() == 0
    client.force_login(editor)
    assert client.post(url, data).status_code == 302
    assert counts[model]() == 1


def test_it_refuses_a_writer_changing_sections_and_tags(client, writer):
    section, tag = make_section("ثقافة"), make_tag("المسرح")
    client.force_login(writer)
    response = client.post(reverse("admin:newsroom_section_change", args=[section.pk]),
                           {"name": "قسم معدّل", "slug": section.slug, "position": "0"})
    assert response.status_code == 403
    response = client.post(reverse("admin:newsroom_tag_delete", args=[tag.pk]), {"post": "yes"})
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.name == "ثقافة" and Tag.objects.filter(pk=tag.pk).exists()


@pytest.mark.parametrize("url_name", [
    "admin:auth_user_changelist", "admin:auth_group_changelist", "admin:ops_auditevent_changelist",
    "admin:axes_accessattempt_changelist", "admin:otp_totp_totpdevice_changelist",
    "admin:newsroom_articletransition_changelist",
])
def test_it_keeps_writers_out_of_accounts_security_and_history(client, writer, url_name):
    client.force_login(writer)
    assert client.get(reverse(url_name)).status_code == 403


def test_it_refuses_a_writer_granting_themselves_a_role(client, writer):
    editors = Group.objects.get(name="editor")
    client.force_login(writer)
    response = client.post(reverse("admin:auth_user_change", args=[writer.pk]), {
        "username": "writer", "groups": [editors.pk], "is_staff": "on", "is_active": "on",
        "is_superuser": "on", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
    })
    assert response.status_code == 403
    writer.refresh_from_db()
    assert not writer.is_superuser and not writer.groups.filter(name="editor").exists()


def test_it_lets_a_moderator_read_but_not_write_articles(client, moderator, articles):
    client.force_login(moderator)
    assert client.get(reverse("admin:newsroom_article_add")).status_code == 403
    assert client.post(reverse("admin:newsroom_article_add"),
                       article_form_data(articles["draft"])).status_code == 403
    assert client.post(workflow(articles["draft"], "submit")).status_code in (403, 404)
    assert snapshot(articles["draft"])[0] == "draft"
