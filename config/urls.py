"""The site's URLs: one include per app, plus the site-wide files."""

from django.contrib import admin
from django.contrib.flatpages.sitemaps import FlatPageSitemap
from django.contrib.flatpages.views import flatpage
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from archive.caching import public_page
from archive.feeds import NewAnswersFeed
from archive.sitemaps import CategorySitemap, QuestionSitemap
from ask.views import urgent_help
from config.views import favicon, healthz
from factsheets.sitemaps import FactsheetSitemap

# Editors' writes to flat pages move the content version on (pages/migrations/0003).
about_page = public_page(flatpage)

sitemaps = {
    "questions": QuestionSitemap,
    "categories": CategorySitemap,
    "factsheets": FactsheetSitemap,
    "pages": FlatPageSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("factsheets/", include("factsheets.urls")),
    path("ask/", include("ask.urls")),
    path("", include("search.urls")),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("favicon.ico", favicon, name="favicon"),
    path("feed/", public_page(NewAnswersFeed()), name="feed"),
    path("feedback/", include("feedback.urls")),
    # The site's own pages, written by editors in admin (flat pages; see pages/migrations).
    path("about/panel/", about_page, {"url": "/about/panel/"}, name="about_panel"),
    path(
        "about/editorial-policy/",
        about_page,
        {"url": "/about/editorial-policy/"},
        name="editorial_policy",
    ),
    path("about/privacy/", about_page, {"url": "/about/privacy/"}, name="privacy"),
    path("about/contact/", about_page, {"url": "/about/contact/"}, name="contact"),
    path("urgent-help/", urgent_help, name="urgent_help"),
    path("", include("archive.urls")),
]
