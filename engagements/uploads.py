"""A PDF chosen on a form that failed, kept until the form is sent again.

Why keep it: a browser never refills a file box after a failed submission (a page may
not pick files from someone's disk), so the person would have to find the letter again,
and a box that silently went blank is easy to miss: the letter would be logged without
its PDF. People expect what they chose to stay chosen, as the other fields do. So the
upload is kept here and the page names it ("You chose AL-74.pdf: it is kept").

How: the file goes to ``MEDIA_ROOT/held/<user id>/<random>.pdf``, never served as a URL
(MEDIA_ROOT never is); a hidden field carries a token signed for that user, naming the
file and the name it was chosen under. Another account's token, a tampered one or one
older than a day finds nothing. The file is removed once the letter is logged, and
files older than a day (forms abandoned) are removed whenever an upload is held.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.utils import timezone

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

FOLDER = "held"
HOLD_FOR = dt.timedelta(days=1)


@dataclass(frozen=True)
class HeldUpload:
    token: str  # what the form's hidden field carries
    name: str  # the name the file was chosen under, shown back to the person
    path: str  # its name in the storage

    def open(self, storage: Storage = default_storage) -> File[Any]:
        return File(storage.open(self.path, "rb"), name=self.name)


def _salt(user: User) -> str:
    return f"engagements.uploads.held:{user.pk}"


def hold(user: User, upload: File[Any], storage: Storage = default_storage) -> HeldUpload:
    """Keep `upload` for `user` until the form comes back (or a day has passed)."""
    _remove_stale(storage)
    upload.seek(0)
    path = storage.save(f"{FOLDER}/{user.pk}/{secrets.token_hex(16)}.pdf", upload)
    name = (upload.name or "letter.pdf").rsplit("/", 1)[-1]
    token = signing.dumps({"path": path, "name": name}, salt=_salt(user), compress=True)
    return HeldUpload(token=token, name=name, path=path)


def find(user: User, token: str, storage: Storage = default_storage) -> HeldUpload | None:
    """The upload `token` names, if it is `user`'s, recent and still there."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=_salt(user), max_age=HOLD_FOR)
        path, name = str(data["path"]), str(data["name"])
    except (signing.BadSignature, KeyError, TypeError):
        return None
    # The signature already ties the token to this user; the folder check is a second
    # line, so a signing mistake can never hand out another account's file.
    if not path.startswith(f"{FOLDER}/{user.pk}/") or not storage.exists(path):
        return None
    return HeldUpload(token=token, name=name, path=path)


def release(held: HeldUpload, storage: Storage = default_storage) -> None:
    storage.delete(held.path)


def _remove_stale(storage: Storage) -> None:
    """Remove the uploads of forms abandoned more than a day ago."""
    cutoff = timezone.now() - HOLD_FOR
    try:
        folders, _files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for folder in folders:
        _subfolders, files = storage.listdir(f"{FOLDER}/{folder}")
        for file_name in files:
            path = f"{FOLDER}/{folder}/{file_name}"
            try:
                if storage.get_modified_time(path) < cutoff:
                    storage.delete(path)
            except OSError:  # removed meanwhile by another request
                logger.debug("held upload %s vanished while sweeping", path)
