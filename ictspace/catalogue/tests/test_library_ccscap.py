"""The CCSCAP library (ictspace/libraries/ccscap-2016.yaml) as loaded and exported.

Every expected value below was counted or copied from the source document,
shared/seeds/004_1eb6b663af8d5b22.txt (line numbers in the comments), not from the YAML.
"""

from collections import Counter

import pytest

from ictspace.catalogue.exports import library_as_dict
from ictspace.catalogue.tests.contract import by_ref, children, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def ccscap(loaded_libraries):
    return library_as_dict("ccscap-2016")


# --------------------------------------------------------------------------- header


def test_header(ccscap):
    assert ccscap["slug"] == "ccscap-2016"
    assert ccscap["version"] == 2
    assert ccscap["title"] == "CARICOM Cyber Security and Cybercrime Action Plan"


def test_refs_are_unique(ccscap):
    refs = [item["ref"] for item in ccscap["items"]]
    assert len(refs) == len(set(refs))


# --------------------------------------------------------------------------- counts


def test_counts_per_kind(ccscap):
    kinds = Counter(item["kind"] for item in ccscap["items"])
    assert kinds["priority_area"] == 5  # l. 46-50, 195-199
    assert kinds["minimum_standard"] == 9  # section 5 table, l. 160-168
    assert kinds["need"] == 21  # Tables 1-5: 3 + 5 + 3 + 4 + 6
    assert kinds["solution"] == 44  # Tables 1-5: 6 + 12 + 6 + 9 + 11
    assert kinds["source"] == 4  # l. 180-183


def test_priority_areas(ccscap):
    items = by_ref(ccscap)
    assert [items[f"pa-{n}"]["title"] for n in range(1, 6)] == [
        "Public Awareness",
        "Building Sustainable Capacity",
        "Technical Standards and Infrastructure",
        "Legal Environment",
        "Regional and International Cooperation Collaboration - Incident response, "
        "cybercrime investigation and capacity building",
    ]
    for n in range(1, 6):
        assert items[f"pa-{n}"]["kind"] == "priority_area"
        assert items[f"pa-{n}"].get("parent") is None


def test_needs_per_priority_area(ccscap):
    per_area = {f"pa-{n}": len(children(ccscap, f"pa-{n}", "need")) for n in range(1, 6)}
    assert per_area == {"pa-1": 3, "pa-2": 5, "pa-3": 3, "pa-4": 4, "pa-5": 6}


def test_solutions_per_need(ccscap):
    counts = {
        item["ref"]: len(children(ccscap, item["ref"], "solution"))
        for item in ccscap["items"]
        if item["kind"] == "need"
    }
    assert counts == {
        "need-1.1": 1, "need-1.2": 2, "need-1.3": 3,
        "need-2.1": 2, "need-2.2": 3, "need-2.3": 4, "need-2.4": 2, "need-2.5": 1,
        "need-3.1": 1, "need-3.2": 2, "need-3.3": 3,
        "need-4.1": 1, "need-4.2": 4, "need-4.3": 1, "need-4.4": 3,
        "need-5.1": 1, "need-5.2": 1, "need-5.3": 1, "need-5.4": 2, "need-5.5": 2, "need-5.6": 4,
    }  # fmt: skip


# --------------------------------------------------------------------------- minimum standards


def test_minimum_standards_of_legal_environment(ccscap):
    # l. 160-163
    standards = {i["title"]: i["description"] for i in children(ccscap, "pa-4", "minimum_standard")}
    assert standards == {
        "National Cyber Security Policy": "Law enacted/Approval Obtained",
        "National Cyber Security Strategy": "Approved",
        "National Cyber Security Authority": "Established",
        "Data Privacy Act": "Legislation enacted",
    }


def test_minimum_standards_of_public_awareness(ccscap):
    # l. 164-168
    standards = {i["title"]: i["description"] for i in children(ccscap, "pa-1", "minimum_standard")}
    assert standards == {
        "Government Ministers": "One off sensitization",
        "Government Officials": "One off sensitization",
        "Public Sector": "Media Campaign established",
        "Private Sector": "Campaign established as part of CSR",
        "Schools": "School Awareness Program implemented at various levels",
    }


def test_only_two_priority_areas_have_minimum_standards(ccscap):
    parents = {i["parent"] for i in ccscap["items"] if i["kind"] == "minimum_standard"}
    assert parents == {"pa-1", "pa-4"}


def test_assessable_items_and_their_scales(ccscap):
    for item in ccscap["items"]:
        if item["kind"] == "minimum_standard":
            assert item["assessable"] is True, item["ref"]
            assert item["scale"] == "compliance", item["ref"]
        elif item["kind"] == "need":
            assert item["assessable"] is True, item["ref"]
            assert item["scale"] == "implementation", item["ref"]
        else:
            assert not item.get("assessable"), item["ref"]


# --------------------------------------------------------------------------- needs, solutions, partners


def test_need_1_1_partners(ccscap):
    # l. 212: "Council of Europe (CoE) [en dash] Cybercrime (T-CY) OAS/CICTE"
    assert by_ref(ccscap)["need-1.1"]["partners"] == ["COE-TCY", "OAS-CICTE"]


def test_need_1_3_partners_keep_unknown_names_as_text(ccscap):
    # l. 214 and its continuation on l. 216
    assert by_ref(ccscap)["need-1.3"]["partners"] == [
        "Media Houses",
        "CBU",
        "CXC",
        "Financial Institutions",
        "Telecommunication Providers",
        "Telecommunication Regulators",
    ]


def test_need_2_1_partners(ccscap):
    # l. 226
    assert by_ref(ccscap)["need-2.1"]["partners"] == [
        "COE-TCY",
        "COMSEC",
        "OAS-REMJA",
        "USDOJ",
        "CANADA-DOJ",
    ]


def test_need_2_2_row_reassembled_across_page_break(ccscap):
    # l. 227 + l. 229
    items = by_ref(ccscap)
    need = items["need-2.2"]
    assert need["title"] == (
        "Training for law enforcement first responders, investigators and prosecutors in the "
        "areas of electronic evidence gathering, preservation and presentation; ensuring that "
        "proper chain of custody is maintained in cases of cybercrime"
    )
    assert titles(children(ccscap, "need-2.2", "solution")) == [
        "Conduct training courses geared towards law enforcement first responders and investigators",
        "Upgrade of curriculum at police training colleges/academy",
        "Conduct training courses geared towards prosecutors and members of the judiciary",
    ]
    assert need["partners"] == ["OAS-REMJA", "OAS-CICTE", "UNODC", "COE-TCY", "USDOJ"]


def test_need_2_3_partners(ccscap):
    # l. 230
    assert by_ref(ccscap)["need-2.3"]["partners"] == [
        "UWI",
        "Private Sector Companies/Providers of critical infrastructure",
        "OAS-CICTE",
    ]


def test_needs_without_partners(ccscap):
    # Table 2 Ref 5 (l. 232-234) and Table 3 Ref 2 (l. 245) have an empty partners cell
    items = by_ref(ccscap)
    assert "partners" not in items["need-2.5"]
    assert "partners" not in items["need-3.2"]


def test_need_2_4_crisis_management(ccscap):
    # l. 231
    need = by_ref(ccscap)["need-2.4"]
    assert need["title"] == "Crisis Management"
    assert need["partners"] == ["CDEMA", "IMPACS", "EU-EEAS"]


def test_need_4_2_continuation_bullet(ccscap):
    # l. 256 + l. 258
    items = by_ref(ccscap)
    assert items["sol-4.2.4"]["parent"] == "need-4.2"
    assert items["sol-4.2.4"]["title"] == (
        "Countries which have enacted legislation can also be used as models and/or assistance"
    )
    assert items["need-4.2"]["partners"] == ["COE-TCY", "OAS-REMJA", "COMSEC"]


def test_need_4_4_paragraphs(ccscap):
    # l. 260: two <p> paragraphs in the needs cell
    need = by_ref(ccscap)["need-4.4"]
    assert need["title"] == (
        "Develop a mechanism and infrastructure for dealing with online child pornography"
    )
    assert need["description"].startswith("While there are many facets of Cyber")
    assert need["partners"] == ["COE-TCY"]


def test_solution_naming_its_own_partner(ccscap):
    # l. 272: "Establish 24/7 network ... (USDOJ)" is a solution, USDOJ is not in the row's partners
    items = by_ref(ccscap)
    assert items["sol-5.4.2"]["partners"] == ["USDOJ"]
    assert "USDOJ" not in items["need-5.4"]["partners"]
    assert items["need-5.4"]["partners"] == ["OAS-REMJA", "UNODC", "COE-TCY", "COMSEC", "IMPACS"]


def test_need_5_6_regional_capacity_centre(ccscap):
    # l. 276
    items = by_ref(ccscap)
    assert items["need-5.6"]["title"] == (
        "Establishment of a Regional Capacity Centre for Cyber Security and Incident Response"
    )
    assert items["need-5.6"]["partners"] == ["IMPACS", "COMSEC", "ITU", "OAS-CICTE"]
    assert titles(children(ccscap, "need-5.6", "solution")) == [
        "Identify the skill set required",
        "Identify the Human Resources within the Caribbean Region",
        "Provide the relevant Training",
        "Develop mechanism/SOP for operations",
    ]


def test_no_markup_left_in_titles(ccscap):
    for item in ccscap["items"]:
        for bad in ("<ul", "<p>", "</p>", "•", "●", "○"):
            assert bad not in item["title"], item["ref"]
            assert bad not in item.get("description", ""), item["ref"]


# --------------------------------------------------------------------------- governance (section 4)


def test_coordination_lead(ccscap):
    assert by_ref(ccscap)["gov-lead"]["leads"] == ["IMPACS"]


def test_steering_committee_members(ccscap):
    # l. 116-120
    members = [
        i for i in children(ccscap, "gov-sc") if i.get("attributes", {}).get("role") == "member"
    ]
    assert len(members) == 5
    assert [m.get("leads") for m in members] == [
        ["IMPACS"],
        ["CTU"],
        ["COMSEC"],
        ["OAS-CICTE"],
        None,
    ]
    assert members[4]["title"].startswith("A representative of the Ministry of National Security")


def test_rcc_responsibilities(ccscap):
    # l. 130-134
    items = by_ref(ccscap)
    assert items["gov-rcc"]["leads"] == ["IMPACS"]
    responsibilities = [
        i for i in children(ccscap, "gov-rcc")
        if i.get("attributes", {}).get("role") == "responsibility"
    ]  # fmt: skip
    assert len(responsibilities) == 5
    assert items["gov-rcc-resp-5"]["title"] == (
        "Provide relevant reports to the various stakeholders including the Steering Committee, "
        "IMPACS Standing Committees, CONSLE, etc."
    )


def test_ncpoc_sectors_and_responsibilities(ccscap):
    # l. 136-149
    kids = children(ccscap, "gov-ncpoc")
    sectors = [i for i in kids if i.get("attributes", {}).get("role") == "recommended_sector"]
    responsibilities = [i for i in kids if i.get("attributes", {}).get("role") == "responsibility"]
    assert titles(sectors) == [
        "Law enforcement authority, intelligence agency or military unit nominated by the "
        "appropriate national security authority",
        "Ministries responsible for ICT and Telecommunications",
        "Parliamentary Sub-Committee",
        "Judiciary",
    ]
    assert len(responsibilities) == 4
    assert responsibilities[0]["title"] == (
        "Establishing and leading a national community of practitioners"
    )
    assert by_ref(ccscap)["gov-ncpoc"]["attributes"]["per_member_state"] == "2"


# --------------------------------------------------------------------------- status review (section 6)


def test_status_review_studies(ccscap):
    # l. 180-183
    studies = children(ccscap, "status-review", "source")
    assert [(s["attributes"]["authors"], s["attributes"]["year"], s["title"]) for s in studies] == [
        ("OAS and Symantec", "2014", "Latin America and Caribbean Cyber Security Trends"),
        ("OAS and Trend Micro", "2015",
         "Report on Cybersecurity and Critical Infrastructure in the Americas"),
        ("OAS and IDB", "2016", "Cybersecurity \u2013 Are we ready in Latin America and the Caribbean?"),
        ("Commonwealth Secretariat", "2014", "Cyber Security Needs Assessments in Five Countries"),
    ]  # fmt: skip
    assert studies[0]["attributes"]["date"] == "June 2014"


def test_status_review_outputs(ccscap):
    # l. 187-189
    outputs = [
        i for i in children(ccscap, "status-review")
        if i.get("attributes", {}).get("role") == "output"
    ]  # fmt: skip
    assert titles(outputs) == [
        "An updated report outlining a gap analysis for each country",
        "A mechanism for constantly updating this gap analysis based upon initiatives implemented",
        "A mechanism for periodic reporting on the status of each country through the Regional "
        "Cyber Committee (RCC).",
    ]


# --------------------------------------------------------------------------- monitoring, funding, time line


def test_monitoring_and_review_elements(ccscap):
    # l. 286-293
    elements = children(ccscap, "monitoring", "point")
    assert len(elements) == 5
    assert titles(elements)[1:] == [
        "Meeting of the Steering Committee",
        "CSM Meetings",
        "Report to Heads of Intelligence and Financial Investigative Units",
        "Report to CONSLE",
    ]
    assert elements[2]["attributes"]["frequency"] == "at least annually"
    assert elements[0]["leads"] == ["RIFC"]


def test_funding_and_time_line(ccscap):
    items = by_ref(ccscap)
    assert items["funding"]["kind"] == "section"
    assert items["funding"]["description"].startswith(
        "While various entities have already begun work in the region"
    )
    assert items["timeline"]["attributes"]["timeframe"] == "five (5) years"
    assert "within five (5) years" in items["timeline"]["description"]


def test_communique_endorses_the_draft_plan(ccscap):
    items = by_ref(ccscap)
    assert len(children(ccscap, "communique", "point")) == 5
    assert items["communique-4"]["title"].startswith("Endorses the draft Action Plan")
