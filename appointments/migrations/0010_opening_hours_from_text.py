"""Each location's opening hours, typed as lines of text, become OpeningHours rows.

The reading is kept here, with the migration, because the text field goes in the next one.
It reads lines such as “Monday to Friday: 7 am – 7 pm”, “Mon–Fri 07:00–19:00”,
“Sat & Sun: 9 am – noon”, “Tuesday: 7 am – 12 pm, 1 pm – 7 pm” and “Sunday: closed”. A line it
cannot read stops the migration with the location and the line, so that no hours are lost:
correct the line in the admin and migrate again.
"""

import re
from datetime import time

from django.db import migrations

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
TO = r"\s*(?:to|through|thru|-|–|—)\s*"
AND = r"\s*(?:,|and|&|/)\s*"
LINE = re.compile(rf"^(?P<days>{DAY}(?:(?:{TO}|{AND}){DAY})*)\s*:?\s*(?P<hours>.+)$", re.I)
CLOCK = re.compile(
    r"^(?:(?P<word>noon|midday|midnight)|(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?"
    r"\s*(?P<half>[ap])?\.?\s*(?:m\.?)?)$",
    re.I,
)
SPAN = re.compile(rf"^(?P<opens>.+?){TO}(?P<closes>.+)$", re.I)
CLOSED = {"closed", "closed.", "—", "-"}


class UnreadableHours(ValueError):
    pass


def weekdays_of(days_text: str) -> list[int]:
    weekdays = []
    for part in re.split(AND, days_text.strip(), flags=re.I):
        ends = re.split(TO, part, flags=re.I)
        first, last = DAYS.index(ends[0][:3].lower()), DAYS.index(ends[-1][:3].lower())
        weekdays += [(first + step) % 7 for step in range((last - first) % 7 + 1)]
    return weekdays


def clock_of(text: str) -> tuple[int, int, str | None]:
    match = CLOCK.match(text.strip())
    if not match:
        raise UnreadableHours(text)
    if match["word"]:
        return (0 if match["word"].lower() == "midnight" else 12), 0, "fixed"
    half = match["half"].lower() if match["half"] else None
    return int(match["hour"]), int(match["minute"] or 0), half


def as_time(hour: int, minute: int, half: str | None) -> time:
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return time(hour, minute)


def span_of(text: str) -> tuple[time, time]:
    match = SPAN.match(text.strip())
    if not match:
        raise UnreadableHours(text)
    (oh, om, ohalf), (ch, cm, chalf) = clock_of(match["opens"]), clock_of(match["closes"])
    if ohalf is None and chalf in ("a", "p"):
        # “7–11 am”: the opening takes the closing's half of the day, unless that puts it after.
        ohalf = chalf if as_time(oh, om, chalf) < as_time(ch, cm, chalf) else "a"
    opens = as_time(oh, om, None if ohalf == "fixed" else ohalf)
    closes = as_time(ch, cm, None if chalf == "fixed" else chalf)
    if closes <= opens:
        raise UnreadableHours(text)
    return opens, closes


def spans_of_line(line: str) -> list[tuple[int, time, time]]:
    match = LINE.match(line.strip())
    if not match:
        raise UnreadableHours(line)
    hours = match["hours"].strip()
    if hours.lower() in CLOSED:
        return []
    spans = [span_of(part) for part in re.split(r"\s*(?:,|;|\band\b)\s*", hours) if part]
    return [(weekday, *span) for weekday in weekdays_of(match["days"]) for span in spans]


def hours_text_to_rows(apps, schema_editor):
    Location = apps.get_model("appointments", "Location")
    OpeningHours = apps.get_model("appointments", "OpeningHours")
    for location in Location.objects.all():
        rows = {}
        for line in filter(None, (line.strip() for line in location.hours.splitlines())):
            try:
                spans = spans_of_line(line)
            except ValueError as error:  # an unknown day or a time such as 25:00 as well
                raise UnreadableHours(
                    f"Location “{location.name}”: cannot read the opening hours line “{line}”. "
                    "Write it like “Monday to Friday: 7 am – 7 pm” in the admin, then migrate "
                    "again."
                ) from error
            for weekday, opens, closes in spans:
                rows[weekday, opens] = OpeningHours(
                    location=location, weekday=weekday, opens=opens, closes=closes
                )
        OpeningHours.objects.bulk_create(rows.values())


def rows_to_hours_text(apps, schema_editor):
    Location = apps.get_model("appointments", "Location")
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for location in Location.objects.prefetch_related("opening_hours"):
        by_day = {}
        for span in sorted(location.opening_hours.all(), key=lambda s: (s.weekday, s.opens)):
            by_day.setdefault(span.weekday, []).append(
                f"{span.opens:%H:%M}–{span.closes:%H:%M}"
            )
        location.hours = "\n".join(
            f"{names[weekday]}: {', '.join(by_day.get(weekday, [])) or 'closed'}"
            for weekday in range(7)
        )
        location.save(update_fields=["hours"])


class Migration(migrations.Migration):

    dependencies = [
        ("appointments", "0009_opening_hours"),
    ]

    operations = [migrations.RunPython(hours_text_to_rows, rows_to_hours_text)]
