from allauth.mfa.models import Authenticator

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user) -> bool:
    """True once the user has an authenticator app or a passkey (recovery codes alone do not count)."""
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()
