"""Importing letters from the admin: upload, preview, confirm; OHCHR staff only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagements.models import Communication
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/admin/engagements/communication/import/"
CSV = ("reference,type,company,mandates,sent_on,subject\n"
       "AL OTH 1/2021,AL,Facebook,SR privacy,2021-06-15,Content moderation\n"
       "AL OTH 2/2021,AL,Meta,SR privacy,{sent_on},Data requests\n")


@pytest.fixture(autouse=True)
def _setup(frozen_today, company_a):
    frozen_today(dt.date(2024, 3, 1))
    factories.FormerNameFactory(company=company_a, name="Facebook")
    factories.MandateFactory(short_name="SR privacy")


def _upload(client, sent_on="2021-07-01", **extra):
    data = CSV.format(sent_on=sent_on).encode()
    return client.post(URL, {"file": SimpleUploadedFile("letters.csv", data, "text/csv"),
                             **extra})


def test_staff_preview_then_confirm_an_import(staff_client):
    assert staff_client.get(URL).status_code == 200
    assert "Import letters" in staff_client.get(
        "/admin/engagements/communication/").content.decode()
    preview = _upload(staff_client)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "2 would be created, 0 already present." in page
    assert not Communication.objects.exists()  # a preview writes nothing
    answer = staff_client.post(URL, {"confirm": "1", "token": preview.context["token"]})
    assert answer.status_code == 302
    assert Communication.objects.count() == 2
    again = _upload(staff_client)
    assert "0 would be created, 2 already present." in again.content.decode()


def test_the_preview_lists_each_refused_row_and_offers_no_import(staff_client):
    preview = _upload(staff_client, sent_on="someday")
    page = preview.content.decode()
    assert "<td>3</td><td>sent_on</td>" in page and "is not a date" in page
    assert 'name="confirm"' not in page
    skipping = _upload(staff_client, sent_on="someday", skip_invalid="on")
    assert 'name="confirm"' in skipping.content.decode()
    staff_client.post(URL, {"confirm": "1", "token": skipping.context["token"]})
    assert list(Communication.objects.values_list("reference", flat=True)) == ["AL OTH 1/2021"]


def test_a_bad_file_is_a_form_error(staff_client):
    answer = staff_client.post(URL, {"file": SimpleUploadedFile("letters.txt", b"x")})
    assert answer.status_code == 400
    assert "Choose a .csv or .xlsx file." in answer.content.decode()


def test_a_token_of_another_account_finds_nothing(staff_client, db):
    preview = _upload(staff_client)
    other = factories.StaffUserFactory(username="other-staff")
    from django.test import Client

    client = Client()
    client.force_login(other)
    answer = client.post(URL, {"confirm": "1", "token": preview.context["token"]})
    assert answer.status_code == 302 and not Communication.objects.exists()


def test_company_users_and_visitors_cannot_import(lead_a_client, anonymous_client):
    for client in (lead_a_client, anonymous_client):
        answer = _upload(client)
        assert answer.status_code == 302 and "/login/" in answer["Location"]
    assert not Communication.objects.exists()
