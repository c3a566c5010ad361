from __future__ import annotations

from django.urls import path

from engagements.views import board, calendar, create, letters

urlpatterns = [
    path("", letters.home, name="home"),
    path("my-work/", letters.my_work, name="my-work"),
    path("letters/", letters.letter_list, name="letter-list"),
    path("letters/new/", create.letter_create, name="letter-create"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter-detail"),
    path("letters/<int:pk>/letter.pdf", letters.letter_pdf, name="letter-pdf"),
    path("letters/<int:pk>/replies/", letters.reply_log, name="reply-log"),
    path("letters/<int:pk>/replies/<int:response_pk>.pdf", letters.reply_pdf,
         name="reply-pdf"),
    path("letters/<int:pk>/notes/", letters.note_add, name="note-add"),
    path("letters/<int:pk>/assign/", letters.letter_assign, name="letter-assign"),
    path("letters/<int:pk>/acknowledge/", letters.letter_acknowledge,
         name="letter-acknowledge"),
    path("letters/<int:pk>/extend/", letters.deadline_extend, name="deadline-extend"),
    path("board/", board.board, name="board"),
    path("board/export.csv", board.board_export_csv, name="board-export-csv"),
    path("board/export.xlsx", board.board_export_xlsx, name="board-export-xlsx"),
    path("calendar/", calendar.calendar_settings, name="calendar-settings"),
    path("calendar/reset/", calendar.calendar_reset, name="calendar-reset"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
]

# The public register's routes are publication/urls.py's public_urlpatterns.
