"""Placeholder while this module is being written; replaced before it lands."""

from django.http import Http404


def imports(request, **kwargs):
    raise Http404


def template(request, **kwargs):
    raise Http404


def import_detail(request, **kwargs):
    raise Http404


def import_progress(request, **kwargs):
    raise Http404


def import_apply(request, **kwargs):
    raise Http404


def import_discard(request, **kwargs):
    raise Http404


def export(request, **kwargs):
    raise Http404
