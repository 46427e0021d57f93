from network_support.models import Outcome, SupportDecision, SupportRequest


def test_the_demo_family_has_a_waiting_request_an_agreed_recurring_item_and_a_declined_one(db):
    from fgdm import demo as fgdm_demo
    from network_support import demo
    from portal.accounts.demo import ensure_demo_staff

    ensure_demo_staff()
    fgdm_demo.seed()
    demo.seed()
    demo.seed()  # idempotent

    requests = SupportRequest.objects.all()
    assert requests.count() == 2 and all(r.plan_action_id for r in requests)
    assert requests.filter(status="submitted").count() == 1
    decision = SupportDecision.objects.get()
    outcomes = {d.item.frequency: d.outcome for d in decision.item_decisions.select_related("item")}
    assert outcomes == {"weekly": Outcome.APPROVED, "one_off": Outcome.DECLINED}
    assert decision.review_on is not None and decision.approved_pence == 1750 * 12
