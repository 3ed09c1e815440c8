"""The Integrated Work Plan for the CARICOM Single ICT Space (single-ict-space-iwp-2017).

Expected values are taken from the source document, shared/seeds/000_eda2d38509e35120.txt
(line numbers of that file in the comments), not from the library file.
"""

from collections import Counter

import pytest

from ictspace.catalogue.exports import library_as_dict

pytestmark = pytest.mark.django_db

SLUG = "single-ict-space-iwp-2017"


@pytest.fixture
def iwp(loaded_libraries):
    return library_as_dict(SLUG)


@pytest.fixture
def items(iwp):
    by_ref = {item["ref"]: item for item in iwp["items"]}
    assert len(by_ref) == len(iwp["items"]), "refs must be unique"
    return by_ref


def test_header(iwp):
    assert iwp["slug"] == SLUG
    assert iwp["version"] == 2
    assert iwp["title"] == "Integrated Work Plan for the CARICOM Single ICT Space"


def test_counts_per_kind(iwp):
    kinds = Counter(item["kind"] for item in iwp["items"])
    # 9 numbered components; 5 cells in the ACTIVITIES column (components 1, 2, 3, 7, 9);
    # 65 rows in the SPECIFIC ACTIVITIES column (11 + 4 + 9 + 10 + 4 + 5 + 14 + 2 + 6);
    # one section (Acknowledgements).
    assert kinds["component"] == 9
    assert kinds["activity"] == 5
    assert kinds["specific_activity"] == 65
    assert kinds["section"] == 1
    assert sum(kinds.values()) == 80


def test_components_and_budgets(items):
    assert [items[str(n)]["kind"] for n in range(1, 10)] == ["component"] * 9
    # lines 25, 42, 59, 79, 101, 111, 117, 161, 170
    expected = {
        "1": {"text": "1.5 million", "min_usd": 1500000, "max_usd": 1500000},
        "2": {"text": "2M", "min_usd": 2000000, "max_usd": 2000000},
        "3": {
            "text": "7 -10 M (Combined funding including MS))",
            "min_usd": 7000000,
            "max_usd": 10000000,
        },
        "4": {"text": "5 M", "min_usd": 5000000, "max_usd": 5000000},
        "5": {"text": "To be determined"},
        "6": {"text": "2M", "min_usd": 2000000, "max_usd": 2000000},
        "7": {"text": "5.0M", "min_usd": 5000000, "max_usd": 5000000},
        "8": {"text": "0.5 M", "min_usd": 500000, "max_usd": 500000},
        "9": {"text": "0.5M", "min_usd": 500000, "max_usd": 500000},
    }
    for ref, budget in expected.items():
        assert items[ref]["budget"] == budget, ref
    assert "min_usd" not in items["5"]["budget"]
    assert "max_usd" not in items["5"]["budget"]
    assert sum(items[r]["budget"].get("min_usd", 0) for r in expected) == 23_500_000
    assert sum(items[r]["budget"].get("max_usd", 0) for r in expected) == 26_500_000


def test_total_budget(iwp):
    # line 183: FUNDING PROPOSED FOR PROGRAMME ... TOTAL US$ 23.5M - 26.5M
    attributes = iwp["attributes"]
    assert attributes["total_budget_text"] == "TOTAL US$ 23.5M - 26.5M"
    assert str(attributes["total_budget_min_usd"]) == "23500000"
    assert str(attributes["total_budget_max_usd"]) == "26500000"


def test_titles_reassembled_across_page_breaks(items):
    # lines 42 + 48, 117 + 123, 161 + 167, 174 + 180, 143 + 149
    assert items["2"]["title"] == "Regionally Harmonised Policy, Regulatory and Legislative Regimes"
    assert items["7"]["title"] == (
        "Public Awareness, education and skill development/ Bringing technology to the People"
    )
    assert items["8"]["title"] == "Developing the Digital Agenda 2025"
    assert items["9.1.4"]["title"] == (
        "Information access, sharing, exchange, and data analytics in support of joined-up ICT Services"
    )
    assert items["7.1.9"]["title"].endswith("Community Council Working Group (CCWG)")


def test_tree(items):
    assert items["1"]["parent"] is None
    assert items["1.1"]["parent"] == "1"
    assert items["1.1"]["title"] == "Identification of Gaps and analyses"
    assert items["1.1.11"]["parent"] == "1.1"
    assert items["3.1"]["title"] == (
        "Modernisation of Government Communications Networks (GovNets) and service delivery"
    )
    # components 4, 5, 6 and 8 have no ACTIVITIES cell: their rows hang on the component
    assert items["4.1"]["parent"] == "4"
    assert items["4.1"]["kind"] == "specific_activity"
    assert items["6.3"]["parent"] == "6"
    assert items["9.1.2"]["parent"] == "9.1"
    assert items["9.1.2"]["title"] == "Development of a risk register"
    assert items["9.1.3"]["title"] == "Progress reports on Single ICT space (every six months)"


def test_specific_activities_are_assessable(iwp):
    for item in iwp["items"]:
        if item["kind"] == "specific_activity":
            assert item.get("assessable") is True, item["ref"]
        if item["kind"] in ("component", "activity", "section"):
            assert not item.get("assessable"), item["ref"]


def test_leads_and_partners(items):
    # line 26: CTU CARICAD CBU CARICOM IMPACS ITU Technical assistance
    assert items["1.1.1"]["leads"] == ["CTU", "CARICAD", "CBU", "IMPACS"]
    assert items["1.1.1"]["partners"] == ["ITU"]
    # line 51: Legal Affairs Committee (LAC) Member States
    assert items["2.1.3"]["leads"] == ["LAC"]
    assert items["2.1.3"]["partners"] == ["Member States"]
    # lines 52 + 58: CROSQ ICT Cluster ITU National Standards / Bureau
    assert items["2.1.4"]["leads"] == ["CROSQ", "ICT-CLUSTER"]
    assert items["2.1.4"]["partners"] == ["ITU", "National Standards Bureau"]
    # line 116: CARICOM IMPACS, CTU Governments
    assert items["6.5"]["leads"] == ["IMPACS", "CTU"]
    assert items["6.5"]["partners"] == ["Governments"]
    # line 160: CARICAD UNCTAD UN CESO CUSO
    assert items["7.1.14"]["partners"] == ["UNCTAD", "UN", "CESO", "CUSO"]
    # line 38: no lead named
    assert "leads" not in items["1.1.8"]


def test_due_dates_with_precision(items):
    assert items["1.1.1"]["due"] == {
        "text": "June 30, 2018",
        "value": "2018-06-30",
        "precision": "day",
    }
    assert items["1.1.5"]["due"] == {"text": "March 2018", "value": "2018-03", "precision": "month"}
    assert items["4.3"]["due"] == {"text": "June 2022", "value": "2022-06", "precision": "month"}
    assert items["8.2"]["due"] == {
        "text": "December 2020",
        "value": "2020-12",
        "precision": "month",
    }
    # line 91: no completion date
    assert "due" not in items["4.6"]


def test_phases(items):
    assert items["1.1.9"]["phases"] == ["1", "2"]  # line 39: 1-2
    assert items["4.6"]["phases"] == ["2", "3", "4"]  # line 91: 2-4
    assert items["9.1.1"]["phases"] == ["1", "2", "3", "4"]  # line 171: 1-4
    assert items["2.1.3"]["phases"] == ["3"]
    assert "phases" not in items["1.1.7"]  # line 37: empty


def test_member_state_projects(items):
    # line 68: IXPs
    ixp = items["3.1.4"]
    assert ixp["title"] == "Implement Internet Exchange Points (IXP) in remaining CARICOM States"
    assert ixp["status_text"] == "BAR, BEL, DOM, JAM, T&T, BVI Completed"
    assert ixp["jurisdictions"] == ["BB", "BZ", "DM", "JM", "TT", "VG"]
    # line 67: LAN/ WAN: BDOS SLU GND SVG ALL?
    assert sorted(items["3.1.3"]["jurisdictions"]) == ["BB", "GD", "LC", "VC"]
    # line 72
    assert items["3.1.8"]["status_text"] == "Broadband (DOM, SUR ICT Strategy (SVG, T&T)"
    assert sorted(items["3.1.8"]["jurisdictions"]) == ["DM", "SR", "TT", "VC"]
    # line 115: DOM is Dominica, not the Dominican Republic
    assert items["6.4"]["title"] == "National Cyber-security Plans"
    assert items["6.4"]["jurisdictions"] == ["DM"]
    assert items["6.3"]["jurisdictions"] == ["TT"]
    # line 151
    assert sorted(items["7.1.11"]["jurisdictions"]) == ["LC", "TT", "VC"]


def test_status_texts(items):
    assert items["2.1.1"]["status_text"] == "HIPCAR - EGRIP - OECS (3-4 pieces in force)"
    assert items["4.5"]["status_text"] == "Previous E-Gov't Strategy exists."
    assert items["4.10"]["status_text"] == "In progress (studies)"
    # lines 81 + 87: the cell continues on the next page; the date and phase were shifted
    assert items["4.2"]["status_text"] == (
        "Electronic Filing of Taxes (personal) Taxes (corporate); Housing Plans Immigration "
        "appointments Customs applications importers and exporters"
    )
    assert items["4.2"]["due"]["value"] == "2019-12"
    assert items["4.2"]["phases"] == ["2"]
    assert items["9.1.6"]["status_text"] == (
        "CARICOM Specific ICT Indicators Project \u2013 140 Indictors already identified. "
        "Action Plan for Statistics approved by Heads of Government"
    )
    assert "<" not in "".join(item.get("status_text", "") for item in items.values())


def test_mappings_point_at_existing_items(iwp, items):
    for mapping in iwp.get("mappings", []):
        assert mapping["from"] in items, mapping
        assert mapping["relation"] in ("related", "implements", "part_of"), mapping
        assert mapping["rationale"], mapping
        slug, _, ref = mapping["to"].partition(":")
        target = {item["ref"] for item in library_as_dict(slug)["items"]}
        assert ref in target, mapping


def test_cert_activity_maps_to_ccscap_need(iwp):
    pairs = {(m["from"], m["to"], m["relation"]) for m in iwp["mappings"]}
    assert ("6.3", "ccscap-2016:need-5.1", "implements") in pairs
    assert ("6.4", "ccscap-2016:need-4.1", "implements") in pairs
    assert ("2.1.1", "caricom-cyber-profile-2020:hipcar-texts", "implements") in pairs
