"""The Content-Security-Policy in a real browser: Chromium reports no violation on the
main pages, the admin, the browsable API and the Swagger page, and Swagger UI still
works under it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.test_browser import browser, page, scene, sign_in  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations_on(page: Any, urls: list[str]) -> list[str]:  # noqa: F811
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    return found


def test_no_page_breaks_the_policy(page: Any, live_server: Any,  # noqa: F811
                                   scene: dict[str, Any]) -> None:  # noqa: F811
    base = live_server.url
    letter = scene["meta_letter"].pk
    assert violations_on(page, [f"{base}/public/", f"{base}/accounts/login/"]) == []
    sign_in(page, live_server, "ohchr-staff")
    assert violations_on(page, [
        f"{base}/board/", f"{base}/letters/", f"{base}/letters/{letter}/",
        f"{base}/admin/", f"{base}/admin/engagements/communication/",
        f"{base}/admin/engagements/communication/{letter}/change/",
        f"{base}/api/v1/communications/", f"{base}/api/v1/docs/reference/",
    ]) == []


def test_swagger_ui_runs_under_the_policy(page: Any, live_server: Any) -> None:  # noqa: F811
    assert violations_on(page, [f"{live_server.url}/api/v1/docs/"]) == []
    title = page.locator(".swagger-ui .info .title")
    title.wait_for()
    assert "B-Tech Engagement Tracker API" in title.inner_text()
    assert page.locator(".opblock").count() > 10  # the operations, read from the schema
