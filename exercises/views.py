from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from armorpt.structured_data import medical_web_page

from .content import hub_text
from .models import EducationPage, Exercise

# Education pages ----------------------------------------------------------------------------


@require_safe
def education_hub(request: HttpRequest) -> HttpResponse:
    pages = EducationPage.objects.visible_to(request.user).only(
        "title", "slug", "summary", "status", "display_order"
    )
    return render(request, "exercises/education/hub.html", {"pages": pages, "hub": hub_text()})


@require_safe
def education_page(request: HttpRequest, slug: str) -> HttpResponse:
    visible = EducationPage.objects.visible_to(request.user)
    related = Exercise.objects.visible_to(request.user)
    page = get_object_or_404(
        visible.prefetch_related(Prefetch("related_exercises", queryset=related)), slug=slug
    )
    # One short query for the whole reading order gives both neighbours.
    reading_order = list(visible.only("title", "slug", "display_order"))
    position = next(i for i, other in enumerate(reading_order) if other.pk == page.pk)
    context = {
        "page": page,
        "previous_page": reading_order[position - 1] if position > 0 else None,
        "next_page": reading_order[position + 1] if position + 1 < len(reading_order) else None,
        "structured_data": medical_web_page(page, request),
    }
    return render(request, "exercises/education/page.html", context)
