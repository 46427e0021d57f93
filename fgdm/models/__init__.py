from fgdm.models.cases import Case, Child, DutyToOfferDecision, Stage
from fgdm.models.consent import ConsentDecision
from fgdm.models.exclusions import ExclusionDecision, ExclusionReason, Participation
from fgdm.models.meetings import InterpreterBooking, Meeting, MeetingPart, PartKind
from fgdm.models.network import NetworkMember, Relationship
from fgdm.models.replies import Invitation, Reply

__all__ = [
    "Case",
    "Child",
    "ConsentDecision",
    "DutyToOfferDecision",
    "ExclusionDecision",
    "ExclusionReason",
    "InterpreterBooking",
    "Invitation",
    "Meeting",
    "MeetingPart",
    "NetworkMember",
    "PartKind",
    "Participation",
    "Relationship",
    "Reply",
    "Stage",
]
