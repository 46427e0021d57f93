from fgdm.models.availability import SlotAnswer, Suits, TimeSlot
from fgdm.models.cases import Case, Child, DutyToOfferDecision, Stage
from fgdm.models.consent import ConsentDecision
from fgdm.models.contributions import Contribution
from fgdm.models.exclusions import ExclusionDecision, ExclusionReason, Participation
from fgdm.models.feedback import FeedbackGiven, FeedbackResponse
from fgdm.models.meetings import InterpreterBooking, Meeting, MeetingPart, PartKind
from fgdm.models.network import NetworkMember, Relationship
from fgdm.models.outcomes import Attendance, LegalHold, LivingSituation, Outcome
from fgdm.models.partners import AgencyKind, Known, PartnerAnswer, PartnerRequest, Risk
from fgdm.models.plans import PlanAction, PlanAgreement, PlanVersion
from fgdm.models.replies import Invitation, Reply
from fgdm.models.voice import ChildVoice, VoiceAudience

__all__ = [
    "AgencyKind",
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
    "Known",
    "LegalHold",
    "LivingSituation",
    "Meeting",
    "MeetingPart",
    "NetworkMember",
    "Outcome",
    "PartKind",
    "Participation",
    "PartnerAnswer",
    "PartnerRequest",
    "PlanAction",
    "PlanAgreement",
    "PlanVersion",
    "Relationship",
    "Reply",
    "Risk",
    "SlotAnswer",
    "Stage",
    "Suits",
    "TimeSlot",
    "VoiceAudience",
]
