"""Property: whatever the households, exclusions and shared phones, a letter posted to someone tells
only the parts that everyone at that postal address may know of, leaves out a venue address that is
withheld from any of them, and is not made when one of them may not be contacted. Ground truth
comes from the participation decisions alone, not from the selector."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fgdm.factories import ConsentDecisionFactory, ExclusionDecisionFactory, NetworkMemberFactory
from fgdm.models import Participation
from fgdm.selectors.audience import PARTS_BY_PARTICIPATION, letter_disclosure

# Three homes, each written more than one way: the rule must see through case, commas and spaces.
HOMES = [
    ["1 Mill Lane\nNorthtown NT1 1AA", "1 mill lane, northtown nt1 1aa"],
    ["2 Bank Street\nSouthby SB2 2BB", "2 Bank Street, Southby SB2 2BB"],
    ["Flat 3\n9 High Road"],
]
PHONES = ["", "", "+447400123401", "+447400123402"]

member_st = st.fixed_dictionaries(
    {
        "home": st.integers(min_value=0, max_value=len(HOMES) - 1),
        "spelling": st.integers(min_value=0, max_value=1),
        "phone": st.sampled_from(PHONES),
        "participation": st.sampled_from(Participation.values),
        "withhold_address": st.booleans(),
        "allow_post": st.booleans(),
    }
)


@pytest.mark.django_db
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(network=st.lists(member_st, min_size=2, max_size=6))
def test_a_letter_tells_only_what_everyone_at_the_address_may_know(case, meeting, network):
    with transaction.atomic():
        run_example(case, meeting, network)
        transaction.set_rollback(True)


def run_example(case, meeting, network):
    members = []
    for i, spec in enumerate(network):
        spellings = HOMES[spec["home"]]
        address = spellings[spec["spelling"] % len(spellings)]
        # Someone with post that is not safe needs another way to be reached.
        phone = spec["phone"] or ("" if spec["allow_post"] else f"+44740012350{i}")
        members.append(
            NetworkMemberFactory(
                case=case,
                name=f"Person{i}",
                phone=phone,
                email="",
                postal_address=address,
                allow_post=spec["allow_post"],
                has_parental_responsibility=i == 0,
            )
        )
    ConsentDecisionFactory(member=members[0])
    for member, spec in zip(members, network, strict=True):
        if spec["participation"] != Participation.ALL or spec["withhold_address"]:
            ExclusionDecisionFactory(
                member=member, participation=spec["participation"], withhold_venue_address=spec["withhold_address"]
            )

    for i, (member, spec) in enumerate(zip(members, network, strict=True)):
        seen = letter_disclosure(member, meeting)
        home = [j for j, other in enumerate(network) if other["home"] == spec["home"]]
        by_phone = [j for j, other in enumerate(network) if spec["phone"] and other["phone"] == spec["phone"]]
        readers = set(home) | set(by_phone) | {i}
        may_know = set(PARTS_BY_PARTICIPATION[Participation.ALL])
        for j in readers:
            may_know &= PARTS_BY_PARTICIPATION[network[j]["participation"]]
        anyone_no_contact = any(network[j]["participation"] == Participation.NO_CONTACT for j in readers)

        told = {part.kind for part in seen.parts}
        if not spec["allow_post"] or anyone_no_contact:
            assert told == set()
        assert told <= may_know
        if any(network[j]["withhold_address"] for j in home):
            assert all(part.venue_address == "" for part in seen.parts)
        if seen.may_see_plan:
            assert "private_family_time" in may_know
