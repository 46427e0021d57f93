"""``manage.py api_demo``: on a demo portal (``make run``), an agreed plan and an API client to read it.

The demo family writes and sends its plan through the plan service, the demo lead practitioner
agrees it through the agreement service, and the demo manager makes a client: so the reference
client in ``bin/`` has a plan to fetch. Prints the key alone on its last line. Development only.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.models import READ_SCOPES, ApiClient
from api.services.clients import create_client
from fgdm.demo import DEMO_WORRIES
from fgdm.models import Case
from fgdm.selectors.family import latest_plan, plan_decision
from fgdm.services.plans import ActionText, decide_plan, save_plan
from portal.accounts.models import User


class Command(BaseCommand):
    help = "Demo only: the demo family's plan, sent and agreed, and a new API client's key on the last line."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("This makes demo data; run it only on a development machine (make run).")
        case = Case.objects.filter(worries=DEMO_WORRIES).first()
        if case is None:
            raise CommandError("No demo case: run make run (or manage.py seed_demo) first.")
        meeting = case.meetings.first()
        plan = latest_plan(meeting)
        if plan is None or not plan.submitted:
            plan = save_plan(
                meeting=meeting,
                member=meeting.plan_writer,
                submit=True,
                actions=[
                    ActionText(
                        worry=case.worries,
                        what="Nan collects Mia from school every weekday and she has tea at Nan's.",
                        who="Nan",
                        by_when="From Monday",
                        help_needed="Bus fares for Nan.",
                    )
                ],
                contingency="If Nan is ill, Aunt Kasia collects Mia and rings the social worker.",
                how_checked="We meet every Sunday and the social worker visits every two weeks.",
                childs_words="I want to stay at home and see Nan every day.",
            )
        if plan_decision(plan) is None:
            decide_plan(
                version=plan,
                agreed=True,
                reason="",
                review_on=timezone.localdate() + timedelta(weeks=6),
                actor=case.lead_practitioner,
            )
        manager = User.objects.get(email="manager@demo.invalid")
        name = f"Demo case system {ApiClient.objects.count() + 1}"
        client, key = create_client(name=name, scopes=READ_SCOPES, expires_at=None, actor=manager)
        self.stdout.write(f"Plan {plan.pk} of {case.reference} is agreed. Made API client {client.name}.")
        self.stdout.write("Try: FGDM_API_KEY=<the key below> bin/case-system-client plans")
        self.stdout.write(key)
