"""The exercises app on /es/: Spanish words, links to Spanish pages, and English content
(where a translation is missing) marked and announced."""

import re
from html.parser import HTMLParser

import pytest
from modeltranslation.translator import translator

from exercises.models import Kind
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


# What a Spanish page may share with its English one: names, numbers and signs.
SAME_IN_BOTH = {"Armor PT", "English", "Español", "911", "0", "10", "…", "·", "|", ":", ",", "."}


class VisibleText(HTMLParser):
    """The text nodes of a page's <main> a person reads (or hears), leaving out what is marked
    lang="en" (English shown on purpose, for a missing translation) and scripts."""

    SKIP = {"script", "style", "svg"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.stack = []
        self.texts = set()
        self.attributes = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            # The page's own language is on <html>; what matters is a part marked otherwise.
            self.stack.append((tag, None if tag == "html" else attrs.get("lang")))
        if self.reading:
            for name in ("aria-label", "placeholder", "title", "alt"):
                if attrs.get(name):
                    self.attributes.add(attrs[name].strip())

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _lang in self.stack):
            while self.stack.pop()[0] != tag:
                pass

    @property
    def reading(self) -> bool:
        tags = [tag for tag, _lang in self.stack]
        return (
            "main" in tags
            and not self.SKIP & set(tags)
            and all(lang != "en" for _tag, lang in self.stack)
        )

    def handle_data(self, data):
        if self.reading and data.strip():
            self.texts.add(" ".join(data.split()))


def words_of(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return (parser.texts | parser.attributes) - SAME_IN_BOTH


def english_left(client, path: str) -> set[str]:
    english = words_of(client.get(path).content.decode())
    spanish = words_of(client.get(f"/es{path}").content.decode())
    # Numbers, phone numbers and the sources' web addresses are the same in every language.
    return {
        text
        for text in english & spanish
        if any(letter.isalpha() for letter in text) and not text.startswith("https://")
    }


@pytest.mark.parametrize(
    "path",
    [
        "/exercises/",
        "/exercises/clamshell/",
        "/exercises/hip-bridge/",
        "/exercises/routine/?e=clamshell&e=hip-bridge&e=chair-squat",
        "/exercises/routine/play/?e=clamshell&e=hip-bridge&e=chair-squat",
        "/hip-pain/",
        "/hip-pain/how-much-pain-is-ok/",
    ],
)
def test_a_spanish_page_shares_no_words_with_its_english_one(client, demo_content, path):
    assert english_left(client, path) == set()


@pytest.mark.parametrize("path", ["/es/exercises/clamshell/", "/es/hip-pain/how-much-pain-is-ok/"])
def test_links_on_a_spanish_page_lead_to_spanish_pages(client, demo_content, path):
    parser = Links()
    parser.feed(client.get(path).content.decode())

    assert parser.internal, "no link was found"
    assert [link for link in parser.internal if not link.startswith("/es/")] == []


class Links(HTMLParser):
    """The addresses on this site that <main> links to or shows (pictures)."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.internal = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.in_main = self.in_main or tag == "main"
        address = attrs.get("href") or attrs.get("src") or ""
        if self.in_main and address.startswith("/") and not address.startswith("/static/"):
            self.internal.append(address)

    def handle_endtag(self, tag):
        self.in_main = self.in_main and tag != "main"


NOTE = "Esta parte aún no está traducida al español; se muestra en inglés."


def in_spanish(factory, *, leave_out=(), **fields):
    """An item with every translated field in Spanish too, except those in `leave_out`."""
    item = factory(**fields)
    for field in translated_fields(item):
        if field not in leave_out:
            setattr(item, f"{field}_es", f"ES {getattr(item, f'{field}_en')}")
    item.save()
    return item


def english_marked(html: str) -> int:
    """How many parts of the page's <main> are marked as English."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return len(re.findall(r'\slang="en"', main))


def translated_fields(item) -> list[str]:
    return sorted(
        set(translator.get_options_for_model(type(item)).fields) - item.DERIVED_TRANSLATIONS
    )


def test_an_exercise_with_all_its_spanish_has_no_note_and_no_english(client):
    exercise = in_spanish(ExerciseFactory)

    html = client.get(f"/es/exercises/{exercise.slug}/").content.decode()

    assert NOTE not in html
    assert english_marked(html) == 0
    assert "ES Lie on your back." in html


def test_a_spanish_exercise_page_says_once_which_part_is_still_english(client):
    exercise = in_spanish(ExerciseFactory, leave_out={"tips"})

    html = client.get(f"/es/exercises/{exercise.slug}/").content.decode()

    assert html.count(NOTE) == 1
    assert re.search(r'<ul lang="en"><li>Breathe slowly\.</li>', html)
    assert english_marked(html) == 1


def test_an_exercise_card_without_its_spanish_name_says_so(client):
    untranslated = ExerciseFactory(kind=Kind.STRENGTHEN)
    in_spanish(ExerciseFactory, kind=Kind.STRENGTHEN)

    html = client.get("/es/exercises/").content.decode()

    assert html.count(NOTE) == 1
    assert (
        f'<h3 class="exercise-card__title" lang="en"><a href="/es/exercises/{untranslated.slug}/">'
        in html
    )


def test_a_spanish_guide_without_its_spanish_body_shows_the_english_marked(client):
    page = in_spanish(
        EducationPageFactory, leave_out={"body", "body_html"}, body="## Walk\n\nOften."
    )

    html = client.get(f"/es/hip-pain/{page.slug}/").content.decode()

    assert html.count(NOTE) == 1
    assert '<article class="prose education-body" lang="en">' in html
    assert f'<h1 class="measure">ES {page.title_en}</h1>' in html


def test_a_complete_spanish_guide_has_no_note(client):
    page = in_spanish(EducationPageFactory, body="## Walk\n\nOften.")

    html = client.get(f"/es/hip-pain/{page.slug}/").content.decode()

    assert NOTE not in html
    assert '<article class="prose education-body">' in html


def test_the_english_pages_never_carry_the_note(client):
    exercise = ExerciseFactory()

    html = client.get(f"/exercises/{exercise.slug}/").content.decode()

    assert NOTE not in html
    assert "not yet translated" not in html
