"""Bad input gets a clear error naming the field, and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from engagements import services
from engagements.models import Communication, Response
from tests.factories import (
    PDF_BYTES,
    CommunicationFactory,
    CompanyFactory,
    ContactFactory,
    MandateFactory,
    ResponseFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db



@pytest.fixture
def today(frozen_today):
    return frozen_today(dt.date(2024, 5, 10))


def create(**overrides):
    fields = dict(
        reference="AL OTH 12/2024", letter_type="AL", mandates=[MandateFactory()],
        company=CompanyFactory(), sent_on=dt.date(2024, 4, 18),
        subject="Account suspensions of journalists",
    )
    fields.update(overrides)
    return services.communication_create(**fields)


def field_errors(call, **overrides) -> dict[str, list[str]]:
    before = Communication.objects.count()
    with pytest.raises(ValidationError) as caught:
        call(**overrides)
    assert Communication.objects.count() == before, "nothing may be saved"
    return caught.value.message_dict


def test_a_well_formed_letter_is_saved_with_its_clock(today):
    letter = create(reference=" al  oth 12 / 2024 ")
    assert letter.reference == "AL OTH 12/2024"
    assert letter.due_on == dt.date(2024, 6, 17)
    assert letter.mandates.count() == 1


@pytest.mark.parametrize("reference", ["AL 12/2024", "XX OTH 12/2024", "AL OTH 0/2024",
                                       "AL OTH 12-2024", "AL OTH 12/24"])
def test_a_malformed_reference_is_refused(today, reference):
    errors = field_errors(create, reference=reference)
    assert "TYPE CODE N/YEAR" in errors["reference"][0]


def test_a_blank_reference_is_refused(today):
    assert field_errors(create, reference="")["reference"] == ["This field cannot be blank."]


def test_a_state_code_is_refused_for_a_company(today):
    assert "OTH" in field_errors(create, reference="AL USA 30/2024")["reference"][0]


def test_a_duplicate_reference_is_refused(today):
    create()
    errors = field_errors(create, subject="Another letter")
    assert errors["reference"] == ["A letter with this reference already exists."]


def test_the_reference_type_must_match_the_letter_type(today):
    assert "letter_type" in field_errors(create, letter_type="UA")


@pytest.mark.parametrize(("reference", "letter_type"), [
    ("JAL OTH 12/2024", "AL"), ("jua oth 12/2024", "UA"), ("JOL OTH 12/2024", "OL")])
def test_a_joint_reference_is_stored_as_its_base_type_and_shown_as_joint(
        today, reference, letter_type):
    letter = create(reference=reference, letter_type=letter_type,
                    mandates=[MandateFactory(), MandateFactory()])
    letter.refresh_from_db()
    assert letter.reference == f"{letter_type} OTH 12/2024"
    assert (letter.letter_type, letter.display_type) == (letter_type, f"J{letter_type}")


def test_a_joint_reference_signed_by_one_mandate_is_refused(today):
    errors = field_errors(create, reference="JAL OTH 12/2024")
    assert errors["reference"] == [
        "JAL marks a joint letter, signed by two or more mandates: choose every mandate "
        "that signed it, or write the reference as AL OTH 12/2024."]


def test_a_base_reference_signed_by_several_mandates_is_a_joint_letter(today):
    letter = create(mandates=[MandateFactory(), MandateFactory()])
    assert (letter.reference, letter.display_type) == ("AL OTH 12/2024", "JAL")


def test_a_joint_reference_is_the_same_letter_as_its_base_reference(today):
    create(mandates=[MandateFactory(), MandateFactory()])
    errors = field_errors(create, reference="JAL OTH 12/2024", subject="Again",
                          mandates=[MandateFactory(), MandateFactory()])
    assert errors["reference"] == ["A letter with this reference already exists."]


def test_a_correction_to_a_joint_reference_keeps_two_mandates(today):
    letter = create()
    with pytest.raises(ValidationError) as caught:
        services.communication_update(communication=letter, reference="JAL OTH 12/2024")
    assert "JAL marks a joint letter" in caught.value.message_dict["reference"][0]
    letter = services.communication_update(
        communication=letter, reference="JAL OTH 12/2024",
        mandates=[*letter.mandates.all(), MandateFactory()])
    assert (letter.reference, letter.display_type) == ("AL OTH 12/2024", "JAL")


def test_the_reference_year_must_be_the_year_sent(today):
    assert "year" in field_errors(create, reference="AL OTH 12/2023")["reference"][0]


def test_a_letter_sent_in_the_future_is_refused(today):
    errors = field_errors(create, sent_on=dt.date(2024, 5, 11))
    assert errors["sent_on"] == ["A letter cannot be sent in the future."]


@pytest.mark.parametrize("sent_on", [dt.date(1, 1, 1), dt.date(1989, 12, 31)])
def test_a_letter_sent_before_1990_is_refused(today, sent_on):
    errors = field_errors(create, sent_on=sent_on, reference=f"AL OTH 12/{sent_on.year:04d}")
    assert errors["sent_on"] == ["A letter is sent in or after 1990."]


def test_a_letter_sent_in_1990_is_accepted(today):
    assert create(sent_on=dt.date(1990, 1, 1), reference="AL OTH 12/1990").pk


@pytest.mark.parametrize("field", ["sent_on", "extended_to"])
def test_the_database_refuses_implausible_dates_written_around_the_services(today, field):
    from django.db import IntegrityError, transaction

    letter = create()
    implausible = {"sent_on": dt.date(1, 1, 1), "extended_to": dt.date(9999, 12, 31)}
    with pytest.raises(IntegrityError), transaction.atomic():
        Communication.objects.filter(pk=letter.pk).update(**{field: implausible[field]})


def test_a_letter_needs_a_mandate(today):
    assert "mandates" in field_errors(create, mandates=[])


def test_the_issue_owner_must_work_for_the_recipient(today):
    other = ContactFactory()
    assert "assignee" in field_errors(create, assignee=other)


def test_a_file_that_is_not_a_pdf_is_refused(today):
    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    assert field_errors(create, letter=fake)["letter"] == ["The file is not a PDF."]


def test_a_pdf_over_the_size_limit_is_refused(today, settings):
    settings.BTECH_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("letter.pdf", PDF_BYTES + b"0" * 2048, "application/pdf")
    assert "limit" in field_errors(create, letter=big)["letter"][0]


def test_a_real_pdf_is_stored_under_a_random_name(today):
    letter = create(letter=SimpleUploadedFile("Victim name.pdf", PDF_BYTES, "application/pdf"))
    assert letter.letter.name.startswith("letters/")
    assert "Victim" not in letter.letter.name


def reply(letter, **overrides):
    fields = dict(communication=letter, kind="final", received_on=dt.date(2024, 5, 1),
                  body="Our answer.", logged_by=None)
    fields.update(overrides)
    return services.response_log(**fields)


def reply_errors(letter, **overrides) -> dict[str, list[str]]:
    before = Response.objects.count()
    with pytest.raises(ValidationError) as caught:
        reply(letter, **overrides)
    assert Response.objects.count() == before
    return caught.value.message_dict


def test_a_reply_dated_before_the_letter_is_refused(today):
    letter = create()
    errors = reply_errors(letter, received_on=dt.date(2024, 4, 17))
    assert "predate" in errors["received_on"][0]


def test_a_reply_in_the_future_is_refused(today):
    assert "received_on" in reply_errors(create(), received_on=dt.date(2024, 5, 11))


def test_a_second_final_reply_is_refused_and_the_first_stands(today):
    letter = create()
    first = reply(letter)
    errors = reply_errors(letter, received_on=dt.date(2024, 5, 5))
    assert errors["kind"] == ["This letter already has a final reply."]
    letter.refresh_from_db()
    assert letter.final_reply_on == first.received_on


def test_interim_replies_may_be_several(today):
    letter = create()
    reply(letter, kind="interim", received_on=dt.date(2024, 4, 20))
    reply(letter, kind="interim", received_on=dt.date(2024, 4, 25))
    letter.refresh_from_db()
    assert letter.final_reply_on is None


def test_an_empty_reply_is_refused(today):
    assert "body" in reply_errors(create(), body="  ")


def test_an_extension_must_move_the_due_date_later(today):
    letter = create()
    with pytest.raises(ValidationError) as caught:
        services.deadline_extend(communication=letter, extended_to=dt.date(2024, 6, 10),
                                 reason="More time", granted_by=StaffUserFactory())
    assert "extended_to" in caught.value.message_dict
    letter.refresh_from_db()
    assert letter.due_on == dt.date(2024, 6, 17)
    assert letter.extended_to is None


@pytest.mark.parametrize("extended_to", [dt.date(2025, 6, 18), dt.date(9999, 12, 31)])
def test_an_extension_past_a_year_after_the_original_due_date_is_refused(today, extended_to):
    letter = create()  # due 17 June 2024
    with pytest.raises(ValidationError) as caught:
        services.deadline_extend(communication=letter, extended_to=extended_to,
                                 reason="More time", granted_by=StaffUserFactory())
    assert "2025-06-17" in caught.value.message_dict["extended_to"][0]
    letter.refresh_from_db()
    assert (letter.due_on, letter.extended_to) == (dt.date(2024, 6, 17), None)


def test_an_extension_of_a_year_is_granted(today):
    letter = services.deadline_extend(communication=create(), extended_to=dt.date(2025, 6, 17),
                                      reason="More time", granted_by=StaffUserFactory())
    assert letter.due_on == dt.date(2025, 6, 17)


@pytest.mark.parametrize("press_release_on", [dt.date(2024, 4, 17), dt.date(2025, 6, 18),
                                              dt.date(9999, 12, 31)])
def test_a_press_release_outside_the_letters_life_is_refused(today, press_release_on):
    assert "press_release_on" in field_errors(create, press_release_on=press_release_on)


def test_a_note_dated_more_than_a_year_before_the_letter_is_refused(today):
    letter = create()  # sent 18 April 2024
    with pytest.raises(ValidationError) as caught:
        services.note_add(communication=letter, kind="preview", noted_on=dt.date(2023, 4, 17),
                          body="A call before the letter.", author=None)
    assert "noted_on" in caught.value.message_dict
    assert not letter.notes.exists()
    services.note_add(communication=letter, kind="preview", noted_on=dt.date(2023, 4, 19),
                      body="A call before the letter.", author=None)
    assert letter.notes.count() == 1


def test_an_extension_needs_a_reason(today):
    letter = create()
    with pytest.raises(ValidationError) as caught:
        services.deadline_extend(communication=letter, extended_to=dt.date(2024, 7, 1),
                                 reason=" ", granted_by=StaffUserFactory())
    assert "extension_reason" in caught.value.message_dict


def test_there_is_nothing_to_extend_after_the_final_reply(today):
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 1))
    ResponseFactory(communication=letter, received_on=dt.date(2024, 5, 1))
    letter.refresh_from_db()
    with pytest.raises(ValidationError):
        services.deadline_extend(communication=letter, extended_to=dt.date(2024, 7, 1),
                                 reason="More time", granted_by=StaffUserFactory())


def test_deleting_the_final_reply_restarts_the_clock(today):
    letter = create()
    final = reply(letter)
    services.response_delete(response=final)
    letter.refresh_from_db()
    assert letter.final_reply_on is None
