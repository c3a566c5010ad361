"""DRF's browsable API under the site's Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from csp.constants import UNSAFE_INLINE
from rest_framework.renderers import BrowsableAPIRenderer as DRFBrowsableAPIRenderer


class BrowsableAPIRenderer(DRFBrowsableAPIRenderer):
    """DRF's HTML pages for people signed in through the admin.

    Their scripts are all files, so the policy's script rules hold unchanged; their
    templates lay out a few elements with style attributes, which only these pages are
    allowed (style-src-attr: attributes alone, never a <style> element or a script).
    """

    def get_context(self, data: Any, accepted_media_type: str | None,
                    renderer_context: Mapping[str, Any]) -> dict[str, Any]:
        context = super().get_context(data, accepted_media_type, renderer_context)
        # Pygments' colours for code samples come as an inline <style>, which the policy
        # refuses; the pages read fine without them.
        context["code_style"] = None
        return context

    def render(self, data: Any, accepted_media_type: str | None = None,
               renderer_context: Mapping[str, Any] | None = None) -> Any:
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src-attr": [UNSAFE_INLINE]}
        return super().render(data, accepted_media_type, renderer_context)
