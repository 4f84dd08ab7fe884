"""load_demo_content: the demo newsroom (sections, authors, tags, 30+ articles, accounts).

Idempotent: every object is found by its key first, so running it again creates nothing
new. Articles go through the same services an editor uses in the admin.
"""

import hashlib
import io
import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from jarida.newsroom import services
from jarida.newsroom.demo import content
from jarida.newsroom.models import Article, Author, Section, Tag
from jarida.newsroom.roles import EDITOR, MODERATOR, WRITER, roles_ensure

DEMO_ACCOUNTS = [
    # username, role, staff flags
    ("editor", EDITOR),
    ("writer", WRITER),
    ("moderator", MODERATOR),
]


def demo_password(username: str) -> str:
    """Local demo passwords, printed by the command; production has no demo accounts."""
    return os.environ.get("JARIDA_DEMO_PASSWORD") or f"{username}-jarida-demo"


def _hero_image(key: str, section_index: int) -> ContentFile:
    """A calm abstract picture, different for every article, made here (no stock photos)."""
    palette = [(138, 28, 28), (11, 79, 138), (26, 110, 72), (120, 80, 20), (80, 40, 120),
               (20, 100, 110), (150, 60, 30), (60, 60, 60)]
    digest = hashlib.sha256(key.encode()).digest()
    base = palette[section_index % len(palette)]
    width, height = 1200, 675
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        x = digest[i] * width // 255
        y = digest[i + 6] * height // 255
        r = 80 + digest[i + 12]
        shade = tuple(min(255, c + 25 + 12 * i) for c in base)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    for i in range(0, width, 40):
        draw.line((i, height - 60, i + 20, height), fill=tuple(max(0, c - 30) for c in base))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=78)
    return ContentFile(buffer.getvalue(), name=f"demo-{key}.jpg")


class Command(BaseCommand):
    help = "Load the demo newsroom content and accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-images", action="store_true",
                            help="Skip generating hero images (faster, for tests).")

    @transaction.atomic
    def handle(self, *args, no_images: bool = False, **options):
        roles = roles_ensure()
        users = self._accounts(roles)
        sections = self._sections()
        authors = self._authors(users)
        tags = {t["key"]: Tag.objects.get_or_create(slug=t["slug"], defaults={"name": t["name"]})[0]
                for t in content.TAGS}
        created = 0
        section_order = {s["key"]: i for i, s in enumerate(content.SECTIONS)}
        for item in content.ARTICLES:
            if Article.objects.filter(external_id=f"demo:{item['key']}").exists():
                continue
            self._article(item, sections, authors, tags, users,
                          image_index=None if no_images else section_order[item["section"]])
            created += 1
        self.stdout.write(f"Demo content: {created} articles created, "
                          f"{len(content.ARTICLES) - created} already there.")
        self._load_extras()
        self.stdout.write("Demo accounts (log in at /admin/):")
        for username, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<10} user: {username:<10} password: "
                              f"{demo_password(username)}")

    def _accounts(self, roles):
        User = get_user_model()
        users = {}
        for username, role in DEMO_ACCOUNTS:
            user, made = User.objects.get_or_create(username=username,
                                                    defaults={"is_staff": True})
            if made:
                user.set_password(demo_password(username))
                user.save()
            user.groups.add(roles[role])
            users[role] = user
        return users

    def _sections(self) -> dict[str, Section]:
        sections = {}
        for position, data in enumerate(content.SECTIONS):
            section, _ = Section.objects.get_or_create(slug=data["slug"], defaults={
                "name": data["name"], "position": position,
                "description": data.get("description", ""),
                "parent": sections.get(data.get("parent")),
            })
            sections[data["key"]] = section
        return sections

    def _authors(self, users) -> dict[str, Author]:
        authors = {}
        linked = set()
        for data in content.AUTHORS:
            author, _ = Author.objects.get_or_create(slug=data["slug"], defaults={
                "name": data["name"], "bio": data.get("bio", "")})
            role = data.get("role")
            # Link the first demo author of each role to that role's demo login.
            if role in users and role not in linked and author.user_id is None and not (
                    Author.objects.filter(user=users[role]).exists()):
                author.user = users[role]
                author.save(update_fields=["user"])
            if role:
                linked.add(role)
            authors[data["key"]] = author
        return authors

    def _article(self, item, sections, authors, tags, users, image_index):
        now = timezone.now()
        writer = users[WRITER]
        article = services.article_create(
            by=None,
            headline=item["headline"], slug=item.get("slug", ""),
            standfirst=item.get("standfirst", ""), body=item["body"],
            section=sections[item["section"]], byline=item.get("byline", ""),
            source_credit=item.get("source_credit", ""), is_breaking=item.get("is_breaking", False),
            hero_caption=item.get("hero_caption", ""), hero_credit=item.get("hero_credit", ""),
            authors=[authors[k] for k in item.get("authors", [])],
            tags=[tags[k] for k in item.get("tags", [])],
        )
        Article.objects.filter(pk=article.pk).update(external_id=f"demo:{item['key']}",
                                                     created_by=writer)
        article.refresh_from_db()
        if image_index is not None:
            article.hero_image.save(f"demo-{item['key']}.jpg",
                                    _hero_image(item["key"], image_index), save=True)
        state = item.get("state", "published")
        at = now - timedelta(hours=item.get("hours_ago", 1))
        if state == "review":
            services.article_submit_for_review(article=article, by=None)
        elif state in ("published", "scheduled", "corrected"):
            services.article_publish(article=article, by=None, at=at)
            if state == "corrected":
                services.article_correct(article=article, by=None, note=item["correction_note"])

    def _load_extras(self) -> None:
        """Other apps (comments, related lists) add their demo data through this hook."""
        from django.apps import apps

        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo_content", None)
            if loader is not None:
                loader(stdout=self.stdout)
