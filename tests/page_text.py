"""The words a person reads or hears on a page, for the tests that compare its two languages."""

import re
from html.parser import HTMLParser

# Attributes whose words a screen reader says or a pointer shows.
SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
UNSPOKEN_ELEMENTS = {"script", "style"}
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
NO_LETTERS = re.compile(r"^[\W\d_]*$")


class _Words(HTMLParser):
    def __init__(self, other_language: str | None):
        super().__init__()
        self.other_language = other_language
        self.words: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (element, whether its words are left out)

    def _left_out(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        left_out = (
            self._left_out()
            or tag in UNSPOKEN_ELEMENTS
            or (self.other_language and attrs.get("lang") == self.other_language)
        )
        if not left_out:
            self.words += [
                " ".join(attrs[name].split()) for name in SPOKEN_ATTRIBUTES if attrs.get(name)
            ]
        if tag not in VOID_ELEMENTS:
            self.open.append((tag, left_out))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.open.pop()

    def handle_endtag(self, tag):
        # Up to the element it closes: HTML lets <p> and <li> close without saying so.
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        if not self._left_out() and (text := " ".join(data.split())):
            self.words.append(text)


def words_on(html: str, other_language: str | None = None) -> list[str]:
    """Each text node and spoken attribute of the page, in order, outside scripts and styles and
    outside what is marked as in the other language (lang="en" on a Spanish page marks English
    on purpose: content not yet translated, and the page says so)."""
    parser = _Words(other_language)
    parser.feed(html)
    return parser.words


def english_left_on(spanish_html: str, english_html: str, allowed: set[str]) -> list[str]:
    """The words of the English page that the Spanish page repeats as they are: interface left
    untranslated. Names (allowed), web addresses (a source's) and what has no letters (numbers,
    times) may repeat."""
    english = set(words_on(english_html))
    return sorted(
        {
            words
            for words in words_on(spanish_html, other_language="en")
            if words in english
            and words.rstrip(":.,;") not in allowed
            and not NO_LETTERS.match(words)
            and not words.startswith(("http://", "https://"))
        }
    )
