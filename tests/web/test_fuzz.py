"""No value in any field of any form of the web pages, nor in any admin list filter,
makes a page fail (a 5xx).

The forms are not listed here: they are read from the pages themselves, as a browser
sees them (every <form>, its method, action and fields with their current values), so a
field added to a page is fuzzed without touching this file. Each field in turn gets each
odd value, the other fields keeping what the page shows. The admin's filters are read
from each registered list page the same way. (The API is fuzzed from its schema by
Schemathesis, tests/api/test_schema.py.)

The values are of the kinds that once made a 500: out-of-range and non-ASCII numbers,
dates at the ends of the calendar, NUL, bytes that decode to no text, very long text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, quote_from_bytes, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests import factories
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

ODD_VALUES: list[bytes] = [
    b"", b"0", b"-1", b"99999", b"9" * 30, b"1e400", "\u00b2".encode(),
    "\u0661\u0662".encode(), b"2024-02-30", b"0001-01-01", b"9999-12-31", b"\x00",
    b"\xed\xa0\x80",  # a lone surrogate as UTF-8 would spell it: no text decodes from it
    b"\xff", b"x" * 5000, b" 1 ",
]
ODD_FILES = [("empty.pdf", b""), ("letter.pdf", b"MZ\x90\x00 not a pdf"),
             ("x" * 300 + ".pdf", PDF_BYTES)]


# What a person would type in a field the page shows empty, so that the other fields'
# odd values get past "this field is required" to the checks behind it.
TYPED = {"password": "not the password", "email": "nobody@example.com",
         "date": "2024-06-01", "number": "1", "hidden": ""}


@dataclass
class Form:
    page: str
    method: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> what the page shows
    types: dict[str, str] = field(default_factory=dict)  # name -> input type
    files: set[str] = field(default_factory=set)

    def typed(self) -> dict[str, bytes]:
        """The form as sent: what the page shows, empty fields filled in."""
        return {name: (value or TYPED.get(self.types.get(name, "text"), "text")).encode()
                for name, value in self.fields.items()}


class _Forms(HTMLParser):
    """Every form on a page, with the values a browser would send untouched."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = Form(self.page, a.get("method", "get").lower(),
                              a.get("action") or self.page)
            self.forms.append(self._form)
        if tag == "option" and self._form is not None and self._select:
            if "selected" in a or self._select not in self._form.fields:
                self._form.fields[self._select] = a.get("value", "")
        if self._form is None or not a.get("name") or a["name"].startswith("csrf"):
            return
        name, kind = a["name"], a.get("type", "text")
        self._form.types[name] = kind if tag == "input" else tag
        if tag == "input" and kind == "file":
            self._form.files.add(name)
        elif tag == "input" and kind in {"checkbox", "radio"}:
            if "checked" in a or name not in self._form.fields:
                self._form.fields[name] = a.get("value", "on")
        elif tag == "input" and kind not in {"submit", "button", "reset", "image"}:
            self._form.fields[name] = a.get("value", "")
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea = name
            self._form.fields[name] = ""

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_on(client: Client, path: str) -> list[Form]:
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    page = response.redirect_chain[-1][0] if response.redirect_chain else path
    parser = _Forms(page)
    parser.feed(response.content.decode())
    return [form for form in parser.forms
            if urlsplit(form.action).path != reverse("logout")
            and (form.fields or form.files)]


def _encoded(values: dict[str, bytes]) -> str:
    return "&".join(f"{quote(name)}={quote_from_bytes(value)}"
                    for name, value in values.items())


def submit(client: Client, form: Form, values: dict[str, bytes],
           files: dict[str, SimpleUploadedFile] | None = None) -> int:
    if form.method == "get":
        return client.get(f"{urlsplit(form.action).path}?{_encoded(values)}").status_code
    if files:
        data: dict[str, object] = {name: value.decode("utf-8", "replace")
                                   for name, value in values.items()}
        return client.post(form.action, {**data, **files}).status_code
    return client.post(form.action, _encoded(values),
                       content_type="application/x-www-form-urlencoded").status_code


def fuzz(client: Client, form: Form) -> list[str]:
    """Each field in turn with each odd value; what answered 5xx."""
    shown = form.typed()
    failures = []
    for name in form.fields:
        for odd in ODD_VALUES:
            status = submit(client, form, {**shown, name: odd})
            if status >= 500:
                failures.append(f"{form.method.upper()} {form.action} {name}={odd[:20]!r}: "
                                f"{status}")
    for name in form.files:
        for filename, content in ODD_FILES:
            status = submit(client, form, shown,
                            {name: SimpleUploadedFile(filename, content, "application/pdf")})
            if status >= 500:
                failures.append(f"POST {form.action} {name}={filename[:20]!r}: {status}")
    return failures


@pytest.fixture
def letters(today, company_a, company_b, lead_a, privacy_mandate, letter_a, published_b):
    factories.ContactFactory(company=company_a, name="Issue owner A")
    return {"a": letter_a, "published": published_b}


def _pages(persona: str, letters: dict, user) -> list[str]:
    a, published = letters["a"].pk, letters["published"].pk
    common = [reverse("mandate-list"), reverse("public-list"),
              reverse("public-detail", args=[published])]
    if persona == "anonymous":
        reset = reverse("password_reset_confirm", args=[
            urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])
        return [*common, reverse("login"), reverse("password_reset"), reset]
    return [*common, reverse("letter-list"), reverse("letter-detail", args=[a]),
            reverse("calendar-settings"), reverse("password_change"),
            *([reverse("board")] if persona == "staff" else [])]


@pytest.mark.parametrize("persona", ["anonymous", "lead_a", "staff"])
def test_no_value_in_any_form_field_of_the_web_pages_makes_a_5xx(
    request, persona, letters, lead_a, staff
):
    client = request.getfixturevalue(f"{persona}_client")
    client.raise_request_exception = False
    pages = _pages(persona, letters, lead_a)
    forms = [form for page in pages for form in forms_on(client, page)]
    assert {urlsplit(form.action).path for form in forms} >= _expected_forms(persona, letters)

    failures = [failure for form in forms for failure in fuzz(client, form)]

    assert failures == []


def _expected_forms(persona: str, letters: dict) -> set[str]:
    """A sample of the forms the crawl must find, so that it cannot pass by finding none."""
    a = letters["a"].pk
    if persona == "anonymous":
        return {reverse("login"), reverse("password_reset"), reverse("public-list")}
    forms = {reverse("reply-log", args=[a]), reverse("note-add", args=[a]),
             reverse("letter-assign", args=[a]), reverse("letter-list"),
             reverse("password_change")}
    if persona == "staff":
        forms |= {reverse("deadline-extend", args=[a]), reverse("board")}
    return forms


@pytest.fixture
def superuser_client(db):
    user = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


ADMIN_ODD_VALUES = [b"0", b"-1", b"99999", b"9" * 30, b"1e400", "\u00b2".encode(),
                    b"2024-02-30", b"\x00", b"\xed\xa0\x80", b"x" * 2000]


def test_no_value_in_any_admin_list_filter_makes_a_5xx(superuser_client, letters):
    factories.ResponseFactory(communication=letters["a"], kind="interim",
                              received_on=dt.date(2024, 5, 1))
    failures, filters = [], 0
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        page = superuser_client.get(url)
        assert page.status_code == 200, url
        changelist = page.context["cl"]
        parameters = {"q", "o", "p"}
        for spec in changelist.filter_specs:
            parameters.update(spec.expected_parameters())
        if model_admin.date_hierarchy:
            parameters.update(f"{model_admin.date_hierarchy}__{part}"
                              for part in ("year", "month", "day"))
        filters += len(changelist.filter_specs)
        for parameter in sorted(parameters):
            for odd in ADMIN_ODD_VALUES:
                status = superuser_client.get(
                    f"{url}?{quote(parameter)}={quote_from_bytes(odd)}").status_code
                if status >= 500:
                    failures.append(f"{url}?{parameter}={odd[:20]!r}: {status}")
    assert filters >= 10, "the crawl found too few filters to mean anything"
    assert failures == []
