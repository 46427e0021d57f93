"""What the API says about each record. Fields are listed one by one: nothing reaches a case system
unless it is named here, and exclusion reasons, internal notes, safety plans, family contact
details and sign-in material are never named (``tests/api/test_never_disclosed.py`` checks)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fgdm.models import Case, Child, Meeting, Outcome, PlanAction, PlanAgreement, PlanVersion
from fgdm.models.meetings import MeetingStatus
from network_support.models import ItemDecision, Payment, SupportDecision, SupportItem, SupportRequest


class StaffSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.email


class ChildSerializer(serializers.ModelSerializer):
    class Meta:
        model = Child
        fields = ["id", "name", "date_of_birth"]


class CaseSerializer(serializers.ModelSerializer):
    reference = serializers.CharField()
    status = serializers.SerializerMethodField()
    children = ChildSerializer(many=True)
    lead_practitioner = StaffSerializer()
    coordinator = StaffSerializer(allow_null=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "stage",
            "status",
            "referred_at",
            "closed_at",
            "children",
            "lead_practitioner",
            "coordinator",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=["open", "closed"]))
    def get_status(self, case) -> str:
        return "closed" if case.closed_at else "open"


class CaseLinkMixin(serializers.Serializer):
    case_reference = serializers.SerializerMethodField()

    def get_case_reference(self, obj) -> str:
        return f"FG-{self.case_id_of(obj):05d}"

    def case_id_of(self, obj) -> int:
        return obj.case_id


class PartSerializer(serializers.Serializer):
    kind = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class AttendeeSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=["parental_responsibility", "child_or_advocate", "network_member"])
    relationships = serializers.ListField(child=serializers.CharField())
    attended = serializers.BooleanField(allow_null=True)


class ForMemberSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=["parental_responsibility", "child_or_advocate", "network_member"])
    relationships = serializers.ListField(child=serializers.CharField())


def _role(member) -> str:
    if member.has_parental_responsibility:
        return "parental_responsibility"
    if member.voice_of_id:
        return "child_or_advocate"
    return "network_member"


class MeetingSerializer(CaseLinkMixin, serializers.ModelSerializer):
    """A meeting of the case. A separate meeting (kind ``separate``) is listed too, as the case's own
    record holds it: ``linked_to`` is the meeting it feeds into and ``for_members`` who it is for, by
    role and relationship like the attendees, never by name; venues are never in the API."""

    held_on = serializers.SerializerMethodField()
    parts = serializers.SerializerMethodField()
    attendees = serializers.SerializerMethodField()
    linked_to = serializers.IntegerField(source="linked_to_id", allow_null=True, read_only=True)
    for_members = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "case_id",
            "case_reference",
            "kind",
            "status",
            "held_on",
            "parts",
            "attendees",
            "linked_to",
            "for_members",
        ]

    @extend_schema_field(ForMemberSerializer(many=True))
    def get_for_members(self, meeting):
        """Empty for the family's own meetings; for a separate meeting, the people it is for."""
        rows = [
            {"role": _role(m), "relationships": sorted(r.relationship for r in m.relationships.all())}
            for m in meeting.for_members.all()
        ]
        return ForMemberSerializer(sorted(rows, key=lambda r: (r["role"], r["relationships"])), many=True).data

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_held_on(self, meeting):
        parts = list(meeting.parts.all())
        if meeting.status != MeetingStatus.HELD or not parts:
            return None
        return timezone.localdate(min(p.starts_at for p in parts)).isoformat()

    @extend_schema_field(PartSerializer(many=True))
    def get_parts(self, meeting):
        return PartSerializer(meeting.parts.all(), many=True).data

    @extend_schema_field(AttendeeSerializer(many=True))
    def get_attendees(self, meeting):
        """Who was invited and whether they came: by role and relationship, never by name."""
        rows = []
        for invitation in meeting.invitations.all():
            if invitation.cancelled_at:
                continue
            member = invitation.member
            role = _role(member)
            attendance = getattr(invitation, "attendance", None)
            rows.append(
                {
                    "role": role,
                    "relationships": sorted(r.relationship for r in member.relationships.all()),
                    "attended": attendance.attended if attendance else None,
                }
            )
        return AttendeeSerializer(rows, many=True).data


class PlanActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanAction
        fields = ["position", "worry", "what", "who", "by_when", "help_needed"]


class PlanDecisionSerializer(serializers.ModelSerializer):
    decided_by = StaffSerializer()
    current = serializers.SerializerMethodField()

    class Meta:
        model = PlanAgreement
        fields = ["id", "agreed", "reason", "review_on", "decided_at", "decided_by", "current"]

    def get_current(self, decision) -> bool:
        return decision.superseded_by_id is None


class PlanSerializer(CaseLinkMixin, serializers.ModelSerializer):
    """One version of the family's plan as they sent it, word for word, with the decisions on it."""

    case_id = serializers.IntegerField(source="meeting.case_id")
    submitted_at = serializers.DateTimeField(source="created_at")
    actions = PlanActionSerializer(many=True)
    decision = serializers.SerializerMethodField()
    decisions = PlanDecisionSerializer(source="agreements", many=True)

    class Meta:
        model = PlanVersion
        fields = [
            "id",
            "case_id",
            "case_reference",
            "meeting_id",
            "number",
            "submitted_at",
            "actions",
            "contingency",
            "how_checked",
            "childs_words",
            "decision",
            "decisions",
        ]

    def case_id_of(self, version) -> int:
        return version.meeting.case_id

    @extend_schema_field(PlanDecisionSerializer(allow_null=True))
    def get_decision(self, version):
        current = [a for a in version.agreements.all() if a.superseded_by_id is None]
        return PlanDecisionSerializer(current[0]).data if current else None


class OutcomeSerializer(CaseLinkMixin, serializers.ModelSerializer):
    current = serializers.SerializerMethodField()

    class Meta:
        model = Outcome
        fields = [
            "id",
            "case_id",
            "case_reference",
            "child_id",
            "meeting_id",
            "at_closure",
            "living_situation",
            "proceedings_issued",
            "decided_at",
            "current",
        ]

    def get_current(self, outcome) -> bool:
        return outcome.superseded_by_id is None


class SupportItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupportItem
        fields = ["id", "category", "description", "amount_pence", "frequency", "starts_on", "ends_on", "payments"]


class ItemDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ItemDecision
        fields = ["item_id", "outcome", "approved_amount_pence", "approved_payments"]


class SupportDecisionSerializer(serializers.ModelSerializer):
    """The decision and its reason for the family. The internal note stays in the portal."""

    decided_by = StaffSerializer()
    items = ItemDecisionSerializer(source="item_decisions", many=True)
    current = serializers.SerializerMethodField()
    ended_on = serializers.SerializerMethodField()

    class Meta:
        model = SupportDecision
        fields = [
            "id",
            "number",
            "outcome",
            "reason_for_family",
            "review_on",
            "approved_pence",
            "decided_at",
            "decided_by",
            "current",
            "items",
            "ended_on",
        ]

    def get_current(self, decision) -> bool:
        return decision.superseded_by_id is None

    def get_ended_on(self, decision) -> str | None:
        ending = getattr(decision, "ending", None)
        return ending.ends_on.isoformat() if ending else None


class PaymentSerializer(serializers.ModelSerializer):
    item_id = serializers.IntegerField(source="item_decision.item_id")

    class Meta:
        model = Payment
        fields = ["id", "item_id", "due_on", "amount_pence", "status", "paid_on"]


class SupportRequestSerializer(CaseLinkMixin, serializers.ModelSerializer):
    reference = serializers.CharField()
    items = SupportItemSerializer(many=True)
    decisions = SupportDecisionSerializer(many=True)
    payments = serializers.SerializerMethodField()

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "reference",
            "case_id",
            "case_reference",
            "plan_action_id",
            "status",
            "barrier",
            "submitted_at",
            "withdrawn_at",
            "items",
            "decisions",
            "payments",
        ]

    @extend_schema_field(PaymentSerializer(many=True))
    def get_payments(self, request):
        payments = [p for d in request.decisions.all() for i in d.item_decisions.all() for p in i.payments.all()]
        return PaymentSerializer(sorted(payments, key=lambda p: (p.due_on, p.pk)), many=True).data


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.JSONField()))


class StatutoryFiguresSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    figures = FigureSerializer(many=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


# A malformed filter: each parameter with what is wrong with it.
FIELD_ERRORS = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
