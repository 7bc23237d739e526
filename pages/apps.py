from urllib.parse import urlsplit

from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import post_migrate


def sync_site(**kwargs):
    """Keep the one Site row (which flat pages, sitemaps and feeds read) naming the host in
    SITE_URL; every deploy's `migrate` brings it up to date."""
    from django.contrib.sites.models import Site

    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": urlsplit(settings.SITE_URL).netloc, "name": "Acupuncture Answers"},
    )


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Site pages"

    def ready(self):
        # This app has no models of its own, so it gets no post_migrate: follow the sites app's.
        post_migrate.connect(sync_site, sender=apps.get_app_config("sites"))
