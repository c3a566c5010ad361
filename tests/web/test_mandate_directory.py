"""The mandate directory: coverage, holders and terms, letters signed and reply rates,
filters, the term-end flag, and a mandate's own page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mandates.models import MandateHolder
from tests import factories

pytestmark = pytest.mark.django_db


def _figures(response) -> dict[str, tuple[int, int | None]]:
    return {entry.mandate.short_name: (entry.figures.signed, entry.figures.reply_rate)
            for entry in response.context["entries"]}


def test_the_directory_shows_coverage_and_current_holders(anonymous_client, privacy_mandate,
                                                          expression_mandate, published_b):
    response = anonymous_client.get(reverse("mandate-list"))
    content = response.content.decode()
    assert "The right to privacy, including online" in content
    assert "Held now by <strong>Ana Brian Nougrères</strong> (term until 31 July 2024)" in content
    assert "Before: Joseph Cannataci (2015–2018)" in content
    # Published letters only, with the share answered among those due.
    assert _figures(response) == {"SR privacy": (0, None), "SR expression": (1, 100)}
    assert "Reply rate: <strong>100%</strong>" in content


def test_staff_see_every_letter_counted(staff_client, letter_a, letter_b, published_b):
    figures = _figures(staff_client.get(reverse("mandate-list")))
    # Two letters each; of the privacy letters none is due yet, so no rate.
    assert figures == {"SR privacy": (2, None), "SR expression": (2, 100)}


def test_the_directory_can_be_searched_by_holder(anonymous_client, privacy_mandate,
                                                 expression_mandate):
    entries = anonymous_client.get(reverse("mandate-list") + "?q=irene").context["entries"]
    assert [entry.mandate.short_name for entry in entries] == ["SR expression"]


@pytest.mark.parametrize("client_name", ["staff_client", "lead_a_client", "lead_b_client",
                                         "anonymous_client"])
def test_each_count_is_what_the_viewer_may_count(
        request, client_name, letter_a, letter_b, published_b, privacy_mandate,
        expression_mandate):
    """Staff count every letter (their letters list); everyone else, companies included,
    the public register's letters only: a lead's own confidential letter is not in the
    directory's figures, nor is another company's."""
    client = request.getfixturevalue(client_name)
    found = _references(client, "letter-list" if client_name == "staff_client"
                        else "public-list")
    response = client.get(reverse("mandate-list"))
    for entry in response.context["entries"]:
        signed = set(entry.mandate.communications.filter(reference__in=found)
                     .values_list("reference", flat=True))
        assert entry.figures.signed == len(signed), (entry.mandate.short_name, signed)
    has_letters = client.get(reverse("mandate-list") + "?has_letters=true").context["entries"]
    expected = {"SR privacy", "SR expression"} if client_name == "staff_client" \
        else {"SR expression"}
    assert {entry.mandate.short_name for entry in has_letters} == expected


def _references(client, url_name: str) -> set[str]:
    return {letter.reference for letter in client.get(reverse(url_name)).context["page"]}


def test_the_directory_filters_by_kind_type_and_topic(anonymous_client, privacy_mandate,
                                                      expression_mandate, today):
    privacy_mandate.topics.set(factories.topics("privacy-and-data-protection"))
    expression_mandate.topics.set(factories.topics("hate-speech-and-incitement"))
    factories.MandateFactory(short_name="WG business", title="Working Group on business",
                             mandate_type="WG")
    factories.MandateFactory(short_name="SR Myanmar", title="Special Rapporteur on Myanmar",
                             kind="country", country="MM")

    def names(query: str) -> set[str]:
        response = anonymous_client.get(reverse("mandate-list") + query)
        assert response.status_code == 200
        return {entry.mandate.short_name for entry in response.context["entries"]}

    assert names("?topic=privacy-and-data-protection") == {"SR privacy"}
    # A broad area includes its topics; several topics select any of them.
    assert names("?topic=privacy-and-surveillance") == {"SR privacy"}
    assert names("?topic=privacy-and-data-protection&topic=hate-speech-and-incitement") == {
        "SR privacy", "SR expression"}
    assert names("?mandate_type=WG") == {"WG business"}
    assert names("?kind=country") == {"SR Myanmar"}
    # A topic that does not exist is an error next to its field; the page still answers.
    response = anonymous_client.get(reverse("mandate-list") + "?topic=no-such-topic")
    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()


def test_an_upcoming_end_of_term_is_flagged(anonymous_client, privacy_mandate,
                                            expression_mandate, today):
    content = anonymous_client.get(reverse("mandate-list")).content.decode()
    # Ana Brian Nougrères' term ends on 31 July 2024, seven weeks after 10 June.
    assert '<span class="term-flag">Term ends in 1 month</span>' in content
    assert content.count('class="term-flag"') == 1  # Irene Khan's runs to 2026
    factories.MandateHolderFactory(mandate=privacy_mandate, name="Ana Brian Nougrères",
                                   term_start=dt.date(2024, 8, 1),
                                   term_end=dt.date(2027, 7, 31))
    content = anonymous_client.get(reverse("mandate-list")).content.decode()
    assert 'class="term-flag"' not in content  # renewed: the seat does not fall empty


def test_the_flag_follows_the_configured_window(anonymous_client, settings,
                                                expression_mandate, frozen_today):
    frozen_today(dt.date(2026, 5, 1))  # Irene Khan's term ends on 31 July 2026
    settings.BTECH_TERM_END_NOTICE_MONTHS = 3
    assert "Term ends in 2 months" in anonymous_client.get(
        reverse("mandate-list")).content.decode()
    settings.BTECH_TERM_END_NOTICE_MONTHS = 2
    assert "term-flag" not in anonymous_client.get(reverse("mandate-list")).content.decode()


def test_today_switches_holder_on_the_day_the_term_changes(anonymous_client, frozen_today,
                                                           privacy_mandate):
    MandateHolder.objects.create(mandate=privacy_mandate, name="Next Rapporteur",
                                 term_start=dt.date(2024, 8, 1), term_end=dt.date(2027, 7, 31))
    frozen_today(dt.date(2024, 7, 31))
    content = anonymous_client.get(reverse("mandate-list")).content.decode()
    assert "Held now by <strong>Ana Brian Nougrères</strong>" in content
    frozen_today(dt.date(2024, 8, 1))
    content = anonymous_client.get(reverse("mandate-list")).content.decode()
    assert "Held now by <strong>Next Rapporteur</strong>" in content
    assert "Ana Brian Nougrères (2021–2024)" in content


def test_a_mandate_page_shows_origin_terms_and_a_working_groups_five_members(
        anonymous_client, today):
    group = factories.MandateFactory(
        short_name="WG business and human rights", mandate_type="WG",
        title="Working Group on business and human rights",
        established_by="Human Rights Council resolution 17/4",
        established_on=dt.date(2011, 6, 16), topics=["remedy-and-grievance-mechanisms"])
    for n in range(5):
        factories.MandateHolderFactory(mandate=group, name=f"Member {n}",
                                       term_start=dt.date(2023, 11, 1),
                                       term_end=dt.date(2026, 10, 31))
    response = anonymous_client.get(reverse("mandate-detail", args=[group.pk]))
    content = response.content.decode()
    assert "Human Rights Council resolution 17/4, 16 June 2011" in content
    assert "A Working Group has five members; 5 are on record today." in content
    assert content.count("<strong>Member") == 5
    assert 'href="/topics/remedy-and-grievance-mechanisms/"' in content
    assert "Current term ends on 31 October 2026." in content


def test_staff_record_a_holder_and_the_term_rules_still_hold(staff_client, lead_a_client,
                                                             privacy_mandate, today):
    url = reverse("mandate-detail", args=[privacy_mandate.pk])
    response = staff_client.post(url, {"name": "Next Rapporteur", "term_start": "2024-08-01"})
    assert response.status_code == 302
    term = privacy_mandate.holders.get(name="Next Rapporteur")
    assert term.term_end == dt.date(2027, 7, 31)  # a full term by default
    # Longer than three years: refused with the rule, nothing written.
    response = staff_client.post(url, {"name": "Someone Else", "term_start": "2024-08-01",
                                       "term_end": "2028-08-01"})
    assert response.status_code == 400
    assert "A term lasts at most 3 years" in response.content.decode()
    assert not privacy_mandate.holders.filter(name="Someone Else").exists()
    assert lead_a_client.post(url, {"name": "X", "term_start": "2024-08-01"}
                              ).status_code == 403
    assert "Record a holder" not in lead_a_client.get(url).content.decode()


def test_a_mandate_whose_last_term_ended_shows_that_holder_not_nobody(
        anonymous_client, frozen_today, expression_mandate):
    frozen_today(dt.date(2026, 12, 1))
    content = anonymous_client.get(reverse("mandate-list")).content.decode()
    assert ("<strong>Irene Khan</strong>: term ended on 31 July 2026; successor not yet "
            "recorded.") in content
    assert "nobody" not in content
