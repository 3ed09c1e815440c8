"""Deterministic STIX ids: a re-export of the same post yields the same ids (uuid5)."""

import uuid

from django.conf import settings

# Identities are named by the directory's codes, the same in every national instance, so
# a CSIRT that reads two instances sees one identity per organisation.
IDENTITY_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://ictspace.caricom/stix/identity")


def _post_namespace() -> uuid.UUID:
    """Posts are numbered per instance: the instance's own address keeps their ids apart."""
    return uuid.uuid5(uuid.NAMESPACE_URL, settings.SITE_URL.rstrip("/") + "/stix/posts")


def post_object_id(stix_type: str, post_id: int, *parts: str) -> str:
    """`incident--<uuid5>` for the post itself, or for one of its parts (an observable)."""
    name = ":".join([str(post_id), *map(str, parts)])
    return f"{stix_type}--{uuid.uuid5(_post_namespace(), name)}"


def identity_id(kind: str, code: str) -> str:
    return f"identity--{uuid.uuid5(IDENTITY_NAMESPACE, f'{kind}:{code}')}"


def bundle_id(objects) -> str:
    """The same objects in the same versions give the same bundle id."""
    versions = ",".join(f"{o['id']}@{o.get('modified', '')}" for o in objects)
    return f"bundle--{uuid.uuid5(_post_namespace(), versions)}"
