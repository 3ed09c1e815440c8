"""The Belize e-Government library (ictspace/libraries/belize-egov-2015.yaml) as loaded and exported.

Every expected value below was counted or copied from the source document,
shared/seeds/002_b14ebb457eddf16b.txt (line numbers in the comments), not from the YAML.
Parsed target fields (comparator, value, level, ...) are deliberately not asserted here.
"""

from collections import Counter

import pytest

from ictspace.catalogue.exports import library_as_dict
from ictspace.catalogue.tests.contract import by_ref, children, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def belize(loaded_libraries):
    return library_as_dict("belize-egov-2015")


def indicators(lib):
    return [(item["ref"], ind) for item in lib["items"] for ind in item.get("indicators", [])]


def indicator(lib, programme_ref, name):
    found = [ind for ind in by_ref(lib)[programme_ref].get("indicators", []) if ind["name"] == name]
    assert len(found) == 1, f"{name!r} on {programme_ref}: {len(found)} found"
    return found[0]


def targets(ind):
    return [(t["period"], t["text"]) for t in ind.get("targets", [])]


# --------------------------------------------------------------------------- header


def test_header(belize):
    assert belize["slug"] == "belize-egov-2015"
    assert belize["version"] == 2
    assert belize["source"]["file"] == "002_b14ebb457eddf16b.txt"
    # the action-plan chart (l. 606) runs YEAR 1 .. YEAR 5 then "2020": YEAR 1 is 2015
    assert belize["attributes"]["plan_start"] == "2015"
    assert belize["attributes"]["jurisdiction"] == "BZ"


def test_refs_and_indicator_codes_are_unique(belize):
    refs = [item["ref"] for item in belize["items"]]
    assert len(refs) == len(set(refs))
    codes = [ind["code"] for _ref, ind in indicators(belize)]
    assert len(codes) == len(set(codes))


# --------------------------------------------------------------------------- counts


def test_counts_per_kind(belize):
    kinds = Counter(item["kind"] for item in belize["items"])
    assert kinds["theme"] == 9  # seven strategic themes (l. 195-201) + 3.8 + 3.9
    assert kinds["principle"] == 5  # 2.2, l. 181-185
    # 3.1: 4, 3.2: 2, 3.3: 3, 3.4: 3, 3.5: 3, 3.6: 2, 3.7: 3, 3.8: 5, 3.9: 3
    assert kinds["programme"] == 28
    # 2.3.1 table (l. 206-214): 3 + 3 + 2 + 4 + 2 + 3 + 4; 3.10 for 3.8 and 3.9: 2 + 4
    assert kinds["objective"] == 27
    # "Outcomes and benefits" 3.1-3.8: 3 + 1 + 1 + 4 + 1 + 2 + 2 + 4 (a-d, l. 525-528);
    # 3.9 has none, so the 3.10 outcomes of Promote Change Management (5, l. 588, 591)
    assert kinds["outcome"] == 23
    assert kinds["mission_track"] == 3  # l. 170-175
    # Cabinet, IMC, Central IT Department, E-Government Champion, True North Group,
    # IT Networking & Security Forum, Round Table (3.8); Programme Office, BTO (3.9)
    assert kinds["body"] == 9
    # action-plan sub-stage rows: l. 593, 594, 596, 597, 611, 612, 663, 664
    assert kinds["activity"] == 8


def test_programmes_per_theme(belize):
    per_theme = {f"th-{n}": len(children(belize, f"th-{n}", "programme")) for n in range(1, 10)}
    assert per_theme == {
        "th-1": 4, "th-2": 2, "th-3": 3, "th-4": 3, "th-5": 3,
        "th-6": 2, "th-7": 3, "th-8": 5, "th-9": 3,
    }  # fmt: skip


def test_kpi_count(belize):
    # Section 5.0 has 72 KPI rows (l. 691-787, rows split by page breaks joined); two rows
    # hold more than one KPI: l. 694 (three) and l. 697 (two), giving 75 indicators.
    assert len(indicators(belize)) == 75
    per_programme = Counter(ref for ref, _ind in indicators(belize))
    assert per_programme["th-6.prog-1"] == 5  # MBPSN, l. 734-738
    assert per_programme["th-8.prog-1"] == 5  # Central IT Department, l. 759-763
    assert per_programme["th-9.prog-3"] == 4  # Communication Plan, l. 784-787
    assert "th-4.prog-2" not in per_programme  # no KPI for the Cabinet pilot


def test_every_programme_is_assessable(belize):
    programmes = [item for item in belize["items"] if item["kind"] == "programme"]
    assert programmes and all(item.get("assessable") is True for item in programmes)


# --------------------------------------------------------------------------- spot facts


def test_vision_and_mission(belize):
    items = by_ref(belize)
    assert items["vision"]["title"] == (
        "An Integrated, Collaborative Government Delivering Secure, Quality Public Services "
        "that Connect and Empower People"
    )  # l. 163-164
    assert titles(children(belize, "mission", "mission_track")) == [
        "Integrating For Greater Collaboration",
        "Collaborating For Better Service",
        "Serving People Through Quality Connections",
    ]  # l. 170-175


def test_guiding_principles(belize):
    items = by_ref(belize)
    assert [items[f"gp-{n}"]["title"] for n in range(1, 6)] == [
        "Efficiency", "Transparency", "Resilience", "Integration", "Service",
    ]  # fmt: skip
    assert items["gp-2"]["description"] == (
        "Design of standardised services that are ethical, equitable and protect individual privacy"
    )  # l. 182


def test_themes(belize):
    items = by_ref(belize)
    assert [items[f"th-{n}"]["title"] for n in range(1, 10)] == [
        "Public Sector Infrastructure Development",
        "Creative Regulatory Reform",
        "Targeted Human Capacity Development",
        "Improved Government Efficiency",
        "Effective Cross-Functional Collaboration",
        "Enhanced National Security",
        "Quality Social Services",
        "Effective Governance Framework",
        "Promote Change Management",
    ]  # 3.1-3.9


def test_programme_titles_and_parents(belize):
    items = by_ref(belize)
    assert items["th-1.prog-1"]["title"] == "Network Consolidation – Multi-tiered GOVNET"  # l. 228
    assert items["th-1.prog-1"]["parent"] == "th-1"
    assert items["th-7.prog-2"]["title"] == "Mobile Government (Belize IT Express)"  # l. 431
    assert titles(children(belize, "th-8", "programme")) == [
        "Creation of a Central Information Technology Department",
        "Establishment of Key Support Expert Working Groups",
        "Inter-Ministerial Council",
        "True North Group",
        "Head of CITO (E-Government Champion)",
    ]  # l. 464-504


def test_objectives(belize):
    items = by_ref(belize)
    assert items["th-1.obj-3"]["title"] == (
        "To build out a world-class GWAN via common and shared platforms"
    )  # l. 206
    assert items["th-6.obj-3"]["title"] == (
        "To build technical and legislative capacity to respond to, mitigate and protect "
        "against cybercrime and offences within the public sector"
    )  # l. 211
    # Promote Change Management objective 2 is split by a page break (l. 588 + 591)
    assert items["th-9.obj-2"]["title"] == (
        "To ensure changes are carried out in a planned, coordinated and structured manner to "
        "ensure successful acceptance and adoption by all stakeholders"
    )


def test_leads_and_partners(belize):
    items = by_ref(belize)
    # "CITO has embarked on a project with BTL ... to provide a hosted VOIP solution" (l. 242)
    assert items["th-1.prog-3"]["leads"] == ["BZ-CITO"]
    assert items["th-1.prog-3"]["partners"] == ["BTL"]
    # "CITO will take responsibility for initiating its development" (l. 272)
    assert items["th-2.prog-2"]["leads"] == ["BZ-CITO"]
    # "a programme office under CITO" (l. 538)
    assert items["th-9.prog-1"]["leads"] == ["BZ-CITO"]


def test_action_plan_timeline(belize):
    items = by_ref(belize)
    # portal shaded YEAR 4 Jan-Oct (l. 636): due at the end of the Oct quarter of 2018
    assert items["th-4.prog-1"]["due"]["value"] == "2018-12"
    # CSIRT shaded YEAR 2 Jan - YEAR 3 Apr (l. 649)
    assert items["th-6.prog-2"]["due"]["value"] == "2017-06"
    # e-Government ICT Collaboration Award shaded YEAR 2 Jul-Oct (l. 644)
    assert items["th-5.prog-3"]["due"]["value"] == "2016-12"
    # sub-stages a./b. of VOIP and Email Migration (l. 596-597)
    assert titles(children(belize, "th-1.prog-3", "activity")) == [
        "VOIP Deployment",
        "Email Migration",
    ]
    assert titles(children(belize, "th-2.prog-2", "activity")) == [
        "Data Privacy",
        "Electronic Transaction",
    ]  # l. 611-612


def test_governance_bodies(belize):
    bodies = titles(children(belize, "governance", "body"))
    assert "Inter-Ministerial Council (IMC) on ICT" in bodies  # l. 498
    assert "True North Group" in bodies  # l. 502
    assert "E-Government Strategy & Capacity Development Round Table" in bodies  # l. 488
    assert "Business Transformation Office" in bodies  # l. 542


# --------------------------------------------------------------------------- KPIs


def test_kpi_infrastructure(belize):
    ind = indicator(
        belize,
        "th-1.prog-1",
        "Integration and Connectivity of Ministries on a common backbone. "
        "Fibre deployment and connectivity",
    )  # l. 691
    assert ind["unit"] == "percent"
    assert ind["direction"] == "increase"
    assert "baseline" not in ind
    assert targets(ind) == [("Y2", "30%"), ("Y3", "50%"), ("Y4", "75%"), ("Y5", "90%")]


def test_kpi_split_row_e_services(belize):
    # l. 694: three KPIs in one cell, targets "30% 3" (YEAR 4) and "50% 5" (YEAR 5)
    ministries = indicator(
        belize,
        "th-1.prog-4",
        "Number of Ministries using common platform for e-services development/ deployment",
    )
    assert ministries["baseline"]["text"] == "New Initiative"
    assert targets(ministries) == [("Y4", "30%"), ("Y5", "50%")]
    services = indicator(belize, "th-1.prog-4", "Number of e-services deployed")
    assert targets(services) == [("Y4", "3"), ("Y5", "5")]


def test_kpi_skills_and_training(belize):
    assessed = indicator(belize, "th-3.prog-1", "Future skills assessed")  # l. 705
    assert assessed["baseline"]["text"] == "New Initiative"
    assert targets(assessed) == [("Y2", "50%"), ("Y3", "100%")]
    programmes = indicator(
        belize,
        "th-3.prog-3",
        "Number of programmes to train, attract and retain ICT professionals",
    )  # l. 709
    assert targets(programmes) == [("Y3", "5"), ("Y4", "10"), ("Y5", ">15")]
    trained = indicator(belize, "th-3.prog-3", "Number of ICT professionals trained")  # l. 710
    assert targets(trained)[-1] == ("Y5", "> 75%")


def test_kpi_portal(belize):
    portal = indicator(belize, "th-4.prog-1", "Establishment of government portal")  # l. 714
    assert portal["baseline"]["text"] == "New Initiative"
    assert targets(portal) == [("Y3", "50%"), ("Y4", "100%")]
    services = indicator(
        belize, "th-4.prog-1", "Number of Government Services Accessed via portal"
    )  # l. 716
    assert services["unit"] == "ordinal"
    assert targets(services) == [("Y4", "Forms/Informational"), ("Y5", "Transactional")]


def test_kpi_cross_functional(belize):
    forum = indicator(belize, "th-5.prog-1", "Establishment of IT Networking Forum")  # l. 720
    assert forum["baseline"]["text"] == "New Initiative"
    assert targets(forum) == [("Y1", "-"), ("Y2", "100%")]
    participants = indicator(belize, "th-5.prog-2", "Number of participants")  # l. 727
    assert targets(participants) == [("Y3", "> 50"), ("Y4", "> 100"), ("Y5", "> 150")]
    forum_input = indicator(
        belize, "th-5.prog-1", "Forum input into whole of government projects"
    )  # l. 725
    assert forum_input["levels"] == ["Low", "Mid", "High"]
    assert targets(forum_input) == [("Y3", "Low"), ("Y4", "Mid"), ("Y5", "High")]


def test_kpi_national_security(belize):
    agencies = indicator(belize, "th-6.prog-1", "Number of public agencies on network")  # l. 735
    assert agencies["unit"] == "ordinal"
    assert targets(agencies) == [("Y3", "Few"), ("Y4", "Some"), ("Y5", "Most")]
    officers = indicator(belize, "th-6.prog-1", "Number of officers trained")  # l. 736
    assert targets(officers) == [("Y3", ">25%"), ("Y4", ">40%"), ("Y5", ">75%")]
    csirt = indicator(belize, "th-6.prog-2", "Establishment of CSIRT")  # l. 739
    assert targets(csirt) == [("Y3", "100%")]


def test_kpi_social_services(belize):
    subscribers = indicator(belize, "th-7.prog-3", "Number of Subscribers")  # l. 757
    assert "baseline" not in subscribers
    assert targets(subscribers) == [("Y2", "25K"), ("Y3", "40K"), ("Y4", "50K"), ("Y5", "75K")]
    broadcast = indicator(belize, "th-7.prog-3", "Number of SMS broadcast")  # l. 758
    assert targets(broadcast)[0] == ("Y2", "100")
    assert targets(broadcast)[-1] == ("Y5", "700")
    bus = indicator(belize, "th-7.prog-2", "Establishment of Belize IT Express")  # l. 747
    assert [t for _p, t in targets(bus)] == ["1 bus", "3 buses", "4 buses"]
    transactions = indicator(
        belize, "th-7.prog-1", "Number of transactions completed via access points per year"
    )  # l. 745
    assert [t for _p, t in targets(transactions)] == ["500K", ">1 Million", "> 2 Million"]


def test_kpi_governance(belize):
    implementation = indicator(
        belize, "th-8.prog-5", "Implementation of E-Government Strategy & Plan of Action"
    )  # l. 776, the one row with all five years
    assert targets(implementation) == [
        ("Y1", "10%"), ("Y2", "25%"), ("Y3", "50%"), ("Y4", "75%"), ("Y5", "100%"),
    ]  # fmt: skip
    wef = indicator(belize, "th-8.prog-5", "WEF E-Gov Ranking")  # l. 775
    assert targets(wef) == [("Y4", "+10"), ("Y5", "+15")]
    savings = indicator(
        belize, "th-8.prog-1", "Cost savings in whole of government service delivery"
    )  # l. 763
    assert targets(savings) == [("Y2", "3%"), ("Y3", "7%"), ("Y4", "12%"), ("Y5", "15%")]


def test_kpi_change_management(belize):
    delivery = indicator(belize, "th-9.prog-1", "Delivery time for WOG projects")  # l. 777
    assert targets(delivery) == [
        ("Y2", "Minimal delays"), ("Y3", "Minimal delays"), ("Y4", "On Time"), ("Y5", "On Time"),
    ]  # fmt: skip
    completed = indicator(
        belize,
        "th-9.prog-1",
        "Number of WOG Projects completed on time, within budget and with assigned resources",
    )  # l. 780
    assert targets(completed) == [("Y2", "Most"), ("Y3", "all"), ("Y4", "all"), ("Y5", "all")]
    plan = indicator(belize, "th-9.prog-3", "Develop Communication Plan")  # l. 784
    assert targets(plan) == [("Y1", "50%"), ("Y2", "100%")]
    promotion = indicator(
        belize, "th-9.prog-3", "Number of Promotion and awareness programmes developed /implemented"
    )  # l. 786
    assert targets(promotion) == [("Y2", "Few"), ("Y3", "Many")]
