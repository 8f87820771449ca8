from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exercises.sitemaps import sitemaps as content_sitemaps


class SitePagesSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "exercises:list",
            "education:hub",
            "appointments:request",
            "privacy",
            "my_practice",
        ]

    def location(self, item):
        return reverse(item)


sitemaps = {"site": SitePagesSitemap, **content_sitemaps}
