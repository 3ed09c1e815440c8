"""The CARICOM cyber policy profile library, checked against its source document.

Source: shared/seeds/001_16f7185b72d5e9d5.txt (cyber policy profile of the Caribbean
Community, last updated September 2020). Every count below is counted in the document,
not in the YAML.
"""

from collections import Counter

import pytest

from ictspace.catalogue.exports import library_as_dict

pytestmark = pytest.mark.django_db

SLUG = "caricom-cyber-profile-2020"


@pytest.fixture
def profile(loaded_libraries):
    return library_as_dict(SLUG)


@pytest.fixture
def by_ref(profile):
    return {item["ref"]: item for item in profile["items"]}


def children(profile, ref):
    """Titles of the items whose parent is `ref`, in export order."""
    return [item["title"] for item in profile["items"] if item.get("parent") == ref]


def test_header(profile):
    assert profile["slug"] == SLUG
    assert profile["version"] == 2
    assert profile["title"] == "Cyber policy profile of the Caribbean Community (CARICOM)"


def test_counts_per_kind(profile):
    assert Counter(item["kind"] for item in profile["items"]) == {
        # Strategy Documents, Other Documents, Structure, Key Positions, Legislation,
        # Cooperation
        "section": 6,
        # 2 strategy documents, 2 other documents, 2 proposed bodies, 1 key position,
        # 1 legislative text, 2 cooperation projects
        "entry": 10,
        # every bullet of the profile (116 list lines; two continue across a page header)
        "point": 116,
    }
    refs = [item["ref"] for item in profile["items"]]
    assert len(refs) == len(set(refs)) == 132


def test_sections_and_their_entries(profile):
    sections = [i for i in profile["items"] if i["kind"] == "section"]
    assert [(s["ref"], s["title"], s["parent"]) for s in sections] == [
        ("strategy-documents", "Strategy Documents", None),
        ("other-documents", "Other Documents", None),
        ("structure", "Structure", None),
        ("key-positions", "Key Positions", None),
        ("legislation", "Legislation", None),
        ("cooperation", "Cooperation", None),
    ]
    assert children(profile, "strategy-documents") == [
        "CARICOM Cyber Security and Cybercrime Action Plan",
        "Vision and Roadmap for a CARICOM Single ICT Space",
    ]
    assert children(profile, "other-documents") == [
        "CARICOM Crime and Security Strategy 2013: Securing the Region",
        "Strategic Plan for the Caribbean Community 2015 - 2019: Repositioning CARICOM",
    ]
    assert children(profile, "structure") == [
        "(proposed) Regional Cyber Committee",
        "(proposed) Regional Capacity Centre for Cyber Security and Incident Response",
    ]
    assert children(profile, "key-positions") == [
        "Cybercrime Policy Specialist, IMPACS 11th EDF Project"
    ]
    assert children(profile, "legislation") == [
        "Cybercrime/e-Crimes: Model Policy Guidelines & Legislative Texts (HIPCAR Project)"
    ]
    assert children(profile, "cooperation") == [
        "Capacity Development for CARIFORUM Member States on Financial Compliance, Asset "
        "Recovery and Cybercrime Project",
        "Enhancing Competitiveness in the Caribbean through the Harmonization of ICT "
        "Policies, Legislation and Regulatory Procedures (HIPCAR Project)",
    ]


def test_bodies_become_directory_codes(by_ref):
    assert by_ref["ccscap"]["leads"] == ["IMPACS", "CTU", "OAS", "COMSEC"]
    assert by_ref["sict-roadmap"]["leads"] == [
        "ICT-CLUSTER",
        "CTU",
        "CBU",
        "CARICAD",
        "CKLN",
        "IMPACS",
        "CARICOM-SEC",
    ]
    assert by_ref["strategic-plan-2015"]["leads"] == ["CARICOM-SEC"]
    assert by_ref["capacity-centre"]["leads"] == ["IMPACS"]
    assert by_ref["capacity-centre"]["partners"] == ["COMSEC", "ITU", "OAS-CICTE"]
    assert by_ref["edf-cybercrime"]["leads"] == ["EC", "CARIFORUM", "IMPACS"]
    # the directory has no organisation for the European Union as such: kept as text
    assert by_ref["hipcar"]["leads"] == ["CARICOM-SEC", "European Union", "ITU", "CTU"]
    assert by_ref["hipcar-texts"]["leads"] == ["CARICOM-SEC", "European Union", "ITU", "CTU"]


def test_dates(by_ref):
    dates = {
        ref: (by_ref[ref]["attributes"]["date"], by_ref[ref]["attributes"]["date_text"])
        for ref in (
            "ccscap",
            "sict-roadmap",
            "css-2013",
            "strategic-plan-2015",
            "rcc",
            "capacity-centre",
            "policy-specialist",
            "hipcar-texts",
            "edf-cybercrime",
            "hipcar",
        )
    }
    assert dates == {
        "ccscap": ("2017-02", "February 2017"),
        "sict-roadmap": ("2017-02-16", "16 February 2017 (approved)"),
        "css-2013": ("2013-02-18", "18-19 February 2013"),
        "strategic-plan-2015": ("2014-07-03", "3 July 2014"),
        "rcc": ("2017-02", "February 2017 (outlined)"),
        "capacity-centre": ("2017-02", "February 2017 (outlined)"),
        "policy-specialist": ("2019-07-01", "1 July 2019 (position active)"),
        "hipcar-texts": ("2012", "2012 (published)"),
        "edf-cybercrime": ("2017-12-11", "11 December 2017 (adopted)"),
        "hipcar": ("2008", "2008 (launched)"),
    }
    assert by_ref["css-2013"]["attributes"]["date_end"] == "2013-02-19"


def test_six_hipcar_model_legislative_frameworks(profile, by_ref):
    assert by_ref["hipcar-texts.3"]["title"] == (
        "Six (6) inter-related model legislative frameworks developed over the course of "
        "the Project:"
    )
    assert children(profile, "hipcar-texts.3") == [
        "Access to Public Information (Freedom of Information)",
        "Privacy and Data Protection",
        "Electronic Commerce (Transactions)",
        "Electronic Commerce (Evidence)",
        "Cybercrime:",
        "Interception of Electronic Communications:",
    ]
    frameworks = [i for i in profile["items"] if i.get("parent") == "hipcar-texts.3"]
    assert all(f.get("assessable") is True and f.get("scale") == "adoption" for f in frameworks)
    assert children(profile, "hipcar-texts.3.5") == [
        "defines offences, investigation instruments and the criminal liability of key actors"
    ]
    assert children(profile, "hipcar-texts.3.6") == [
        "establishes an appropriate framework that prohibits the illegal interception of "
        "communication;",
        "defines a narrow window that enables law enforcement to lawfully intercept of "
        "communication if certain clearly defined conditions are fulfilled",
    ]


def test_five_model_policy_guidelines_on_cybercrime(profile):
    assert children(profile, "hipcar.4") == [
        "Aim to Establish Necessary Common Interpretations for Key Terms Associated with "
        "Cybercrime",
        "Develop Substantive Criminal Law Dealing with Cybercrime",
        "Develop Effective but Balanced Procedural Instruments That Enable Competent "
        "Authorities to Investigate Cybercrime but Protect the Rights of the Suspect",
        "Develop Instruments for Transnational Cooperation in Cybercrime Investigations",
        "Develop a Framework Regulating the Responsibility of Internet Service Providers",
    ]
    guidelines = [i for i in profile["items"] if i.get("parent") == "hipcar.4"]
    assert all(g.get("assessable") is True and g.get("scale") == "adoption" for g in guidelines)


def test_only_model_laws_and_guidelines_are_assessable(profile):
    assert sorted(i["ref"] for i in profile["items"] if i.get("assessable")) == sorted(
        [f"hipcar-texts.3.{n}" for n in range(1, 7)] + [f"hipcar.4.{n}" for n in range(1, 6)]
    )


def test_crime_and_security_strategy(profile, by_ref):
    assert children(profile, "css-2013.2") == [
        "Tier 1 - Immediate Significant Threats: high-probability, high-impact events, "
        "current and present dangers - including Cyber-Crime",
        "Tier 2 - Substantial Threats: both likely and high-impact, but are not as severe as "
        "Tier 1 Threats",
        "Tier 3 - Significant Potential Risks: high-impact, but low-probability",
        "Tier 4 - Future Risks: threats where the probability and impact cannot be assessed "
        "at this stage",
    ]
    assert len(children(profile, "css-2013.4")) == 7  # Strategic Goal 8 action items
    assert by_ref["css-2013.4.5"]["title"] == (
        "Pursuing the establishment of a CARICOM Computer Emergency Response Team (CERT)"
    )
    assert by_ref["css-2013.3"]["title"] == (
        "Identifies 14 Strategic Goals, including Strategic Goal 8: Strengthen CARICOM's "
        "Resilience to Cyber-Crimes"
    )


def test_action_plan_and_roadmap_lists(profile):
    assert children(profile, "ccscap.2") == [
        "Public awareness",
        "Building sustainable capacity",
        "Technical standards and Infrastructure",
        "Legal Environment; and",
        "Regional and International Cooperation Collaboration - Incident response, "
        "cybercrime investigation and capacity building",
    ]
    assert len(children(profile, "ccscap.1")) == 3
    assert len(children(profile, "ccscap.3")) == 5
    assert len(children(profile, "sict-roadmap.4")) == 4  # key characteristics
    assert children(profile, "sict-roadmap.5")[2] == (
        "National Computer Security Incident Response Teams (CSIRTs) and a regional protocol "
        "for their co-operation"
    )
    assert len(children(profile, "strategic-plan-2015.1")) == 4
    assert len(children(profile, "strategic-plan-2015.2")) == 2
    assert len(children(profile, "edf-cybercrime.4")) == 3  # components A, B, C
    assert len(children(profile, "edf-cybercrime.5")) == 4  # scopes of Component C
    assert len(children(profile, "policy-specialist.3")) == 6


def test_bullets_split_by_page_headers_are_joined(by_ref, profile):
    rcc4 = by_ref["rcc.3.4"]["title"]
    assert rcc4.startswith("Disseminate information, through the NCPOCs,")
    assert rcc4.endswith(
        "This will also entail working along with other stakeholders and other points of "
        "contact personnel within their jurisdiction (e.g. OAS/CICTE - National Points of "
        "Contact)"
    )
    assert by_ref["hipcar.2.2"]["title"] == (
        "ICT Policy and Legislative Framework on Telecommunications, dealing with three "
        "sub-areas: universal access/service, interconnection, and licensing in a convergent "
        "environment"
    )
    assert len(children(profile, "rcc.3")) == 5
    titles = [i["title"] for i in profile["items"]] + [
        i.get("description", "") for i in profile["items"]
    ]
    assert not any("Last Updated" in t for t in titles)
    assert not any("](#)" in t or "**" in t for t in titles)


def test_regional_capacity_centre(profile, by_ref):
    assert children(profile, "capacity-centre.2") == [
        "Identifying the skill set required",
        "Identifying the Human Resources within the Caribbean Region",
        "Providing the relevant Training",
        "Developing mechanism/SOP for operations",
    ]
    assert by_ref["capacity-centre.3.4"]["title"] == (
        "Organization of American States/Inter-American Committee against Terrorism (OAS/CICTE)"
    )
    assert by_ref["capacity-centre"]["parent"] == "structure"
