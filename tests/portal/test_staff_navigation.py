"""The staff menu shows each person the pages their role opens: each entry asks the same rule as its page."""

import pytest
from bs4 import BeautifulSoup

from portal.accounts import roles
from tests.factories import make_staff
from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "entries"),
    [
        (roles.COORDINATOR, ["Home", "Cases", "Support", "Sign-in security", "Sign out"]),
        (
            roles.LEAD_PRACTITIONER,
            ["Home", "Cases", "Support", "Figures", "Statutory figures", "Sign-in security", "Sign out"],
        ),
        (
            roles.SERVICE_MANAGER,
            [
                "Home",
                "Cases",
                "Support",
                "Figures",
                "Statutory figures",
                "Audit",
                "Subject access",
                "Case system API",
                "Sign-in security",
                "Sign out",
            ],
        ),
        (roles.CONTENT_EDITOR, ["Home", "Sign-in security", "Sign out"]),
    ],
)
def test_each_role_sees_the_entries_it_may_open(client, role, entries):
    client.force_login(make_staff(role))
    page = BeautifulSoup(client.get("/staff/").content, "html.parser")
    links = page.select(".govuk-service-navigation__item .govuk-service-navigation__link")
    assert [normalize_spaces(link.text) for link in links] == entries
    for link in links[1:-2]:
        assert client.get(link["href"]).status_code == 200, link["href"]
