"""Observables (a type and a value, already validated by the post form) as STIX patterns."""

# observable type → the STIX object path the value is compared with
PATHS = {
    "domain": "domain-name:value",
    "ipv4": "ipv4-addr:value",
    "ipv6": "ipv6-addr:value",
    "url": "url:value",
    "email": "email-addr:value",
    "md5": "file:hashes.MD5",
    "sha1": "file:hashes.'SHA-1'",
    "sha256": "file:hashes.'SHA-256'",
}
# A bare "hash" is told apart by its length (hex digits).
HASH_LENGTHS = {32: "md5", 40: "sha1", 64: "sha256"}
ALIASES = {"ip": "ipv4", "domain-name": "domain", "email-addr": "email", "e-mail": "email"}


def observable_type(kind: str, value: str) -> str | None:
    """Our name for the observable's type, or None when STIX has no pattern for it."""
    kind = ALIASES.get(str(kind).lower(), str(kind).lower())
    if kind == "ipv4" and ":" in value:
        kind = "ipv6"
    if kind == "hash":
        kind = HASH_LENGTHS.get(len(value), "")
    return kind if kind in PATHS else None


def quoted(value: str) -> str:
    """A STIX pattern string literal: backslashes and quotes escaped."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def pattern_for(kind: str, value: str) -> str | None:
    """`[ipv4-addr:value = '203.0.113.5']`, or None for a type STIX cannot express."""
    known = observable_type(kind, value)
    if known is None:
        return None
    if known in {"md5", "sha1", "sha256"}:
        value = value.lower()
    return f"[{PATHS[known]} = {quoted(value)}]"
