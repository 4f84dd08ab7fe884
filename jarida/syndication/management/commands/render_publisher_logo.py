"""Draw the publisher's logo that NewsArticle structured data points to.

Google shows it beside the newsroom's stories and asks for a rectangle no larger than
600x60 pixels. A newsroom that renames the site (JARIDA_SITE_NAME) runs this again:

    manage.py render_publisher_logo --output jarida/static/jarida/publisher-logo.png
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from PIL import Image, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 600, 60
ACCENT = (138, 28, 28)  # --accent of site.css
INK = (27, 27, 27)
FONT = (Path(settings.BASE_DIR) / "node_modules" / "@fontsource" / "noto-kufi-arabic" / "files"
        / "noto-kufi-arabic-arabic-700-normal.woff")


def logo_render(*, name: str, font_path: Path = FONT) -> Image.Image:
    """The mark (the favicon's red square with «ج») at the right, the name beside it, on
    white: Arabic reads from the right, so the logo starts there."""
    if not font_path.exists():
        raise CommandError(f"{font_path} is missing: run `make install` for the Arabic fonts.")
    if not features.check("raqm"):
        raise CommandError("Pillow lacks libraqm, so it cannot join Arabic letters.")
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((WIDTH - HEIGHT, 0, WIDTH - 1, HEIGHT - 1), radius=9, fill=ACCENT)
    mark = ImageFont.truetype(str(font_path), 34, layout_engine=ImageFont.Layout.RAQM)
    draw.text((WIDTH - HEIGHT / 2, HEIGHT / 2 + 4), "ج", font=mark, fill="white", anchor="mm",
              direction="rtl", language="ar")
    size = 38
    while size > 12:  # shrink a long name until it fits beside the mark
        font = ImageFont.truetype(str(font_path), size, layout_engine=ImageFont.Layout.RAQM)
        left, _top, right, _bottom = draw.textbbox((0, 0), name, font=font, direction="rtl",
                                                   language="ar")
        if right - left <= WIDTH - HEIGHT - 24:
            break
        size -= 2
    draw.text((WIDTH - HEIGHT - 14, HEIGHT / 2 + 4), name, font=font, fill=INK, anchor="rm",
              direction="rtl", language="ar")
    return image


class Command(BaseCommand):
    help = "Draw the publisher logo (600x60 PNG) used by NewsArticle structured data."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--name", default=settings.JARIDA_PUBLISHER_NAME)
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, name: str, output: Path, **options) -> None:
        image = logo_render(name=name)
        output.parent.mkdir(parents=True, exist_ok=True)
        image.save(output, "PNG", optimize=True)
        self.stdout.write(f"{output}: {image.width}x{image.height}")
