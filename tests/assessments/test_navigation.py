"""The header: everyone signed in has My assessments; only mentors have Mentor reviews; signing
in lands on My assessments."""

from tests.assessments.pages import visible_text


def header(client) -> str:
    html = client.get("/assessments/").content.decode()
    return visible_text(html.split("<header", 1)[1].split("</header>", 1)[0])


def test_my_assessments_for_everyone_and_mentor_reviews_for_mentors(client, cast) -> None:
    client.force_login(cast.owner)
    assert "My assessments" in header(client)
    assert "Mentor reviews" not in header(client)
    client.force_login(cast.mentor)
    assert "Mentor reviews" in header(client)


def test_home_sends_a_signed_in_person_to_their_assessments(client, cast) -> None:
    client.force_login(cast.owner)
    assert client.get("/")["Location"] == "/assessments/"
