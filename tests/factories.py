"""Test data. Dates default to letters sent recently, relative to the frozen "today"."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import factory
from factory.builder import Resolver
from pypdf import PdfWriter

from accounts.models import User
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

    title = factory.Sequence(lambda n: f"Special Rapporteur on topic {n}")
    short_name = factory.Sequence(lambda n: f"SR topic {n}")
    kind = MandateKind.THEMATIC
    mandate_type = MandateType.SPECIAL_RAPPORTEUR


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


def _today() -> dt.date:
    from btech.office_time import office_today

    return office_today()


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
