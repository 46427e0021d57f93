"""What the audit log calls fgdm's records: a person's name or a plain description, and the case.

The audit log imports no app; this registers a describer per record type when the app is ready.
Each describer reads all the records of its type on a page in one query.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fgdm.models import Case, Child, NetworkMember
from fgdm.models.cases import DutyToOfferDecision
from fgdm.models.consent import ConsentDecision
from fgdm.models.contributions import Contribution
from fgdm.models.exclusions import ExclusionDecision
from fgdm.models.meetings import Meeting, MeetingPart
from fgdm.models.outcomes import LegalHold, Outcome
from fgdm.models.partners import PartnerRequest
from fgdm.models.plans import PlanAgreement, PlanVersion
from fgdm.models.replies import Invitation, Reply
from fgdm.models.voice import ChildVoice
from portal.audit import registry

CASE_REFERENCE = re.compile(r"FG-?0*(\d{1,9})", re.IGNORECASE)


def on_case(words: str, case_id: int) -> str:
    """``"Jane Smith, case FG-00003"``: names repeat across cases, the case reference tells them apart."""
    return _("%(what)s, case %(reference)s") % {"what": words, "reference": Case(pk=case_id).reference}


def _named(what, name: str) -> str:
    return _("%(what)s: %(name)s") % {"what": what, "name": name} if what else name


def _pks(ids) -> list[int]:
    return [int(pk) for pk in ids if pk.isdigit()]


def describer(model, *, what, name, case, related=()):
    """A describer for ``model``: ``what`` kind of record, ``name(row)`` which one, ``case(row)`` its case id."""

    def describe(ids) -> dict[str, str]:
        rows = model.objects.filter(pk__in=_pks(ids)).select_related(*related)
        return {str(row.pk): on_case(_named(what, str(name(row))), case(row)) for row in rows}

    return describe


def _cases(ids) -> dict[str, str]:
    return {
        str(pk): _("Case %(reference)s") % {"reference": Case(pk=pk).reference}
        for pk in Case.objects.filter(pk__in=_pks(ids)).values_list("pk", flat=True)
    }


def _plan_version(version: PlanVersion) -> str:
    return _("Version %(version)s") % {"version": version.number}


DESCRIBERS = {
    "fgdm.case": _cases,
    "fgdm.member": describer(NetworkMember, what=None, name=lambda m: m.name, case=lambda m: m.case_id),
    "fgdm.networkmember": describer(NetworkMember, what=None, name=lambda m: m.name, case=lambda m: m.case_id),
    "fgdm.child": describer(Child, what=None, name=lambda c: c.name, case=lambda c: c.case_id),
    "fgdm.meeting": describer(
        Meeting, what=gettext_lazy("Meeting"), name=lambda m: m.get_kind_display(), case=lambda m: m.case_id
    ),
    "fgdm.meetingpart": describer(
        MeetingPart,
        what=gettext_lazy("Meeting"),
        name=lambda p: p.get_kind_display(),
        case=lambda p: p.meeting.case_id,
        related=["meeting"],
    ),
    "fgdm.exclusiondecision": describer(
        ExclusionDecision,
        what=gettext_lazy("Safety decision"),
        name=lambda d: d.member.name,
        case=lambda d: d.member.case_id,
        related=["member"],
    ),
    "fgdm.partnerrequest": describer(
        PartnerRequest,
        what=gettext_lazy("Request to a partner agency"),
        name=lambda r: r.agency,
        case=lambda r: r.case_id,
    ),
    "fgdm.consentdecision": describer(
        ConsentDecision,
        what=gettext_lazy("Consent"),
        name=lambda d: d.member.name,
        case=lambda d: d.case_id,
        related=["member"],
    ),
    "fgdm.invitation": describer(
        Invitation,
        what=gettext_lazy("Invitation"),
        name=lambda i: i.member.name,
        case=lambda i: i.member.case_id,
        related=["member"],
    ),
    "fgdm.reply": describer(
        Reply,
        what=gettext_lazy("Reply"),
        name=lambda r: r.invitation.member.name,
        case=lambda r: r.invitation.member.case_id,
        related=["invitation__member"],
    ),
    "fgdm.contribution": describer(
        Contribution,
        what=None,
        name=lambda c: _named(c.get_source_display(), c.member.name),
        case=lambda c: c.case_id,
        related=["member"],
    ),
    "fgdm.childvoice": describer(
        ChildVoice,
        what=gettext_lazy("What the child said"),
        name=lambda v: v.child.name,
        case=lambda v: v.case_id,
        related=["child"],
    ),
    "fgdm.planversion": describer(
        PlanVersion,
        what=gettext_lazy("Family plan"),
        name=_plan_version,
        case=lambda v: v.meeting.case_id,
        related=["meeting"],
    ),
    "fgdm.planagreement": describer(
        PlanAgreement,
        what=gettext_lazy("Family plan"),
        name=lambda a: _plan_version(a.version),
        case=lambda a: a.version.meeting.case_id,
        related=["version__meeting"],
    ),
    "fgdm.outcome": describer(
        Outcome, what=gettext_lazy("Outcome"), name=lambda o: o.child.name, case=lambda o: o.case_id, related=["child"]
    ),
    "fgdm.legalhold": describer(LegalHold, what=None, name=lambda h: _("Legal hold"), case=lambda h: h.case_id),
    "fgdm.dutytoofferdecision": describer(
        DutyToOfferDecision, what=None, name=lambda d: _("Duty to offer a meeting"), case=lambda d: d.case_id
    ),
}


ACTIONS = {
    "case.referred": gettext_lazy("Family referred"),
    "case.coordinator_assigned": gettext_lazy("Independent coordinator assigned"),
    "case.duty_to_offer_recorded": gettext_lazy("Decision on offering a meeting recorded"),
    "case.outcome_recorded": gettext_lazy("Outcome recorded"),
    "case.closed": gettext_lazy("Case closed"),
    "case.legal_hold_placed": gettext_lazy("Legal hold placed"),
    "case.legal_hold_lifted": gettext_lazy("Legal hold lifted"),
    "case.anonymised": gettext_lazy("Case anonymised"),
    "consent.given": gettext_lazy("Consent given"),
    "consent.refused": gettext_lazy("Consent refused"),
    "consent.withdrawn": gettext_lazy("Consent withdrawn"),
    "child_voice.recorded": gettext_lazy("What the child said recorded"),
    "exclusion.decided": gettext_lazy("Safety decision made"),
    "exclusion.reasons_viewed": gettext_lazy("Reasons for a safety decision read"),
    "partner.asked": gettext_lazy("Partner agency asked about people in the network"),
    "partner.reminded": gettext_lazy("Partner agency reminded"),
    "partner.code_sent": gettext_lazy("Code sent to a partner agency"),
    "partner.signed_in": gettext_lazy("Partner agency confirmed their code"),
    "partner.locked": gettext_lazy("Partner request locked after wrong codes"),
    "partner.answered": gettext_lazy("Partner agency answered"),
    "partner.answers_read": gettext_lazy("Partner agencies' answers read"),
    "invitation.replied": gettext_lazy("Replied to an invitation"),
    "meeting.arranged": gettext_lazy("Meeting arranged"),
    "meeting.separate_arranged": gettext_lazy("Separate meeting arranged"),
    "meeting.changed": gettext_lazy("Meeting changed"),
    "meeting.cancelled": gettext_lazy("Meeting cancelled"),
    "meeting.held": gettext_lazy("Meeting held"),
    "meeting.recorded_after": gettext_lazy("Past meeting recorded"),
    "meeting.interpreter_booked": gettext_lazy("Interpreter booked"),
    "meeting.invitations_sent": gettext_lazy("Invitations sent"),
    "meeting.slot_offered": gettext_lazy("Meeting times offered"),
    "meeting.times_answered": gettext_lazy("Said which meeting times suit"),
    "meeting.time_confirmed": gettext_lazy("Meeting time confirmed"),
    "member.added": gettext_lazy("Person added to the network"),
    "member.updated": gettext_lazy("Person's details changed"),
    "member.language_chosen": gettext_lazy("Language chosen"),
    "letter.made": gettext_lazy("Letter made for posting"),
    "plan.writer_chosen": gettext_lazy("Plan writer chosen"),
    "plan.submitted": gettext_lazy("Family plan sent"),
    "plan.agreed": gettext_lazy("Family plan decided"),
    "views.given_in_writing": gettext_lazy("Views given in writing"),
    "views.recorded_from_separate_meeting": gettext_lazy("Views from the separate meeting recorded"),
    "views.shared_with_meeting": gettext_lazy("Views shared with the meeting"),
    "subject_access.produced": gettext_lazy("Copy of a person's records produced"),
}


def case_records(text: str) -> dict[str, list[int]] | None:
    """A case reference ("FG-00003", "fg-3") -> the case and the records on it that events name."""
    match = CASE_REFERENCE.fullmatch(text.strip())
    if not match:
        return None
    pk = int(match.group(1))
    members = list(NetworkMember.objects.filter(case_id=pk).values_list("pk", flat=True))
    meetings = list(Meeting.objects.filter(case_id=pk).values_list("pk", flat=True))
    return {
        "fgdm.case": [pk],
        "fgdm.member": members,
        "fgdm.networkmember": members,
        "fgdm.child": list(Child.objects.filter(case_id=pk).values_list("pk", flat=True)),
        "fgdm.meeting": meetings,
        "fgdm.meetingpart": list(MeetingPart.objects.filter(meeting_id__in=meetings).values_list("pk", flat=True)),
        "fgdm.exclusiondecision": list(
            ExclusionDecision.objects.filter(member_id__in=members).values_list("pk", flat=True)
        ),
        "fgdm.consentdecision": list(ConsentDecision.objects.filter(case_id=pk).values_list("pk", flat=True)),
        "fgdm.invitation": list(Invitation.objects.filter(member_id__in=members).values_list("pk", flat=True)),
        "fgdm.planversion": list(PlanVersion.objects.filter(meeting_id__in=meetings).values_list("pk", flat=True)),
        "fgdm.partnerrequest": list(PartnerRequest.objects.filter(case_id=pk).values_list("pk", flat=True)),
        "fgdm.outcome": list(Outcome.objects.filter(case_id=pk).values_list("pk", flat=True)),
    }


def register() -> None:
    registry.register_actions(ACTIONS)
    registry.register_record_finder(case_records)
    for object_type, describe in DESCRIBERS.items():
        registry.register_describer(object_type, describe)
    # Some events name a family member as "fgdm.member", their reference, rather than the model's label.
    registry.register_describer("fgdm.member", DESCRIBERS["fgdm.member"], model="fgdm.networkmember")
