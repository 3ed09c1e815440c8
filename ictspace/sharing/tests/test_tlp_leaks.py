"""The TLP leak matrix, generated from the rule table in sharing/tlp.py.

Every role × own/named/other jurisdiction × in/outside the recipient organisation ×
named/not named person, against every label × every audience, on every channel: list,
search, detail page, attachment download, comments, e-mail. The expected answer of each
cell is `tlp.may_read`; nothing here is written case by case.
"""

import hashlib
from itertools import product

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from ictspace import access
from ictspace.accounts.models import Role, RoleGrant, User
from ictspace.directory.models import Jurisdiction, Organisation, Person
from ictspace.sharing import notify, selectors
from ictspace.sharing.models import Attachment
from ictspace.sharing.tests.factories import CommentFactory, PostFactory
from ictspace.sharing.tlp import Audience, Label, PostFacts, Reader, may_read

ORIGIN, NAMED, OTHER = "BB", "JM", "TT"
RECIPIENT_ORG, OTHER_ORG = "CTU", "CARICOM-SEC"
PDF = b"%PDF-1.4\n%%EOF\n"
CHANNELS = ["list", "search", "detail", "attachment", "comment", "email"]


def _combinations():
    for label, audience in product(Label, Audience):
        if audience == Audience.PUBLIC and label != Label.CLEAR:
            continue  # refused by the model (a database constraint)
        yield label, audience


def _reader(user, role, state, organisation) -> Reader:
    return Reader(
        signed_in=True,
        committee=role in access.COMMITTEE_ROLES,
        ncpoc_of=frozenset({state.pk}) if state else frozenset(),
        organisations=frozenset({organisation.pk}),
        user_id=user.pk,
    )


def _viewer(n, role, state, organisation):
    user = User.objects.create(email=f"viewer{n}@test.example", full_name=f"viewer {n}")
    if role == Role.NCPOC:
        RoleGrant.objects.create(user=user, role=role, jurisdiction=state)
    elif role == Role.FOCAL_POINT:
        RoleGrant.objects.create(user=user, role=role, organisation=organisation)
    elif role:
        RoleGrant.objects.create(user=user, role=role)
    TOTP.activate(user, generate_totp_secret())  # roles need a second factor to sign in
    if role != Role.FOCAL_POINT:  # a focal point's organisation is its seat's
        Person.objects.create(full_name=user.full_name, user=user, organisation=organisation)
    return user


def _viewers(states, orgs):
    """(user, Reader, name) for every cell of the matrix, plus a signed-in user with no role."""
    cells = []
    for role in [*Role.values, None]:
        places = ["origin", "named", "other"] if role == Role.NCPOC else [None]
        for place, in_org, named in product(places, (True, False), (True, False)):
            state = states[place] if place else None
            organisation = orgs[RECIPIENT_ORG] if in_org else orgs[OTHER_ORG]
            user = _viewer(len(cells), role, state, organisation)
            name = f"{role}/{place}/{'in' if in_org else 'out'}-org/{'named' if named else '-'}"
            cells.append((user, _reader(user, role, state, organisation), name, named))
    return cells


def _post(author, label, audience, states, orgs, named_people):
    post = PostFactory(
        author=author,
        jurisdiction=states["origin"],
        title=f"leak {label} {audience}",
        label=label,
        audience=audience,
        named_jurisdictions=[states["named"]] if audience == Audience.NAMED else [],
        recipient_organisations=[orgs[RECIPIENT_ORG]] if label == Label.AMBER_STRICT else [],
        recipients=named_people if label == Label.RED else [],
    )
    CommentFactory(post=post, body=f"comment on {post.title}")
    attachment = Attachment(
        post=post,
        original_name="notes.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
        added_by=author,
        added_at=post.created_at,
    )
    attachment.file.save("notes.pdf", ContentFile(PDF), save=False)
    attachment.save()
    return post


def _facts(post, orgs, named_people) -> PostFacts:
    return PostFacts(
        author_id=post.author_id,
        label=post.label,
        audience=post.audience,
        origin=post.jurisdiction_id,
        named=frozenset(j.pk for j in post.named_jurisdictions.all()),
        recipient_organisations=frozenset(o.pk for o in post.recipient_organisations.all()),
        recipients=frozenset(u.pk for u in post.recipients.all()),
    )


@pytest.fixture
def world(directory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    states = {
        place: Jurisdiction.objects.get(code=code)
        for place, code in (("origin", ORIGIN), ("named", NAMED), ("other", OTHER))
    }
    orgs = {code: Organisation.objects.get(code=code) for code in (RECIPIENT_ORG, OTHER_ORG)}
    author = _viewer("-author", Role.NCPOC, states["origin"], orgs[OTHER_ORG])
    viewers = _viewers(states, orgs)
    named_people = [user for user, _r, _n, named in viewers if named]
    posts = [
        _post(author, label, audience, states, orgs, named_people)
        for label, audience in _combinations()
    ]
    author_reader = _reader(author, Role.NCPOC, states["origin"], orgs[OTHER_ORG])
    viewers.append((author, author_reader, "author", False))
    expected = {
        post.pk: {
            name
            for user, reader, name, _named in viewers
            if may_read(reader, _facts(post, orgs, named_people))
        }
        for post in posts
    }
    return {"viewers": viewers, "posts": posts, "expected": expected}


def _seen_by_queryset(world, channel) -> dict:
    seen = {post.pk: set() for post in world["posts"]}
    for user, _reader, name, _named in world["viewers"]:
        if channel == "list":
            ids = access.posts_visible_to(user).values_list("pk", flat=True)
        elif channel == "search":
            ids = selectors.posts(user, q="leak").values_list("pk", flat=True)
        elif channel == "comment":
            ids = access.comments_visible_to(user).values_list("post_id", flat=True)
        for pk in ids:
            seen[pk].add(name)
    return seen


def _seen_over_http(world, channel, client) -> dict:
    seen = {post.pk: set() for post in world["posts"]}
    for user, _reader, name, _named in world["viewers"]:
        client.force_login(user)
        for post in world["posts"]:
            if channel == "detail":
                url = reverse("sharing:detail", args=[post.pk])
            else:
                url = reverse("sharing:attachment", args=[post.attachments.get().pk])
            status = client.get(url).status_code
            assert status in (200, 404), (name, post.title, status)
            if status == 200:
                seen[post.pk].add(name)
    return seen


def _seen_by_email(world) -> dict:
    names = {user.email: name for user, _reader, name, _named in world["viewers"]}
    seen = {}
    for post in world["posts"]:
        mail.outbox = []
        notify.notify_readers(post.pk)
        seen[post.pk] = {names[m.to[0]] for m in mail.outbox} | {"author"}
    return seen


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_shows_exactly_what_the_rule_table_allows(world, channel, client):
    if channel in ("detail", "attachment"):
        seen = _seen_over_http(world, channel, client)
    elif channel == "email":
        seen = _seen_by_email(world)
    else:
        seen = _seen_by_queryset(world, channel)
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


def test_the_matrix_is_not_trivial(world):
    """Every post is read by someone besides its author, and all but public ones hidden from some."""
    everyone = {name for _u, _r, name, _n in world["viewers"]}
    for post in world["posts"]:
        readers = world["expected"][post.pk]
        assert readers - {"author"}, post.title
        assert (everyone - readers) or post.audience == Audience.PUBLIC, post.title


def test_nobody_signed_out_reads_anything(world, client):
    """Anonymous visitors, no user at all and the platform's own work read no post."""
    from django.contrib.auth.models import AnonymousUser

    for nobody in (None, AnonymousUser(), access.SYSTEM):
        assert not access.posts_visible_to(nobody).exists()
        assert not access.comments_visible_to(nobody).exists()
        assert not access.attachments_visible_to(nobody).exists()
    post = world["posts"][0]
    response = client.get(reverse("sharing:detail", args=[post.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
