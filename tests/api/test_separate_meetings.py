"""A case system reads a separate meeting as the case's record holds it: kind "separate", linked to the
family's meeting, who it is for by role and relationship; never a name or a venue."""

from datetime import timedelta

from django.utils import timezone

from fgdm.models import ExclusionReason, Participation, PartKind
from fgdm.services.exclusions import record_exclusion
from fgdm.services.meetings import PartPlan, arrange_separate_meeting


def test_a_separate_meeting_is_listed_as_separate_and_linked_never_by_name_or_venue(
    api_world, member_factory, practitioner, coordinator
):
    main = api_world.plan.meeting
    father = member_factory("Gary Hidden")
    record_exclusion(
        member=father,
        participation=Participation.SEPARATE_MEETING,
        reasons=[ExclusionReason.DOMESTIC_ABUSE],
        note="Kept apart from the mother",
        agencies_consulted="",
        review_on=timezone.localdate() + timedelta(days=30),
        actor=practitioner,
    )
    start = timezone.now().replace(microsecond=0) + timedelta(days=9)
    separate = arrange_separate_meeting(
        main=main,
        members=[father],
        parts=[PartPlan(PartKind.INFORMATION_SHARING, start, start + timedelta(hours=1), "Quiet Annexe", "7 Lane")],
        actor=coordinator,
    )

    response = api_world.api().get("/api/v1/meetings/", {"case_reference": api_world.case.reference})
    assert response.status_code == 200
    listed = {m["id"]: m for m in response.json()["results"]}
    assert (listed[main.pk]["kind"], listed[main.pk]["linked_to"], listed[main.pk]["for_members"]) == (
        main.kind,
        None,
        [],
    )
    theirs = listed[separate.pk]
    assert (theirs["kind"], theirs["linked_to"]) == ("separate", main.pk)
    assert theirs["for_members"] == [
        {"role": "network_member", "relationships": sorted(r.relationship for r in father.relationships.all())}
    ]
    assert [p["kind"] for p in theirs["parts"]] == ["information_sharing"]
    one = api_world.api().get(f"/api/v1/meetings/{separate.pk}/").json()
    assert one["linked_to"] == main.pk
    text = response.content.decode() + str(one)
    for secret in ("Gary Hidden", "Quiet Annexe", "7 Lane", "Kept apart from the mother"):
        assert secret not in text
