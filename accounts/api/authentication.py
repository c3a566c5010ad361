"""API token sign-in: DRF's own TokenAuthentication.

One query per request, the token joined to its user (select_related), with DRF's checks
and messages: "Invalid token." and "User inactive or deleted." are 401s. Named here so
that settings.REST_FRAMEWORK has one place to point at.
"""

from __future__ import annotations

from rest_framework.authentication import TokenAuthentication

__all__ = ["TokenAuthentication"]
