"""What the site's own pages show that editors do not type: the personal-data facts and the
address to write to."""

from email.utils import parseaddr

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from pages.privacy import personal_data_html, storage_html

register = template.Library()


@register.simple_tag
def personal_data():
    """SECURITY.md's plain words on the personal data the site keeps, and for how long."""
    return mark_safe(personal_data_html())  # noqa: S308 - rendered with raw HTML escaped


@register.simple_tag
def personal_data_storage():
    """SECURITY.md's table, for developers, of where each piece is stored."""
    return mark_safe(storage_html())  # noqa: S308 - rendered with raw HTML escaped


@register.simple_tag
def contact_address():
    """A mailto link to the address the site's e-mails come from (DEFAULT_FROM_EMAIL)."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return format_html('<a href="mailto:{}">{}</a>', address, address)
