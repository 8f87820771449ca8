"""Every public HTML page, in one list: the header, privacy and accessibility tests all use it.

Paths refer to the demo content (`manage.py load_clinic_content`). Each page is listed in
English; the list the tests use holds its Spanish address (/es/…) too.
"""

ENGLISH_PAGES = [
    "/",
    "/privacy/",
    "/exercises/",
    "/exercises/?position=lying_side&kind=strengthen",
    "/exercises/clamshell/",
    "/exercises/hip-flexor-stretch/",
    "/exercises/hip-bridge/",
    "/exercises/?position=off_floor",
    "/exercises/routine/?e=clamshell&e=hip-bridge&e=chair-squat",
    "/exercises/routine/play/?e=clamshell&e=hip-bridge&e=chair-squat",
    "/hip-pain/",
    "/hip-pain/why-hip-pain-starts/",
    "/hip-pain/how-exercise-helps/",
    "/hip-pain/sitting-and-movement/",
    "/hip-pain/what-a-physical-therapist-does/",
    "/hip-pain/when-to-see-a-physical-therapist/",
    "/hip-pain/no-referral-needed/",
    "/hip-pain/first-few-days/",
    "/hip-pain/how-much-pain-is-ok/",
    "/hip-pain/getting-down-to-the-floor/",
    "/hip-pain/hip-pain-at-night/",
    "/hip-pain/pain-on-the-outside-of-the-hip/",
    "/hip-pain/could-it-be-arthritis/",
    "/hip-pain/hip-or-back/",
    "/hip-pain/how-long-until-it-gets-better/",
    "/hip-pain/after-a-hip-replacement/",
    "/appointments/request/",
    "/my-practice/",
    "/offline/",
]


def in_spanish(path: str) -> str:
    return f"/es{path}"


PUBLIC_PAGES = [*ENGLISH_PAGES, *map(in_spanish, ENGLISH_PAGES)]

PUBLIC_TEXT = [
    "/robots.txt",
    "/sitemap.xml",
    "/manifest.webmanifest",
    "/es/manifest.webmanifest",
    "/sw.js",
]

# Pages scripts/lighthouse scores (one of each kind).
LIGHTHOUSE_PAGES = [
    "/",
    "/exercises/",
    "/exercises/clamshell/",
    "/hip-pain/when-to-see-a-physical-therapist/",
    "/appointments/request/",
    "/exercises/routine/play/?e=clamshell&e=hip-bridge&e=chair-squat",
    "/my-practice/",
    "/es/exercises/clamshell/",
    "/es/hip-pain/when-to-see-a-physical-therapist/",
]
