"""Rare combinations: the reviewer is warned and offered coarser values."""

from rmn_portal.notes import combinations, services
from rmn_portal.notes.vocab import AgeBand, Region

from ..factories import login


def test_a_combination_shared_by_fewer_than_three_notes_is_rare(people, notes):
    for _ in range(2):
        notes.published()
    note = notes.in_review()
    check = combinations.check(note)
    assert check.count == 2 and check.rare
    offered = {(option.field, option.value) for option in check.options}
    assert ("age_band", "18-34") in offered and ("region", "serbia") in offered
    assert ("origin_region", "asia") in offered and ("groups", "not-stated") in offered


def test_three_sharing_notes_are_enough(people, notes):
    for _ in range(3):
        notes.published()
    check = combinations.check(notes.in_review())
    assert check.count == 3 and not check.rare and check.options == ()


def test_coarser_values_count_every_finer_value_they_cover(people, notes):
    notes.published(age_band="18-24")
    notes.published(age_band="25-34")
    notes.published(age_band="35-49")
    note = notes.in_review(age_band="25-34")
    assert combinations.count_sharing(note) == 1
    assert combinations.count_sharing(note, age_band="18-34") == 2
    assert combinations.count_sharing(note, age_band="unknown") == 3


def test_reviewer_sees_the_warning_and_makes_the_note_coarser(client, people, notes,
                                                              db_session):
    note = notes.in_review()
    login(client, people.coordinator)
    page = client.get(f"/notes/{note.id}/review").get_data(as_text=True)
    assert "No published note shares this note" in page
    response = client.post(f"/notes/{note.id}/generalise", data={
        "version": note.version, "age_band": "18-34", "origin_region": "middle-east",
        "region": "serbia"})
    assert response.status_code == 302
    db_session.expire_all()
    assert note.age_band is AgeBand.FROM_18_TO_34 and note.region is Region.SERBIA
    # The text no longer repeats the finer values it had.
    assert "18–24" not in note.redacted_narrative and "Belgrade" not in note.redacted_narrative
    assert "[AGE]" in note.redacted_narrative and "[PLACE]" in note.redacted_narrative
    assert note.generalised == ["age_band", "region"]


def test_a_finer_value_cannot_be_chosen_by_the_reviewer(client, people, notes, db_session):
    note = notes.in_review(age_band="18-24")
    login(client, people.coordinator)
    response = client.post(f"/notes/{note.id}/generalise", data={
        "version": note.version, "age_band": "50-plus", "origin_region": "middle-east",
        "region": "belgrade"})
    assert response.status_code == 422
    db_session.expire_all()
    assert note.age_band is AgeBand.FROM_18_TO_24


def test_withholding_the_group(people, notes):
    note = notes.in_review(groups=["gay", "trans"])
    services.generalise(people.coordinator, note, groups="not-stated")
    assert note.groups_key == "not-stated"
    assert [g.value for g in note.group_values] == ["not-stated"]
