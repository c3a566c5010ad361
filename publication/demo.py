"""The demo's publication story (loaded by seed_demo, idempotent): the published letter
to Google about spyware advertising has its public (redacted) PDF and that of its reply,
approved by OHCHR staff, a related letter to a State and a related letter to X; it is
also related to a Meta letter still confidential, which the register never shows."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from pypdf import PdfWriter

from accounts.models import User
from engagements.models import Communication, ResponseKind
from publication import services
from publication.models import PublicVersion

PUBLISHED_SUBJECT = "Spyware advertising targeting defenders"
RELATED_SUBJECTS = ("Account suspensions of journalists during elections",  # X, published
                    "Removal of posts documenting protests and suspension of activists' "
                    "accounts")  # Meta, still confidential


def _pdf(title: str) -> ContentFile[bytes]:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name="public.pdf")


def load(*, staff: User, today: dt.date) -> bool:
    """Add the story once; False when it is there already (or its letter is missing)."""
    letter = Communication.objects.filter(subject=PUBLISHED_SUBJECT).first()
    if letter is None or PublicVersion.objects.filter(communication=letter).exists():
        return False
    services.public_version_upload(
        communication=letter, document=_pdf(f"{letter.reference} (public version)"),
        uploaded_by=staff, approve=True)
    final = letter.responses.filter(kind=ResponseKind.FINAL).first()
    if final is not None:
        services.public_version_upload(
            communication=letter, response=final, uploaded_by=staff, approve=True,
            document=_pdf(f"Reply to {letter.reference} (public version)"))
    for subject in RELATED_SUBJECTS:
        other = Communication.objects.filter(subject=subject).first()
        if other is not None:
            services.related_letter_link(communication=letter, related=other,
                                         linked_by=staff)
    # A letter to a State about the same advertisers, sent a week after Google's.
    state_sent = min(letter.sent_on + dt.timedelta(days=7), today)
    services.state_letter_add(communication=letter, reference=f"AL USA 30/{state_sent.year}",
                              sent_on=state_sent, added_by=staff)
    return True
