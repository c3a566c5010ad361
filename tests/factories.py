"""Test data. Dates default to letters sent recently, relative to the frozen "today"."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import factory
from django.utils import timezone
from factory.builder import Resolver
from pypdf import PdfWriter

from accounts.models import User
from calls.models import CallForInput, CallParticipation
from companies.models import Company, CompanyFormerName, Contact, ContactRole
from engagements.models import Communication, InformalNote, LetterType, Response, ResponseKind
from mandates.models import Mandate, MandateHolder, MandateKind, MandateType

PASSWORD = "correct horse battery staple"


def pdf_bytes(change: Callable[[PdfWriter], object] | None = None) -> bytes:
    """A one-page PDF as a word processor writes it; `change` may add to it first."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if change is not None:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# A plain document, which our PDF check accepts.
PDF_BYTES = pdf_bytes()


class CompanyFactory(factory.django.DjangoModelFactory[Company]):
    class Meta:
        model = Company
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Company {n}")
    headquarters_country = "US"
    is_btech_member = True


class FormerNameFactory(factory.django.DjangoModelFactory[CompanyFormerName]):
    class Meta:
        model = CompanyFormerName

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Old name {n}")
    renamed_on = dt.date(2021, 10, 28)


class ContactFactory(factory.django.DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.com")
    role = ContactRole.ISSUE_OWNER


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class StaffUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True

    @factory.post_generation
    def staff_group(obj, create, extracted, **kwargs):  # noqa: N805
        from accounts.roles import ohchr_staff_group

        if create:
            obj.groups.add(ohchr_staff_group())


class MandateFactory(factory.django.DjangoModelFactory[Mandate]):
    class Meta:
        model = Mandate
        django_get_or_create = ("short_name",)
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Special Rapporteur on topic {n}")
    short_name = factory.Sequence(lambda n: f"SR topic {n}")
    kind = MandateKind.THEMATIC
    mandate_type = MandateType.SPECIAL_RAPPORTEUR

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.topics.set(topics(*extracted))


class MandateHolderFactory(factory.django.DjangoModelFactory[MandateHolder]):
    class Meta:
        model = MandateHolder

    mandate = factory.SubFactory(MandateFactory)
    name = factory.Sequence(lambda n: f"Expert {n}")
    term_start = dt.date(2020, 8, 1)
    term_end = dt.date(2023, 7, 31)


class CommunicationFactory(factory.django.DjangoModelFactory[Communication]):
    """A letter saved straight to the database (services are tested on their own)."""

    class Meta:
        model = Communication
        skip_postgeneration_save = True

    letter_type = LetterType.AL
    sent_on = factory.LazyFunction(lambda: _today() - dt.timedelta(days=10))
    company = factory.SubFactory(CompanyFactory)
    subject = factory.Sequence(lambda n: f"Letter about case {n}")
    summary = "Alleged restrictions of content and arrests of users."

    _number = 0  # the last reference number; not a field, as its name starts with _

    @factory.lazy_attribute
    def reference(letter: Resolver) -> str:  # noqa: N805
        CommunicationFactory._number += 1
        return f"{letter.letter_type} OTH {CommunicationFactory._number}/{letter.sent_on.year}"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        letter = model_class(*args, **kwargs)
        letter.refresh_derived_fields()  # as the services do: save() derives nothing
        letter.save()
        return letter

    @factory.post_generation
    def mandates(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        obj.mandates.set(extracted if extracted is not None else [MandateFactory()])

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.topics.set(topics(*extracted))


class ResponseFactory(factory.django.DjangoModelFactory[Response]):
    class Meta:
        model = Response

    communication = factory.SubFactory(CommunicationFactory)
    kind = ResponseKind.FINAL
    received_on = factory.LazyAttribute(lambda r: r.communication.sent_on + dt.timedelta(days=20))
    body = "The company has reviewed the allegations and responds as follows."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        response = super()._create(model_class, *args, **kwargs)
        letter = response.communication
        letter.final_reply_on = letter.final_reply_date()
        letter.save(update_fields=["final_reply_on", *letter.refresh_derived_fields()])
        return response


def topics(*handles):
    """Topics of the seeded thesaurus, by slug (or Topic objects, passed through)."""
    from topics.models import Topic

    slugs = [handle for handle in handles if isinstance(handle, str)]
    found = {topic.slug: topic for topic in Topic.objects.filter(slug__in=slugs)}
    missing = set(slugs) - found.keys()
    assert not missing, f"no such topic: {missing}"
    return [found[h] if isinstance(h, str) else h for h in handles]


def _today() -> dt.date:
    from btech.office_time import office_today

    return office_today()


def webhook_endpoint(*, company: Company | None, url: str, events: list[str] | None = None,
                     **kwargs: object) -> object:
    """An endpoint registered through the service, as the API and the admin do."""
    from webhooks.events import EVENTS
    from webhooks.services import endpoint_create

    return endpoint_create(company=company, url=url, events=events or list(EVENTS),
                           created_by=None, **kwargs)  # type: ignore[arg-type]
# --- calls for input --------------------------------------------------------------------


class CallFactory(factory.django.DjangoModelFactory[CallForInput]):
    """A call for input, open from ten days ago to a month from the frozen today."""
    class Meta:
        model = CallForInput
        skip_postgeneration_save = True
    title = factory.Sequence(lambda n: f"Call for input on digital topic {n}")
    report_body = "hrc"
    report_session = 62
    report_year = factory.LazyFunction(lambda: _today().year + 1)
    questions = "1. What policies apply?\n2. What remedies exist?"
    opened_on = factory.LazyFunction(lambda: _today() - dt.timedelta(days=10))
    deadline = factory.LazyFunction(lambda: _today() + dt.timedelta(days=30))
    official_url = "https://www.ohchr.org/en/calls-for-input/example"
    languages = factory.LazyFunction(lambda: ["en", "fr", "es"])
    @factory.post_generation
    def mandates(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.mandates.set(extracted if extracted is not None else [MandateFactory()])
    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.topics.set(extracted)


class ParticipationFactory(factory.django.DjangoModelFactory[CallParticipation]):
    class Meta:
        model = CallParticipation
    call = factory.SubFactory(CallFactory)
    company = factory.SubFactory(CompanyFactory)
    intends_to_submit = True
    intent_at = factory.LazyFunction(timezone.now)


# --- dialogues and follow-up actions ----------------------------------------------------


class DialogueFactory(factory.django.DjangoModelFactory[Any]):
    """A dialogue recorded through the service; `companies` are those taking part."""

    class Meta:
        model = "dialogues.Dialogue"

    title = factory.Sequence(lambda n: f"Dialogue {n}")
    starts_at = factory.LazyFunction(
        lambda: dt.datetime.combine(_today() - dt.timedelta(days=30), dt.time(13, 0),
                                    tzinfo=dt.UTC))
    format = "cop_session"
    confidentiality = "confidential"
    summary = "Confidential minutes: what each company said."
    public_summary = "A public summary of the dialogue."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from dialogues import services

        return services.dialogue_create(**kwargs)


class QuestionFactory(factory.django.DjangoModelFactory[Any]):
    class Meta:
        model = "dialogues.Question"

    dialogue = factory.SubFactory(DialogueFactory)
    text = factory.Sequence(lambda n: f"Question {n}: how do companies engage defenders?")
    asked_by_kind = "other"
    asked_by_name = "A participant"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from dialogues import services

        return services.question_add(**kwargs)


class FollowUpActionFactory(factory.django.DjangoModelFactory[Any]):
    """An action recorded through the service (its owner: a contact, unless given)."""

    class Meta:
        model = "dialogues.FollowUpAction"

    description = factory.Sequence(lambda n: f"Follow-up action {n}")
    due_on = factory.LazyFunction(lambda: _today() + dt.timedelta(days=20))
    owner_kind = "contact"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from dialogues import services

        return services.action_create(**kwargs)


class NoteFactory(factory.django.DjangoModelFactory[InformalNote]):
    class Meta:
        model = InformalNote

    communication = factory.SubFactory(CommunicationFactory)
    kind = "follow_up"
    noted_on = factory.LazyAttribute(lambda note: note.communication.sent_on)
    body = "Called the company's lead to announce the letter."


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer says `text` (ASCII), as a word processor writes."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    def write(writer: PdfWriter) -> None:
        page = writer.pages[0]
        font = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica")}))
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content = DecodedStreamObject()
        content.set_data(f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(content)

    return pdf_bytes(write)
