from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from . import views
from .sitemaps import sitemaps

handler500 = "armorpt.views.server_error"

# Every page a patient reads, in English at these addresses and in Spanish under /es/.
urlpatterns = i18n_patterns(
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("my-practice/", views.my_practice, name="my_practice"),
    path("offline/", views.offline, name="offline"),
    path("manifest.webmanifest", views.web_app_manifest, name="web_app_manifest"),
    # The words of our scripts (locale/*/LC_MESSAGES/djangojs.po), for the pages whose
    # scripts have words; kept by the page cache like a page. Named, an app with no scripts'
    # words of its own: with no package Django would add every app's, the admin's included.
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["armorpt"]), name="javascript_catalog"),
    path("exercises/", include("exercises.urls")),
    path("hip-pain/", include("exercises.urls_education")),
    path("appointments/", include("appointments.urls")),
    prefix_default_language=False,
)

urlpatterns += [
    # One service worker for the whole site, both languages (its scope is "/").
    path("sw.js", views.service_worker, name="service_worker"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    # The passkey ceremonies' JSON endpoints (django-otp-webauthn), before the admin's own
    # catch-all; the pages that use them are the admin's two-factor pages (staff/admin_site.py).
    path(f"{settings.ADMIN_PATH}passkey/", include("django_otp_webauthn.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]
