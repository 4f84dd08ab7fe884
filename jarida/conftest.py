"""Shared test fixtures: three personas (editor, writer, moderator) and small factories
that write real Arabic, instead of fixture files."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from jarida.newsroom import services
from jarida.newsroom.models import Article, Author, Section, Tag
from jarida.newsroom.roles import EDITOR, MODERATOR, WRITER, roles_ensure

_seq = itertools.count(1)

BODY = (
    "<p>أعلنت وزارة المياه أن محطة التحلية الجديدة ستدخل الخدمة قبل نهاية العام، "
    "لتوفر مياه الشرب لنحو مئتي ألف أسرة في المدن الساحلية.</p>"
    "<h2>كلفة المشروع</h2>"
    "<p>وبلغت كلفة المشروع ما يقارب أربعمئة مليون دولار، مولتها الحكومة بالشراكة مع "
    "مصارف محلية.</p>"
    "<blockquote><p>«المحطة خطوة أولى في خطة تمتد عشر سنوات»</p>"
    "<cite>سامي العتيبي، وزير المياه</cite></blockquote>"
)


def _user(username: str, role: str | None, **extra):
    user = get_user_model().objects.create_user(username=username, password="pass-" + username,
                                                is_staff=True, **extra)
    if role:
        user.groups.add(roles_ensure()[role])
    return user


@pytest.fixture
def editor(db):
    return _user("editor", EDITOR)


@pytest.fixture
def writer(db):
    return _user("writer", WRITER)


@pytest.fixture
def moderator(db):
    return _user("moderator", MODERATOR)


@pytest.fixture
def section(db) -> Section:
    return make_section()


def make_section(name: str = "اقتصاد", slug: str | None = None, **fields) -> Section:
    n = next(_seq)
    return Section.objects.create(name=name, slug=slug or f"{name.replace(' ', '-')}-{n}",
                                  position=n, **fields)


def make_author(name: str = "ليلى الحسيني", **fields) -> Author:
    n = next(_seq)
    return Author.objects.create(name=name, slug=f"{name.replace(' ', '-')}-{n}", **fields)


def make_tag(name: str = "المياه") -> Tag:
    n = next(_seq)
    return Tag.objects.create(name=name, slug=f"{name}-{n}")


def make_article(*, section: Section | None = None, headline: str = "افتتاح محطة تحلية المياه في الساحل",
                 published: bool = True, hours_ago: float = 1, by=None, authors=(), tags=(),
                 **fields) -> Article:
    """A draft, or (by default) an article published `hours_ago` hours ago."""
    article = services.article_create(
        by=by, headline=headline, section=section or make_section(),
        standfirst=fields.pop("standfirst", "مشروع جديد يوفر مياه الشرب لمئتي ألف أسرة."),
        body=fields.pop("body", BODY), authors=authors, tags=tags, **fields,
    )
    if published:
        services.article_publish(article=article, by=None,
                                 at=timezone.now() - timedelta(hours=hours_ago))
    return article
