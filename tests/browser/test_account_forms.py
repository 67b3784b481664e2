"""The account forms survive a CSRF cookie that changed under them (the race that made a real
registration fail: the diary list's background request and the form page both arrived without
a cookie, each got a new one, and the later one won)."""

import uuid

from playwright.sync_api import expect

from tests.browser.accounts import confirmation_link, sign_up
from tests.browser.test_accessibility import axe_violations
from tests.harness import PHONE

PASSWORD = "Rücken-Krampf 2026"


def open_register_form(context, server):
    page = context.new_page()
    page.goto(f"{server.url}/de/konto/registrieren/")
    return page


def renew_csrf_cookie(context, server):
    """What a request that left without a cookie does: the server sets a new secret."""
    before = csrf_cookie(context)
    context.clear_cookies()
    context.request.get(f"{server.url}/api/v1/auth/me/")
    assert csrf_cookie(context) not in ("", before)


def csrf_cookie(context):
    return next((c["value"] for c in context.cookies() if c["name"] == "csrftoken"), "")


def fill_and_send(page):
    page.get_by_label("E-Mail-Adresse").fill(f"{uuid.uuid4().hex}@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Konto anlegen").click()


def sent(page, server):
    expect(page).to_have_url(f"{server.url}/de/konto/registrieren/gesendet/")
    expect(page.get_by_text("Wir haben dir eine E-Mail geschickt.")).to_be_visible()


def test_it_registers_although_another_request_renewed_the_csrf_cookie(browser, shared_server):
    context = browser.new_context(**PHONE)
    page = open_register_form(context, shared_server)
    renew_csrf_cookie(context, shared_server)
    fill_and_send(page)
    sent(page, shared_server)
    context.close()


def test_it_explains_a_refused_form_without_javascript_and_leads_back(browser, shared_server):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = open_register_form(context, shared_server)
    renew_csrf_cookie(context, shared_server)
    fill_and_send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Formular abgelaufen")
    expect(page.locator("a.call")).to_be_visible()
    page.get_by_role("link", name="Zurück zum Formular").click()
    fill_and_send(page)
    sent(page, shared_server)
    context.close()


def test_it_explains_a_form_sent_without_cookies_accessibly(browser, shared_server):
    context = browser.new_context(**PHONE, color_scheme="dark")
    page = open_register_form(context, shared_server)
    context.clear_cookies()  # as when the browser blocks cookies
    fill_and_send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Formular abgelaufen")
    assert axe_violations(page) == []
    context.close()


def test_it_confirms_the_account_by_the_mailed_link_and_then_logs_in(browser, shared_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    email = f"{uuid.uuid4().hex}@example.org"
    sign_up(page, shared_server, email)
    page.goto(f"{shared_server.url}/de/konto/")
    expect(page.get_by_text(email)).to_be_visible()
    # The link again: no longer valid, and the page says where to go.
    page.goto(confirmation_link(shared_server, email))
    expect(page.get_by_role("heading", level=1)).to_have_text("Link ungültig")
    assert axe_violations(page) == []
    context.close()


def test_it_shows_the_same_page_for_an_address_that_has_an_account(browser, shared_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    email = f"{uuid.uuid4().hex}@example.org"
    sign_up(context.new_page(), shared_server, email)
    context.clear_cookies()  # another phone, say
    page.goto(f"{shared_server.url}/de/konto/registrieren/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill("Ein ganz anderes 42")
    page.get_by_role("button", name="Konto anlegen").click()
    sent(page, shared_server)
    assert axe_violations(page) == []
    context.close()
