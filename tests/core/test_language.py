from django.urls import reverse


def test_back_office_is_vietnamese_even_for_an_english_browser(client, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng xuất" in response.text


def test_footer_choice_switches_to_english(client, officer_a):
    client.force_login(officer_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("core:home"))
    assert response["Content-Language"] == "en"
    assert "Sign out" in response.text


def test_api_follows_accept_language(client):
    response = client.get("/api/v1/units", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Sign in or send a valid API token."


def test_every_page_has_a_strict_content_security_policy(client):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
