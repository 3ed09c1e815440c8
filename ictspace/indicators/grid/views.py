"""The grid entry page: one jurisdiction × one period × a library section's indicators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from ictspace import access
from ictspace.indicators import actions, selectors
from ictspace.indicators.grid.forms import CellFormSet, Row, ScopeForm, SourceForm
from ictspace.indicators.values import Spec
from ictspace.review.confirm import Confirmation, asks_confirmation, confirmation_page, posted_again

DEFAULT_LIBRARY = "ict-core-indicators"


def _scope(request) -> ScopeForm:
    """The GET form, completed with defaults: the core library, its first section, last year."""
    libraries = list(selectors.libraries_with_indicators(access.libraries_visible_to(request.user)))
    access.require(bool(libraries))
    by_slug = {lib.slug: lib for lib in libraries}
    wanted = request.GET.get("library", "")
    library = by_slug.get(wanted) or by_slug.get(DEFAULT_LIBRARY) or libraries[0]
    sections = selectors.sections_of(library)
    data = {
        "library": library.slug,
        # A section of another library (the library just changed) falls back to the first.
        "section": request.GET.get("section", "")
        if request.GET.get("section") in {s.ref for s in sections}
        else (sections[0].ref if sections else ""),
        "period": request.GET.get("period") or str(timezone.localdate().year - 1),
    }
    return ScopeForm(data, libraries=libraries, sections=sections)


def _rows(jurisdiction, section, period) -> list[Row]:
    previous = selectors.previous_values(jurisdiction, section.indicators, period)
    return [Row(i, Spec.of(i), previous.get(i.pk, "")) for i in section.indicators]


@login_required
def grid_entry(request, jcode: str):
    jurisdiction = access.get_jurisdiction(request.user, jcode)
    access.require(access.can_submit_observations(request.user, jurisdiction))
    scope = _scope(request)
    context = {"jurisdiction": jurisdiction, "scope": scope, "cells": None}
    if not scope.is_valid():
        return render(request, "indicators/grid.html", context, status=400)
    section, period = scope.cleaned_data["section"], scope.cleaned_data["period"]
    data = request.POST if request.method == "POST" else None
    cells = CellFormSet(data, rows=_rows(jurisdiction, section, period), prefix="cells")
    source = SourceForm(data)
    context.update(cells=cells, source=source, section=section, period=period)
    checked = data is not None and cells.is_valid() and source.is_valid()
    if checked and asks_confirmation(request):
        return confirmation_page(request, _confirmation(request, jurisdiction, period, cells))
    if checked and _submit(request, jurisdiction, period, cells, source):
        return redirect(request.get_full_path())
    context["faults"] = cell_errors(cells) if data is not None else []
    status = 400 if data is not None else 200
    return render(request, "indicators/grid.html", context, status=status)


def _confirmation(request, jurisdiction, period, cells) -> Confirmation:
    typed = [
        (f.row.indicator.name, f.cleaned_data["value"])
        for f in cells
        if f.cleaned_data.get("value")
    ]
    return Confirmation(
        title=ngettext(
            "Submit %(n)d value for validation?", "Submit %(n)d values for validation?", len(typed)
        )
        % {"n": len(typed)},
        consequence=gettext(
            "%(place)s, %(period)s: the values are submitted together, or none of them if one"
            " is refused. The RCC chair or the Secretariat reviews them; they count once"
            " validated, and a correction is a new value."
        )
        % {"place": jurisdiction.name, "period": period.code},
        button=gettext("Submit for validation"),
        back_url=request.get_full_path(),
        facts=typed,
        fields=posted_again(request),
    )


def _submit(request, jurisdiction, period, cells, source) -> bool:
    """All cells through the one action; a refusal is put on the cell it names."""
    values = {form.row.indicator: form.cleaned_data.get("value") or "" for form in cells}
    try:
        saved = actions.do_submit_grid(
            jurisdiction=jurisdiction,
            period=period.code,
            values=values,
            acting_user=request.user,
            **source.cleaned_data,
        )
    except ValidationError as error:
        by_code = cells.by_code()
        if not hasattr(error, "error_dict"):
            source.add_error(None, error)
            return False
        for code, problems in error.message_dict.items():
            by_code[code].add_error("value", problems)
        return False
    messages.success(
        request,
        ngettext(
            "%(n)d value submitted for validation; nothing else was changed.",
            "%(n)d values submitted for validation together.",
            len(saved),
        )
        % {"n": len(saved)},
    )
    return True


def cell_errors(cells) -> list:
    """(indicator, problems) for every cell at fault, in the grid's order."""
    return [(f.row.indicator, f.errors.get("value", [])) for f in cells if f.errors]
