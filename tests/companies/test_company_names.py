"""Companies change names; the history must survive."""

from __future__ import annotations

import datetime as dt

import pytest

from companies.models import Company
from engagements.models import Communication
from tests.factories import CommunicationFactory, CompanyFactory, FormerNameFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meta():
    company = CompanyFactory(name="Meta")
    FormerNameFactory(company=company, name="Facebook", renamed_on=dt.date(2021, 10, 28))
    return company


def test_a_search_by_the_former_name_finds_the_company(meta):
    assert list(Company.objects.search("faceb")) == [meta]
    assert list(Company.objects.search("META")) == [meta]
    assert list(Company.objects.search("Apple")) == []


def test_the_name_on_a_date_follows_the_rename(meta):
    assert meta.name_on(dt.date(2021, 10, 27)) == "Facebook"
    assert meta.name_on(dt.date(2021, 10, 28)) == "Meta"


def test_an_old_letter_keeps_the_name_it_was_sent_to(meta):
    old = CommunicationFactory(company=meta, sent_on=dt.date(2021, 6, 15))
    new = CommunicationFactory(company=meta, sent_on=dt.date(2022, 3, 1))
    assert old.addressed_to == "Facebook"
    assert new.addressed_to == "Meta"


def test_letters_are_found_by_the_former_name(meta):
    letter = CommunicationFactory(company=meta, sent_on=dt.date(2023, 2, 1))
    CommunicationFactory(company=CompanyFactory(name="Google"), sent_on=dt.date(2023, 2, 1))
    assert list(Communication.objects.search("facebook")) == [letter]
