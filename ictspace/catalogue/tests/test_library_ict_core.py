"""The core ICT indicators library (ictspace/libraries/ict-core-indicators.yaml) as loaded.

The expected values restate the publications named in the file's comments (ITU, SDG
metadata, World Bank); they are not read back from the YAML.
"""

from collections import Counter
from decimal import Decimal

import pytest

from ictspace import access
from ictspace.catalogue.actions import do_load_library_file
from ictspace.catalogue.exports import export_json, export_yaml, library_as_dict
from ictspace.catalogue.models import Indicator, Item, Library, LibraryVersion
from ictspace.catalogue.tests.contract import children, titles
from ictspace.indicators.values import Spec, parse_disaggregation, parse_value

pytestmark = pytest.mark.django_db

SLUG = "ict-core-indicators"
ADMINISTRATIVE = [
    "fixed-telephone-subs",
    "mobile-cellular-subs",
    "fixed-broadband-subs",
    "active-mobile-broadband-subs",
    "intl-bandwidth-per-user",
    "pop-covered-mobile",
    "pop-covered-3g",
    "pop-covered-4g",
    "fixed-broadband-basket",
    "mobile-broadband-basket",
]
HOUSEHOLD = ["hh-computer", "hh-internet"]
INDIVIDUAL = ["ind-computer", "ind-internet", "HH15", "HH18"]


@pytest.fixture
def core(loaded_libraries):
    return library_as_dict(SLUG)


@pytest.fixture
def ind(core):
    """code → the indicator's exported definition."""
    return {i["code"]: i for item in core["items"] for i in item.get("indicators", [])}


# --------------------------------------------------------------------------- header


def test_header(core):
    assert core["slug"] == SLUG
    assert core["version"] == 1
    assert core["source"]["url"] == (
        "http://www.itu.int/en/ITU-D/Statistics/Pages/coreindicators/default.aspx"
    )
    assert "file" not in core["source"]
    assert core["publishers"] == ["ITU"]
    assert "scales" not in core  # measured, not given a status


# --------------------------------------------------------------------------- structure


def test_counts_per_kind(core):
    assert Counter(item["kind"] for item in core["items"]) == {
        "indicator_group": 2,
        "indicator": 16,
    }


def test_groups_and_their_indicators(core):
    assert titles(children(core, None)) == [
        "ICT infrastructure and access",
        "Access and use of ICT by households and individuals",
    ]
    assert [item["ref"] for item in children(core, "A", "indicator")] == ADMINISTRATIVE
    assert [item["ref"] for item in children(core, "HH", "indicator")] == HOUSEHOLD + INDIVIDUAL


def test_one_indicator_per_item_with_its_code_and_name(core, ind):
    assert len(ind) == 16
    for item in core["items"]:
        if item["kind"] == "indicator_group":
            assert "indicators" not in item
            continue
        (only,) = item["indicators"]
        assert (only["code"], only["name"]) == (item["ref"], item["title"])


def test_nothing_is_assessable(core):
    assert not any(item.get("assessable") for item in core["items"])
    assert not Item.objects.filter(library__slug=SLUG, assessable=True).exists()


def test_official_codes_only_where_confirmed(ind):
    # HH15 and HH18 are named by ITU's Expert Group on ICT Household Indicators; the rest
    # carry this library's lower-case codes until an official code is confirmed.
    assert sorted(code for code in ind if code != code.lower()) == ["HH15", "HH18"]
    unconfirmed = [i for code, i in ind.items() if code == code.lower()]
    assert all("code not confirmed" in i["note"] for i in unconfirmed)


# --------------------------------------------------------------------------- value rules


def test_every_percent_runs_from_0_to_100(ind):
    percents = {code for code, i in ind.items() if i["unit"] == "percent"}
    assert percents == {"pop-covered-mobile", "pop-covered-3g", "pop-covered-4g"} | set(
        HOUSEHOLD + INDIVIDUAL
    )
    assert all((ind[code]["min"], ind[code]["max"]) == (0, 100) for code in percents)


def test_rates_that_can_pass_100_are_numbers_without_a_maximum(ind):
    # subscriptions count subscriptions, not people; baskets can cost more than a month's GNI
    for code in ["mobile-cellular-subs", "active-mobile-broadband-subs", "fixed-broadband-basket"]:
        assert ind[code]["unit"] == "number"
        assert ind[code]["min"] == 0
        assert "max" not in ind[code]


def test_price_baskets_are_lower_is_better(ind):
    baskets = {code for code, i in ind.items() if i["direction"] == "decrease"}
    assert baskets == {"fixed-broadband-basket", "mobile-broadband-basket"}
    for code in baskets:
        assert ind[code]["unit_label"] == "% of monthly GNI per capita"
    assert all(i["direction"] == "increase" for code, i in ind.items() if code not in baskets)


def test_disaggregations(ind):
    assert all("disaggregations" not in ind[code] for code in ADMINISTRATIVE)
    assert all(ind[code]["disaggregations"] == ["area"] for code in HOUSEHOLD)
    assert all(ind[code]["disaggregations"] == ["sex", "age", "area"] for code in INDIVIDUAL)


def test_no_ordinal_yes_no_or_currency_indicator(ind):
    # the core list's access and use indicators are rates, proportions and prices relative
    # to income: nothing to invent levels, a yes/no or a currency for
    assert {i["unit"] for i in ind.values()} == {"number", "percent"}
    assert not any("levels" in i or "currency" in i for i in ind.values())


# --------------------------------------------------------------------------- spot facts


def test_fixed_telephone(ind):
    fixed = ind["fixed-telephone-subs"]
    assert fixed["unit_label"] == "per 100 inhabitants"
    assert "voice-over-IP (VoIP) subscriptions" in fixed["definition"]
    assert "divided by the population and multiplied by 100" in fixed["definition"]
    assert "indicator 1.3 (i112)" in fixed["source"]  # ITU Handbook 2020


def test_mobile_cellular(ind):
    mobile = ind["mobile-cellular-subs"]
    assert mobile["unit_label"] == "per 100 inhabitants"
    assert "used during the last three months" in mobile["definition"]
    assert "excludes subscriptions via data cards or USB modems" in mobile["definition"]


def test_fixed_broadband(ind):
    broadband = ind["fixed-broadband-subs"]
    assert "equal to, or greater than, 256 kbit/s" in broadband["definition"]
    assert "IT.NET.BBND.P2" in broadband["source"]


def test_active_mobile_broadband_has_no_definition_we_could_not_retrieve(ind):
    mobile_broadband = ind["active-mobile-broadband-subs"]
    assert "definition" not in mobile_broadband
    assert "indicator 2.3 (i271mw)" in mobile_broadband["source"]


def test_international_bandwidth(ind):
    bandwidth = ind["intl-bandwidth-per-user"]
    assert bandwidth["unit"] == "number"
    assert bandwidth["unit_label"] == "bit/s per Internet user"
    assert "dividing the amount of bandwidth (in bits/second)" in bandwidth["definition"]


def test_mobile_network_coverage(ind):
    assert ind["pop-covered-mobile"]["name"] == (
        "Percentage of the population covered by a mobile-cellular network"
    )
    assert ind["pop-covered-4g"]["name"] == (
        "Percentage of the population covered by at least a 4G/LTE mobile network"
    )
    assert (
        "irrespective of whether or not they are mobile phone subscribers"
        in (ind["pop-covered-3g"]["definition"])
    )
    assert "9.c.1" in ind["pop-covered-3g"]["source"]


def test_households(ind):
    computer = ind["hh-computer"]
    assert computer["unit_label"] == "% of households"
    assert "a laptop (portable) computer or a tablet" in computer["definition"]
    assert ind["hh-internet"]["name"] == "Proportion of households with Internet access at home"


def test_individuals_using_the_internet(ind):
    internet = ind["ind-internet"]
    assert internet["unit_label"] == "% of individuals"
    assert "from any location in the last three months" in internet["definition"]
    assert "17.8.1" in internet["source"]


def test_ict_skills_and_mobile_phone_ownership(ind):
    assert ind["HH15"]["name"] == "Individuals with ICT skills, by type of skills"
    assert "ICT-related activities in the last 3 months" in ind["HH15"]["definition"]
    assert ind["HH18"]["name"] == "Proportion of individuals who own a mobile phone"
    assert "at least one active SIM card for personal use" in ind["HH18"]["definition"]


# --------------------------------------------------------------------------- in use


def test_the_definitions_drive_value_checks(loaded_libraries):
    def spec(code):
        return Spec.of(Indicator.objects.get(library__slug=SLUG, code=code))

    with pytest.raises(ValueError, match="above the largest valid value"):
        parse_value(spec("ind-internet"), "101")
    assert parse_value(spec("mobile-cellular-subs"), "131.4")[0] == Decimal("131.4")
    assert parse_disaggregation(spec("HH18"), "sex=F; age=15-24") == "age=15-24;sex=female"
    with pytest.raises(ValueError, match="not broken down by sex"):
        parse_disaggregation(spec("fixed-telephone-subs"), "sex=female")


# --------------------------------------------------------------------------- round trip


def test_export_load_export_is_byte_identical(loaded_libraries, tmp_path):
    first = export_json(SLUG)
    library = Library.objects.get(slug=SLUG)
    assert library_as_dict(SLUG) == LibraryVersion.objects.get(library=library).content
    Item.objects.filter(library=library).update(parent=None)
    library.indicators.all().delete()
    Item.objects.filter(library=library).delete()
    library.delete()
    exported = tmp_path / f"{SLUG}.json"
    exported.write_bytes(first)
    assert do_load_library_file(exported, acting_user=access.SYSTEM).status == "created"
    assert export_json(SLUG) == first
    yaml_file = tmp_path / f"{SLUG}.yaml"
    yaml_file.write_bytes(export_yaml(SLUG))
    assert do_load_library_file(yaml_file, acting_user=access.SYSTEM).status == "unchanged"
