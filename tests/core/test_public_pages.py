import pytest
from django.urls import reverse


def test_health_check_reports_the_database(client, db) -> None:
    response = client.get(reverse("core:healthz"))
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("core:accessibility", "Accessibility statement for heathub"),
        ("core:privacy", "Privacy notice"),
        ("core:home", "Health equity work, in one place"),
    ],
)
def test_public_pages_are_readable_without_signing_in(client, db, name, heading) -> None:
    html = client.get(reverse(name)).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "Accessibility statement" in html  # footer link on every page


def test_pages_send_a_content_security_policy_with_a_nonce_for_the_inline_script(
    client, db
) -> None:
    response = client.get(reverse("core:home"))
    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()
