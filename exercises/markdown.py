"""Staff write education pages in Markdown; patients get HTML with nothing that can run."""

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
    "ul", "ol", "li",
    "a", "strong", "em", "b", "i",
    "table", "thead", "tbody", "tr", "th", "td",
    "code", "pre", "blockquote",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
# Relative links (to other pages of the site) pass through; absolute ones need a safe scheme.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML: headings from h2 (the page title is the h1), no scripts,
    styles, frames, event handlers or javascript: links, whatever the author typed."""
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener",
    )
