"""The product's promise, walked route by route: four personas, every route, every method.

OHCHR staff see everything; the lead of company A sees and acts on A's letter; the lead
of company B gets a 404 for it on every route and method (never a 403, which would
confirm it exists) and never finds it in any list, count, filter, search or deadline
result; an anonymous visitor gets a 401.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from engagements.models import Communication

pytestmark = pytest.mark.django_db

PERSONAS = ("staff", "lead_a", "lead_b", "anonymous")


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # {letter} is company A's letter, {owner} A's issue owner
    body: dict[str, Any] | None
    expected: dict[str, int]  # persona -> status
    writes: bool = False

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _full_letter(context: dict[str, int]) -> dict[str, Any]:
    return {"reference": "AL OTH 12/2024", "letter_type": "AL", "company": context["company"],
            "mandates": [context["mandate"]], "sent_on": "2024-02-20",
            "subject": "Content moderation in a crisis, revised"}


ROUTES = [
    Route("GET", "/api/v1/communications/{letter}/", None,
          {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}),
    Route("HEAD", "/api/v1/communications/{letter}/", None,
          {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}),
    Route("OPTIONS", "/api/v1/communications/{letter}/", None,
          {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}),
    Route("OPTIONS", "/api/v1/communications/{letter}/responses/", None,
          {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}),
    Route("PUT", "/api/v1/communications/{letter}/", {"full_letter": True},
          {"staff": 200, "lead_a": 403, "lead_b": 404, "anonymous": 401}, writes=True),
    Route("PATCH", "/api/v1/communications/{letter}/", {"subject": "Renamed"},
          {"staff": 200, "lead_a": 400, "lead_b": 404, "anonymous": 401}, writes=True),
    Route("PATCH", "/api/v1/communications/{letter}/", {"assignee": "{owner}"},
          {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}, writes=True),
    Route("DELETE", "/api/v1/communications/{letter}/", None,
          {"staff": 204, "lead_a": 403, "lead_b": 404, "anonymous": 401}, writes=True),
    Route("GET", "/api/v1/communications/{letter}/responses/", None,
          {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}),
    Route("POST", "/api/v1/communications/{letter}/responses/",
          {"kind": "interim", "received_on": "2024-02-28", "body": "We are looking into it."},
          {"staff": 201, "lead_a": 201, "lead_b": 404, "anonymous": 401}, writes=True),
    Route("GET", "/api/v1/communications/{letter}/notes/", None,
          {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}),
    Route("OPTIONS", "/api/v1/communications/{letter}/notes/", None,
          {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}),
    Route("POST", "/api/v1/communications/{letter}/notes/",
          {"kind": "follow_up", "noted_on": "2024-02-28", "body": "Called the lead."},
          {"staff": 201, "lead_a": 201, "lead_b": 404, "anonymous": 401}, writes=True),
    Route("POST", "/api/v1/communications/{letter}/extension/",
          {"due_on": "2024-05-20", "reason": "The company asked for time to investigate."},
          {"staff": 200, "lead_a": 403, "lead_b": 404, "anonymous": 401}, writes=True),
    Route("POST", "/api/v1/communications/{letter}/acknowledge/", None,
          {"staff": 403, "lead_a": 200, "lead_b": 404, "anonymous": 401}, writes=True),
    Route("GET", "/api/v1/contacts/{owner}/", None,
          {"staff": 200, "lead_a": 200, "lead_b": 404, "anonymous": 401}),
    Route("GET", "/api/v1/public/communications/{letter}/", None,
          # Not yet public: nobody finds it in the public register, staff included.
          {"staff": 404, "lead_a": 404, "lead_b": 404, "anonymous": 404}),
    # Lists and reference data: every signed-in persona gets 200 (what B finds in the
    # lists is checked below); the public register needs no sign-in.
    *[Route("GET", path, None, {"staff": 200, "lead_a": 200, "lead_b": 200, "anonymous": 401})
      for path in ("/api/v1/communications/", "/api/v1/deadlines/", "/api/v1/contacts/",
                   "/api/v1/mandates/", "/api/v1/mandates/{mandate}/",
                   "/api/v1/mandate-holders/", "/api/v1/companies/",
                   "/api/v1/companies/{company}/")],
    Route("GET", "/api/v1/public/communications/", None,
          {"staff": 200, "lead_a": 200, "lead_b": 200, "anonymous": 200}),
    Route("POST", "/api/v1/communications/", {"full_letter": True, "reference": "AL OTH 40/2024"},
          {"staff": 201, "lead_a": 403, "lead_b": 403, "anonymous": 401}, writes=True),
]


def _snapshot(letter_id: int) -> dict[str, Any] | None:
    letter = Communication.objects.filter(pk=letter_id).first()
    if letter is None:
        return None
    row = {f.attname: getattr(letter, f.attname) for f in Communication._meta.concrete_fields
           if f.attname != "updated_at"}
    row["mandates"] = sorted(letter.mandates.values_list("pk", flat=True))
    row["responses"] = letter.responses.count()
    row["notes"] = letter.notes.count()
    return row


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_route_answers_each_persona_as_the_promise_says(
    route, persona, personas, letter_a, letter_b, issue_owner_a, privacy
):
    context = {"letter": letter_a.pk, "owner": issue_owner_a.pk,
               "company": letter_a.company_id, "mandate": privacy.pk}
    body = None
    if route.body is not None:
        body = dict(route.body)
        if body.pop("full_letter", False):
            body = {**_full_letter(context), **body}
        body = {k: (context["owner"] if v == "{owner}" else v) for k, v in body.items()}
    before = _snapshot(letter_a.pk)
    letters_before = Communication.objects.count()

    path = route.path.format(**context)
    response = personas[persona].generic(route.method, path,
                                         data=None if body is None else _json(body),
                                         content_type="application/json")

    assert response.status_code == route.expected[persona], response.content
    if route.writes and response.status_code >= 400:
        assert _snapshot(letter_a.pk) == before, "a refused write changed the letter"
        assert Communication.objects.count() == letters_before
    if persona == "lead_b":
        assert b"AL OTH 12/2024" not in response.content
        assert b"Content moderation" not in response.content


def _json(body: dict[str, Any]) -> str:
    import json

    return json.dumps(body)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_letter_that_does_not_exist_reads_the_same_as_another_companys(
    persona, personas, letter_a
):
    """B cannot tell "exists but not yours" from "does not exist" on any method."""
    client = personas[persona]
    missing = Communication.objects.order_by("-pk").first().pk + 1000
    for method, suffix in [("GET", ""), ("PATCH", ""), ("PUT", ""), ("DELETE", ""),
                           ("GET", "responses/"), ("POST", "responses/"),
                           ("GET", "notes/"), ("POST", "notes/"), ("POST", "extension/"),
                           ("POST", "acknowledge/")]:
        answer = client.generic(method, f"/api/v1/communications/{missing}/{suffix}",
                                data="{}", content_type="application/json")
        expected = 401 if persona == "anonymous" else 404
        assert answer.status_code == expected, (method, suffix)


LISTS = [
    "/api/v1/communications/",
    "/api/v1/deadlines/",
    "/api/v1/deadlines/?deadline_status=open,due_soon,overdue,replied_on_time,replied_late",
]

FILTERS_THAT_WOULD_MATCH_A = [
    "company={company}", "q=Meta", "q=Facebook", "q=AL OTH 12", "q=moderation",
    "mandate={mandate}", "letter_type=AL", "deadline_status=open",
    "sent_after=2024-02-01", "due_before=2024-12-31", "ordering=-sent_on",
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("query", ["", *FILTERS_THAT_WOULD_MATCH_A])
def test_another_companys_letter_is_in_no_list_count_filter_or_search(
    path, query, lead_a_api, lead_b_api, staff_api, letter_a, letter_b, expression
):
    from tests.factories import FormerNameFactory

    FormerNameFactory(company=letter_a.company, name="Facebook")
    query = query.format(company=letter_a.company_id, mandate=expression.pk)
    url = f"{path}{'&' if '?' in path else '?'}{query}"

    seen_by_b = lead_b_api.get(url)
    assert seen_by_b.status_code == 200
    assert letter_a.reference not in {row["reference"] for row in seen_by_b.json()["results"]}
    assert seen_by_b.json()["count"] == len(seen_by_b.json()["results"])
    assert b"Meta" not in seen_by_b.content

    seen_by_a = lead_a_api.get(url)
    assert letter_b.reference not in {row["reference"] for row in seen_by_a.json()["results"]}

    seen_by_staff = staff_api.get(url)
    assert letter_a.reference in {row["reference"] for row in seen_by_staff.json()["results"]}


def test_company_b_sees_only_its_own_contacts(lead_b_api, issue_owner_a, issue_owner_b):
    answer = lead_b_api.get("/api/v1/contacts/").json()
    assert {row["name"] for row in answer["results"]} == {"Lead B", "Issue owner B"}
    assert answer["count"] == 2
    assert lead_b_api.get(f"/api/v1/contacts/?company={issue_owner_a.company_id}"
                          ).json()["count"] == 0


@pytest.mark.parametrize("path", ["/api/v1/communications/", "/api/v1/deadlines/",
                                  "/api/v1/contacts/", "/api/v1/mandates/",
                                  "/api/v1/mandate-holders/", "/api/v1/companies/",
                                  "/api/v1/auth/token/rotate/", "/api/v1/auth/token/revoke/"])
def test_without_credentials_every_private_route_is_401(path, anonymous_api):
    method = "post" if "token" in path else "get"
    answer = getattr(anonymous_api, method)(path)
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == "Token"


def test_the_public_register_shows_only_published_letters_without_private_fields(
    anonymous_api, letter_a, company_b, privacy, issue_owner_b
):
    from tests.factories import CommunicationFactory, ResponseFactory

    published = CommunicationFactory(company=company_b, sent_on=dt.date(2023, 11, 1),
                                     assignee=issue_owner_b, mandates=[privacy])
    ResponseFactory(communication=published, received_on=dt.date(2023, 12, 1),
                    body="Our reply.")

    answer = anonymous_api.get("/api/v1/public/communications/")

    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert [row["reference"] for row in rows] == [published.reference]
    assert rows[0]["responses"][0]["body"] == "Our reply."
    for private in ("assignee", "assignee_name", "notes", "contacts", "extension_reason"):
        assert private not in rows[0]
    assert b"Issue owner B" not in answer.content


def test_a_signed_in_user_of_no_company_sees_no_letter(letter_a, letter_b):
    from tests.conftest import _client_for
    from tests.factories import UserFactory

    from .conftest import token_client

    nobody = UserFactory(username="no-company")
    for client in (token_client(nobody), _client_for(nobody)):
        for path in ("/api/v1/communications/", "/api/v1/deadlines/", "/api/v1/contacts/"):
            answer = client.get(path)
            assert answer.status_code == 200
            assert answer.json()["count"] == 0
        assert client.get(f"/api/v1/communications/{letter_a.pk}/").status_code == 404


def test_a_deactivated_lead_sees_no_letter_and_no_contact(lead_a, lead_a_api, letter_a,
                                                        issue_owner_a):
    assert lead_a_api.get("/api/v1/contacts/").json()["count"] == 2
    lead_a.is_active = False
    lead_a.save()

    for path in ("/api/v1/communications/", "/api/v1/deadlines/", "/api/v1/contacts/",
                 f"/api/v1/communications/{letter_a.pk}/",
                 f"/api/v1/contacts/{issue_owner_a.pk}/"):
        answer = lead_a_api.get(path)
        assert answer.status_code == 401, path
        assert b"Issue owner A" not in answer.content
        assert b"AL OTH 12/2024" not in answer.content


def test_counts_stay_right_with_the_count_cache_on(list_cache, lead_b_api, letter_a,
                                                   letter_b):
    """The matrix runs with exact counts; the cache must not change what B is told."""
    for query in ("", "?q=Meta", f"?company={letter_a.company_id}"):
        assert lead_b_api.get(f"/api/v1/communications/{query}").json()["count"] == (
            0 if query else 1)


# For each field a lead may not write: values that exist in another company's letters,
# values nobody uses, the lead's own, and malformed ones. {b} is company B's letter.
PROBES = {
    "reference": ["{b.reference}", "AL OTH 99/2024", "{a.reference}", "not a reference",
                  "X" * 200, None, 7],
    "company": ["{b.company_id}", "{a.company_id}", 10**9, "abc", None],
    "mandates": [["{privacy}"], [10**9], "abc", []],
    "sent_on": ["2024-01-10", "2024-02-30", "0001-01-01", None],
    "letter_type": ["UA", "XX", None],
    "language": ["fr", "xx"],
    "subject": ["{b.subject}", "", "x" * 1000],
    "press_release_on": ["2024-02-21", "nonsense"],
}


@pytest.mark.parametrize("field", sorted(PROBES))
def test_a_field_a_lead_may_not_write_gets_one_answer_whatever_the_value(
    field, lead_a_api, letter_a, letter_b, privacy
):
    """References run in sequence: if "already exists" answered some values, a lead
    could list every other company's letters, unpublished ones included."""
    answers = set()
    for probe in PROBES[field]:
        value = (probe.format(a=letter_a, b=letter_b, privacy=privacy.pk)
                 if isinstance(probe, str) else probe)
        if isinstance(probe, list):
            value = [int(item.format(privacy=privacy.pk)) if isinstance(item, str) else item
                     for item in probe]
        answer = lead_a_api.patch(f"/api/v1/communications/{letter_a.pk}/",
                                  _json({field: value}), content_type="application/json")
        assert answer.status_code == 400, (field, value)
        answers.add(answer.content)
    assert len(answers) == 1, answers
    assert b"Only OHCHR staff" in answers.pop()
