"""Informal notes through the API: whoever may see the letter adds them, as on the web."""

from __future__ import annotations

import datetime as dt

import pytest

from engagements import services
from engagements.models import InformalNote

pytestmark = pytest.mark.django_db

NOTE = {"kind": "preview", "noted_on": "2024-02-18", "body": "Called the lead ahead of it."}


def _notes_url(letter) -> str:
    return f"/api/v1/communications/{letter.pk}/notes/"


def test_the_lead_adds_a_note_to_their_companys_letter(lead_a_api, lead_a, letter_a):
    answer = lead_a_api.post(_notes_url(letter_a), NOTE, format="json")

    assert answer.status_code == 201, answer.json()
    note = letter_a.notes.get()
    assert answer.json() == {"id": note.pk, "communication": letter_a.pk, **NOTE,
                             "kind_label": "Preview before the letter"}
    assert note.author == lead_a


def test_staff_add_a_note_to_any_companys_letter(staff_api, staff, letter_b):
    answer = staff_api.post(_notes_url(letter_b), NOTE, format="json")

    assert answer.status_code == 201, answer.json()
    assert letter_b.notes.get().author == staff


def test_the_lead_of_another_company_gets_a_404_and_nothing_is_saved(lead_b_api, letter_a):
    for method in ("get", "post"):
        answer = getattr(lead_b_api, method)(_notes_url(letter_a), NOTE, format="json")
        assert answer.status_code == 404, method
        assert b"AL OTH 12/2024" not in answer.content
    assert not InformalNote.objects.exists()


def test_without_credentials_it_is_a_401_and_nothing_is_saved(anonymous_api, letter_a):
    assert anonymous_api.post(_notes_url(letter_a), NOTE, format="json").status_code == 401
    assert anonymous_api.get(_notes_url(letter_a)).status_code == 401
    assert not InformalNote.objects.exists()


@pytest.mark.parametrize("changes, field", [
    ({"noted_on": "2024-03-02"}, "noted_on"),  # in the future
    ({"noted_on": "18/02/2024"}, "noted_on"),
    ({"noted_on": None}, "noted_on"),
    ({"kind": "gossip"}, "kind"),
    ({"body": ""}, "body"),
])
def test_an_invalid_note_is_a_400_naming_the_field(changes, field, lead_a_api, letter_a):
    body = {key: value for key, value in {**NOTE, **changes}.items() if value is not None}

    answer = lead_a_api.post(_notes_url(letter_a), body, format="json")

    assert answer.status_code == 400
    assert list(answer.json()) == [field]
    assert not letter_a.notes.exists()


def test_the_notes_of_a_letter_are_listed_oldest_first(lead_a_api, staff, letter_a):
    for day, body in ((dt.date(2024, 2, 25), "Follow-up call."),
                      (dt.date(2024, 2, 18), "Preview sent.")):
        services.note_add(communication=letter_a, kind="follow_up", noted_on=day, body=body,
                          author=staff)

    answer = lead_a_api.get(_notes_url(letter_a))

    assert answer.status_code == 200
    assert [note["body"] for note in answer.json()] == ["Preview sent.", "Follow-up call."]
