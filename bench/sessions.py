"""Benchmark data and signed-in sessions, printed as JSON. Run by bench/server.py, never in production.

Run with the same environment as the server (it writes to that database). It makes ``--cases``
cases like the demo family's with ``--members`` people each, ``--filler`` lighter cases, and
sessions a benchmark's client can present as its cookie:

- family: one per person in those cases (their personal link's token too), as if they had opened
  their link and entered their code (what portal/family_access/session.py stores);
- staff: as if the demo coordinator, practitioner or manager had signed in with their second
  factor (what django.contrib.auth.login stores; the MFA middleware checks the enrolled factor).

For the people who sign in for real (bench/load.py) it also prints each family member's phone
(where their code is texted) and the demo staff's email, password and authenticator secret
(portal/accounts/demo.py: demo accounts, never for real use).
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import data  # noqa: E402
from fgdm.demo import DEMO_WORRIES  # noqa: E402
from fgdm.models import Case, NetworkMember  # noqa: E402
from portal.accounts.demo import DEMO_STAFF  # noqa: E402
from portal.family_access import session as family_session  # noqa: E402
from portal.family_access.models import PersonalLink  # noqa: E402
from portal.family_access.services import hash_token, issue_link  # noqa: E402


def staff_session(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def family_link(member) -> tuple[str, PersonalLink]:
    token = issue_link(subject_ref=member.ref, case_ref=member.case.ref).rsplit("/", 1)[1]
    return token, PersonalLink.objects.get(token_hash=hash_token(token))


def family_signed_in(member) -> dict:
    token, link = family_link(member)
    store = SessionStore()
    store[family_session.SESSION_KEY] = {
        "link": link.pk,
        "subject": link.subject_ref,
        "case": link.case_ref,
        "seen": timezone.now().timestamp(),
    }
    store.create()
    return {
        "session": store.session_key,
        "token": token,
        "name": member.name,
        "case": member.case_id,
        "phone": member.phone,
    }


def family_pending(member) -> str:
    """A session between "Send me a code" and entering it: what the code page needs."""
    _token, link = family_link(member)
    store = SessionStore()
    store[family_session.PENDING_KEY] = link.pk
    store.create()
    return store.session_key


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=0, help="cases like the demo family's to add")
    parser.add_argument("--members", type=int, default=10, help="people in each of those cases")
    parser.add_argument("--filler", type=int, default=0, help="lighter cases to add")
    parser.add_argument("--staff-sessions", type=int, default=1, help="sessions for each staff role")
    options = parser.parse_args()

    staff = data.staff()
    coordinator, practitioner = staff["coordinator"], staff["practitioner"]
    cases = [Case.objects.get(worries=DEMO_WORRIES)]
    for n in range(options.cases):
        case, _writer = data.measured_case(
            coordinator=coordinator, practitioner=practitioner, members=options.members, n=n
        )
        cases.append(case)
    data.filler_cases(options.filler, coordinator=coordinator, practitioner=practitioner, start=options.cases)

    demo = cases[0]
    writer = demo.meetings.order_by("-created_at").first().plan_writer
    # Everyone who can sign in: not excluded from contact, and invited to the meeting.
    people = NetworkMember.objects.filter(case__in=cases, invitations__isnull=False).distinct().order_by("case", "pk")
    output = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "cases": [case.pk for case in cases],
        "writer": family_signed_in(writer),
        "pending": family_pending(writer),
        "family": [family_signed_in(member) for member in people if member.pk != writer.pk],
        "staff": {
            role: [staff_session(staff[role]) for _ in range(options.staff_sessions)]
            for role in ("coordinator", "practitioner", "manager")
        },
        "staff_sign_in": {
            role: {"email": demo.email, "password": demo.password, "totp_secret": demo.totp_secret}
            for role in ("coordinator", "practitioner", "manager")
            for demo in DEMO_STAFF
            if demo.email == staff[role].email
        },
    }
    json.dump(output, sys.stdout)


if __name__ == "__main__":
    main()
