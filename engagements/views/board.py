"""OHCHR's tracking board: every letter, the same filters as the API, counts by status,
the overdue list, reply rates, and exports of the filtered list."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from btech.office_time import office_today
from engagements import selectors
from engagements.deadlines import DeadlineStatus
from engagements.exports import csv_lines, export_rows, xlsx_bytes
from engagements.models import Communication
from engagements.policy import Action
from engagements.views.access import policy_required
from publication import selectors as publication_selectors
from publication.presentation import board_context

PAGE_SIZE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _board_letters(request: HttpRequest) -> tuple[object, QuerySet[Communication]]:
    return selectors.filtered_letters(Communication.objects.visible_to(request.user),
                                      request.GET)


@policy_required(Action.VIEW_BOARD)
def board(request: HttpRequest) -> HttpResponse:
    today = office_today()
    filterset, letters = _board_letters(request)
    counts = selectors.status_counts(letters, today)
    page = Paginator(selectors.with_list_relations(letters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    receipt = selectors.acknowledgement_by_company(letters)
    status_tiles = [
        {"status": status, "count": counts[status.value]} for status in DeadlineStatus
    ]
    return render(request, "engagements/board.html", {
        "filterset": filterset, "page": page, "today": today,
        "status_tiles": status_tiles, "total": sum(counts.values()),
        "overdue": selectors.overdue_letters(letters, today),
        "rates": selectors.reply_rates(letters, today),
        "receipt": receipt,
        "receipt_slowest": max((row.median_days or 0 for row in receipt), default=0),
        "receipt_waiting": sum(row.waiting for row in receipt),
        "awaiting_receipt": selectors.awaiting_acknowledgement(letters, today),
        "export_query": request.GET.urlencode(),
        # Publication (publication/): public versions due, and response rates over time.
        "unready_publications": publication_selectors.unready_publications(letters, today),
        **board_context(publication_selectors.response_rates(letters, today, public=False)),
    })


def _export_name(today: object, extension: str) -> str:
    return f"letters-{today}.{extension}"


@policy_required(Action.VIEW_BOARD)
def board_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    today = office_today()
    _, letters = _board_letters(request)
    rows = export_rows(selectors.with_list_relations(letters), today)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(today, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@policy_required(Action.VIEW_BOARD)
def board_export_xlsx(request: HttpRequest) -> HttpResponse:
    today = office_today()
    _, letters = _board_letters(request)
    content = xlsx_bytes(export_rows(selectors.with_list_relations(letters), today))
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_export_name(today, "xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response
