"""Gzip for the public site's pages (kept pages come with their gzip copy already)."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


class PublicPagesGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, except for the admin and static files.

    In the admin, patient details sit beside what staff type, the setting BREACH needs to
    guess a secret from compressed sizes; staff are few and near. Whitenoise sends static
    files compressed already, with their own Content-Length and ranges.
    """

    def process_response(self, request, response):
        if request.path.startswith((f"/{settings.ADMIN_PATH}", settings.STATIC_URL)):
            return response
        return super().process_response(request, response)
