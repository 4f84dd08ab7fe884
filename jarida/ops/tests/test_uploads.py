"""Image uploads: images only (by content, not by name), bounded in bytes and pixels,
re-encoded without their metadata, stored under generated names."""

import io
import random
import re
import struct
import zlib

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image, PngImagePlugin

from jarida.conftest import make_section
from jarida.newsroom.models import Article, Author
from jarida.ops.storage import MediaStorage
from jarida.ops.uploads import SafeImageField, UploadSizeLimitHandler, image_sanitize

pytestmark = pytest.mark.django_db

ARTIST = "Leila Camera SN-4471"


def jpeg_with_exif(size=(40, 20)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = ARTIST  # Artist
    exif[0x0112] = 6  # Orientation: the picture is to be turned a quarter clockwise
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(buffer, "JPEG", exif=exif.tobytes(),
                                               comment=b"taken at home")
    return buffer.getvalue()


def png_bytes(size=(30, 30), **params) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 90, 60, 128)).save(buffer, "PNG", **params)
    return buffer.getvalue()


def decompression_bomb() -> bytes:
    """A valid little PNG whose header claims 100,000 × 100,000 pixels (ten billion)."""
    data = bytearray(png_bytes((1, 1)))
    ihdr = 8 + 8  # signature, then the IHDR chunk's length and type
    data[ihdr:ihdr + 8] = struct.pack(">II", 100_000, 100_000)
    crc = zlib.crc32(bytes(data[ihdr - 4:ihdr + 13]))
    data[ihdr + 13:ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


PHP = b"<?php echo shell_exec($_GET['cmd']); ?>\n"


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)


def codes(error: ValidationError) -> set[str]:
    return {e.code for e in error.error_list}


# The checks themselves.

def test_it_refuses_a_php_script_renamed_jpg():
    with pytest.raises(ValidationError) as refused:
        image_sanitize(upload("photo.jpg", PHP))
    assert codes(refused.value) == {"not_image"}


@pytest.mark.parametrize(("name", "data"), [
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("page.jpg", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
    ("cut.png", png_bytes()[:60]),  # a PNG cut off in the middle
    ("scan.tiff", b"II*\x00" + b"\x00" * 64),  # an image, but not of the four kinds
])
def test_it_refuses_anything_but_whole_jpeg_png_webp_and_gif(name, data):
    with pytest.raises(ValidationError) as refused:
        image_sanitize(upload(name, data))
    assert codes(refused.value) == {"not_image"}


def test_it_refuses_a_decompression_bomb_before_decoding_it():
    bomb = decompression_bomb()
    assert len(bomb) < 100
    with pytest.raises(ValidationError) as refused:
        image_sanitize(upload("bomb.png", bomb, "image/png"))
    assert codes(refused.value) == {"too_many_pixels"}


def test_it_applies_the_pixel_limit_to_pillow_itself(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.JARIDA_IMAGE_MAX_PIXELS


def test_it_refuses_a_50_mb_file_by_its_size_without_reading_it():
    class FiftyMegabytes(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("a file over the limit must not be read")

    big = FiftyMegabytes("huge.jpg", jpeg_with_exif(), "image/jpeg")
    big.size = 50 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        image_sanitize(big)
    assert codes(refused.value) == {"too_large"}
    assert "١٠" in refused.value.messages[0] or "10" in refused.value.messages[0]


def test_it_strips_exif_and_comments_and_keeps_the_picture_upright():
    clean = image_sanitize(upload("IMG_2041.JPG", jpeg_with_exif()))
    data = clean.read()
    assert ARTIST.encode() not in data and b"PhoneMaker" not in data
    assert b"taken at home" not in data
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "JPEG"
    assert dict(picture.getexif()) == {}
    assert picture.size == (20, 40)  # turned as the Orientation tag said
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", clean.name)
    assert clean.content_type == "image/jpeg"


def test_it_drops_png_text_chunks_and_keeps_transparency():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "the secret location")
    clean = image_sanitize(upload("logo.png", png_bytes(pnginfo=info), "image/png"))
    data = clean.read()
    assert b"secret location" not in data
    picture = Image.open(io.BytesIO(data))
    assert picture.mode == "RGBA" and picture.getpixel((1, 1))[3] == 128
    assert clean.name.endswith(".png")


def test_it_removes_whatever_follows_the_picture_in_a_polyglot():
    clean = image_sanitize(upload("innocent.jpg", jpeg_with_exif() + PHP))
    assert b"<?php" not in clean.read()


def test_it_keeps_an_animated_gif_animated():
    frames = [Image.new("RGB", (16, 16), (i * 80, 40, 200 - i * 60)) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=120,
                   loop=0, comment=b"made with a secret tool")
    assert Image.open(io.BytesIO(buffer.getvalue())).n_frames == 3
    clean = image_sanitize(upload("spinner.gif", buffer.getvalue(), "image/gif"))
    data = clean.read()
    assert b"secret tool" not in data
    assert Image.open(io.BytesIO(data)).n_frames == 3


def test_it_keeps_webp(settings):
    buffer = io.BytesIO()
    Image.new("RGB", (24, 24), (10, 20, 30)).save(buffer, "WEBP")
    clean = image_sanitize(upload("photo.webp", buffer.getvalue(), "image/webp"))
    assert Image.open(clean).format == "WEBP" and clean.name.endswith(".webp")


def test_it_stores_every_file_under_a_generated_name_and_only_pictures():
    storage = MediaStorage()
    name = storage.generate_filename("articles/2026/11/صورة الوزير.JPEG")
    assert re.fullmatch(r"articles/2026/11/[0-9a-f]{32}\.jpg", name)
    assert storage.generate_filename("a.jpg") != storage.generate_filename("a.jpg")
    for bad in ("shell.php", "shell.jpg.php", "page.html", "no-extension"):
        with pytest.raises(SuspiciousFileOperation):
            storage.generate_filename(f"authors/{bad}")


def test_it_gives_every_image_field_of_every_admin_the_safe_field(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    checked = 0
    for model, model_admin in admin.site._registry.items():
        image_fields = [f.name for f in model._meta.fields if isinstance(f, models.ImageField)]
        if not image_fields:
            continue
        form = model_admin.get_form(request)
        for name in image_fields:
            if name in form.base_fields:
                assert isinstance(form.base_fields[name], SafeImageField), (model, name)
                checked += 1
        for inline in model_admin.get_inline_instances(request):
            for name in [f.name for f in inline.model._meta.fields
                         if isinstance(f, models.ImageField)]:
                field = inline.get_formset(request).form.base_fields.get(name)
                assert field is None or isinstance(field, SafeImageField), (inline, name)
    assert checked >= 2  # Article.hero_image and Author.photo at least


# Through the admin, as staff upload.

def article_data(section, **extra) -> dict:
    return {"headline": "صور من معرض الكتاب", "slug": "", "standfirst": "", "section": section.pk,
            "body": "<p>افتُتح المعرض صباح اليوم.</p>", "byline": "", "source_credit": "",
            "hero_caption": "", "hero_credit": "", "allow_comments": "on",
            "article_authors-TOTAL_FORMS": "0", "article_authors-INITIAL_FORMS": "0", **extra}


def stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()]


def test_it_refuses_a_php_hero_image_in_the_admin_and_keeps_nothing(client, writer, media_root):
    client.force_login(writer)
    response = client.post(reverse("admin:newsroom_article_add"),
                           article_data(make_section(), hero_image=upload("hero.jpg", PHP)))
    assert response.status_code == 200
    assert "الملف ليس صورة صالحة" in response.content.decode()
    assert not Article.objects.exists()
    assert stored_files(media_root) == []


def test_it_refuses_a_decompression_bomb_in_the_admin(client, writer, media_root):
    client.force_login(writer)
    bomb = upload("map.png", decompression_bomb(), "image/png")
    response = client.post(reverse("admin:newsroom_article_add"),
                           article_data(make_section(), hero_image=bomb))
    assert response.status_code == 200
    assert "أبعاد الصورة أكبر من المسموح" in response.content.decode()
    assert not Article.objects.exists()


def test_it_cuts_off_an_upload_past_the_limit_while_it_streams_in(client, writer, media_root,
                                                                 settings, tmp_path):
    settings.JARIDA_UPLOAD_MAX_BYTES = 16 * 1024
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    noise = Image.frombytes("RGB", (160, 160), random.Random(7).randbytes(160 * 160 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 4 * settings.JARIDA_UPLOAD_MAX_BYTES
    client.force_login(writer)
    response = client.post(reverse("admin:newsroom_article_add"), article_data(
        make_section(), hero_image=upload("big.png", buffer.getvalue(), "image/png")))
    assert response.status_code == 200
    assert "الملف أكبر من الحد المسموح" in response.content.decode()
    assert not Article.objects.exists() and stored_files(media_root) == []


def test_it_stores_a_clean_author_photo_under_a_generated_name(client, editor, media_root):
    client.force_login(editor)
    response = client.post(reverse("admin:newsroom_author_add"), {
        "name": "هدى المصري", "slug": "هدى-المصري", "bio": "",
        "photo": upload("هدى في المكتب.jpg", jpeg_with_exif()),
    })
    assert response.status_code == 302
    photo = Author.objects.get().photo
    assert re.fullmatch(r"authors/[0-9a-f]{32}\.jpg", photo.name)
    data = (media_root / photo.name).read_bytes()
    assert ARTIST.encode() not in data
    assert dict(Image.open(io.BytesIO(data)).getexif()) == {}


def test_it_lets_staff_save_an_article_with_a_good_hero_image(client, writer, media_root):
    client.force_login(writer)
    response = client.post(reverse("admin:newsroom_article_add"), article_data(
        make_section(), hero_image=upload("hero.png", png_bytes(), "image/png")))
    assert response.status_code == 302
    article = Article.objects.get()
    assert re.fullmatch(r"articles/\d{4}/\d{2}/[0-9a-f]{32}\.png", article.hero_image.name)
    assert get_user_model().objects.filter(pk=article.created_by_id).exists()


def test_it_counts_the_pixels_of_every_frame_against_the_limit(settings):
    settings.JARIDA_IMAGE_MAX_PIXELS = 1000
    with pytest.raises(ValidationError) as refused:
        image_sanitize(upload("wide.png", png_bytes((40, 40)), "image/png"))
    assert codes(refused.value) == {"too_many_pixels"}
    frames = [Image.new("RGB", (15, 15), (i * 60, 0, 0)) for i in range(5)]  # 225 × 5
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    with pytest.raises(ValidationError):
        image_sanitize(upload("long.gif", buffer.getvalue(), "image/gif"))


def test_it_passes_no_byte_on_once_a_streaming_upload_is_over_the_limit(settings):
    settings.JARIDA_UPLOAD_MAX_BYTES = 10
    handler = UploadSizeLimitHandler()
    handler.new_file("file", "big.jpg", "image/jpeg", None)
    assert handler.receive_data_chunk(b"12345678", 0) == b"12345678"
    assert handler.receive_data_chunk(b"12345678", 8) is None
    assert handler.receive_data_chunk(b"12345678", 16) is None
    oversized = handler.file_complete(24)
    assert oversized.size == 24 and oversized.read() == b""
    with pytest.raises(ValidationError) as refused:
        image_sanitize(oversized)
    assert codes(refused.value) == {"too_large"}
