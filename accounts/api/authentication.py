"""Token authentication in one plain query.

DRF's TokenAuthentication builds an ORM query (token joined to its user) on every
request; for pollers calling a cached list every few minutes that query's construction
is the largest cost of the whole request. This reads the same row with one prepared SQL
statement and builds the same objects, with the same checks and messages.
"""

from __future__ import annotations

from typing import Any

from django.db import connections, router
from django.utils.functional import cached_property
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from accounts.models import User


class TokenAuthentication(authentication.TokenAuthentication):
    @cached_property
    def _user_columns(self) -> list[str]:
        return [field.attname for field in User._meta.concrete_fields]

    def authenticate_credentials(self, key: str) -> tuple[User, Token]:
        database = router.db_for_read(Token)
        columns = ", ".join(f'u."{column}"' for column in self._user_columns)
        with connections[database].cursor() as cursor:
            cursor.execute(
                f'SELECT t."created", {columns} FROM "{Token._meta.db_table}" t '
                f'JOIN "{User._meta.db_table}" u ON u."id" = t."user_id" WHERE t."key" = %s',
                [key],
            )
            row: Any = cursor.fetchone()
        if row is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        user = User.from_db(database, self._user_columns, row[1:])
        if not user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        token = Token.from_db(database, ["key", "user_id", "created"], [key, user.pk, row[0]])
        token.user = user
        return user, token
