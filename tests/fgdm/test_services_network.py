"""fgdm.services.network: who is in the family network, how they may safely be reached, their language."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fgdm.factories import ChildFactory, NetworkMemberFactory
from fgdm.models import NetworkMember
from fgdm.services.network import PossibleDuplicate, add_member, choose_language, find_duplicate, update_member
from portal.audit.models import AuditEvent
from tests.text import errors_of

pytestmark = pytest.mark.django_db
NO_SAFE_CONTACT = {
    "phone": [
        "Enter a mobile number, an email address or a postal address that is safe to use, so we can contact them."
    ]
}


def test_a_member_is_added_with_their_relationship_to_each_child(case, coordinator):
    mia = case.children.get()
    leo = ChildFactory(case=case, name="Leo", date_of_birth=date(2019, 1, 2))

    gran = add_member(
        case=case,
        relationships={mia.pk: "grandmother", leo.pk: " great-grandmother "},
        actor=coordinator,
        name="Janet Gran",
        phone="+447400123452",
        language="pl",
    )

    assert sorted(gran.relationships.values_list("child__name", "relationship")) == [
        ("Leo", "great-grandmother"),
        ("Mia", "grandmother"),
    ]
    assert (gran.phone, gran.language, gran.allow_sms) == ("+447400123452", "pl", True)
    assert AuditEvent.objects.get(action="member.added").detail == {"case": case.pk}


@pytest.mark.parametrize(
    "contact",
    [
        {},
        {"phone": "+447400123452", "allow_sms": False},
        {"email": "gran@example.org", "allow_email": False},
        {"phone": "+447400123452", "allow_sms": False, "email": "gran@example.org", "allow_email": False},
        {"postal_address": "1 Mill Lane\nNorthtown", "allow_post": False},
        {"postal_address": " \n  \n"},
    ],
)
def test_everyone_needs_a_safe_way_to_be_contacted(case, coordinator, contact):
    with pytest.raises(ValidationError) as error:
        add_member(case=case, relationships={}, actor=coordinator, name="Janet Gran", **contact)

    assert errors_of(error) == NO_SAFE_CONTACT
    assert not NetworkMember.objects.exists()


def test_an_email_that_is_safe_is_enough(case, coordinator):
    aunt = add_member(case=case, relationships={}, actor=coordinator, name="Aisha Aunt", email="aisha@example.org")

    assert (aunt.phone, aunt.email) == ("", "aisha@example.org")


def test_a_postal_address_that_is_safe_is_enough_and_is_kept_line_by_line(case, coordinator):
    grandad = add_member(
        case=case,
        relationships={},
        actor=coordinator,
        name="Stan Grandad",
        postal_address="  Flat 2\r\n\r\n 1 Mill Lane \r\nNorthtown NT1 1AA ",
    )

    assert (grandad.phone, grandad.email) == ("", "")
    assert grandad.postal_address == "Flat 2\n1 Mill Lane\nNorthtown NT1 1AA"
    assert grandad.allow_post is True


def test_possible_duplicates_are_caught_unless_the_coordinator_says_they_are_not(case, member_factory, coordinator):
    janet = member_factory("Janet Gran", phone="+447400123477")

    with pytest.raises(PossibleDuplicate) as error:
        add_member(case=case, relationships={}, actor=coordinator, name="janet  gran", phone="+447400123477")
    assert errors_of(error) == {
        "__all__": ["Janet Gran is already in this family network with the same contact details."]
    }
    assert error.value.existing == janet

    add_member(
        case=case,
        relationships={},
        actor=coordinator,
        confirm_not_duplicate=True,
        name="Janet Gran",
        phone="+447400123477",
    )
    assert case.members.count() == 2


def test_the_same_name_with_other_contact_details_is_not_a_duplicate(case, member_factory):
    member_factory("Janet Gran", email="janet@example.org")

    assert find_duplicate(case=case, name="Janet Gran", phone="+447400123478", email="other@example.org") is None
    assert find_duplicate(case=case, name="JANET GRAN", phone="", email="Janet@Example.org").name == "Janet Gran"


def test_unknown_fields_are_a_programming_error(case, coordinator):
    with pytest.raises(TypeError, match=r"Unknown member fields: \['nickname'\]"):
        add_member(case=case, relationships={}, actor=coordinator, name="Janet", phone="+447400123452", nickname="Nan")


def test_updating_a_member_changes_their_details_and_relationships(case, member_factory, coordinator):
    mia = case.children.get()
    leo = ChildFactory(case=case, name="Leo")
    gran = member_factory("Janet Gran", relationship="grandmother")
    gran.relationships.update_or_create(child=leo, defaults={"relationship": "grandmother"})

    update_member(
        member=gran,
        relationships={mia.pk: "step-grandmother"},
        actor=coordinator,
        phone="",
        email="janet@example.org",
        discreet=True,
    )

    gran.refresh_from_db()
    assert (gran.phone, gran.email, gran.discreet) == ("", "janet@example.org", True)
    assert list(gran.relationships.values_list("child__name", "relationship")) == [("Mia", "step-grandmother")]
    assert AuditEvent.objects.get(action="member.updated").detail == {"fields": ["discreet", "email", "phone"]}


def test_an_update_that_leaves_no_safe_contact_or_names_another_cases_child_is_refused(
    case, member_factory, coordinator
):
    gran = member_factory("Janet Gran", phone="+447400123452")
    stranger_child = NetworkMemberFactory().case.children.get()

    with pytest.raises(ValidationError) as unsafe:
        update_member(member=gran, relationships={}, actor=coordinator, phone="+447400123452", allow_sms=False)
    with pytest.raises(ValidationError) as other_child:
        update_member(member=gran, relationships={stranger_child.pk: "aunt"}, actor=coordinator, phone="+447400123452")

    assert errors_of(unsafe) == NO_SAFE_CONTACT
    assert errors_of(other_child) == {"__all__": ["Choose a child in this case."]}
    gran.refresh_from_db()
    assert gran.allow_sms is True
    assert list(gran.relationships.values_list("relationship", flat=True)) == ["relative"]


def test_a_member_chooses_their_own_language_from_the_list(case, member_factory):
    gran = member_factory("Halina Babcia")

    choose_language(member=gran, language="pl")
    with pytest.raises(ValidationError) as error:
        choose_language(member=gran, language="xx")

    gran.refresh_from_db()
    assert gran.language == "pl"
    assert errors_of(error) == {"language": ["Choose a language from the list."]}
    event = AuditEvent.objects.get(action="member.language_chosen")
    assert (event.actor_label, event.detail) == (gran.ref, {"language": "pl"})
