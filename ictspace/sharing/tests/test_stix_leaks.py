"""The STIX and TAXII rows of the TLP leak matrix, generated from the same rule table.

The world (every viewer, every label × audience) and the expected readers of each post
come from sharing's leak matrix (`tlp.may_read`); this file only adds the channels: the
STIX download of one post, the STIX download of the list, and TAXII.
"""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from ictspace.sharing.stix.convert import MAIN_TYPE
from ictspace.sharing.stix.ids import post_object_id
from ictspace.sharing.taxii.collections import COLLECTIONS
from ictspace.sharing.tests.test_tlp_leaks import world  # noqa: F401 (the shared fixture)
from ictspace.tokens.models import ApiToken
from ictspace.tokens.secrets import digest, new_secret

CHANNELS = ["stix-post", "stix-list", "taxii"]


def _main_ids(built) -> dict[str, int]:
    return {post_object_id(MAIN_TYPE[p.kind], p.pk): p.pk for p in built["posts"]}


def _token(user) -> str:
    """A token row as do_create_token makes it; the role-less viewer may no longer make one."""
    secret = new_secret()
    ApiToken.objects.create(
        user=user,
        name="leaks",
        prefix=secret[:12],
        digest=digest(secret),
        scope="read",
        created_at=timezone.now(),
    )
    return secret


def _seen_one_by_one(built, client) -> dict:
    seen = {post.pk: set() for post in built["posts"]}
    for user, _reader, name, _named in built["viewers"]:
        client.force_login(user)
        for post in built["posts"]:
            status = client.get(reverse("stix:export_post", args=[post.pk])).status_code
            assert status in (200, 404), (name, post.title, status)
            if status == 200:
                seen[post.pk].add(name)
    return seen


def _seen_in_documents(built, client, channel) -> dict:
    """Which posts' main objects each viewer's list download or TAXII collection holds."""
    mains, seen = _main_ids(built), {post.pk: set() for post in built["posts"]}
    objects_url = reverse("taxii:objects", args=[COLLECTIONS[0].id]) + "?limit=1000"
    for user, _reader, name, _named in built["viewers"]:
        if channel == "taxii":
            client.logout()
            headers = {"Authorization": f"Bearer {_token(user)}"}
            response = client.get(objects_url, headers=headers)
        else:
            client.force_login(user)
            response = client.get(reverse("stix:export_list"))
        assert response.status_code == 200, (name, channel, response.status_code)
        for obj in json.loads(response.content).get("objects", []):
            if obj["id"] in mains:
                seen[mains[obj["id"]]].add(name)
    return seen


@pytest.mark.parametrize("channel", CHANNELS)
def test_stix_and_taxii_show_exactly_what_the_rule_table_allows(world, channel, client):  # noqa: F811
    if channel == "stix-post":
        seen = _seen_one_by_one(world, client)
    else:
        seen = _seen_in_documents(world, client, channel)
    titles = {post.pk: post.title for post in world["posts"]}
    wrong = {
        titles[pk]: {
            "leaked to": sorted(seen[pk] - world["expected"][pk]),
            "hidden from": sorted(world["expected"][pk] - seen[pk]),
        }
        for pk in seen
        if seen[pk] != world["expected"][pk]
    }
    assert wrong == {}
