from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exercises.sitemaps import sitemaps as content_sitemaps


class SitePagesSitemap(Sitemap):
    # Each page in both languages, each naming the other and the English as x-default.
    i18n = alternates = x_default = True

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
