"""/api/v1/docs/reference/: the API reference as plain HTML, rendered on the server.

The interactive docs (Swagger UI, at /api/v1/docs/) need JavaScript; this page is
generated from the same OpenAPI schema, needs no script at all, and reads well in any
browser, a screen reader or a printout.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        ref: str = schema["$ref"]
        return ref.rsplit("/", 1)[-1]
    if schema.get("type") == "array" and "items" in schema:
        return f"list of {_ref_name(schema['items'])}"
    return str(schema.get("type", ""))


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            body = operation.get("requestBody", {}).get("content", {})
            operations.append({
                "path": path,
                "method": method.upper(),
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "anonymous": {} in operation.get("security", [{}]),
                "parameters": [
                    {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                     "type": _ref_name(p.get("schema")), "description": p.get("description", "")}
                    for p in operation.get("parameters", [])
                ],
                "request": sorted({_ref_name(c.get("schema")) for c in body.values()}),
                "responses": [
                    (code, response.get("description", ""),
                     _ref_name(response.get("content", {}).get("application/json", {})
                               .get("schema")))
                    for code, response in operation.get("responses", {}).items()
                ],
            })
    return operations


def _components(schema: dict[str, Any]) -> list[dict[str, Any]]:
    components = []
    for name, component in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(component.get("required", []))
        fields = [
            {"name": field, "type": _ref_name(spec) or ("enum" if "enum" in spec else ""),
             "read_only": spec.get("readOnly", False), "required": field in required,
             "description": spec.get("description", "")}
            for field, spec in component.get("properties", {}).items()
        ]
        components.append({"name": name, "fields": fields,
                           "description": component.get("description", "")})
    return components


class ApiDocsView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return render(request, "api/docs.html", {
            "info": schema.get("info", {}),
            "operations": _operations(schema),
            "components": _components(schema),
        })
