from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SitePagesSitemap(Sitemap):
    def items(self):
        return ["home", "appointments:request", "privacy"]

    def location(self, item):
        return reverse(item)


sitemaps = {"site": SitePagesSitemap}
