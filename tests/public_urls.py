"""Every public HTML page, in one list: the header, privacy and accessibility tests all use it.

Paths refer to the demo content (`manage.py load_clinic_content`).
"""

PUBLIC_PAGES = [
    "/",
    "/privacy/",
    "/exercises/",
    "/exercises/?position=lying_side&kind=strengthen",
    "/exercises/clamshell/",
    "/exercises/hip-flexor-stretch/",
    "/exercises/routine/?e=clamshell&e=hip-bridge&e=chair-squat",
]

PUBLIC_TEXT = [
    "/robots.txt",
    "/sitemap.xml",
]
