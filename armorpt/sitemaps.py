from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exercises.sitemaps import EducationPageSitemap


class SitePagesSitemap(Sitemap):
    def items(self):
        return ["home", "privacy"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "site": SitePagesSitemap,
    "education": EducationPageSitemap,
}
