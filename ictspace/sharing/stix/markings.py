"""TLP 2.0 as the OASIS marking-definition objects, with their standard ids.

The ids, names and `created` stamp are those of the OASIS TLP 2.0 extension
(oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0): every
STIX consumer recognises them, so they must never be minted here.
"""

import stix2

TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
CREATED = "2022-10-01T00:00:00.000Z"

# label (as stored on a post) → (standard id, name)
TLP2_IDS = {
    "clear": ("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR"),
    "green": ("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN"),
    "amber": ("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER"),
    "amber+strict": (
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        "TLP:AMBER+STRICT",
    ),
    "red": ("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED"),
}


def _definition(label: str) -> stix2.MarkingDefinition:
    marking_id, name = TLP2_IDS[label]
    return stix2.MarkingDefinition(
        id=marking_id,
        created=CREATED,
        name=name,
        extensions={
            TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": label},
        },
    )


TLP2_MARKINGS = {label: _definition(label) for label in TLP2_IDS}


def marking_for(label: str) -> stix2.MarkingDefinition:
    """The marking-definition of a post's label ("amber+strict", "red", ...)."""
    return TLP2_MARKINGS[normalise(label)]


def normalise(label: str) -> str:
    """A label as the OASIS extension spells it, whatever separator the model uses."""
    return str(label).strip().lower().replace("tlp:", "").replace("_", "+").replace(" ", "+")
