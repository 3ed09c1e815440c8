"""E-mail to a post's readers once it is committed; the subject carries the TLP label."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.sharing.models import Post
from ictspace.sharing.tlp import LINK_ONLY_IN_EMAIL


def post_url(post: Post) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("sharing:detail", args=[post.pk])


def message(post: Post) -> tuple[str, str]:
    """Subject and body; RED and AMBER+STRICT bodies stay on the platform (a link only)."""
    values = {
        "label": post.get_label_display(),
        "kind": post.get_kind_display(),
        "title": post.title,
        "origin": post.jurisdiction.name,
        "url": post_url(post),
    }
    subject = _("[%(label)s] %(kind)s from %(origin)s: %(title)s") % values
    if post.label in LINK_ONLY_IN_EMAIL:
        body = _(
            "A %(label)s post was shared with you. Under this label its content is not sent "
            "by e-mail; read it on the platform:\n%(url)s\n"
        )
    else:
        values["body"] = post.body
        body = _(
            "%(label)s — share only as this label allows.\n\n%(title)s\n\n%(body)s\n\n"
            "Read it, its attachments and comments on the platform:\n%(url)s\n"
        )
    return subject, body % values


def notify_readers(post_id: int) -> int:
    """One e-mail to every reader but the author; how many went. Runs after the commit."""
    post = Post.objects.select_related("jurisdiction").get(pk=post_id)
    subject, body = message(post)
    readers = (
        access.post_readers(post)
        .filter(is_active=True)
        .exclude(pk=post.author_id)
        .exclude(email="")
        .order_by("pk")
    )
    sent = 0
    for email in readers.values_list("email", flat=True).iterator():
        sent += send_mail(subject, body, None, [email])
    return sent
