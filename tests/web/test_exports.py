"""The board's exports: the filtered list as CSV and Excel."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_holds_the_filtered_letters(staff_client, letter_a, letter_b, company_a):
    response = staff_client.get(reverse("board-export-csv") + f"?company={company_a.pk}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0][:3] == ["Reference", "Type", "Company"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Reference"] == "AL OTH 11/2024"
    assert row["Type"] == "JAL"
    assert row["Mandates"] == "SR expression, SR privacy"
    assert row["Due on"] == "2024-06-16"
    assert row["Deadline"] == "due in 6 days"
    assert row["Status"] == "Due soon"


def test_the_csv_neutralises_spreadsheet_formulas(staff_client, today, company_a):
    factories.CommunicationFactory(company=company_a, subject="=HYPERLINK(\"http://x\")")
    rows = _csv_rows(staff_client.get(reverse("board-export-csv")))
    subject = dict(zip(rows[0], rows[1], strict=True))["Subject"]
    assert subject.startswith("'=")


def test_the_excel_workbook_holds_the_filtered_letters(staff_client, letter_a, letter_b):
    response = staff_client.get(reverse("board-export-xlsx") + "?q=Secret")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "UA OTH 12/2024"
    assert rows[1][1] == "UA"
