from django.contrib.sitemaps import GenericSitemap

from .models import EducationPage, Exercise


class PublishedSitemap(GenericSitemap):
    # Each page in both languages, each naming the other and the English as x-default.
    i18n = alternates = x_default = True


def _published(model) -> GenericSitemap:
    return PublishedSitemap(
        {
            "queryset": model.objects.published().only("slug", "updated_at"),
            "date_field": "updated_at",
        }
    )


# The exercise and guide pages, in the order /sitemap.xml lists them after the site's own pages.
sitemaps = {
    "exercises": _published(Exercise),
    "education": _published(EducationPage),
}
