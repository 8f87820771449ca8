"""The education pages' Markdown: ordinary formatting survives, anything that could run does not."""

from exercises.markdown import render_markdown


def test_ordinary_markdown_renders_headings_lists_links_emphasis_and_tables():
    html = render_markdown(
        "## Move more\n\n"
        "Stand up **every hour** and *walk*.\n\n"
        "1. Set a reminder\n2. Stand up\n\n"
        "- [Daily walk](/exercises/daily-walk/)\n- [Call us](tel:+12125550142)\n\n"
        "> Go slowly.\n\n"
        "| Situation | What to do |\n| --- | --- |\n| A fall | Call 911 |\n"
    )

    assert "<h2>Move more</h2>" in html
    assert "<strong>every hour</strong>" in html
    assert "<em>walk</em>" in html
    assert "<ol>\n<li>Set a reminder</li>" in html
    assert '<a href="/exercises/daily-walk/" rel="noopener">Daily walk</a>' in html
    assert '<a href="tel:+12125550142" rel="noopener">Call us</a>' in html
    assert "<blockquote>" in html
    assert "<th>Situation</th>" in html
    assert "<td>Call 911</td>" in html


def test_scripts_handlers_javascript_links_frames_and_styles_are_removed():
    html = render_markdown(
        "Hello <script>alert('x')</script>\n\n"
        '<img src="x.png" onerror="alert(1)">\n\n'
        '<p onclick="alert(2)" style="color: red">Styled</p>\n\n'
        '[Click me](javascript:alert(3)) and <a href="JaVaScRiPt:alert(4)">this</a>\n\n'
        '<iframe src="https://example.com/"></iframe>\n\n'
        "<style>body { display: none }</style>\n"
    )

    lowered = html.lower()
    for banned in (
        "<script",
        "alert(",
        "onerror",
        "onclick",
        "style=",
        "<style",
        "javascript:",
        "<iframe",
    ):
        assert banned not in lowered, banned
    assert "<img" not in lowered
    assert "Styled" in html
    assert "Click me" in html


def test_a_level_one_heading_is_not_kept_because_the_page_title_is_the_h1():
    assert "<h1" not in render_markdown("# Title\n\nText")
