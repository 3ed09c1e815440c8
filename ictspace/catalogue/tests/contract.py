"""Helpers for reading an exported library (the JSON contract of docs/libraries.md)."""


def by_ref(lib: dict) -> dict:
    return {item["ref"]: item for item in lib["items"]}


def children(lib: dict, ref: str, kind: str | None = None) -> list[dict]:
    """The items whose parent is `ref` (optionally of one kind), in document order."""
    return [
        item
        for item in lib["items"]
        if item.get("parent") == ref and (kind is None or item["kind"] == kind)
    ]


def titles(items: list[dict]) -> list[str]:
    return [item["title"] for item in items]
