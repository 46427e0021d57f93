"""Guide pages for anonymous visitors come from a short-lived cache, and an editor's change shows at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import GuidePage
from portal.accounts import roles
from tests.factories import make_staff

GUIDE = "/what-is-a-family-group-meeting/"


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response


def test_a_second_anonymous_visit_needs_no_database(client, seeded):
    first, _ = _queries(client, GUIDE)
    again, response = _queries(client, GUIDE)
    assert first > 5 and again == 0
    assert "unsafe-inline" not in response["Content-Security-Policy"]  # outer middleware still runs
    polish, _ = _queries(client, "/pl" + GUIDE)
    assert polish > 0  # each language is its own page


def test_publishing_a_page_shows_the_change_at_once(client, seeded):
    client.get(GUIDE)
    guide = GuidePage.objects.get(slug="what-is-a-family-group-meeting", locale__language_code="en")
    guide.title = "A new title for the guide"
    revision = guide.save_revision()
    revision.publish()
    assert "A new title for the guide" in client.get(GUIDE).content.decode()


def test_signed_in_visitors_are_never_served_from_the_cache(client, seeded):
    client.get(GUIDE)
    client.force_login(make_staff(roles.COORDINATOR))
    count, response = _queries(client, GUIDE)
    assert count > 0 and "Sign out" in response.content.decode()


def test_a_changed_jargon_buster_word_shows_at_once(client, seeded):
    from content.models import GlossaryTerm

    client.get("/jargon-buster/")
    term = GlossaryTerm.objects.filter(locale__language_code="en").first()
    term.meaning = "A much plainer explanation"
    term.save()
    assert "A much plainer explanation" in client.get("/jargon-buster/").content.decode()
