"""The JSON-LD blocks of a page, for the tests of what it tells search engines."""

import json
import re


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]
