"""The pages a health site is expected to have: panel, editorial policy, privacy, contact; the
footer links them; editors change their text in admin; there is a favicon."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.flatpages.models import FlatPage

from pages.privacy import personal_data_html, storage_html

PAGES = {
    "/about/panel/": "About the expert panel",
    "/about/editorial-policy/": "Editorial policy",
    "/about/privacy/": "Privacy",
    "/about/contact/": "Contact",
}


@pytest.mark.parametrize(("url", "title"), PAGES.items())
def test_each_page_exists_from_the_first_migrate(client, db, url, title):
    html = client.get(url).content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f"<title>{title} · Acupuncture Answers</title>" in html


def test_the_footer_links_every_page(client, db):
    html = client.get("/urgent-help/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    for url, title in PAGES.items():
        assert f'<a href="{url}">{title}</a>' in footer


def test_the_footer_sends_a_worried_reader_to_urgent_help_not_to_wait_for_a_doctor(client, db):
    # It follows every page's urgent advice: "talk to your doctor" there reads as leave to wait.
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    assert "talk to your doctor" not in footer.lower()
    assert 'If you are worried about your symptoms, see <a href="/urgent-help/">' in footer
    assert '<a href="tel:111">NHS 111</a>' in footer and '<a href="tel:999">999</a>' in footer


def test_the_panel_page_says_who_answers_how_answers_are_checked_and_what_the_site_is_not(
    client, db
):
    html = client.get("/about/panel/").content.decode()
    assert "expert panel of acupuncture practitioners" in html
    assert "How answers are checked and reviewed" in html
    assert "date was not recorded" in html
    assert "What this site is not" in html
    assert 'href="/urgent-help/"' in html


def test_the_privacy_page_shows_security_mds_facts_stated_there_only(client, db):
    html = client.get("/about/privacy/").content.decode()
    assert "To end it sooner." in html
    assert "<table>" in html
    assert "erase_personal_data" in html
    assert "ASK_ERASE_AFTER_DAYS" in html
    # The retention facts live in SECURITY.md alone, not in the page's editable text.
    content = FlatPage.objects.get(url="/about/privacy/").content
    assert "ASK_ERASE_AFTER_DAYS" not in content
    assert "90" not in content


def test_the_personal_data_section_is_rendered_with_its_raw_html_escaped():
    section = personal_data_html() + storage_html()
    assert "<table>" in section
    assert "<script" not in section
    source = Path(settings.BASE_DIR, "SECURITY.md").read_text()
    assert "Reporting a problem" in source and "Reporting a problem" not in section


def test_the_contact_page_gives_the_sites_address(client, db, settings):
    settings.DEFAULT_FROM_EMAIL = "Acupuncture Answers <editors@example.org>"
    html = client.get("/about/contact/").content.decode()
    assert '<a href="mailto:editors@example.org">editors@example.org</a>' in html


def test_an_editor_changes_a_pages_text_in_admin(admin_client, client, db):
    page = FlatPage.objects.get(url="/about/editorial-policy/")
    response = admin_client.post(
        f"/admin/flatpages/flatpage/{page.pk}/change/",
        {
            "url": page.url,
            "title": "Editorial policy",
            "content": "<p>Rewritten by an editor.</p>",
            "sites": [settings.SITE_ID],
            "template_name": "",
        },
    )
    assert response.status_code == 302
    assert "Rewritten by an editor." in client.get("/about/editorial-policy/").content.decode()


def test_sitemaps_and_feeds_link_to_the_host_in_site_url(client, db, settings):
    from django.contrib.sites.models import Site

    assert Site.objects.get(pk=settings.SITE_ID).domain == settings.SITE_URL.split("://")[1]
    xml = client.get("/sitemap.xml").content.decode()
    for url in PAGES:
        assert f"<loc>{settings.SITE_URL}{url}</loc>" in xml


def test_there_is_a_favicon_and_favicon_ico_answers(client, db):
    html = client.get("/urgent-help/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico" sizes="32x32">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    icon = Path(settings.BASE_DIR, "static", "favicon.ico").read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_the_privacy_table_scrolls_by_keyboard_and_hides_the_note_to_maintainers(client, db):
    html = client.get("/about/privacy/").content.decode()
    assert (
        '<div class="table-scroll" tabindex="0" role="region" '
        'aria-label="Where each is stored">' in html
    )
    assert "keep it true and plain" not in html
    assert "the site's privacy page" not in html
    # How data is erased is for visitors: it stays.
    assert "Every place an asker's personal data lives" in html
    assert "erase_personal_data" in html
