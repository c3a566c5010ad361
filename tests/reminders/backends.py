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
    """For the real-worker tests: each message becomes a file in $TEST_MAIL_DIR, so the
    test counts what every worker process sent. With $TEST_MAIL_STALL_AFTER=N, the
    process that puts the Nth message in the folder stalls right *after* it, as if the
    mail server had taken the email and the answer never came back: the window where a
    crash sends a duplicate. It writes "PID MESSAGE-ID" to a file named `stalled`, once
    across all processes, so the test can kill it there.
    """

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        import os
        import time
        import uuid
        from pathlib import Path

        folder = Path(os.environ["TEST_MAIL_DIR"])
        stall_after = int(os.environ.get("TEST_MAIL_STALL_AFTER") or 0)
        for message in messages:
            temporary = folder / f".{uuid.uuid4().hex}.tmp"
            temporary.write_bytes(message.message().as_bytes())
            temporary.replace(folder / f"{uuid.uuid4().hex}.eml")  # appears whole or not
            if stall_after and len(list(folder.glob("*.eml"))) >= stall_after:
                try:
                    marker = os.open(folder / "stalled", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                except FileExistsError:
                    continue  # another process stalled already: once is the test
                os.write(marker, f"{os.getpid()} {message.extra_headers['Message-ID']}".encode())
                os.close(marker)
                time.sleep(3600)
        return len(messages)


class SlowSMTPBackend(LocmemBackend):
    """Like locmem, but each message takes SLOW_SECONDS, as with a slow mail server; at
    the end of it, asks whether another worker could take the row (it must not)."""

    seconds = 0.0
    overtaken: list[bool] = []

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        import time

        from django.utils import timezone

        from reminders import services
        from reminders.models import Reminder

        time.sleep(self.seconds)
        for message in messages:
            pk = int(str(message.extra_headers["Message-ID"]).split("-")[1].split("@")[0])
            SlowSMTPBackend.overtaken.append(
                services._claim(Reminder, pk, timezone.now(), owner="another-worker"))
        return super().send_messages(messages)
