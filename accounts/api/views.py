"""API tokens: obtain with a username and password, rotate, revoke.

One token per user (DRF's authtoken). Rotating replaces it at once, so a leaked token
stops working the moment its owner rotates or revokes it.
"""

from __future__ import annotations

from typing import cast

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken import serializers as authtoken_serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User


def _signed_in(request: Request) -> User:
    # IsAuthenticated has already turned anonymous requests away with a 401.
    return cast(User, request.user)


# Only documents the {"token": ...} body in the schema: what it would render is a dict.
class TokenSerializer(serializers.Serializer[dict[str, str]]):
    token = serializers.CharField(read_only=True)


class AuthTokenSerializer(authtoken_serializers.AuthTokenSerializer):
    """DRF's (and under its name, so the schema is unchanged), with the username bounded
    as the user model bounds it: a longer one is a 400 before authenticate() runs, never
    a name too long for the lockout's records (a 500)."""

    username = serializers.CharField(
        label="Username", write_only=True,
        max_length=User._meta.get_field("username").max_length)


class TokenObtainView(APIView):
    # No authentication: the credentials are in the body, and a session cookie must
    # not make this endpoint demand a CSRF token.
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    serializer_class = AuthTokenSerializer

    @extend_schema(summary="Obtain your API token", request=AuthTokenSerializer,
                   responses={200: TokenSerializer}, auth=[])
    def post(self, request: Request) -> Response:
        # authenticate() gets Django's own request, as on the sign-in page, so that the
        # lockout (django-axes) counts and refuses guesses here too; DRF's wrapper is
        # not recognised by it.
        serializer = AuthTokenSerializer(data=request.data,
                                            context={"request": request._request})
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class TokenRotateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Replace your API token with a new one", request=None,
                   responses={200: TokenSerializer})
    def post(self, request: Request) -> Response:
        user = _signed_in(request)
        with transaction.atomic():
            Token.objects.filter(user=user).delete()
            token = Token.objects.create(user=user)
        return Response({"token": token.key})


class TokenRevokeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Revoke your API token", request=None,
                   responses={204: OpenApiResponse(description="The token no longer works.")})
    def post(self, request: Request) -> Response:
        Token.objects.filter(user=_signed_in(request)).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
