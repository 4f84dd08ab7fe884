"""Media storage: every stored file gets a generated name (a uuid), whatever its origin
(the admin, an importer, the demo loader), under its field's folder (articles/2026/11/)."""

from __future__ import annotations

import os
import uuid

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage

# Media holds pictures only. A file of any other kind is refused by name here, and by its
# content in jarida.ops.uploads before it gets this far.
MEDIA_EXTENSIONS = {".jpg": ".jpg", ".jpeg": ".jpg", ".png": ".png", ".webp": ".webp",
                    ".gif": ".gif"}


class MediaStorage(FileSystemStorage):
    def get_valid_name(self, name: str) -> str:
        extension = MEDIA_EXTENSIONS.get(os.path.splitext(name)[1].lower())
        if extension is None:
            raise SuspiciousFileOperation(f"Media files must be images, not {name!r}")
        return f"{uuid.uuid4().hex}{extension}"
