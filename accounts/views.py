"""The language switcher at the top of every page."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.models import User
from accounts.services import user_language_set
from btech.i18n import active_language, language_codes, url_language


# A visitor's switch only sets a cookie, so the switcher on visitors' pages carries no
# CSRF token: a token would give every public page a cookie, and no shared cache would
# keep it. A signed-in person's switch also changes their profile: that one is checked.
@csrf_exempt
@require_POST
def language_set(request: HttpRequest) -> HttpResponseBase:
    """Django's set_language (the cookie, and back to `next` in the new language), and
    for a signed-in person the language of their profile, so that every browser and
    their emails follow it."""
    if isinstance(request.user, User):
        return _language_set_signed_in(request, request.user)
    return _switch(request)


@csrf_protect
def _language_set_signed_in(request: HttpRequest, user: User) -> HttpResponseBase:
    response = _switch(request)
    language = request.POST.get("language", "")
    if language in language_codes():
        user_language_set(user=user, language=language)
    return response


def _switch(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if request.POST.get("language") not in language_codes():
        # Django's view would store any language it has a translation of (German...):
        # only the product's are offered; anything else goes back, changing nothing.
        safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure())
        return HttpResponseRedirect(next_url if safe else "/")
    # set_language gives `next` in the new language by resolving it in the active one:
    # activate the language `next` is in (/fr/public/3/ is French, whatever the cookie).
    with translation.override(url_language(urlsplit(next_url).path or "/")
                              or active_language()):
        response: HttpResponse = set_language(request)
    return response
