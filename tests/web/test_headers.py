"""Security headers: a strict Content-Security-Policy on every page, and no copy kept by
any cache of what is answered to a signed-in person."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in
            (part.split() for part in header.split(";") if part.strip())}


def assert_strict_page(response, *, style_attributes: bool = False) -> None:
    """The policy is strict, and the page keeps to it: every script is a file of this
    site or carries this response's nonce, and so does every <style>."""
    assert response.status_code == 200
    directives = policy(response)
    for name in ("default-src", "object-src", "base-uri", "frame-ancestors"):
        assert directives[name] == ["'none'"], name
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives[name]
        assert "'unsafe-eval'" not in directives[name]
        assert not any(source.startswith(("http", "*")) for source in directives[name])
    nonces = {value for value in directives["script-src"] if value.startswith("'nonce-")}
    parser = _Tags()
    parser.feed(response.content.decode())
    for tag, attrs in parser.tags:
        handlers = [name for name in attrs if name.startswith("on")]
        assert handlers == [], (tag, attrs)
        if tag == "script" and attrs.get("type") not in ("application/json",):
            assert (attrs.get("src", "") or "").startswith("/") or \
                f"'nonce-{attrs.get('nonce')}'" in nonces, attrs
        if tag == "style":
            assert f"'nonce-{attrs.get('nonce')}'" in nonces, attrs
        if not style_attributes:
            assert "style" not in attrs, (tag, attrs)


def test_public_pages_have_a_strict_policy(anonymous_client, published_b):
    for url in (reverse("public-list"), reverse("public-detail", args=[published_b.pk]),
                reverse("mandate-list"), reverse("login"), "/api/v1/docs/",
                "/api/v1/docs/reference/"):
        assert_strict_page(anonymous_client.get(url))


def test_the_swagger_page_loads_its_start_up_script_as_a_file(anonymous_client):
    page = anonymous_client.get("/api/v1/docs/")
    assert b'<script src="/api/v1/docs/?script=' in page.content
    script = anonymous_client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


def test_signed_in_pages_have_a_strict_policy(staff_client, letter_a, published_b):
    for url in (reverse("letter-list"), reverse("letter-detail", args=[letter_a.pk]),
                reverse("board"), reverse("calendar-settings"), "/admin/",
                "/admin/engagements/communication/",
                f"/admin/engagements/communication/{letter_a.pk}/change/",
                "/admin/reminders/reminder/"):
        assert_strict_page(staff_client.get(url))


def test_the_browsable_api_keeps_the_script_rules(staff_client, letter_a):
    page = staff_client.get("/api/v1/communications/", HTTP_ACCEPT="text/html")
    # DRF's templates lay out a few elements with style attributes: allowed there alone.
    assert_strict_page(page, style_attributes=True)
    assert policy(page)["style-src-attr"] == ["'unsafe-inline'"]
    assert "style-src-attr" not in policy(staff_client.get(reverse("letter-list")))


def test_what_is_answered_to_a_signed_in_person_is_never_stored(
    lead_a_client, lead_a, letter_a,
):
    api = token_client(lead_a)
    answers = [lead_a_client.get(url) for url in (
        reverse("letter-list"), reverse("letter-detail", args=[letter_a.pk]),
        reverse("public-list"), reverse("mandate-list"))]
    answers += [api.get(url) for url in (
        "/api/v1/communications/", f"/api/v1/communications/{letter_a.pk}/",
        "/api/v1/deadlines/", "/api/v1/contacts/")]
    for answer in answers:
        assert answer.status_code == 200
        directives = {part.strip() for part in answer["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, answer.wsgi_request.path


def test_the_public_register_may_be_cached_for_visitors(anonymous_client):
    answer = anonymous_client.get(reverse("public-list"))
    assert "no-store" not in answer.get("Cache-Control", "")
    assert APIClient().get("/api/v1/public/communications/").status_code == 200


def test_a_client_without_a_session_gets_no_private_header():
    assert "no-store" not in Client().get("/api/v1/docs/reference/").get("Cache-Control", "")


def test_the_status_classes_have_the_colours_of_the_presentation_module():
    import re
    from pathlib import Path

    from django.conf import settings

    from engagements.presentation import STATUS_COLOURS

    css = (Path(settings.BASE_DIR) / "static" / "css" / "status.css").read_text()
    for status, (background, text) in STATUS_COLOURS.items():
        rule = re.search(rf"\.status--{status.value} {{ background: (#\w+); color: (#\w+); }}",
                         css)
        assert rule is not None and rule.groups() == (background, text), status
