import re

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fgdm.models import Case, NetworkMember, Relationship
from portal.audit.services import record
from portal.messaging.phone import normalise_mobile

MEMBER_FIELDS = {
    "name",
    "date_of_birth",
    "voice_of",
    "has_parental_responsibility",
    "phone",
    "email",
    "language",
    "interpreter",
    "interpreter_language",
    "interpreter_preferences",
    "access_needs",
    "travel_needs",
    "childcare_needs",
    "allow_sms",
    "allow_email",
    "postal_address",
    "allow_post",
    "discreet",
    "quiet_start",
    "quiet_end",
    "suggested_by",
    "household",
}


class PossibleDuplicate(ValidationError):
    def __init__(self, existing: NetworkMember):
        self.existing = existing
        super().__init__(
            _("%(name)s is already in this family network with the same contact details.") % {"name": existing.name}
        )


def _same_name(a: str, b: str) -> bool:
    def fold(name):
        return re.sub(r"[^a-z]", "", name.lower())

    return fold(a) == fold(b)


def find_duplicate(*, case: Case, name: str, phone: str, email: str, exclude_pk=None) -> NetworkMember | None:
    """Same name and the same phone number or email: probably the same person entered twice."""
    for member in case.members.exclude(pk=exclude_pk):
        same_contact = (phone and member.phone == phone) or (email and member.email.lower() == email.lower())
        if same_contact and _same_name(member.name, name):
            return member
    return None


@transaction.atomic
def add_member(
    *, case: Case, relationships: dict[int, str], actor, confirm_not_duplicate: bool = False, **fields
) -> NetworkMember:
    """Add someone who matters to the child. Everyone needs at least one safe way to be contacted:
    a mobile number, an email address or a postal address (for letters)."""
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise TypeError(f"Unknown member fields: {sorted(unknown)}")
    fields = _normalised_contact(fields)
    _check_contact(fields)
    if not confirm_not_duplicate:
        duplicate = find_duplicate(
            case=case, name=fields["name"], phone=fields.get("phone", ""), email=fields.get("email", "")
        )
        if duplicate:
            raise PossibleDuplicate(duplicate)
    member = NetworkMember.objects.create(case=case, **fields)
    _set_relationships(member, relationships)
    record(actor=actor, action="member.added", target=member, detail={"case": case.pk})
    return member


@transaction.atomic
def update_member(*, member: NetworkMember, relationships: dict[int, str], actor, **fields) -> NetworkMember:
    """Change someone's details; contact details are kept in their normal form, as when they were added."""
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise TypeError(f"Unknown member fields: {sorted(unknown)}")
    fields = _normalised_contact(fields)
    _check_contact(fields)
    for name, value in fields.items():
        setattr(member, name, value)
    member.save()
    _set_relationships(member, relationships)
    record(actor=actor, action="member.updated", target=member, detail={"fields": sorted(fields)})
    return member


def _normalised_contact(fields: dict) -> dict:
    """Phones as E.164 and emails with a lower-case domain, whatever path they came by (form, import, API),
    so that the duplicate check and the audience rule's shared-contact check compare like with like."""
    fields = dict(fields)
    if (fields.get("phone") or "").strip():
        try:
            fields["phone"] = normalise_mobile(fields["phone"])
        except ValidationError as error:
            raise ValidationError({"phone": error.messages}) from None
    elif "phone" in fields:
        fields["phone"] = ""
    if "email" in fields:
        fields["email"] = BaseUserManager.normalize_email((fields["email"] or "").strip())
    if "postal_address" in fields:
        lines = (line.strip() for line in (fields["postal_address"] or "").splitlines())
        fields["postal_address"] = "\n".join(line for line in lines if line)
    return fields


def _check_contact(fields) -> None:
    can_text = fields.get("phone") and fields.get("allow_sms", True)
    can_email = fields.get("email") and fields.get("allow_email", True)
    can_post = fields.get("postal_address") and fields.get("allow_post", True)
    if not (can_text or can_email or can_post):
        raise ValidationError(
            {
                "phone": _(
                    "Enter a mobile number, an email address or a postal address that is safe to use, "
                    "so we can contact them."
                )
            }
        )


def _set_relationships(member: NetworkMember, relationships: dict[int, str]) -> None:
    children = {c.pk for c in member.case.children.all()}
    member.relationships.exclude(child_id__in=relationships).delete()
    for child_id, relationship in relationships.items():
        if child_id not in children:
            raise ValidationError(_("Choose a child in this case."))
        if relationship.strip():
            Relationship.objects.update_or_create(
                member=member, child_id=child_id, defaults={"relationship": relationship.strip()}
            )


@transaction.atomic
def choose_language(*, member: NetworkMember, language: str) -> NetworkMember:
    """A member chooses their own language: it is used for their pages, messages and calendar file from now on."""
    if language not in dict(settings.FAMILY_LANGUAGES):
        raise ValidationError({"language": _("Choose a language from the list.")})
    member.language = language
    member.save(update_fields=["language"])
    record(actor_label=member.ref, action="member.language_chosen", target=member, detail={"language": language})
    return member
