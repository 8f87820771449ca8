import nltk
import pytest
import textstat

from armorpt.readability import reading_grade, text_of_html


def test_syllables_come_from_the_shipped_cmu_dictionary_without_a_download(monkeypatch):
    def no_download(*args, **kwargs):
        raise AssertionError("textstat tried to download NLTK's CMU dictionary")

    monkeypatch.setattr(nltk, "download", no_download)

    # The CMU dictionary says three syllables; textstat's fallback (hyphenation) finds one.
    assert textstat.syllable_count("area") == 3
    assert textstat.syllable_count("idea") == 3


def test_each_line_is_read_as_a_sentence_of_its_own():
    as_lines = reading_grade("Bend your knees\nLift your hips\nHold for five seconds")
    as_one_sentence = reading_grade("Bend your knees lift your hips hold for five seconds")

    assert as_lines < as_one_sentence
    assert as_lines == reading_grade("Bend your knees. Lift your hips. Hold for five seconds.")


def test_no_words_have_no_grade():
    assert reading_grade(" \n ") is None


def test_html_is_read_as_its_words_one_block_per_line():
    html = "<h2>Rest</h2><p>Move <strong>gently</strong> &amp; often.</p><ul><li>Walk</li></ul>"

    assert text_of_html(html).split("\n")[:3] == ["Rest", "Move gently & often.", "Walk"]


@pytest.mark.parametrize(
    ("text", "grade"),
    # 0.39 × words per sentence + 11.8 × syllables per word − 15.59
    [("The cat sat on the mat.", "-1.4"), ("Osteoarthritis complicates rehabilitation.", "44.6")],
)
def test_the_grade_is_flesch_kincaid_to_one_decimal(text, grade):
    assert str(reading_grade(text)) == grade
