"""Which language a page, an API answer or an email is written in: the rules in one place.

A page (LocaleMiddleware, then UserLanguageMiddleware once the user is known):

1. the public register's address says it: /fr/public/... is French, /es/public/... is
   Spanish and the unprefixed /public/... is English, whoever reads it, so that a
   published letter can be linked in a language (and a shared cache can keep each);
2. the API (/api/) follows the request's Accept-Language alone, so that a company's
   system gets the same labels whoever last used the browser it runs from;
3. otherwise a signed-in person's profile language, when they have chosen one;
4. otherwise the language cookie, set by the switcher at the top of every page;
5. otherwise the browser's Accept-Language; and English when it names none we have.

An email is written in its reader's language (recipient_language below):

- to a company contact: the language set on the contact; else the one they chose for
  their account, if they have one; else the language of the letter it is about;
- to an account (staff digests, password emails): the language they chose; else English.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.db.models import F, Model, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

if TYPE_CHECKING:
    from accounts.models import User
    from companies.models import Contact
    from engagements.models import Communication

API_PREFIX = "/api/"


def language_codes() -> list[str]:
    """The product's languages (settings.LANGUAGES), English first."""
    return [code for code, _name in settings.LANGUAGES]


def product_languages() -> list[tuple[str, str]]:
    """Choices of the `language` fields of people (User, Contact): a callable, so that
    adding a language to settings.LANGUAGES needs no migration."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def supported_language(code: str | None) -> str | None:
    """`code` as one of the product's languages ("fr-CH" is "fr"); None when it is none."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except (LookupError, ValueError):
        return None


def active_language() -> str:
    """The language being written in now, as one of the product's languages."""
    return supported_language(translation.get_language()) or settings.LANGUAGE_CODE


def translated_value(instance: Any, field: str) -> str:
    """A stored text in the active language: `field` holds the English (the reference,
    always filled), `<field>_fr`, `<field>_es`... the translations, blank until written.
    A blank translation falls back to the English."""
    language = active_language()
    if language != settings.LANGUAGE_CODE:
        text = getattr(instance, f"{field}_{language}", "")
        if text:
            return str(text)
    return str(getattr(instance, field))


def translated_columns(model: type[Model], *fields: str) -> list[str]:
    """Each of `fields` and its translations' columns: what to load to show them in any
    language, or to search them in all."""
    names = {field.name for field in model._meta.get_fields()}
    return [column for field in fields
            for column in (field, *(f"{field}_{code}" for code in language_codes()
                                    if code != settings.LANGUAGE_CODE))
            if column in names]


def translated_expression(path: str) -> Combinable:
    """translated_value() as SQL, for ordering and grouping: the column at `path`
    ("short_name", "mandates__short_name") in the active language, the English where
    the translation is blank."""
    language = active_language()
    if language == settings.LANGUAGE_CODE:
        return F(path)
    return Coalesce(NullIf(F(f"{path}_{language}"), Value("")), F(path))


def recipient_language(*, contact: Contact | None = None, user: User | None = None,
                       communication: Communication | None = None) -> str:
    """The language to write an email in, to `contact` (about `communication`) or to the
    account `user`: the first of theirs that the product offers (see the module's
    docstring), English when none is."""
    choices = []
    if contact is not None:
        choices.append(contact.language)
        if contact.user_id is not None and contact.user is not None:
            choices.append(contact.user.language)
    if user is not None:
        choices.append(user.language)
    if communication is not None:
        choices.append(communication.language)
    return next((code for code in choices if code in language_codes()),
                settings.LANGUAGE_CODE)


# --- the language of a request -------------------------------------------------------

def url_language(path: str, urlconf: str | None = None) -> str | None:
    """The language an address fixes (rule 1), or None when it leaves it to the reader."""
    language = translation.get_language_from_path(path)
    if language:
        return language
    if _serves_language_prefixes(urlconf or settings.ROOT_URLCONF) and _has_prefixed_form(
            path, urlconf or settings.ROOT_URLCONF):
        return settings.LANGUAGE_CODE
    return None


@cache
def _serves_language_prefixes(urlconf: str) -> bool:
    used, prefixed_default = is_language_prefix_patterns_used(urlconf)
    return used and not prefixed_default


def _has_prefixed_form(path: str, urlconf: str) -> bool:
    """Whether `path` is one of the pages also served under a language prefix: the
    unprefixed address of such a page is the English one. (The prefixed patterns match
    only the active language's prefix, hence the override.)"""
    other = next((code for code in language_codes() if code != settings.LANGUAGE_CODE), None)
    if other is None:
        return False
    with translation.override(other):
        return bool(is_valid_path(f"/{other}{path}", urlconf))


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, with rules 1, 2, 4 and 5 above.

    Django's own, once any pattern is language-prefixed without prefixing English,
    writes every unprefixed page in English, whatever the cookie or the browser say;
    here only the unprefixed pages of the prefixed patterns are English.
    """

    def process_request(self, request: HttpRequest) -> None:
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        fixed = url_language(request.path_info, urlconf)
        if fixed is not None:
            language = fixed
        elif request.path_info.startswith(API_PREFIX):
            language = (supported_language(_accept_language(request))
                        or settings.LANGUAGE_CODE)
        else:
            language = translation.get_language_from_request(request)
        # Read by UserLanguageMiddleware: the address or the API's rule has decided.
        request.language_fixed = (  # type: ignore[attr-defined]
            fixed is not None or request.path_info.startswith(API_PREFIX))
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest,
                         response: HttpResponseBase) -> HttpResponseBase:
        response = super().process_response(request, response)
        if not getattr(request, "language_fixed", False):
            # Written in the language of the cookie (or the profile, whose session
            # is a cookie too): a shared cache must not hand it to someone else.
            patch_vary_headers(response, ("Cookie",))
        return response


def _accept_language(request: HttpRequest) -> str | None:
    from django.utils.translation.trans_real import parse_accept_lang_header

    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code != "*" and supported_language(code):
            return code
    return None


class UserLanguageMiddleware:
    """Rule 3: a signed-in person's profile language. After AuthenticationMiddleware;
    costs no query of its own (the user is loaded once per request, and every page
    for a signed-in person loads it anyway)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not getattr(request, "language_fixed", False):
            user = getattr(request, "user", None)
            chosen = supported_language(getattr(user, "language", "")) if (
                user is not None and user.is_authenticated) else None
            if chosen:
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
        return self.get_response(request)
