import pytest
from django.test import Client
from django.urls import reverse

from heathub.accounts.models import User

PASSWORD = "a-long-enough-password"


@pytest.fixture
def person(db) -> User:
    return User.objects.create_user("priya.shah@nhs.net", PASSWORD, full_name="Priya Shah")


def sign_in(client: Client, email: str, password: str, **extra: str):
    return client.post(reverse("accounts:sign-in"), {"email": email, "password": password, **extra})


def test_a_person_signs_in_with_email_in_any_case_and_lands_on_their_page(client, person) -> None:
    response = sign_in(client, "Priya.Shah@NHS.net", PASSWORD, next="/organisations/")
    assert response.status_code == 302
    assert response["Location"] == "/organisations/"
    page = client.get("/organisations/")
    assert "priya.shah@nhs.net" in page.content.decode()


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_email(client, person) -> None:
    response = sign_in(client, "priya.shah@nhs.net", "wrong")
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert 'value="priya.shah@nhs.net"' in html
    assert html.count('href="#id_email"') == 1  # the summary links to the field at fault


def test_empty_form_names_each_missing_field(client, db) -> None:
    html = sign_in(client, "", "").content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_an_offsite_next_is_ignored(client, person) -> None:
    response = sign_in(client, "priya.shah@nhs.net", PASSWORD, next="https://evil.example/")
    assert response["Location"] == "/"


def test_five_failures_lock_the_email_from_that_address_even_with_the_right_password(
    client, person
) -> None:
    for _ in range(5):
        sign_in(client, "priya.shah@nhs.net", "wrong")
    locked = sign_in(client, "priya.shah@nhs.net", PASSWORD)
    assert locked.status_code == 429
    assert "Sign-in locked for one hour" in locked.content.decode()
    # a colleague behind the same NHS address is not locked out
    User.objects.create_user("tom.evans@nhs.net", PASSWORD, full_name="Tom Evans")
    assert sign_in(Client(), "tom.evans@nhs.net", PASSWORD).status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, person, mailoutbox) -> None:
    client.post(reverse("accounts:password-reset"), {"email": "priya.shah@nhs.net"})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "another-long-password-2026"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Your password has been changed" in done.content.decode()
    assert sign_in(Client(), "priya.shah@nhs.net", new).status_code == 302


def test_sign_out_needs_a_post(client, person) -> None:
    client.force_login(person)
    assert "Sign out of heathub" in client.get(reverse("accounts:sign-out")).content.decode()
    client.post(reverse("accounts:sign-out"))
    assert client.get("/organisations/").status_code == 302
