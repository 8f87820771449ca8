import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When, Window
from django.db.models.functions import Coalesce, FirstValue, Lag, Lead, NullIf
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from armorpt.languages import each_language, in_every_language
from armorpt.page_cache import ContentQuerySet
from armorpt.readability import reading_grade, text_of_html
from armorpt.text import lines_of
from armorpt.translation_review import TranslatedContent, TranslatedQuerySet

from .figures import (
    FigureError,
    check_figure,
    label_words_of,
    render_for,
    side_sentence,
    stills_caption,
)
from .markdown import render_markdown

REVIEW_INTERVAL = timedelta(days=365)
PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
# The fields an exercise's drawn figure is made from (its words name the exercise and sides).
FIGURE_INPUTS = {
    "figure",
    "figure_label_translations",
    "slug",
    "name",
    "illustration_alt",
    "each_side",
    "hold_seconds",
}


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishedQuerySet(TranslatedQuerySet, ContentQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible(self, *, drafts: bool):
        """Published items, and drafts too for staff previewing them at their public address
        (staff.admin_site.may_preview_drafts says who may)."""
        return self.all() if drafts else self.published()

    def review_due(self):
        """Never reviewed, or last reviewed longer ago than the review interval."""
        last_good_review = timezone.localdate() - REVIEW_INTERVAL
        return self.filter(Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=last_good_review))


class Kind(models.TextChoices):
    STRETCH = "stretch", pgettext_lazy("kind of exercise", "Stretch")
    STRENGTHEN = "strengthen", pgettext_lazy("kind of exercise", "Strengthen")
    MOBILITY = "mobility", pgettext_lazy("kind of exercise", "Mobility")
    EVERYDAY = "everyday", pgettext_lazy("kind of exercise", "Everyday movement")


class Position(models.TextChoices):
    STANDING = "standing", pgettext_lazy("starting position", "Standing")
    KNEELING = "kneeling", pgettext_lazy("starting position", "Kneeling")
    LYING_BACK = "lying_back", pgettext_lazy("starting position", "Lying on your back")
    LYING_SIDE = "lying_side", pgettext_lazy("starting position", "Lying on your side")
    SEATED = "seated", pgettext_lazy("starting position", "Seated")
    LYING_BED = "lying_bed", pgettext_lazy("starting position", "Lying on a bed")


# Where a person has to get down to the floor to start (a bed is not the floor).
FLOOR_POSITIONS = {Position.KNEELING, Position.LYING_BACK, Position.LYING_SIDE}


class Difficulty(models.TextChoices):
    GENTLE = "gentle", pgettext_lazy("how hard an exercise is", "Gentle")
    MODERATE = "moderate", pgettext_lazy("how hard an exercise is", "Moderate")
    CHALLENGING = "challenging", pgettext_lazy("how hard an exercise is", "Challenging")


class Equipment(models.TextChoices):
    NONE = "none", _("Nothing")
    CHAIR = "chair", _("A sturdy chair")
    RAIL = "rail", _("A rail or counter")
    WALL = "wall", _("A wall")
    MAT = "mat", _("A mat")


class ExerciseQuerySet(PublishedQuerySet):
    def off_the_floor(self):
        """Exercises done standing, sitting or on a bed, for people who cannot get down to the
        floor."""
        return self.exclude(position__in=FLOOR_POSITIONS)

    def with_versions(self):
        """Each exercise with its easier and harder version, in the same query."""
        return self.select_related("easier_version", "harder_version")

    def matching(self, text: str):
        """A plain-words search over what a patient would type: a name, a body part, a prop."""
        words = text.split()
        query = Q()
        for word in words:
            query &= (
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(muscles__icontains=word)
                | Q(what_you_need__icontains=word)
            )
        return self.filter(query)

    def exercise_and_related(self, slug: str, count: int):
        """The exercise at `slug`, then up to `count` published others that share its kind or its
        starting position, in display order: an exercise page in one query.

        The exercise comes from this queryset (for staff, drafts too) and the related ones are
        chosen from its kind and position inside the query, so nothing comes back when the
        exercise is not there to see.
        """
        chosen = self.filter(slug=slug)
        related = (
            self.published()
            .filter(Q(kind__in=chosen.values("kind")) | Q(position__in=chosen.values("position")))
            .exclude(slug=slug)
            .values("pk")[:count]
        )
        chosen_first = Case(When(slug=slug, then=0), default=1)
        return (
            self.filter(Q(slug=slug) | Q(pk__in=related))
            .with_versions()
            .order_by(chosen_first, *self.model._meta.ordering)
        )


def validate_photo(photo) -> None:
    """Trust the file's content, not its name: Pillow must read it as a JPEG, PNG or WebP."""
    if photo.size > PHOTO_MAX_BYTES:
        raise ValidationError("The photo is larger than 2 MB. Please save a smaller copy.")
    position = photo.tell()
    try:
        photo.seek(0)
        with Image.open(photo) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(
            "This file is not a photo we can show (use JPEG, PNG or WebP)."
        ) from error
    finally:
        photo.seek(position)
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(
            format_lazy("{} pictures are not accepted. Use JPEG, PNG or WebP.", image_format)
        )


def validate_label_translations(translations: dict) -> None:
    languages = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    if not isinstance(translations, dict) or not all(
        language in languages
        and isinstance(words, dict)
        and all(isinstance(text, str) for pair in words.items() for text in pair)
        for language, words in translations.items()
    ):
        raise ValidationError(
            format_lazy(
                'Write the labels as {{"{}": {{"Stand": "De pie"}}}}: each language\'s '
                "code, then each English label with its words in that language.",
                *sorted(languages),
            ),
            code="figure_labels",
        )


def validate_figure(figure: dict) -> None:
    if not figure:
        return
    try:
        check_figure(figure)
    except FigureError as error:
        raise ValidationError(str(error), code="figure") from error


class ReviewedContent(models.Model):
    """What an exercise and a guide share: published or a draft, and a clinician's yearly review."""

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    display_order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers come first."
    )
    reviewed_by = models.CharField(
        max_length=120, blank=True, help_text="Name and title of the PT who checked it."
    )
    reviewed_on = models.DateField(
        null=True, blank=True, help_text="Pages are due for a new review after 12 months."
    )
    sources = models.TextField(
        blank=True,
        help_text="The public pages the facts come from, one per line: the page’s name, a dash, "
        "then its web address. Shown at the foot of the page for the reviewer to check.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def review_due(self) -> bool:
        return self.reviewed_on is None or timezone.localdate() - self.reviewed_on > REVIEW_INTERVAL

    @property
    def next_review_on(self):
        return self.reviewed_on + REVIEW_INTERVAL if self.reviewed_on else None

    @property
    def source_list(self) -> list[tuple[str, str]]:
        """Each source as (name, web address); the address is empty when none was given."""
        sources = []
        for line in lines_of(self.sources):
            name, _, address = line.rpartition(" — ")
            if not address.startswith(("https://", "http://")):
                name, address = line, ""
            sources.append((name, address))
        return sources


class ReadableContent(models.Model):
    """Content whose reading grade is measured from the words a patient sees, on every save."""

    reading_grade = models.DecimalField(
        "reading grade",
        max_digits=4,
        decimal_places=1,
        null=True,
        editable=False,
        help_text="Flesch–Kincaid grade of the text as patients see it, worked out when you save.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.reading_grade = reading_grade(self.patient_text())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "reading_grade"}
        super().save(*args, **kwargs)

    def patient_text(self) -> str:
        """Everything a patient reads on the page, one heading, line or paragraph per line."""
        raise NotImplementedError


class Exercise(ReviewedContent, ReadableContent, TranslatedContent):
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True, help_text="The exercise’s web address.")
    summary = models.CharField(
        # Room for the Spanish, which runs about a fifth longer than the English.
        max_length=200,
        help_text="One sentence on what it does for the patient, shown on cards.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    position = models.CharField("starting position", max_length=20, choices=Position.choices)
    difficulty = models.CharField(
        max_length=20, choices=Difficulty.choices, default=Difficulty.GENTLE
    )
    equipment = models.CharField(max_length=20, choices=Equipment.choices, default=Equipment.NONE)
    what_you_need = models.CharField(max_length=200, help_text="E.g. “A mat and a cushion.”")
    starting_position = models.TextField("how to start", help_text="How to get into position.")
    steps = models.TextField(help_text="One step per line, in the order to do them.")
    hold_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Leave empty when there is no hold. The page shows a timer for this.",
    )
    reps = models.PositiveSmallIntegerField(
        "repetitions", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    sets = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    each_side = models.BooleanField(default=False, help_text="Done on the left and the right.")
    tips = models.TextField(blank=True, help_text="Tips for good form, one per line.")
    when_to_stop = models.TextField(help_text="Warning signs to stop at, one per line.")
    before_you_start = models.TextField(
        blank=True,
        help_text="Cautions for this exercise only, one per line. The page already gives the "
        "standard advice for a hip replacement, pregnancy, weak bones and balance.",
    )
    leave_out_after_hip_replacement = models.BooleanField(
        default=False,
        help_text="Tell people with a new hip to leave this out until their surgeon says it is "
        "OK (deep bending, crossing the legs, turning the leg in or out, lying on the side).",
    )
    muscles = models.CharField("muscles worked", max_length=200)
    figure = models.JSONField(
        "figure poses",
        blank=True,
        default=dict,
        validators=[validate_figure],
        help_text="The drawn figure’s start and hold poses as joint angles (see the clinic’s "
        "exercises.toml for examples). A message says what to fix when a pose is not possible.",
    )
    figure_label_translations = models.JSONField(
        "figure labels in other languages",
        blank=True,
        default=dict,
        validators=[validate_label_translations],
        help_text="The words over the figure’s stills for the Spanish page, by language and "
        'English label: {"es": {"Stand": "De pie"}}. “Start”, “Hold” and “Then” are '
        "translated already; a label missing here shows in English.",
    )
    figure_stills = models.TextField(editable=False, default="")
    figure_live = models.TextField(editable=False, default="")
    photo = models.ImageField(
        upload_to="exercises/",
        blank=True,
        validators=[validate_photo],
        help_text="Optional photo shown instead of the figure (JPEG, PNG or WebP, at most 2 MB).",
    )
    illustration_alt = models.CharField(
        "picture description",
        # Room for the Spanish, which says the same in about a fifth more letters.
        max_length=400,
        help_text="Describes the position shown, for people who cannot see the picture.",
    )
    video_url = models.URLField("video link", blank=True)
    review_note = models.TextField(
        blank=True, help_text="For staff only: what still needs the clinic’s review."
    )
    # One-to-one: each exercise has at most one easier and one harder step, a ladder a patient
    # climbs one rung at a time (and both links come with the exercise in its page's query).
    easier_version = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="harder_version",
        error_messages={
            "unique": "That exercise is already the easier version of another one. Choose "
            "another, or take it off the other exercise first."
        },
        help_text="An exercise of its own for people who find this one too hard. The page says "
        "“Too hard? Try…”, and the easier one’s page says “Ready for more? Try…” back here.",
    )

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="exercise_kind_valid"),
            models.CheckConstraint(
                condition=Q(position__in=Position.values), name="exercise_position_valid"
            ),
            models.CheckConstraint(
                condition=Q(difficulty__in=Difficulty.values), name="exercise_difficulty_valid"
            ),
            models.CheckConstraint(
                condition=Q(equipment__in=Equipment.values), name="exercise_equipment_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="exercise_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(hold_seconds__isnull=True) | Q(hold_seconds__gte=1),
                name="exercise_hold_positive",
            ),
            models.CheckConstraint(
                condition=Q(reps__isnull=True) | Q(reps__gte=1), name="exercise_reps_positive"
            ),
            models.CheckConstraint(
                condition=Q(sets__isnull=True) | Q(sets__gte=1), name="exercise_sets_positive"
            ),
            models.CheckConstraint(
                condition=~Q(easier_version=models.F("pk")), name="exercise_not_its_own_version"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.render_figure()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and FIGURE_INPUTS & set(update_fields):
            kwargs["update_fields"] = {
                *update_fields,
                *in_every_language("figure_stills", "figure_live"),
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("exercises:detail", args=[self.slug])

    def clean(self):
        if not self.figure and not self.photo:
            raise ValidationError(
                "Give the figure its poses or upload a photo, so patients can see the position."
            )
        check_versions(self)

    def render_figure(self) -> None:
        """Drawn once per edit, in each language (its titles and description are words), so a
        page view costs no drawing work."""
        for _language in each_language():
            self.figure_stills, self.figure_live = render_for(self) if self.figure else ("", "")

    def versions_shown(self, *, drafts: bool) -> tuple["Exercise | None", "Exercise | None"]:
        """The easier and the harder version a reader of this page may follow (a draft only
        for staff previewing drafts); with_versions() has already fetched both."""
        try:
            harder = self.harder_version
        except Exercise.DoesNotExist:
            harder = None
        return tuple(
            version if version and (drafts or version.is_published) else None
            for version in (self.easier_version, harder)
        )

    @property
    def figure_stills_html(self) -> str:
        return mark_safe(self.figure_stills)  # noqa: S308 drawn by figures.py from checked numbers, its words escaped

    @property
    def figure_stills_version(self) -> str:
        """Changes whenever the stills do: their address carries it, so browsers may keep them."""
        return hashlib.sha256(self.figure_stills.encode()).hexdigest()[:12]

    def get_figure_stills_url(self) -> str:
        return reverse("exercises:figure_stills", args=[self.slug, self.figure_stills_version])

    @property
    def figure_live_html(self) -> str:
        return mark_safe(self.figure_live)  # noqa: S308 as figure_stills_html

    @property
    def figure_move_ms(self) -> int:
        """How long the figure takes to get into the hold position, for the timer's lead-in."""
        return int(self.figure.get("move_seconds", 2) * 1000) if self.figure else 0

    @property
    def figure_side_text(self) -> str:
        return side_sentence(self.figure, self.each_side) if self.figure else ""

    @property
    def figure_stills_caption(self) -> str:
        if not self.figure:
            return ""
        return stills_caption(self.figure, bool(self.hold_seconds), label_words_of(self))

    @property
    def step_lines(self) -> list[str]:
        return lines_of(self.steps)

    @property
    def tip_lines(self) -> list[str]:
        return lines_of(self.tips)

    @property
    def when_to_stop_lines(self) -> list[str]:
        return lines_of(self.when_to_stop)

    @property
    def before_you_start_lines(self) -> list[str]:
        return lines_of(self.before_you_start)

    @property
    def done_on_the_floor(self) -> bool:
        return self.position in FLOOR_POSITIONS

    def patient_text(self) -> str:
        return "\n".join(
            [
                self.name,
                self.summary,
                self.what_you_need,
                self.starting_position,
                *self.step_lines,
                *self.tip_lines,
                *self.when_to_stop_lines,
                *self.before_you_start_lines,
            ]
        )

    @property
    def sides(self) -> int:
        return 2 if self.each_side else 1

    @property
    def hold_text(self) -> str:
        return format_duration(self.hold_seconds) if self.hold_seconds else ""

    @property
    def dose(self) -> str:
        """How long and how often, in the words a card or a routine sheet shows."""
        parts = []
        if self.hold_seconds:
            parts.append(gettext("Hold %(time)s") % {"time": self.hold_text})
        if self.reps:
            parts.append(
                ngettext("%(reps)d time", "%(reps)d times", self.reps) % {"reps": self.reps}
            )
        if self.sets and self.sets > 1:
            parts.append(ngettext("%(sets)d set", "%(sets)d sets", self.sets) % {"sets": self.sets})
        text = ", ".join(parts)
        return gettext("%(dose)s each side") % {"dose": text} if text and self.each_side else text


def check_versions(exercise: Exercise) -> None:
    """An exercise's easier version is another exercise, and following easier versions down
    never comes back to it (the ladder has a bottom rung)."""
    easier = exercise.easier_version
    if easier is None:
        return
    if exercise.pk is not None and easier.pk == exercise.pk:
        raise ValidationError(
            {"easier_version": "An exercise cannot be its own easier version."}, code="self"
        )
    seen = {exercise.pk}
    while easier is not None:
        if easier.pk in seen:
            raise ValidationError(
                {
                    "easier_version": format_lazy(
                        "“{}” is already harder than this exercise (through its own easier "
                        "versions), so it cannot also be easier. Choose another exercise.",
                        exercise.easier_version,
                    )
                },
                code="cycle",
            )
        seen.add(easier.pk)
        easier = easier.easier_version


def format_duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return gettext("%(minutes)d min %(seconds)d s") % {"minutes": minutes, "seconds": rest}
    if minutes:
        return ngettext("%(minutes)d minute", "%(minutes)d minutes", minutes) % {"minutes": minutes}
    return ngettext("%(seconds)d second", "%(seconds)d seconds", seconds) % {"seconds": seconds}


# Education pages ----------------------------------------------------------------------------

MARKDOWN_HELP = (
    "Write in Markdown. A blank line starts a new paragraph. ## Heading and ### Smaller heading "
    "(the page title is already the main heading). - item for a bullet list, 1. item for "
    "steps. **bold**. [link text](/exercises/clamshell/) for a link. Tables: | Column | Column |. "
    "Pictures, videos and scripts are removed."
)


def in_page_language(field: str):
    """A translated field's column in the page's language, or its English where that is empty
    (what reading the field on a model gives, for inside a query)."""
    return Coalesce(
        NullIf(F(f"{field}_{translation.get_language()}"), Value("")),
        F(f"{field}_{settings.LANGUAGE_CODE}"),
        output_field=models.CharField(),
    )


class EducationPageQuerySet(PublishedQuerySet):
    def page_with_neighbours(self, slug: str):
        """The page at `slug` with the title and slug of the pages just before and after it in
        this queryset's reading order (previous_title, previous_slug, next_title, next_slug;
        None at either end): a page and its previous and next links in one query.
        """
        reading_order = [*self.model._meta.ordering, "pk"]
        title = in_page_language("title")
        return self.annotate(
            previous_title=Window(Lag(title), order_by=reading_order),
            previous_slug=Window(Lag("slug"), order_by=reading_order),
            next_title=Window(Lead(title), order_by=reading_order),
            next_slug=Window(Lead("slug"), order_by=reading_order),
            # SQL's WHERE runs before window functions, so a filter on the plain slug column would
            # leave Lag and Lead the page alone. Filtering on a window value instead makes Django
            # filter the finished rows (in an outer query), neighbours already found.
            own_slug=Window(FirstValue("slug"), partition_by="pk"),
        ).filter(own_slug=slug)


class EducationPage(ReviewedContent, ReadableContent, TranslatedContent):
    title = models.CharField(max_length=120, help_text="A question or plain phrase patients use.")
    slug = models.SlugField(max_length=80, unique=True, help_text="The page’s web address.")
    summary = models.CharField(
        max_length=240,
        help_text="One or two sentences shown on the hip pain page and to search engines.",
    )
    body = models.TextField(help_text=MARKDOWN_HELP)
    body_html = models.TextField(editable=False, default="")
    related_exercises = models.ManyToManyField(
        Exercise,
        blank=True,
        related_name="education_pages",
        help_text="Shown as cards under the page; the exercise pages link back here.",
    )
    # Overrides the shared field only for its help text: a guide's order also sets its
    # previous and next links.
    display_order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers come first, also for the previous and next links."
    )

    objects = EducationPageQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="education_page_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.render_body()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, *in_every_language("body_html")}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("education:page", args=[self.slug])

    def render_body(self) -> None:
        """Rendered once per edit, in each language, so a page view costs no Markdown work."""
        for _language in each_language():
            self.body_html = render_markdown(self.body)

    def patient_text(self) -> str:
        return "\n".join([self.title, self.summary, text_of_html(self.body_html)])
