"""Placeholder while this module is being written; replaced before it lands."""

from django.http import Http404


def indicator_list(request, **kwargs):
    raise Http404


def review_queue(request, **kwargs):
    raise Http404


def observation_detail(request, **kwargs):
    raise Http404


def observation_review(request, **kwargs):
    raise Http404


def import_review(request, **kwargs):
    raise Http404


def indicator_detail(request, **kwargs):
    raise Http404


def series(request, **kwargs):
    raise Http404


def observation_new(request, **kwargs):
    raise Http404


def target_set(request, **kwargs):
    raise Http404
