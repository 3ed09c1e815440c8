"""Which organisation receives a jurisdiction's reports: its own designation, else its region's."""

from ictspace.directory.models import Designation

PURPOSE = Designation.Purpose.PUBLIC_REPORTS


def recipient_for(jurisdiction):
    """The designated organisation, walking up to the region; None when nobody is designated."""
    chain = [jurisdiction.pk]
    if jurisdiction.parent_id:
        chain.append(jurisdiction.parent_id)
    designations = Designation.objects.filter(purpose=PURPOSE, jurisdiction_id__in=chain)
    by_jurisdiction = {d.jurisdiction_id: d for d in designations.select_related("organisation")}
    for pk in chain:
        if pk in by_jurisdiction:
            return by_jurisdiction[pk].organisation
    return None
