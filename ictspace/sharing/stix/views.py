"""STIX 2.1 downloads of one post or of every post the user reads."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from ictspace.sharing.models import Post
from ictspace.sharing.stix import actions
from ictspace.sharing.taxii.responses import STIX


def _download(bundle, filename: str) -> HttpResponse:
    response = HttpResponse(bundle.serialize(pretty=True), content_type=STIX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def export_post(request, pk):
    # A post the user may not read answers 404 from the action, like a missing one.
    bundle = actions.do_export_post_stix(get_object_or_404(Post, pk=pk), acting_user=request.user)
    return _download(bundle, f"post-{pk}.stix.json")


@login_required
@require_safe
def export_list(request):
    bundle = actions.do_export_posts_stix(acting_user=request.user)
    return _download(bundle, "shared-posts.stix.json")
