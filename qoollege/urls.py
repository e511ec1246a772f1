from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from publishing import sitemaps as sitemap_views
from qoollege import views
from qoollege.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about-data"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("careers.urls")),
    path("", include("comparisons.urls")),
    path("", include("fit.urls")),
]

handler400 = "qoollege.views.bad_request"
handler404 = "qoollege.views.page_not_found"
handler500 = "qoollege.views.server_error"
