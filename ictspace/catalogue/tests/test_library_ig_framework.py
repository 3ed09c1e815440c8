"""The Caribbean IG framework library, checked against its source document.

Source: shared/seeds/003_f246961a5aa796b1.txt (Outline of Draft Caribbean Internet
Governance Framework). Every count below is counted in the document, not in the YAML.
"""

from collections import Counter

import pytest

from ictspace.catalogue.exports import library_as_dict

pytestmark = pytest.mark.django_db

SLUG = "caribbean-ig-framework"


@pytest.fixture
def igf(loaded_libraries):
    return library_as_dict(SLUG)


@pytest.fixture
def by_ref(igf):
    return {item["ref"]: item for item in igf["items"]}


def children(igf, ref):
    """Titles of the items whose parent is `ref`, in export order."""
    return [item["title"] for item in igf["items"] if item.get("parent") == ref]


def test_header(igf):
    assert igf["slug"] == SLUG
    assert igf["version"] == 2
    assert igf["title"] == "Outline of Draft Caribbean Internet Governance Framework"


def test_counts_per_kind(igf):
    assert Counter(item["kind"] for item in igf["items"]) == {
        # 1 Context, 1.1, 3, 4, 4.1, 4.2, 5, 6, 7, 8, 9, 10
        "section": 12,
        "vision": 1,
        "mission": 1,
        "principle": 10,  # 3.1 - 3.10
        "framework_area": 8,  # 3 general (4.1) + 5 specific (4.2)
        "requirement": 2,  # 5.1, 5.2
        "measurement_area": 2,  # the two bullets of 8
        "figure": 1,  # the box diagram after the heading of 9
        "term_of_reference": 9,  # 10.1 - 10.9
        # 2 context lines + 3 vision bullets + 16 sub-points of 4.2 + 3 bullets of 7
        # + 4 diagram boxes + 4 areas named in 10.7 + 10.8.1-2 + 10.9.1-3
        "point": 37,
    }
    assert len(igf["items"]) == 83


def test_refs_are_unique(igf):
    refs = [item["ref"] for item in igf["items"]]
    assert len(refs) == len(set(refs))


def test_guiding_principles(igf, by_ref):
    assert {f"gp-{n}": by_ref[f"gp-{n}"]["title"] for n in range(1, 11)} == {
        "gp-1": "broad engagement",
        "gp-2": "regard for all stakeholder rights and needs",
        "gp-3": "modularity",
        "gp-4": "interoperability",
        "gp-5": "harmonized",
        "gp-6": "iterative consultation",
        "gp-7": "accessibility",
        "gp-8": "development of stakeholders",
        "gp-9": "proactive / self initiating",
        "gp-10": "Intelligent management",
    }
    assert all(by_ref[f"gp-{n}"]["parent"] == "gp" for n in range(1, 11))
    assert by_ref["gp"]["title"] == "Guiding Principles"
    # exported in document order: gp-10 comes after gp-9, not after gp-1
    assert [i["ref"] for i in igf["items"] if i["kind"] == "principle"] == [
        f"gp-{n}" for n in range(1, 11)
    ]


def test_mission_and_vision(by_ref, igf):
    assert by_ref["mission"]["title"] == "IG Regional Mission"
    assert by_ref["mission"]["description"] == (
        "To develop and maintain the appropriate regional frameworks, mechanisms, policies "
        "and procedures to enable universal, open, shared and flexible access by Caribbean "
        "citizens to enhance and use global information resources"
    )
    assert by_ref["mission"]["parent"] is None
    assert by_ref["vision"]["parent"] == "context"
    assert children(igf, "vision") == [
        "universal, open, shared and flexible access to regional information infrastructure "
        "and global information resources",
        "creation and distribution of Caribbean content and technologies",
        "Caribbean identity in the global information society",
    ]
    assert by_ref["ig-defined"]["title"] == "Internet Governance (IG) Defined"
    assert by_ref["ig-defined"]["description"] == (
        "global \u201cworking definition\u201d and its application to the Caribbean"
    )


def test_framework_areas(igf, by_ref):
    areas = [i for i in igf["items"] if i["kind"] == "framework_area"]
    assert {a["ref"]: a["title"] for a in areas} == {
        "fa-1.1": "institutionalized multistakeholder participation",
        "fa-1.2": "forum for open discussion of public policy issues",
        "fa-1.3": "provisions to enhance regional disaster preparedness and response",
        "fa-2.1": "Physical infrastructure",
        "fa-2.2": "Logical infrastructure",
        "fa-2.3": "Security / Use and misuse",
        "fa-2.4": "Development and capacity building",
        "fa-2.5": "Liberties and Rights",
    }
    assert {a["parent"] for a in areas[:3]} == {"fa-1"}
    assert {a["parent"] for a in areas[3:]} == {"fa-2"}
    assert by_ref["fa-1"]["title"] == "General"
    assert by_ref["fa-2"]["title"] == "Specific"
    assert all(a.get("assessable") is True for a in areas)
    # only the framework areas are tracked
    assert sorted(i["ref"] for i in igf["items"] if i.get("assessable")) == sorted(
        a["ref"] for a in areas
    )


def test_specific_sub_points(igf, by_ref):
    assert children(igf, "fa-2.1") == []
    assert children(igf, "fa-2.2") == ["ICANN related issues and the Caribbean\u2019s involvement"]
    assert children(igf, "fa-2.3") == [
        "Cyber security and spam",
        "Harmonising legal frameworks and enforcement",
        "Digital identity authentication",
        "Third party trust and credibility",
        "Intellectual property rights",
        "Regulation of competition and convergence",
    ]
    assert by_ref["fa-2.3.5.1"]["title"] == "mechanisms for dispute resolution"
    assert by_ref["fa-2.3.5.1"]["parent"] == "fa-2.3.5"
    assert children(igf, "fa-2.4") == ["Human", "Technical", "Business / financial"]
    assert children(igf, "fa-2.5") == [
        "Privacy",
        "Free expression",
        "Human rights and the Internet",
        "Internet Bill of Rights",
        "Free flow of information",
    ]


def test_requirements_structure_and_strategy(igf, by_ref):
    assert children(igf, "cr") == [
        "Demonstrated regional endorsement and commitment",
        "Involvement of all stakeholders at every stage",
    ]
    assert by_ref["ops"]["leads"] == ["CTU"]
    assert by_ref["ops"]["description"].startswith(
        "The CTU Secretariat playing a coordinating role among the involved stakeholders"
    )
    assert by_ref["ops"]["description"].endswith("civil society groups and the general public")
    assert children(igf, "impl") == [
        "collaborative mechanisms",
        "a \u201cdynamic coalition\u201d to carry through on the development of the framework "
        "and to work with Caribbean member states",
        "engagement of the diaspora",
    ]
    assert by_ref["review"]["title"] == "Periodic Review"
    assert by_ref["diagram"]["title"] == "Dynamic Coalition"
    assert children(igf, "diagram") == [
        "Working Group 1",
        "Working Group 2",
        "Working Group X",
        "Governing Agency",
    ]


def test_measurement_areas_and_indicators(by_ref):
    mm1, mm2 = by_ref["mm-1"], by_ref["mm-2"]
    assert mm1["title"] == (
        "appropriate information and knowledge society metrics of infrastructure "
        "development, information literacy, service / access affordability, quality and usage"
    )
    assert mm2["title"] == "measurement and dissemination methodologies and implementing agencies"
    assert [(i["code"], i["name"], i["unit"], i["direction"]) for i in mm1["indicators"]] == [
        ("IGF-MM-1", "infrastructure development", "text", "none"),
        ("IGF-MM-2", "information literacy", "text", "none"),
        ("IGF-MM-3", "service / access affordability, quality and usage", "text", "none"),
    ]
    # the document states no baseline and no target
    assert not any(i.get("baseline") or i.get("targets") for i in mm1["indicators"])
    assert not mm2.get("indicators")


def test_terms_of_reference(igf, by_ref):
    tors = [i for i in igf["items"] if i["kind"] == "term_of_reference"]
    assert [t["ref"] for t in tors] == [f"tor-10.{n}" for n in range(1, 10)]
    assert {t["parent"] for t in tors} == {"tor"}
    assert by_ref["tor-10.1"]["title"] == (
        "Identify the public policy issues relevant to Internet Governance in the region and "
        "facilitate Research incorporation of international best practice and the setting of "
        "a Regional IG Agenda"
    )
    assert by_ref["tor-10.5"]["title"] == (
        "Advise on representation of the regions views at various international fora"
    )
    assert children(igf, "tor-10.7") == [
        "Infrastructure and technology utilization",
        "Domain Management",
        "Content Development",
        "Legislation",
    ]
    assert children(igf, "tor-10.8") == [
        "The Working Groups will Produce Workstream specific Action Plans to be presented "
        "for consideration and appropriate action",
        "The Coalition will Produce an Action Plan to be presented for consideration and "
        "appropriate action",
    ]
    assert by_ref["tor-10.9"]["title"] == (
        "Establish and Manage a Caribbean Internet Governance Secretariat to:"
    )
    assert [by_ref[f"tor-10.9.{n}"]["title"] for n in (1, 2, 3)] == [
        "Provide substantive, organizational, administrative and technical support to the "
        "Dynamic Coalition",
        "Manage financial and other resource contributions",
        "Facilitate appropriate public awareness initiatives relevant the internet and "
        "internet governance",
    ]
    for ref in ("tor-10.1", "tor-10.2", "tor-10.3", "tor-10.4", "tor-10.5", "tor-10.6"):
        assert children(igf, ref) == []
