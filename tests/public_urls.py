"""Every public HTML page, in one list: the header, privacy and accessibility tests all use it.

Paths refer to the demo content (`manage.py load_clinic_content`).
"""

PUBLIC_PAGES = [
    "/",
    "/privacy/",
    "/appointments/request/",
]

PUBLIC_TEXT = [
    "/robots.txt",
    "/sitemap.xml",
]

# Pages scripts/lighthouse scores (one of each kind).
LIGHTHOUSE_PAGES = [
    "/",
    "/privacy/",
]
