"""The PDFs an import names, from a folder or a ZIP archive.

A file name in the sheet is looked up by its last path component only, inside the
folder or archive given: "../../etc/passwd" or "/tmp/x.pdf" finds nothing outside it.
What is found is checked like every upload (engagements.validators.validate_pdf) when
the letter or reply is validated by its service.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.utils.translation import gettext

from imports.reading import UnreadableFile


class Documents:
    """No documents: every file name is "not found"."""

    def open(self, name: str) -> File[bytes] | None:
        return None

    def close(self) -> None:
        return None


class FolderDocuments(Documents):
    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        # Every file under the folder, by name: a sheet names a file, not a path.
        self.by_name = {path.name.lower(): path for path in self.folder.rglob("*")
                        if path.is_file()}

    def open(self, name: str) -> File[bytes] | None:
        path = self.by_name.get(PurePosixPath(name.replace("\\", "/")).name.lower())
        if path is None:
            return None
        return File(io.BytesIO(path.read_bytes()), name=path.name)


class ZipDocuments(Documents):
    def __init__(self, archive: Path | io.BytesIO) -> None:
        try:
            self.zip = zipfile.ZipFile(archive)
        except (zipfile.BadZipFile, OSError) as error:
            raise UnreadableFile(gettext("The documents archive cannot be read (%(error)s).")
                                 % {"error": error}) from None
        self.by_name = {PurePosixPath(info.filename).name.lower(): info
                        for info in self.zip.infolist() if not info.is_dir()}

    def open(self, name: str) -> File[bytes] | None:
        info = self.by_name.get(PurePosixPath(name.replace("\\", "/")).name.lower())
        if info is None:
            return None
        from django.conf import settings

        if info.file_size > settings.BTECH_MAX_UPLOAD_BYTES:
            # Not read at all: validate_pdf names the size from the File's size.
            return _Oversized(info.file_size, PurePosixPath(info.filename).name)
        return File(io.BytesIO(self.zip.read(info)), name=PurePosixPath(info.filename).name)

    def close(self) -> None:
        self.zip.close()


class _Oversized(File[bytes]):
    def __init__(self, size: int, name: str) -> None:
        super().__init__(io.BytesIO(b""), name=name)
        self.size = size


def documents_at(location: str | Path | None) -> Documents:
    """A folder or a .zip archive of PDFs, or none."""
    if location is None or location == "":
        return Documents()
    path = Path(location)
    if path.is_dir():
        return FolderDocuments(path)
    if path.is_file():
        return ZipDocuments(path)
    raise UnreadableFile(gettext("%(path)s is neither a folder nor a ZIP archive.")
                         % {"path": location})
