from django.contrib.sitemaps import Sitemap

from .models import EducationPage


class EducationPageSitemap(Sitemap):
    def items(self):
        return EducationPage.objects.published().only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at
