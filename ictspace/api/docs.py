"""The API's documentation page: server-rendered from the schema, no script, no CDN."""

import functools

from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator


@functools.cache  # the schema is fixed for the life of the process
def operations() -> list[dict]:
    """Every operation of the schema: method, path, operation id and description."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    out = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": op.get("operationId", ""),
                    "description": op.get("description", ""),
                    "parameters": [p["name"] for p in op.get("parameters", [])],
                }
            )
    return out


@require_safe
def index(request):
    return render(request, "api/docs.html", {"operations": operations()})
