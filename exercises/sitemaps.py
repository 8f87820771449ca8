from django.contrib.sitemaps import Sitemap

from .models import EducationPage, Exercise


class EducationPageSitemap(Sitemap):
    def items(self):
        return EducationPage.objects.published().only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at


class ExerciseSitemap(Sitemap):
    def items(self):
        return Exercise.objects.published().only("slug", "updated_at")

    def lastmod(self, exercise):
        return exercise.updated_at
