from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe

from comparisons.sitemaps import SITEMAPS
from qoollege import sitemaps, views
from qoollege.cache import public_page

urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about-data"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "sitemap.xml",
        public_page(sitemaps.index),
        {"sitemaps": SITEMAPS},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(public_page(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("careers.urls")),
    path("", include("comparisons.urls")),
]

handler400 = "qoollege.views.bad_request"
handler404 = "qoollege.views.page_not_found"
handler500 = "qoollege.views.server_error"
