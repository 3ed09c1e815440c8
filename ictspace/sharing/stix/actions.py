"""STIX downloads: checked like the pages and audited, since TLP-marked data leaves here."""

import stix2
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ictspace import access
from ictspace.audit.log import record
from ictspace.sharing.models import Post
from ictspace.sharing.stix.convert import bundle_of
from ictspace.sharing.stix.selectors import exportable, posts_for_stix


@transaction.atomic
def do_export_post_stix(post: Post, *, acting_user) -> stix2.Bundle:
    """One post's bundle, for a reader of the post."""
    visible = access.posts_visible_to(acting_user).filter(pk=post.pk)
    if not visible.exists():
        raise PermissionDenied
    bundle = bundle_of(exportable(visible))
    record(
        actor=acting_user,
        action="export_stix",
        obj=post,
        changes={"label": [None, post.label], "objects": [None, len(bundle.objects)]},
    )
    return bundle


@transaction.atomic
def do_export_posts_stix(*, acting_user) -> stix2.Bundle:
    """Every post the user reads, in one bundle."""
    if not access.can_export_posts(acting_user):
        raise PermissionDenied
    posts = list(posts_for_stix(acting_user))
    bundle = bundle_of(posts)
    # The audit names the posts that left: an export is read once, then lives elsewhere.
    record(
        actor=acting_user,
        action="export_stix",
        obj=acting_user,
        changes={"posts": [None, [post.pk for post in posts]]},
    )
    return bundle
