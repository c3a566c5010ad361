"""Additions to the generated OpenAPI schema.

drf-spectacular documents the success responses it can infer. Clients (and the schema
fuzzing in the test suite) also need the error answers every route can give, so this
hook adds them: 400 for invalid input, 401 without credentials, 403 for an action the
user may not take, 404 for an unknown or out-of-scope object or page, and 429 where a
password is checked (too many failed sign-ins lock the account and address for a while).
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "description": "Either {\"detail\": \"...\"} or, for invalid input, a list of "
                   "messages per field name (\"non_field_errors\" for the whole request).",
    "additionalProperties": True,
}

ERRORS = {
    "400": "Invalid input; the body names each field at fault.",
    "401": "No valid credentials: send `Authorization: Token <token>`.",
    "403": "Signed in, but not allowed to do this.",
    "404": "No such object or page, or an object outside your scope.",
}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any,
                        public: bool) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            anonymous = {} in operation.get("security", [{}])
            codes = dict(ERRORS)
            if operation.get("operationId", "").startswith("auth_token_create"):
                codes["429"] = ("Too many failed sign-ins: the account and address are "
                                "locked for a while (see the Retry-After header).")
            for code, description in codes.items():
                if anonymous and code in {"401", "403"}:
                    continue
                responses.setdefault(code, {
                    "description": description,
                    "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Error"}}},
                })
    return result


LANGUAGE_HEADER = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "example": "fr"},
    "description": "The language of the answer's labels (letter_type_label, "
                   "deadline_status_label, language_label, kind_label) and messages: "
                   "en, fr or es (fr-CH reads as fr); English when none of them is named. "
                   "Values (AL, overdue, fr) are the same in every language. The answer "
                   "says which it used in Content-Language.",
}


def add_language_header(result: dict[str, Any], generator: Any, request: Any,
                        public: bool) -> dict[str, Any]:
    """Every operation takes Accept-Language (btech/i18n.py: the API follows it alone)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            parameters = operation.setdefault("parameters", [])
            if not any(parameter.get("name") == "Accept-Language" for parameter in parameters):
                parameters.append(dict(LANGUAGE_HEADER))
    return result
