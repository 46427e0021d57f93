"""What a member's meeting page and calendar file hold: only the parts the audience rule lets them know of."""

import pytest

from fgdm.factories import ExclusionDecisionFactory
from fgdm.family_outputs import calendar_file, meeting_details
from fgdm.models import Participation
from fgdm.selectors import disclosure

pytestmark = pytest.mark.django_db


def test_information_only_members_see_nothing_of_private_family_time(consented, meeting, member_factory):
    aunt = member_factory("Aisha Aunt")
    gran = member_factory("Janet Gran")
    ExclusionDecisionFactory(member=aunt, participation=Participation.INFORMATION_ONLY, withhold_venue_address=True)

    seen = disclosure(aunt, meeting)
    page, ics = meeting_details(seen), calendar_file(seen)

    for output in (page, ics):
        assert "Info Hall" in output
        assert "Family Room" not in output and "2 Private Road" not in output and "Agreement Suite" not in output
        assert "1 Info Street" not in output  # the address is withheld from her, the venue's name is not
        assert "domestic abuse" not in output.lower() and "domestic_abuse" not in output
    assert "Janet Gran" in page
    assert not seen.may_see_plan
    assert disclosure(gran, meeting).may_see_plan
