from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exercises.sitemaps import EducationPageSitemap, ExerciseSitemap


class SitePagesSitemap(Sitemap):
    def items(self):
        return ["home", "privacy", "exercises:list", "education:hub"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "site": SitePagesSitemap,
    "exercises": ExerciseSitemap,
    "education": EducationPageSitemap,
}
