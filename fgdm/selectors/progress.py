"""Where a case has got to: the task list on the case page and the next step on "my cases"."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fgdm.models import Case, DutyToOfferDecision, ExclusionDecision, Meeting, Stage
from fgdm.selectors.audience import consent_state
from fgdm.selectors.family import current_meeting, latest_submitted_plan, plan_decision

DONE, TO_DO, CANNOT_START, PROBLEM = "done", "to_do", "cannot_start", "problem"


@dataclass(frozen=True)
class Task:
    key: str
    label: str
    status: str
    status_text: str
    url_name: str = ""


@dataclass(frozen=True)
class Progress:
    tasks: list[Task]
    consent_withdrawn: bool
    meeting: Meeting | None

    @property
    def next_step(self) -> Task | None:
        return next((t for t in self.tasks if t.status in (TO_DO, PROBLEM)), None)


def case_progress(case: Case) -> Progress:
    tasks = [Task("referral", _("Referral"), DONE, _("Completed"), "fgdm:case")]
    if case.coordinator_id:
        tasks.append(Task("coordinator", _("Independent coordinator"), DONE, _("Assigned"), "fgdm:coordinator"))
    else:
        tasks.append(Task("coordinator", _("Independent coordinator"), TO_DO, _("Not assigned"), "fgdm:coordinator"))
    if case.stage == Stage.PRE_PROCEEDINGS:
        recorded = DutyToOfferDecision.objects.current().filter(case=case).exists()
        tasks.append(
            Task(
                "duty_to_offer",
                _("Duty to offer a meeting"),
                DONE if recorded else TO_DO,
                _("Recorded") if recorded else _("Not recorded"),
                "fgdm:duty_to_offer",
            )
        )
    consent = consent_state(case)
    consent_task = {
        "given": Task("consent", _("Consent"), DONE, _("Given"), "fgdm:consent"),
        "none": Task("consent", _("Consent"), TO_DO, _("Not recorded"), "fgdm:consent"),
        "stopped": Task("consent", _("Consent"), PROBLEM, _("Refused or withdrawn"), "fgdm:consent"),
    }[consent]
    tasks.append(consent_task)
    members = case.members.count()
    tasks.append(
        Task(
            "network",
            _("Family network"),
            DONE if members else TO_DO,
            _("%(count)s people") % {"count": members} if members else _("No one added yet"),
            "fgdm:network",
        )
    )
    decisions = ExclusionDecision.objects.current().filter(member__case=case).count()
    tasks.append(
        Task(
            "safety",
            _("Safety check and exclusions"),
            DONE if members else CANNOT_START,
            _("%(count)s decisions") % {"count": decisions} if members else _("Cannot start yet"),
            "fgdm:network",
        )
    )
    meeting = current_meeting(case)
    tasks.append(
        Task(
            "meeting",
            _("Meeting"),
            DONE if meeting else (TO_DO if members else CANNOT_START),
            meeting.get_status_display() if meeting else _("Not arranged"),
            "fgdm:meeting",
        )
    )
    invited = meeting.invitations.filter(cancelled_at__isnull=True).count() if meeting else 0
    can_invite = meeting is not None and consent == "given"
    tasks.append(
        Task(
            "invitations",
            _("Invitations"),
            DONE if invited else (TO_DO if can_invite else CANNOT_START),
            _("%(count)s invited") % {"count": invited} if invited else _("Not sent"),
            "fgdm:invite",
        )
    )
    tasks.append(_plan_task(meeting, invited))
    tasks.append(Task("review", _("Review"), CANNOT_START, _("Cannot start yet")))
    return Progress(tasks=tasks, consent_withdrawn=consent == "stopped", meeting=meeting)


def _plan_task(meeting: Meeting | None, invited: int) -> Task:
    if meeting is None or not invited:
        return Task("plan", _("Family plan"), CANNOT_START, _("Cannot start yet"))
    submitted = latest_submitted_plan(meeting)
    decision = plan_decision(submitted)
    if decision is not None:
        status = _("Agreed") if decision.agreed else _("Not agreed")
        return Task("plan", _("Family plan"), DONE if decision.agreed else PROBLEM, status, "fgdm:plan")
    if submitted is not None:
        return Task("plan", _("Family plan"), TO_DO, _("Waiting for agreement"), "fgdm:plan")
    if meeting.plan_writer_id is None:
        return Task("plan", _("Family plan"), TO_DO, _("Choose the plan writer"), "fgdm:plan_writer")
    return Task("plan", _("Family plan"), TO_DO, _("Being written"), "fgdm:plan")
