"""fgdm's part in data rights: what it erases from a case at the end of retention, and what it shows
a person who asks for their data. Other people's details and other people's exclusion reasons are
never part of someone's bundle."""

from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import (
    ChildVoice,
    ConsentDecision,
    Contribution,
    DutyToOfferDecision,
    ExclusionDecision,
    NetworkMember,
    PartnerAnswer,
    PartnerRequest,
    PlanAction,
    PlanAgreement,
    PlanVersion,
    Relationship,
    Reply,
)
from fgdm.models.replies import Invitation
from portal.data_rights import Section, register_case_eraser, register_subject_source
from portal.references import parse_ref, parse_refs

REMOVED = "Removed"


def erase_case(case_ref: str) -> int:
    """Blank every personal detail fgdm holds for the case; keep its rows, dates, stages and outcomes."""
    case_id = parse_ref(case_ref, "fgdm.case")
    if case_id is None:
        return 0
    from fgdm.models import Case, Child

    changed = Case.objects.filter(pk=case_id).update(worries="", strengths="", bottom_lines="")
    for child in Child.objects.filter(case_id=case_id):
        changed += Child.objects.filter(pk=child.pk).update(
            name=REMOVED, advocate="", date_of_birth=child.date_of_birth.replace(month=1, day=1)
        )
    changed += NetworkMember.objects.filter(case_id=case_id).update(
        name=REMOVED,
        phone="",
        email="",
        postal_address="",
        interpreter_preferences="",
        access_needs="",
        travel_needs="",
        childcare_needs="",
        suggested_by="",
        household="",
    )
    changed += NetworkMember.objects.filter(case_id=case_id).exclude(date_of_birth=None).update(date_of_birth=None)
    changed += Relationship.objects.filter(member__case_id=case_id).update(relationship=REMOVED)
    changed += PartnerRequest.objects.filter(case_id=case_id).update(
        agency_name="", contact_name=REMOVED, contact_email="", code_hash=""
    )
    changed += PartnerAnswer.objects.filter(request__case_id=case_id).update(risks={}, details="")
    changed += ConsentDecision.objects.filter(case_id=case_id).update(note="")
    changed += (
        DutyToOfferDecision.objects.filter(case_id=case_id)
        .exclude(reason_not_offered="")
        .update(reason_not_offered=REMOVED)
    )
    changed += PlanAgreement.objects.filter(version__meeting__case_id=case_id).exclude(reason="").update(reason=REMOVED)
    changed += ExclusionDecision.objects.filter(member__case_id=case_id).update(note="", agencies_consulted="")
    changed += Reply.objects.filter(invitation__meeting__case_id=case_id).update(
        access_needs="", supporter="", interpreter_preferences=""
    )
    changed += PlanVersion.objects.filter(meeting__case_id=case_id).update(
        contingency="", how_checked="", childs_words="", bottom_line_answers=[]
    )
    changed += Contribution.objects.filter(case_id=case_id).update(going_well="", worries="", can_offer="")
    changed += PlanAction.objects.filter(version__meeting__case_id=case_id).update(
        worry="", what="", who="", by_when="", help_needed=""
    )
    for voice in ChildVoice.objects.filter(case_id=case_id).exclude(picture=""):
        voice.picture.delete(save=False)
    changed += ChildVoice.objects.filter(case_id=case_id).update(
        going_well="", worries="", wishes="", who_there="", picture="", picture_type=""
    )
    return changed


def _members(refs: list[str]) -> list[NetworkMember]:
    ids = parse_refs(refs, "fgdm.member")
    return list(NetworkMember.objects.filter(pk__in=ids).select_related("case"))


def about_member(refs: list[str]) -> list[Section]:
    members = _members(refs)
    if not members:
        return []
    sections = []
    record_rows = [
        {
            _("Case"): member.case.reference,
            _("Name"): member.name,
            _("Date of birth"): member.date_of_birth.isoformat() if member.date_of_birth else "",
            _("Mobile phone number"): member.phone,
            _("Email address"): member.email,
            _("Postal address"): member.postal_address,
            _("Preferred language"): member.language_name,
            _("Interpreter"): member.get_interpreter_display(),
            _("Access needs"): member.access_needs,
            _("Added"): timezone.localdate(member.added_at).isoformat(),
            _("Relationship to the child"): ", ".join(r.relationship for r in member.relationships.all()),
        }
        for member in members
    ]
    sections.append(Section(title=_("What we hold about you"), rows=record_rows))
    consent = ConsentDecision.objects.filter(member__in=members).select_related("case", "decided_by")
    if consent:
        sections.append(
            Section(
                title=_("Your consent"),
                rows=[
                    {
                        _("Case"): c.case.reference,
                        _("Decision"): c.get_status_display(),
                        _("How"): c.get_method_display(),
                        _("When"): timezone.localdate(c.decided_at).isoformat(),
                        _("Recorded by"): c.decided_by.get_full_name(),
                    }
                    for c in consent
                ],
            )
        )
    exclusions = ExclusionDecision.objects.filter(member__in=members).select_related("member__case")
    if exclusions:
        sections.append(
            Section(
                title=_("Decisions about how you take part"),
                rows=[
                    {
                        _("Case"): e.member.case.reference,
                        _("Decision"): e.get_participation_display(),
                        _("When"): timezone.localdate(e.decided_at).isoformat(),
                        _("To be looked at again"): e.review_on.isoformat() if e.review_on else "",
                    }
                    for e in exclusions
                ],
                note=_(
                    "The reasons for these decisions are held by the service. A manager must review them, "
                    "and remove anything about other people, before they can be shared with you."
                ),
            )
        )
    if PartnerAnswer.objects.filter(member__in=members).exists():
        # What partner agencies said is about risk and often about other people: never in a bundle
        # until a manager has reviewed it, like the reasons for a decision.
        sections.append(
            Section(
                title=_("Information from partner agencies"),
                note=_(
                    "Partner agencies gave us information for the safety check. It is held by the service. "
                    "A manager must review it, and remove anything about other people, before it can be shared "
                    "with you."
                ),
            )
        )
    replies = Reply.objects.filter(invitation__member__in=members).select_related("invitation__meeting__case")
    invitations = Invitation.objects.filter(member__in=members).select_related("meeting__case")
    if invitations:
        sections.append(
            Section(
                title=_("Invitations and your replies"),
                rows=[
                    {_("Case"): i.meeting.case.reference, _("Invited"): timezone.localdate(i.sent_at).isoformat()}
                    for i in invitations
                ]
                + [
                    {
                        _("Case"): r.invitation.meeting.case.reference,
                        _("Reply"): r.get_answer_display(),
                        _("When"): timezone.localdate(r.received_at).isoformat(),
                        _("Interpreter"): r.interpreter_language
                        or (r.get_interpreter_display() if r.interpreter else ""),
                        _("Access needs"): r.access_needs,
                        _("Supporter"): r.supporter,
                    }
                    for r in replies
                ],
            )
        )
    plans = PlanVersion.objects.filter(written_by__in=members).prefetch_related("actions")
    if plans:
        sections.append(
            Section(
                title=_("Family plans you wrote"),
                rows=[
                    {
                        _("Version"): str(p.number),
                        _("Written"): timezone.localdate(p.created_at).isoformat(),
                        _("What we will do"): " / ".join(a.what for a in p.actions.all()),
                        _("If the plan is not working, we will"): p.contingency,
                    }
                    for p in plans
                ],
            )
        )
    sections += _voices(ChildVoice.objects.filter(given_by__in=members), _("What you told us about the child"))
    return sections


def _voices(voices, title: str) -> list[Section]:
    rows = [
        {
            _("When"): timezone.localdate(v.created_at).isoformat(),
            _("What is going well"): v.going_well,
            _("What worries you"): v.worries,
            _("What you want to happen"): v.wishes,
        }
        for v in voices
    ]
    return [Section(title=title, rows=rows)] if rows else []


def about_child(refs: list[str]) -> list[Section]:
    """A child's own record: who they are, where they have lived after each review, and their own words."""
    from fgdm.models import Child, Outcome

    ids = parse_refs(refs, "fgdm.child")
    children = list(Child.objects.filter(pk__in=ids).select_related("case"))
    if not children:
        return []
    sections = [
        Section(
            title=_("What we hold about the child"),
            rows=[
                {
                    _("Case"): c.case.reference,
                    _("Name"): c.name,
                    _("Date of birth"): c.date_of_birth.isoformat(),
                    _("First language"): c.first_language,
                }
                for c in children
            ],
        )
    ]
    outcomes = Outcome.objects.current().filter(child__in=children).select_related("case")
    if outcomes:
        sections.append(
            Section(
                title=_("Where the child was living"),
                rows=[
                    {
                        _("Case"): o.case.reference,
                        _("When"): timezone.localdate(o.decided_at).isoformat(),
                        _("Where"): o.get_living_situation_display(),
                    }
                    for o in outcomes
                ],
            )
        )
    sections += _voices(ChildVoice.objects.filter(child__in=children), _("What the child told us"))
    return sections


def register() -> None:
    register_case_eraser(erase_case)
    register_subject_source(about_member)
    register_subject_source(about_child)
