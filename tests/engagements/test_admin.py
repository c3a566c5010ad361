"""The admin as OHCHR staff use it every day, and kept shut for everyone else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagements.models import Communication
from tests.admin_forms import change_form_data, form_errors
from tests.factories import (
    CommunicationFactory,
    CompanyFactory,
    FormerNameFactory,
    MandateFactory,
    MandateHolderFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:engagements_communication_changelist")


@pytest.fixture
def today(frozen_today):
    return frozen_today(dt.date(2024, 6, 20))


def make_letters(count: int, today: dt.date) -> list[Communication]:
    mandates = [MandateFactory(), MandateFactory()]
    letters = []
    for n in range(count):
        letter = CommunicationFactory.create(sent_on=today - dt.timedelta(days=n % 90),
                                             company=CompanyFactory(name=f"Company {n % 4}"),
                                             mandates=mandates)
        letters.append(letter)
    ResponseFactory(communication=letters[-1], received_on=today)
    return letters


def test_the_letters_list_shows_reference_company_mandates_dates_status_and_days(
        staff_client, today):
    letter = CommunicationFactory(sent_on=dt.date(2024, 4, 18),
                                  mandates=[MandateFactory(short_name="SR privacy")])
    page = staff_client.get(CHANGELIST).content.decode()
    assert letter.reference in page
    assert letter.company.name in page
    assert "SR privacy" in page
    assert "Overdue" in page
    assert "overdue by 3 days" in page


def test_the_letters_list_costs_the_same_queries_for_1_and_40_rows(staff_client, today):
    make_letters(1, today)
    staff_client.get(CHANGELIST)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(CHANGELIST).status_code == 200
    make_letters(39, today)
    with CaptureQueriesContext(connection) as forty:
        response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.content.decode().count('class="field-reference"') >= 40
    assert len(forty) == len(one), [q["sql"] for q in forty.captured_queries]


@pytest.mark.parametrize("filters", ["status=overdue", "status=replied_on_time",
                                     "letter_type__exact=AL", "year=2024", "q=company",
                                     "sent_on__year=2024&sent_on__month=5"])
def test_filters_and_search_answer_in_constant_queries(staff_client, today, filters):
    make_letters(3, today)
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(f"{CHANGELIST}?{filters}").status_code == 200
    make_letters(20, today)
    with CaptureQueriesContext(connection) as many:
        assert staff_client.get(f"{CHANGELIST}?{filters}").status_code == 200
    assert len(many) == len(few)


def test_the_status_filter_shows_only_that_status(staff_client, today):
    overdue = CommunicationFactory(sent_on=dt.date(2024, 4, 1))
    fresh = CommunicationFactory(sent_on=dt.date(2024, 6, 1))
    page = staff_client.get(f"{CHANGELIST}?status=overdue").content.decode()
    assert overdue.reference in page
    assert fresh.reference not in page


@pytest.mark.parametrize("year", ["99999", "0", "\u00b2", "\u0661\u0662", "-1", "2024.0",
                                  "9" * 30])
def test_a_year_that_is_no_year_shows_the_whole_list_instead(staff_client, today, year):
    letter = CommunicationFactory(sent_on=dt.date(2024, 6, 1))
    response = staff_client.get(CHANGELIST, {"year": year}, follow=True)
    assert response.status_code == 200
    assert letter.reference in response.content.decode()


def test_the_year_filter_shows_the_letters_sent_that_year(staff_client, today):
    this_year = CommunicationFactory(sent_on=dt.date(2024, 6, 1))
    last_year = CommunicationFactory(sent_on=dt.date(2023, 6, 1))
    page = staff_client.get(CHANGELIST, {"year": "2024"}).content.decode()
    assert this_year.reference in page
    assert last_year.reference not in page


def test_search_finds_a_letter_by_the_company_former_name(staff_client, today):
    meta = CompanyFactory(name="Meta")
    FormerNameFactory(company=meta, name="Facebook")
    letter = CommunicationFactory(company=meta)
    other = CommunicationFactory(company=CompanyFactory(name="Google"))
    page = staff_client.get(f"{CHANGELIST}?q=facebook").content.decode()
    assert letter.reference in page
    assert other.reference not in page


def test_a_letter_page_shows_replies_inline_and_links_its_history(staff_client, today):
    letter = CommunicationFactory(sent_on=dt.date(2024, 5, 1))
    ResponseFactory(communication=letter, received_on=dt.date(2024, 5, 20),
                    body="Our detailed answer")
    page = staff_client.get(reverse("admin:engagements_communication_change",
                                    args=[letter.pk])).content.decode()
    assert "Our detailed answer" in page
    assert "Replied on time" in page
    history = staff_client.get(reverse("admin:engagements_communication_history",
                                       args=[letter.pk]))
    assert history.status_code == 200


def test_staff_log_a_final_reply_inline_and_the_status_follows(staff_client, staff, today):
    letter = CommunicationFactory(sent_on=dt.date(2024, 5, 1))
    url = reverse("admin:engagements_communication_change", args=[letter.pk])
    form = change_form_data(letter)
    form.update({
        "responses-TOTAL_FORMS": "1", "responses-INITIAL_FORMS": "0",
        "responses-0-kind": "final", "responses-0-received_on": "2024-06-10",
        "responses-0-body": "The company's answer",
    })
    response = staff_client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    letter.refresh_from_db()
    assert letter.final_reply_on == dt.date(2024, 6, 10)
    assert letter.responses.get().logged_by == staff


def test_two_final_replies_in_one_save_are_a_form_error(staff_client, today):
    letter = CommunicationFactory(sent_on=dt.date(2024, 5, 1))
    url = reverse("admin:engagements_communication_change", args=[letter.pk])
    form = change_form_data(letter)
    form.update({"responses-TOTAL_FORMS": "2", "responses-INITIAL_FORMS": "0"})
    for n in (0, 1):
        form.update({f"responses-{n}-kind": "final",
                     f"responses-{n}-received_on": "2024-06-10",
                     f"responses-{n}-body": "An answer"})
    response = staff_client.post(url, form)
    assert response.status_code == 200
    assert "one final reply" in response.content.decode()
    assert letter.responses.count() == 0


def test_a_reply_dated_before_the_letter_is_a_form_error(staff_client, today):
    letter = CommunicationFactory(sent_on=dt.date(2024, 5, 1))
    url = reverse("admin:engagements_communication_change", args=[letter.pk])
    form = change_form_data(letter)
    form.update({"responses-TOTAL_FORMS": "1", "responses-INITIAL_FORMS": "0",
                 "responses-0-kind": "interim", "responses-0-received_on": "2024-04-30",
                 "responses-0-body": "Early"})
    response = staff_client.post(url, form)
    assert response.status_code == 200
    assert "cannot predate the letter" in response.content.decode()


def test_staff_grant_an_extension_and_are_recorded_as_granting_it(staff_client, staff, today):
    letter = CommunicationFactory(sent_on=dt.date(2024, 5, 1))
    form = change_form_data(letter)
    form.update({"extended_to": "2024-08-15", "extension_reason": "Consulting users"})
    url = reverse("admin:engagements_communication_change", args=[letter.pk])
    response = staff_client.post(url, form)
    assert response.status_code == 302, form_errors(response)
    letter.refresh_from_db()
    assert letter.due_on == dt.date(2024, 8, 15)
    assert letter.extension_granted_by == staff


def test_staff_pages_for_companies_mandates_and_people_open(staff_client, today):
    company = CompanyFactory()
    holder = MandateHolderFactory()
    for url in [
        reverse("admin:index"),
        reverse("admin:companies_company_changelist"),
        reverse("admin:companies_company_change", args=[company.pk]),
        reverse("admin:mandates_mandate_changelist"),
        reverse("admin:mandates_mandate_change", args=[holder.mandate.pk]),
        reverse("admin:engagements_communication_add"),
        reverse("admin:companies_contact_changelist"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:engagements_response_changelist"),
        reverse("admin:autocomplete") + "?app_label=engagements&model_name=communication"
                                        "&field_name=company&term=com",
    ]:
        assert staff_client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["lead_a_client", "anonymous_client"])
def test_company_users_and_visitors_cannot_open_the_admin(request, persona, today):
    letter = CommunicationFactory()
    client = request.getfixturevalue(persona)
    for url in [CHANGELIST, reverse("admin:engagements_communication_change",
                                    args=[letter.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_the_letter_page_shows_who_changed_what_including_replies(staff_client, staff, today):
    letter = CommunicationFactory(sent_on=dt.date(2024, 5, 1))
    url = reverse("admin:engagements_communication_change", args=[letter.pk])
    form = change_form_data(letter)
    form.update({"subject": "A clearer subject",
                 "responses-TOTAL_FORMS": "1", "responses-0-kind": "interim",
                 "responses-0-received_on": "2024-06-01", "responses-0-body": "Noted"})
    assert staff_client.post(url, form).status_code == 302
    page = staff_client.get(url).content.decode()
    assert "Letter changed" in page
    assert "subject: Letter about case" in page and "→ A clearer subject" in page
    assert "Reply added" in page
    assert staff.username in page
