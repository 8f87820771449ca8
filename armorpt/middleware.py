"""A response that sets a cookie belongs to one browser: say so in its Cache-Control.

Shared caches and the page cache already leave such responses alone, but the service worker
cannot: browsers hide Set-Cookie from scripts, so it learns a response is personal only from
`private` in its Cache-Control.
"""

from django.utils.cache import patch_cache_control


class PrivateWhenSettingCookiesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies:
            patch_cache_control(response, private=True)
        return response
