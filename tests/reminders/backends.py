"""Email backends standing in for an SMTP server in tests (not our code: Django's API)."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

# Addresses the "server" refuses, and how many more times it refuses each (None: always).
REFUSE: dict[str, int | None] = {}


class FlakySMTPBackend(LocmemBackend):
    """Like locmem, but refuses some recipients the way an SMTP server does."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        for message in messages:
            for address in message.recipients():
                bare = address.split("<")[-1].rstrip(">")
                if bare in REFUSE:
                    left = REFUSE[bare]
                    if left is not None:
                        if left <= 1:
                            del REFUSE[bare]
                        else:
                            REFUSE[bare] = left - 1
                    raise smtplib.SMTPRecipientsRefused({bare: (450, b"Mailbox busy")})
        return super().send_messages(messages)


class FolderBackend(LocmemBackend):
    """For the real-worker test: each message becomes a file in $TEST_MAIL_DIR, so the
    test counts what every worker process sent. With $TEST_MAIL_BLOCK_AT=N, once N
    messages are in the folder the process stops *before* sending the next one (as if
    stuck in an SMTP conversation) and drops a marker, so the test can kill it there.
    """

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        import os
        import time
        import uuid
        from pathlib import Path

        folder = Path(os.environ["TEST_MAIL_DIR"])
        block_at = int(os.environ.get("TEST_MAIL_BLOCK_AT") or 0)
        for message in messages:
            if block_at and len(list(folder.glob("*.eml"))) >= block_at:
                (folder / f"blocked-{os.getpid()}").touch()
                time.sleep(3600)
            temporary = folder / f".{uuid.uuid4().hex}.tmp"
            temporary.write_bytes(message.message().as_bytes())
            temporary.replace(folder / f"{uuid.uuid4().hex}.eml")  # appears whole or not
        return len(messages)
