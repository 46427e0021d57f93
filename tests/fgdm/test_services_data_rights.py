"""fgdm.services.data_rights: finding one person's records in every case, and which cases retention takes."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fgdm.factories import CaseFactory, NetworkMemberFactory
from fgdm.models import Case
from fgdm.services.data_rights import (
    apply_retention,
    due_for_retention,
    find_child_records,
    find_member_records,
    subject_access_bundle,
)
from fgdm.services.outcomes import place_hold
from portal.accounts import roles
from portal.audit.models import AuditEvent
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def grans(db):
    first, second = CaseFactory(child_name="Mia Child"), CaseFactory(child_name="Mia Child")
    return [
        NetworkMemberFactory(case=first, name="Gran Smith", phone="+447400555001", email="gran@example.org"),
        NetworkMemberFactory(case=second, name="Gran Smith", phone="+447400555001"),
        NetworkMemberFactory(case=second, name="Other Person", phone="+447400555002", email="GRAN@example.org"),
    ]


def test_a_person_is_found_by_phone_as_typed_by_email_in_any_case_or_by_exact_name(grans):
    one, two, other = grans

    assert find_member_records(phone="07400 555001") == [one, two]
    assert find_member_records(email=" Gran@Example.org ") == [one, other]
    assert find_member_records(name="gran smith") == [one, two]
    assert find_member_records(name="Gran") == []
    assert find_member_records() == []


def test_a_child_is_found_by_name_and_date_of_birth_together(grans):
    found = find_child_records(name="mia child", date_of_birth=date(2016, 5, 14))

    assert sorted(child.case_id for child in found) == sorted(m.case_id for m in grans[:2])
    assert find_child_records(name="Mia Child", date_of_birth=date(2016, 5, 15)) == []
    assert find_child_records(name="", date_of_birth=date(2016, 5, 14)) == []


def test_producing_a_bundle_records_who_asked_and_which_cases_it_covers(grans):
    manager = make_staff(roles.SERVICE_MANAGER)

    subject_access_bundle(members=grans[:2], actor=manager)

    event = AuditEvent.objects.get(action="subject_access.produced")
    assert event.actor == manager
    assert event.detail == {"records": 2, "children": [], "cases": sorted(m.case_id for m in grans[:2])}


def test_retention_takes_closed_cases_past_the_period_that_are_not_on_hold(settings):
    settings.RETENTION_DAYS_AFTER_CLOSURE = 30
    old, recent, held, still_open = CaseFactory(), CaseFactory(), CaseFactory(), CaseFactory()
    Case.objects.filter(pk__in=[old.pk, held.pk]).update(closed_at=timezone.now() - timedelta(days=31))
    Case.objects.filter(pk=recent.pk).update(closed_at=timezone.now() - timedelta(days=29))
    place_hold(case=held, reason="Court case", actor=make_staff(roles.SERVICE_MANAGER))

    assert [item.case for item in due_for_retention()] == [old]
    assert [item.case for item in apply_retention(dry_run=True)] == [old]
    assert not Case.objects.filter(anonymised_at__isnull=False).exists()

    apply_retention(dry_run=False)

    assert list(Case.objects.filter(anonymised_at__isnull=False)) == [old]
    assert due_for_retention() == []
    still_open.refresh_from_db()
    assert still_open.anonymised_at is None
