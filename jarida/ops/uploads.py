"""Image uploads: images only, bounded in bytes and pixels, decoded and re-encoded.

Every image that staff upload through the admin passes `image_sanitize` (JaridaAdminSite
gives each admin's ImageFields `SafeImageField`):

1. the size is read from the upload object before any byte is decoded, and an upload
   larger than JARIDA_UPLOAD_MAX_MB is cut off while it streams in (UploadSizeLimitHandler);
2. only Pillow's JPEG, PNG, WebP and GIF decoders may open it: a PHP script renamed .jpg,
   an SVG or a PDF is "not an image", whatever its name or declared type;
3. the declared dimensions are checked before decoding (a decompression bomb declares
   huge dimensions in a tiny file), with Pillow's own guard set to the same limit;
4. the pixels are decoded and re-encoded into a new file, so EXIF (GPS position, camera
   serial), XMP, comments and text chunks are gone and no foreign bytes survive;
5. the new file gets a generated name (a uuid), never the uploader's.
"""

from __future__ import annotations

import io
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Pillow format name -> (extension, content type). Nothing else is decoded.
IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "GIF": ("gif", "image/gif"),
}
_DECODE_ERRORS = (UnidentifiedImageError, Image.DecompressionBombError,
                  Image.DecompressionBombWarning, OSError, SyntaxError, ValueError, EOFError,
                  IndexError, TypeError, MemoryError)


def pillow_limits_apply() -> None:
    """Pillow's decompression-bomb guard, at our limit rather than its default (it warns
    past MAX_IMAGE_PIXELS and refuses past twice that; image_sanitize refuses at once)."""
    Image.MAX_IMAGE_PIXELS = settings.JARIDA_IMAGE_MAX_PIXELS


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def image_sanitize(upload: UploadedFile) -> SimpleUploadedFile:
    """Check an uploaded image and return a clean copy of it under a generated name.

    Raises ValidationError (with an Arabic message for the form) when the upload is too
    large, is not a JPEG/PNG/WebP/GIF image, has too many pixels, or cannot be decoded.
    """
    limit = settings.JARIDA_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("الملف أكبر من الحد المسموح (%(limit)s ميغابايت).") % {"limit": _megabytes(limit)},
            code="too_large")
    if upload.size == 0:
        raise ValidationError(_("الملف فارغ."), code="empty")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=list(IMAGE_FORMATS)) as image:
                _check_pixels(image)
                data = _reencode(image)
                fmt = image.format
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error  # Pillow's own guard, on opening
    except _DECODE_ERRORS as error:
        raise ValidationError(
            _("الملف ليس صورة صالحة. المسموح: JPEG وPNG وWebP وGIF."), code="not_image",
        ) from error
    extension, content_type = IMAGE_FORMATS[fmt]
    return SimpleUploadedFile(f"{uuid.uuid4().hex}.{extension}", data, content_type)


def _check_pixels(image: Image.Image) -> None:
    """Refuse before decoding: the header's dimensions, times the frames of an animation,
    must stay within JARIDA_IMAGE_MAX_PIXELS."""
    width, height = image.size
    frames = getattr(image, "n_frames", 1)
    if width < 1 or height < 1 or width * height * frames > settings.JARIDA_IMAGE_MAX_PIXELS:
        raise _too_many_pixels()


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("أبعاد الصورة أكبر من المسموح (%(pixels)s مليون نقطة).")
        % {"pixels": settings.JARIDA_IMAGE_MAX_PIXELS // 1_000_000},
        code="too_many_pixels")


def _reencode(image: Image.Image) -> bytes:
    """Decode every pixel and write a new file of the same format with nothing but the
    pixels, the colour profile, transparency and (for animations) timing."""
    fmt = image.format
    icc_profile = image.info.get("icc_profile")
    frames, durations = [], []
    if getattr(image, "n_frames", 1) == 1:
        # Phones store rotation as an EXIF tag: apply it before the tag is dropped.
        frames.append(_bare(ImageOps.exif_transpose(image), keep=("transparency",)))
    else:
        for frame in ImageSequence.Iterator(image):
            durations.append(frame.info.get("duration", 100))
            frames.append(_bare(frame.copy(), keep=("transparency",)))
    first = frames[0]
    params: dict = {"icc_profile": icc_profile} if icc_profile else {}
    if len(frames) > 1:
        params.update(save_all=True, append_images=frames[1:], duration=durations,
                      loop=image.info.get("loop", 0))
    if fmt == "JPEG":
        if first.mode not in ("L", "RGB", "CMYK"):
            first = first.convert("RGB")
        params.update(quality=88, optimize=True)
    elif fmt == "WEBP":
        params.update(quality=88)
    elif fmt == "PNG":
        params.update(optimize=True)
    buffer = io.BytesIO()
    first.save(buffer, fmt, **params)
    return buffer.getvalue()


def _bare(image: Image.Image, *, keep: tuple[str, ...]) -> Image.Image:
    image.info = {key: image.info[key] for key in keep if key in image.info}
    return image


class SafeImageField(forms.FileField):
    """A form field for ImageFields whose cleaned value is `image_sanitize`'s clean copy."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return image_sanitize(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(ct for _ext, ct in IMAGE_FORMATS.values())
        return attrs


class OversizedUpload(UploadedFile):
    """Stands for a file upload that was cut off past the limit: it holds no data, only
    the number of bytes received, so the form can say why it was refused."""

    def __init__(self, name: str, content_type: str, size: int):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=size)


class UploadSizeLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: once a file passes JARIDA_UPLOAD_MAX_BYTES, its
    remaining bytes go nowhere (not to memory, not to a temporary file), and the form
    receives an OversizedUpload, refused with a clear message. The web server's own body
    limit (docs/deployment.md) stops the upload earlier still."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.is_over = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.JARIDA_UPLOAD_MAX_BYTES:
            self.is_over = True
        return None if self.is_over else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.is_over:
            return OversizedUpload(self.file_name, self.content_type, self.received)
        return None
