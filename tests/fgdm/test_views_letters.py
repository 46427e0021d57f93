"""The coordinator's letters: reached from the network and invitations pages, downloaded as PDFs."""

import pytest
from bs4 import BeautifulSoup

from fgdm.factories import ExclusionDecisionFactory
from fgdm.models import Participation
from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db
HOME = "1 Mill Lane\nNorthtown NT1 1AA"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def letter_links(page) -> list[tuple[str, str]]:
    return [(normalize_spaces(a.text), a["href"]) for a in page.select("main a") if a.text.startswith("Letters")]


@pytest.fixture
def stan(member_factory, consented):
    return member_factory("Stan Grandad", phone="", email="", postal_address=HOME, language="ar")


def test_letters_are_reached_from_the_network_and_invitations_pages(client, case, coordinator, stan, meeting):
    client.force_login(coordinator)
    letters = f"/cases/{case.pk}/network/{stan.pk}/letters/"

    network = soup(client.get(f"/cases/{case.pk}/network/"))
    invite = soup(client.get(f"/cases/{case.pk}/meeting/invite/"))

    assert letter_links(network) == [("Letters Stan Grandad", letters)]  # only Stan has an address
    assert letter_links(invite) == [("Letters Stan Grandad", letters)]
    page = soup(client.get(letters))
    links = [(normalize_spaces(a.text), a["href"]) for a in page.select("main a[download]")]
    assert links == [
        (
            "Download the letter: You are invited to a family meeting (PDF)",
            f"/cases/{case.pk}/network/{stan.pk}/letters/{meeting.pk}/invitation.pdf",
        )
    ]


def test_a_letter_downloads_as_a_pdf_that_no_one_keeps(client, case, coordinator, stan, meeting):
    client.force_login(coordinator)

    response = client.get(f"/cases/{case.pk}/network/{stan.pk}/letters/{meeting.pk}/invitation.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="letter-invitation-{meeting.pk}-{stan.pk}.pdf"'
    assert response["Content-Language"] == "ar"
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


def test_a_refused_letter_sends_the_coordinator_back_with_the_reason(client, case, coordinator, stan, meeting):
    ExclusionDecisionFactory(member=stan, participation=Participation.NO_CONTACT)
    client.force_login(coordinator)

    response = client.get(f"/cases/{case.pk}/network/{stan.pk}/letters/{meeting.pk}/invitation.pdf", follow=True)

    assert response.redirect_chain == [(f"/cases/{case.pk}/network/{stan.pk}/letters/", 302)]
    page = soup(response)
    assert "No letter can be sent to this person about this meeting." in normalize_spaces(page.select_one("main").text)
    assert not page.select("main a[download]")
