"""Personal API tokens on the account pages: created with a name and optional expiry, the secret
shown once and never stored, listed, and revoked after a confirmation page."""

import hashlib

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from heathub.api.models import ApiToken
from heathub.api.tokens import create_token
from tests.factories import UserFactory


def create(client, **data):
    return client.post(reverse("api-tokens:create"), data)


def test_the_secret_is_shown_once_and_the_database_holds_only_its_hash(client, person) -> None:
    client.force_login(person)
    response = create(client, name="Quarterly board report")
    html = response.content.decode()
    token = ApiToken.objects.get(user=person)
    secret = html.split('class="nhsuk-code__content">', 1)[1].split("<", 1)[0].strip()

    assert response.status_code == 200
    assert "You will not see it again" in html
    assert secret.startswith(f"hh_{token.prefix}_")
    assert response["Cache-Control"].startswith("max-age=0")  # never_cache: no copy is kept
    assert "no-store" in response["Cache-Control"]
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.values_list().get()]
    assert not any(secret in value for value in stored)
    sessions = [s.get_decoded() for s in Session.objects.all()]
    assert not any(secret in str(data) for data in sessions)
    listing = client.get(reverse("api-tokens:list")).content.decode()
    assert "Quarterly board report" in listing
    assert f"hh_{token.prefix}_…" in listing
    assert secret not in listing


def test_an_expiry_date_keeps_the_token_working_until_the_end_of_that_day(client, person) -> None:
    client.force_login(person)
    create(client, name="Report", expires_on_day="31", expires_on_month="3", expires_on_year="2099")
    token = ApiToken.objects.get(user=person)
    # midnight after the chosen day, UK time (British Summer Time by then)
    assert timezone.localtime(token.expires_at).isoformat() == "2099-04-01T00:00:00+01:00"
    listing = client.get(reverse("api-tokens:list")).content.decode()
    assert "Works until the end of 31 March 2099" in listing


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        ({"name": ""}, "Enter a name for the token", "#id_name"),
        ({"name": "x" * 101}, "Token name must be 100 characters or fewer", "#id_name"),
        (
            {"name": "R", "expires_on_day": "31", "expires_on_year": "2099"},
            "Expiry date must include a month",
            "#id_expires_on-day",
        ),
        (
            {
                "name": "R",
                "expires_on_day": "30",
                "expires_on_month": "2",
                "expires_on_year": "2099",
            },
            "Expiry date must be a real date",
            "#id_expires_on-day",
        ),
        (
            {
                "name": "R",
                "expires_on_day": "1",
                "expires_on_month": "1",
                "expires_on_year": "2020",
            },
            "Expiry date must be in the future",
            "#id_expires_on-day",
        ),
    ],
)
def test_bad_input_is_named_in_the_error_summary_and_what_was_typed_is_kept(
    client, person, data, message, anchor
) -> None:
    client.force_login(person)
    response = create(client, **data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert f'href="{anchor}"' in html  # the summary links to the field at fault
    assert html.count(message) == 2  # in the summary and beside the field
    for value in data.values():
        assert f'value="{value}"' in html
    assert "<title>Error: Create an API token" in html
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_stops_the_token_and_drops_it_from_the_list(
    client, person
) -> None:
    issued = create_token(person, name="Old laptop")
    client.force_login(person)
    url = reverse("api-tokens:revoke", args=[issued.token.pk])

    confirm = client.get(url).content.decode()
    assert "Revoke this API token?" in confirm
    assert "Old laptop" in confirm
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None  # a GET changes nothing

    done = client.post(url, follow=True)
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert done.redirect_chain[-1][0] == reverse("api-tokens:list")
    html = done.content.decode()
    assert "Token “Old laptop” revoked" in html
    assert '<td class="nhsuk-table__cell">Old laptop</td>' not in html
    api = client.get(
        reverse("api:organisation-list"), headers={"Authorization": f"Bearer {issued.secret}"}
    )
    assert api.status_code == 401


def test_revoking_twice_keeps_the_first_time(client, person) -> None:
    issued = create_token(person, name="Old laptop")
    client.force_login(person)
    url = reverse("api-tokens:revoke", args=[issued.token.pk])
    client.post(url)
    first = ApiToken.objects.get().revoked_at
    again = client.post(url, follow=True)
    assert ApiToken.objects.get().revoked_at == first
    assert "was already revoked" in again.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_elses_token_is_not_found(client, person, method) -> None:
    theirs = create_token(UserFactory(), name="Not yours").token
    client.force_login(person)
    response = getattr(client, method)(reverse("api-tokens:revoke", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert "Not yours" not in client.get(reverse("api-tokens:list")).content.decode()


@pytest.mark.parametrize(
    ("name", "method"),
    [("api-tokens:list", "get"), ("api-tokens:create", "get"), ("api-tokens:create", "post")],
)
def test_signed_out_people_are_sent_to_sign_in(client, db, name, method) -> None:
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in") + "?next=")
    assert not ApiToken.objects.exists()


def test_the_account_page_links_to_the_token_pages(client, person) -> None:
    client.force_login(person)
    html = client.get(reverse("accounts:account")).content.decode()
    assert f'href="{reverse("api-tokens:list")}"' in html
    assert f'href="{reverse("api-tokens:create")}"' in html


def test_a_site_admin_can_revoke_a_token_but_never_see_or_make_one(client, person) -> None:
    issued = create_token(person, name="Lost laptop")
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    changelist = reverse("admin:api_apitoken_changelist")
    page = client.get(changelist).content.decode()
    assert "Lost laptop" in page
    assert issued.secret not in page
    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403
    client.post(changelist, {"action": "revoke", "_selected_action": [issued.token.pk]})
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None


def test_an_empty_post_is_a_form_error_not_a_blank_page(client, person) -> None:
    client.force_login(person)
    response = client.post(reverse("api-tokens:create"))
    assert response.status_code == 400
    assert "Enter a name for the token" in response.content.decode()
