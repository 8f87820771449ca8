from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_list_or_404, get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from armorpt import structured_data
from staff.admin_site import may_preview_drafts

from .content import hub_text
from .forms import ExerciseFilterForm, ReminderForm
from .models import EducationPage, Exercise
from .reminders import reminder_calendar
from .routine import MAX_ROUTINE_EXERCISES, build_routine, routine_qr_svg

RELATED_COUNT = 3
STILLS_MAX_AGE = 365 * 24 * 60 * 60
# A page of the list stays the same size however large the catalogue grows.
EXERCISES_PER_PAGE = 24


@require_safe
def exercise_list(request: HttpRequest) -> HttpResponse:
    form = ExerciseFilterForm(request.GET)
    if not form.is_valid():
        messages.warning(
            request,
            gettext("We left out a filter we did not recognise. Here is what the others found."),
        )
    # get_page(): a page number that is not one, or past the end, shows the nearest page.
    paginator = Paginator(form.filter(Exercise.objects.published()), EXERCISES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "exercises/list.html",
        {
            "form": form,
            "page": page,
            "exercises": page.object_list,
            "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2),
            "is_filtered": form.is_filtered,
        },
    )


@require_safe
def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    drafts = may_preview_drafts(request)
    exercise, *related = get_list_or_404(
        Exercise.objects.visible(drafts=drafts).exercise_and_related(slug, RELATED_COUNT)
    )
    easier, harder = exercise.versions_shown(drafts=drafts)
    response = render(
        request,
        "exercises/detail.html",
        {
            "exercise": exercise,
            "related": related,
            "easier": easier,
            "harder": harder,
            "guides": exercise.education_pages.published().only("title", "slug"),
            "structured_data": structured_data.how_to(exercise, request),
        },
    )
    keep_from_shared_caches(request, response, exercise.is_published)
    return response


@require_safe
def figure_stills(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    """A card's picture as its own file: one download per figure, however many pages show it.

    Its address changes with the drawing, so a browser keeps it for a year; an address from
    before the last change leads to the current drawing.
    """
    exercise = get_object_or_404(
        Exercise.objects.visible(drafts=may_preview_drafts(request))
        .exclude(figure_stills="")
        .only("slug", "status", "figure_stills"),
        slug=slug,
    )
    if version != exercise.figure_stills_version:
        return redirect(exercise.get_figure_stills_url())
    response = HttpResponse(exercise.figure_stills, content_type="image/svg+xml")
    if exercise.is_published:
        patch_cache_control(response, public=True, max_age=STILLS_MAX_AGE, immutable=True)
    keep_from_shared_caches(request, response, exercise.is_published)
    return response


@require_safe
def routine(request: HttpRequest) -> HttpResponse:
    reminder_form = ReminderForm(initial={"tz": settings.TIME_ZONE, "time": "08:00", "weeks": 6})
    return routine_page(request, build_routine(request.GET.getlist("e")), reminder_form)


def routine_page(request, routine, reminder_form: ReminderForm, status: int = 200):
    """The printable sheet, with the reminders form (blank, or back with what was wrong)."""
    path = reverse("exercises:routine")
    share_url = request.build_absolute_uri(f"{path}?{routine.query}" if routine.slugs else path)
    return render(
        request,
        "exercises/routine.html",
        {
            "routine": routine,
            "share_url": share_url,
            "qr_svg": mark_safe(routine_qr_svg(share_url)) if routine.exercises else "",  # noqa: S308 segno's own SVG of our own URL
            "max_exercises": MAX_ROUTINE_EXERCISES,
            "days": range(1, 8),
            "reminder_form": reminder_form,
        },
        status=status,
    )


def keep_from_shared_caches(request: HttpRequest, response: HttpResponse, published: bool):
    """What staff see (perhaps a draft) is theirs alone; a visitor's published page is not."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    if not published:
        add_never_cache_headers(response)


# Education pages ----------------------------------------------------------------------------


@require_safe
def education_hub(request: HttpRequest) -> HttpResponse:
    pages = EducationPage.objects.visible(drafts=may_preview_drafts(request)).only(
        "title", "slug", "summary", "status", "display_order"
    )
    response = render(request, "exercises/education/hub.html", {"pages": pages, "hub": hub_text()})
    keep_from_shared_caches(request, response, published=True)  # staff's list has the drafts
    return response


@require_safe
def education_page(request: HttpRequest, slug: str) -> HttpResponse:
    drafts = may_preview_drafts(request)
    related = Exercise.objects.visible(drafts=drafts)
    page = get_object_or_404(
        EducationPage.objects.visible(drafts=drafts)
        .page_with_neighbours(slug)
        .prefetch_related(Prefetch("related_exercises", queryset=related))
    )
    context = {"page": page, "structured_data": structured_data.medical_web_page(page, request)}
    response = render(request, "exercises/education/page.html", context)
    keep_from_shared_caches(request, response, page.is_published)
    return response


@require_safe
def routine_player(request: HttpRequest) -> HttpResponse:
    """The guided routine: the page carries the exercises, static/js/player.js runs them."""
    routine = build_routine(request.GET.getlist("e"))
    query = routine.query
    path = reverse("exercises:player")
    return render(
        request,
        "exercises/player.html",
        {
            "routine": routine,
            "query": query,
            "canonical_url": request.build_absolute_uri(f"{path}?{query}" if query else path),
            "pain_scores": range(11),
        },
    )


@require_safe
def routine_reminders(request: HttpRequest) -> HttpResponse:
    """The routine's reminders as an .ics file; bad choices bring the routine page back."""
    routine = build_routine(request.GET.getlist("e"))
    form = ReminderForm(request.GET)
    if not routine.exercises or not form.is_valid():
        return routine_page(request, routine, form, status=400)
    routine_url = request.build_absolute_uri(f"{reverse('exercises:player')}?{routine.query}")
    response = HttpResponse(
        reminder_calendar(form.reminder(), routine_url, timezone.now()),
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="exercise-reminders.ics"'},
    )
    # Made for one person's choices: no cache (the page cache, a proxy, the service worker)
    # keeps a copy.
    add_never_cache_headers(response)
    return response
