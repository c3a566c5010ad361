"""Writes of the publication area: public versions, withheld replies, related letters.

As in engagements/services.py, each service locks the letter's row first (two staff
members approving at once queue up and the second sees the first's approval), validates
with ``full_clean()`` and saves, inside one transaction: a refused input saves nothing.
The web pages and the admin call these; who may call them is the policy's
``Action.PUBLISH`` (OHCHR staff), asked by the callers after the visibility rule.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from engagements import policy
from engagements.models import Communication, Response
from engagements.policy import Action
from publication.models import PublicVersion, RelatedLetter, StateLetter, WithheldReply

if TYPE_CHECKING:
    from accounts.models import User


def _locked(communication: Communication | int) -> Communication:
    """The letter's row as committed now, locked until this transaction ends."""
    pk = communication if isinstance(communication, int) else communication.pk
    return Communication.objects.select_for_update().get(pk=pk)


def _check_approver(user: User | None, letter: Communication, field: str) -> None:
    """Only OHCHR staff approve what the register publishes. Said the same whether or
    not the user may see the letter, so the answer tells nothing about it."""
    if user is not None and not policy.may(user, Action.PUBLISH, letter):
        raise ValidationError({field: gettext(
            "Only OHCHR staff approve public versions.")})


def _reply_of(letter: Communication, response: Response | int) -> Response:
    pk = response if isinstance(response, int) else response.pk
    try:
        return Response.objects.select_for_update().get(pk=pk, communication=letter)
    except Response.DoesNotExist:
        raise ValidationError({"response": gettext("This reply is to another letter.")}
                              ) from None


@transaction.atomic
def public_version_upload(
    *, communication: Communication, document: File[bytes], uploaded_by: User | None,
    response: Response | None = None, approve: bool = False,
) -> PublicVersion:
    """Upload the public (redacted) PDF of the letter, or of one of its replies, in place
    of the one before. A new file is not approved until someone approves it (at once
    with ``approve=True``): only approved versions reach the register."""
    letter = _locked(communication)
    _check_approver(uploaded_by, letter, "document")
    reply = _reply_of(letter, response) if response is not None else None
    if reply is not None and WithheldReply.objects.filter(response=reply).exists():
        raise ValidationError({"document": gettext(
            "This reply is withheld at the company's request: end the withholding before "
            "uploading its public version.")})
    version = (PublicVersion.objects.select_for_update()
               .filter(communication=letter, response=reply).first()
               or PublicVersion(communication=letter, response=reply))
    version.document = document
    version.uploaded_by = uploaded_by
    version.uploaded_at = timezone.now()
    version.approved_by = uploaded_by if approve else None
    version.approved_at = version.uploaded_at if approve else None
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def public_version_approve(*, public_version: PublicVersion, approved_by: User) -> PublicVersion:
    """OHCHR staff approve the uploaded public version: the register serves it from the
    letter's public date. Approving an approved version again changes nothing."""
    letter = _locked(public_version.communication_id)
    _check_approver(approved_by, letter, "approved_by")
    version = PublicVersion.objects.select_for_update().get(pk=public_version.pk,
                                                            communication=letter)
    if version.approved_at is not None:
        return version
    version.approved_by = approved_by
    version.approved_at = timezone.now()
    version.full_clean()
    version.save(update_fields=["approved_by", "approved_at"])
    return version


@transaction.atomic
def public_version_delete(*, public_version: PublicVersion) -> None:
    letter = _locked(public_version.communication_id)
    PublicVersion.objects.filter(pk=public_version.pk, communication=letter).delete()


@transaction.atomic
def reply_withhold(
    *, response: Response, requested_on: dt.date, reason: str, recorded_by: User | None,
) -> WithheldReply:
    """Keep a reply off the register at the company's documented request. Its public
    version, if any, is removed with it: nothing of the reply can be served."""
    letter = _locked(response.communication_id)
    reply = _reply_of(letter, response)
    if WithheldReply.objects.filter(response=reply).exists():
        raise ValidationError({"reason": gettext("This reply is already withheld.")})
    withheld = WithheldReply(response=reply, communication=letter, requested_on=requested_on,
                             reason=reason.strip(), recorded_by=recorded_by)
    withheld.full_clean()
    withheld.save()
    PublicVersion.objects.filter(response=reply).delete()
    return withheld


@transaction.atomic
def reply_release(*, withheld: WithheldReply) -> None:
    """End a withholding: the reply is published like any other (with its public
    version once one is uploaded and approved)."""
    letter = _locked(withheld.communication_id)
    WithheldReply.objects.filter(pk=withheld.pk, communication=letter).delete()


@transaction.atomic
def related_letter_link(
    *, communication: Communication, related: Communication, linked_by: User | None,
) -> RelatedLetter:
    """Relate two tracked letters about the same case; each then lists the other (the
    register shows it only once it is itself public)."""
    if communication.pk == related.pk:
        raise ValidationError({"related": gettext("A letter cannot be related to itself.")})
    # Both rows locked in one order, whichever letter the caller started from: two
    # staff members linking the same pair from either side cannot deadlock.
    first, second = sorted((communication.pk, related.pk))
    letters = {pk: _locked(pk) for pk in (first, second)}
    letter, other = letters[communication.pk], letters[related.pk]
    if RelatedLetter.objects.filter(communication=letter, related=other).exists():
        raise ValidationError({"related": gettext(
            "%(reference)s is already related to this letter.") % {
            "reference": other.reference}})
    link = RelatedLetter.objects.create(communication=letter, related=other,
                                        linked_by=linked_by)
    RelatedLetter.objects.create(communication=other, related=letter, linked_by=linked_by)
    return link


@transaction.atomic
def related_letter_unlink(*, communication: Communication, related: Communication) -> None:
    first, second = sorted((communication.pk, related.pk))
    for pk in (first, second):
        _locked(pk)
    RelatedLetter.objects.filter(communication_id=communication.pk,
                                 related_id=related.pk).delete()
    RelatedLetter.objects.filter(communication_id=related.pk,
                                 related_id=communication.pk).delete()


@transaction.atomic
def state_letter_add(
    *, communication: Communication, reference: str, sent_on: dt.date | None,
    public_url: str = "", added_by: User | None,
) -> StateLetter:
    """Record a related letter to a State by its reference (``AL USA 30/2025``)."""
    letter = _locked(communication)
    # sent_on may be missing: full_clean() then names the field.
    state_letter = StateLetter(communication=letter, reference=reference,
                               sent_on=sent_on,  # type: ignore[misc]
                               public_url=public_url.strip(), added_by=added_by)
    state_letter.full_clean()
    state_letter.save()
    return state_letter


@transaction.atomic
def state_letter_update(
    *, state_letter: StateLetter, reference: str, sent_on: dt.date | None, public_url: str = "",
) -> StateLetter:
    letter = _locked(state_letter.communication_id)
    current = StateLetter.objects.select_for_update().get(pk=state_letter.pk,
                                                          communication=letter)
    current.reference, current.sent_on = reference, sent_on  # type: ignore[assignment]
    current.public_url = public_url.strip()
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def state_letter_remove(*, state_letter: StateLetter) -> None:
    letter = _locked(state_letter.communication_id)
    StateLetter.objects.filter(pk=state_letter.pk, communication=letter).delete()
