from fgdm.models.availability import SlotAnswer, Suits, TimeSlot
from fgdm.models.cases import Case, Child, DutyToOfferDecision, Stage
from fgdm.models.consent import ConsentDecision
from fgdm.models.contributions import Contribution
from fgdm.models.exclusions import ExclusionDecision, ExclusionReason, Participation
from fgdm.models.feedback import FeedbackGiven, FeedbackResponse
from fgdm.models.meetings import InterpreterBooking, Meeting, MeetingPart, PartKind
from fgdm.models.network import NetworkMember, Relationship
from fgdm.models.outcomes import Attendance, LegalHold, LivingSituation, Outcome
from fgdm.models.plans import PlanAction, PlanAgreement, PlanVersion
from fgdm.models.replies import Invitation, Reply
from fgdm.models.voice import ChildVoice, VoiceAudience

__all__ = [
    "Attendance",
    "Case",
    "Child",
    "ChildVoice",
    "ConsentDecision",
    "Contribution",
    "DutyToOfferDecision",
    "ExclusionDecision",
    "ExclusionReason",
    "FeedbackGiven",
    "FeedbackResponse",
    "InterpreterBooking",
    "Invitation",
    "LegalHold",
    "LivingSituation",
    "Meeting",
    "MeetingPart",
    "NetworkMember",
    "Outcome",
    "PartKind",
    "Participation",
    "PlanAction",
    "PlanAgreement",
    "PlanVersion",
    "Relationship",
    "Reply",
    "SlotAnswer",
    "Stage",
    "Suits",
    "TimeSlot",
    "VoiceAudience",
]
