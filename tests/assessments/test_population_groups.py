"""Population groups: tick groups by dimension, describe each, add intersections and local
PLUS groups; each ticked group is a PopulationGroupConsideration row."""

from heathub.assessments.models import PopulationGroupConsideration
from heathub.frameworks.models import Dimension, PopulationGroup
from tests.assessments.pages import get_text, question_url, visible_text


def group(framework, key):
    return framework.population_groups.get(key=key)


def test_the_checklist_shows_every_dimension(client, cast) -> None:
    client.force_login(cast.owner)
    text = get_text(client, question_url(cast.assessment, "assess.groups"))
    for heading in (
        "Protected characteristics (Equality Act 2010)",
        "Socio-economic position",
        "Geography",
        "Inclusion health groups",
        "Core20PLUS5: PLUS groups",
    ):
        assert heading in text
    assert "Core20: people living in the most deprived 20% of areas" in text
    assert "Gender reassignment" in text  # all nine protected characteristics
    assert "Add a local PLUS group" in text


def test_ticking_groups_then_describing_each(client, cast, framework) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    url = question_url(a, "assess.groups")
    age, core20 = group(framework, "age"), group(framework, "core20")
    assert client.post(url, {"version": 0, "groups": [age.pk, core20.pk]}).status_code == 302
    rows = {c.groups.get().key: c for c in a.considerations.all()}
    assert set(rows) == {"age", "core20"}
    # "save and continue" now asks for each group's details, naming the group
    response = client.post(url, {"version": 1, "groups": [age.pk, core20.pk], "continue": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select how confident you are about Age" in html
    assert f'href="#id_c{rows["age"].pk}-confidence"' in html
    assert "Select the IMD edition you used for Core20" in html  # only Core20 asks for it
    data = {"version": 2, "groups": [age.pk, core20.pk], "continue": ""}
    for con in rows.values():
        p = f"c{con.pk}"
        data |= {
            f"{p}-evidence": "Clinic data 2025",
            f"{p}-evidence_links": "https://fingertips.phe.org.uk\nhttps://www.jsna.example.gov.uk",
            f"{p}-confidence": "medium",
        }
    data[f"c{rows['core20'].pk}-imd_edition"] = "2025"
    response = client.post(url, data)
    assert response.status_code == 302
    c = rows["age"]
    c.refresh_from_db()
    assert c.evidence_links == ["https://fingertips.phe.org.uk", "https://www.jsna.example.gov.uk"]
    assert c.confidence == "medium"
    assert c.history.first().history_change_reason == (
        "Population group details saved (assess.groups)"
    )
    rows["core20"].refresh_from_db()
    assert rows["core20"].imd_edition == "2025"


def test_where_the_gap_shows_is_asked_per_group(client, cast, framework) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    client.post(
        question_url(a, "assess.groups"), {"version": 0, "groups": [group(framework, "age").pk]}
    )
    c = a.considerations.get()
    url = question_url(a, "assess.where")
    response = client.post(url, {"version": 0, "continue": ""})
    assert "Select access, experience or outcomes for Age" in response.content.decode()
    response = client.post(
        url,
        {
            "version": 1,
            f"c{c.pk}-lenses": ["access", "outcomes"],
            f"c{c.pk}-affected_how": "Fewer older people attend",
            "continue": "",
        },
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.affected_access, c.affected_experience, c.affected_outcomes) == (True, False, True)
    assert c.affected_how == "Fewer older people attend"


def test_unticking_removes_the_group(client, cast, framework) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    url = question_url(a, "assess.groups")
    client.post(url, {"version": 0, "groups": [group(framework, "age").pk]})
    client.post(url, {"version": 1})
    assert not a.considerations.exists()


def test_a_bad_link_is_refused_and_kept(client, cast, framework) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    url = question_url(a, "assess.groups")
    age = group(framework, "age")
    client.post(url, {"version": 0, "groups": [age.pk]})
    c = a.considerations.get()
    response = client.post(
        url, {"version": 1, "groups": [age.pk], f"c{c.pk}-evidence_links": "not a link"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter each link on its own line" in html
    assert "not a link</textarea>" in html


def test_an_intersection_of_groups_is_recorded_and_described_on_the_effect_page(
    client, cast, framework
) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    ids = [group(framework, "age").pk, group(framework, "disability").pk]
    response = client.post(
        f"/assessments/{a.pk}/questions/assess.groups/intersection", {"groups": ids}
    )
    assert response.status_code == 302
    c = PopulationGroupConsideration.objects.get(assessment=a)
    assert sorted(g.pk for g in c.groups.all()) == sorted(ids)
    effect = question_url(a, "assess.effect")
    text = get_text(client, effect)
    assert "Age, Disability" in text
    assert "What effect could the work have on the gap?" in text
    response = client.post(
        effect, {"version": 0, f"c{c.pk}-expected_effect": "widen", "continue": ""}
    )
    assert (
        "Give the reason for the expected effect for Age, Disability" in response.content.decode()
    )
    assert "Say how you will reduce the harm to Age, Disability" in response.content.decode()


def test_one_group_is_not_an_intersection(client, cast, framework) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    response = client.post(
        f"/assessments/{a.pk}/questions/assess.groups/intersection",
        {"groups": [group(framework, "age").pk]},
    )
    assert response.status_code == 400
    assert "Select at least two groups that overlap" in response.content.decode()


def test_a_local_plus_group_belongs_to_the_organisation_and_is_ticked(client, cast) -> None:
    client.force_login(cast.owner)
    a = cast.assessment
    url = f"/assessments/{a.pk}/questions/assess.groups/local-group"
    label = "Families in temporary accommodation"
    response = client.post(url, {"label": label, "description": "Placed by the council"})
    assert response.status_code == 302
    local = PopulationGroup.objects.get(label=label)
    assert (local.organisation, local.dimension) == (cast.org, Dimension.LOCAL)
    assert [str(c) for c in a.considerations.all()] == [label]
    text = visible_text(client.get(question_url(a, "assess.groups")).content.decode())
    assert f"Locally chosen PLUS groups {label}" in text
    again = client.post(url, {"label": label.upper()})
    assert again.status_code == 400
    assert "is already on the list" in again.content.decode()
    shared = client.post(url, {"label": "young carers"})
    assert "Young carers is already on the list: tick it there" in shared.content.decode()


def test_another_organisations_local_groups_are_not_offered(client, cast, framework) -> None:
    PopulationGroup.objects.create(
        organisation=cast.outsider.memberships.get().organisation,
        key="local-veterans",
        label="Veterans in Walsall",
        dimension=Dimension.LOCAL,
    )
    client.force_login(cast.owner)
    assert "Veterans in Walsall" not in get_text(
        client, question_url(cast.assessment, "assess.groups")
    )
