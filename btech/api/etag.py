"""ETags for the lists pollers call: `If-None-Match` answered with 304.

The tag is a hash of the answer's bytes, so it depends only on what the answer says,
and so only on what the asker may see: a change to a letter out of their sight cannot
change their tag (a tag from a generation counter or a table-wide "last change" would
tell a company's user that another company's letters moved). The answer is still
built, usually from the page cache (btech/api/list_cache.py), which is what makes it
cheap; the 304 saves the transfer and the poller's work, and says "nothing changed".
"""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response


def with_etag(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """`response` with its ETag, or a 304 when the request's If-None-Match names it."""
    if (response.status_code != 200 or not isinstance(response, HttpResponse)
            or getattr(response, "is_rendered", True) is False):
        return response  # errors, and DRF's own renderings (the browsable API)
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response) or response
