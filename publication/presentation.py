"""What the rate tables are called, for the templates that show them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from publication.charts import Chart, rates_over_time
from publication.selectors import MIN_LETTERS_FOR_A_RATE, ResponseRates


def rate_groups(rates: ResponseRates) -> list[tuple[Any, str, str]]:
    """(rows, title, first column) of each table of publication/_response_rates.html."""
    return [(rates.company, gettext("By company"), gettext("Company")),
            (rates.mandate, gettext("By mandate"), gettext("Mandate"))]


def board_context(rates: ResponseRates) -> dict[str, Any]:
    """The board's response rates: per company and mandate by year, and over time."""
    chart: Chart = rates_over_time(rates.year)
    return {"response_rate_groups": rate_groups(rates), "response_years": rates.year,
            "response_chart": chart, "min_letters": MIN_LETTERS_FOR_A_RATE}
