"""Retention and subject access for the cases this service holds.

Retention: a closed case whose closure is older than RETENTION_DAYS_AFTER_CLOSURE, and which has no
legal hold in place, has its personal details removed by every app (``portal.data_rights``); its
rows, dates, stage, decisions and outcomes stay, so the service's figures do not change. Open cases
and cases on hold are never touched.

Subject access: everything held about one person, across every case they appear in, with other
people's details and exclusion reasons left out.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fgdm.models import Case, LegalHold, NetworkMember
from portal.audit.services import record
from portal.data_rights import Section, erase_case, subject_sections
from portal.messaging.phone import normalise_mobile
from portal.references import make_ref


@dataclass(frozen=True)
class RetentionItem:
    case: Case
    closed_at: datetime


def due_for_retention(*, now: datetime | None = None) -> list[RetentionItem]:
    cutoff = (now or timezone.now()) - timedelta(days=settings.RETENTION_DAYS_AFTER_CLOSURE)
    cases = (
        Case.objects.filter(closed_at__isnull=False, closed_at__lt=cutoff, anonymised_at__isnull=True)
        .exclude(pk__in=LegalHold.objects.filter(lifted_at__isnull=True).values("case_id"))
        .order_by("closed_at")
    )
    return [RetentionItem(case=case, closed_at=case.closed_at) for case in cases]


def apply_retention(*, dry_run: bool, actor=None, now: datetime | None = None) -> list[RetentionItem]:
    """Remove personal details from every case past retention; with ``dry_run``, only say which would go."""
    due = due_for_retention(now=now)
    if dry_run:
        return due
    for item in due:
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=item.case.pk)
            if case.anonymised_at is not None or case.legal_holds.filter(lifted_at__isnull=True).exists():
                continue
            changed = erase_case(case.ref)
            case.anonymised_at = timezone.now()
            case.save(update_fields=["anonymised_at"])
            record(
                actor=actor,
                actor_label="" if actor else "retention",
                action="case.anonymised",
                target=case,
                detail={"rows": changed},
            )
    return due


def find_member_records(*, name: str = "", phone: str = "", email: str = "") -> list[NetworkMember]:
    """Every network-member record that is this person, in any case: matched on phone, email, or exact name."""
    query = Q()
    if phone.strip():
        try:
            query |= Q(phone=normalise_mobile(phone))
        except ValidationError:
            query |= Q(phone=phone.strip())
    if email.strip():
        query |= Q(email__iexact=email.strip())
    if name.strip():
        query |= Q(name__iexact=name.strip())
    if not query:
        return []
    return list(NetworkMember.objects.filter(query).select_related("case").order_by("case_id", "pk"))


def find_child_records(*, name: str, date_of_birth) -> list:
    from fgdm.models import Child

    if not (name.strip() and date_of_birth):
        return []
    return list(Child.objects.filter(name__iexact=name.strip(), date_of_birth=date_of_birth).select_related("case"))


def subject_access_bundle(*, members: list[NetworkMember], actor, children=()) -> list[Section]:
    refs = [m.ref for m in members] + [make_ref("fgdm.child", c.pk) for c in children]
    sections = subject_sections(refs)
    record(
        actor=actor,
        action="subject_access.produced",
        object_type="fgdm.member",
        object_id=",".join(str(m.pk) for m in members)[:64],
        detail={
            "records": len(members) + len(children),
            "children": [c.pk for c in children],
            "cases": sorted({m.case_id for m in members} | {c.case_id for c in children}),
        },
    )
    return sections
