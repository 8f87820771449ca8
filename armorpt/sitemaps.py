from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exercises.models import Exercise
from exercises.sitemaps import EducationPageSitemap


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


class ExerciseSitemap(Sitemap):
    def items(self):
        return Exercise.objects.published()

    def lastmod(self, exercise):
        return exercise.updated_at


sitemaps = {
    "site": SitePagesSitemap,
    "exercises": ExerciseSitemap,
    "education": EducationPageSitemap,
}
