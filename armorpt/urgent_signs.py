"""The signs that need a doctor before any exercise, in three tiers: the one place they are written.

The footer, the hip pain hub and home page, every exercise's "when to stop", the printed routine
sheet, the request form (its questions and which answers mark a request urgent), the confirmation
page and the patient's e-mail all read them from here, so no two of them can disagree.

The signs were chosen from public patient information on hip pain, a broken hip and sciatica
(NHS and NHS trusts' hip leaflets); the guide "When should I see a physical therapist, and when do
I need urgent care?" lists those sources.

The words a patient reads are translated (read in the language of the page, the form or the
e-mail); the staff labels stay English, as the admin does.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Sign:
    text: str | Promise
    """The sign in a full, plain sentence, spoken to the reader."""
    short: str | Promise
    """The same sign as a few words, for one-line summaries (the footer, the printed sheet)."""
    question: str | Promise = ""
    """How the request form asks about it, in the patient's own words; empty when not asked."""
    field: str = ""
    """The appointment request's yes/no field that stores the answer to the question."""
    staff_label: str = ""
    """The answer as staff read it in the admin and the export."""


@dataclass(frozen=True)
class Tier:
    slug: str
    heading: str | Promise
    action: str | Promise
    """What to do, in one or two sentences."""
    signs: tuple[Sign, ...]
    marks_request_urgent: bool
    """Whether ticking one of its signs on the request form marks the request urgent for staff."""

    @property
    def short_signs(self) -> str:
        """Its signs in a few words each, to follow "<heading> if" on one line."""
        return pgettext("between two urgent signs", "; or ").join(
            str(sign.short) for sign in self.signs
        )

    @property
    def summary(self) -> str:
        """The tier on one line, for plain text (the patient's e-mail)."""
        return gettext("%(heading)s if %(signs)s.") % {
            "heading": self.heading,
            "signs": self.short_signs,
        }


CALL_911 = Tier(
    slug="call-911",
    heading=_("Call 911 now"),
    action=_("Call 911 now. Do not try to get up or walk on the leg. Keep warm while you wait."),
    signs=(
        Sign(
            _(
                "You fell or hurt your hip, and now you cannot stand, or your leg looks shorter or "
                "turned out."
            ),
            short=_("you fell and cannot stand, or your leg looks shorter or turned out"),
            question=_(
                "I fell or hurt my hip, and now I cannot stand, or my leg looks shorter or "
                "turned out"
            ),
            field="red_flag_fall_or_injury",
            staff_label="fell and cannot stand, or the leg looks shorter or turned out",
        ),
        Sign(
            _(
                "You cannot control your bladder or bowels, or you feel numb between your legs or "
                "around your bottom."
            ),
            short=_("you cannot control your bladder or bowels, or feel numb between your legs"),
            question=_(
                "I cannot control my bladder or bowels, or I feel numb between my legs or "
                "around my bottom"
            ),
            field="red_flag_numbness",
            staff_label="lost bladder or bowel control, or numb between the legs",
        ),
    ),
    marks_request_urgent=True,
)

URGENT_TODAY = Tier(
    slug="urgent-today",
    heading=_("Go to urgent care or the emergency room today"),
    action=_(
        "Go to urgent care or the emergency room today. If you cannot get there safely, call 911."
    ),
    signs=(
        Sign(
            _("Your hip is hot, red or swollen, and you have a fever or feel hot and shivery."),
            short=_("your hip is hot, red or swollen and you have a fever"),
            question=_("My hip is hot, red or swollen, and I have a fever or feel hot and shivery"),
            field="red_flag_fever_or_unwell",
            staff_label="hot, red or swollen hip with a fever",
        ),
        Sign(
            _("You cannot put any weight on your leg."),
            short=_("you cannot put weight on your leg"),
            question=_("I cannot put any weight on my leg"),
            field="red_flag_cannot_bear_weight",
            staff_label="cannot put weight on the leg",
        ),
        Sign(
            _("Very bad hip pain came on all of a sudden."),
            short=_("very bad pain came on all of a sudden"),
            question=_("Very bad hip pain came on all of a sudden"),
            field="red_flag_sudden_severe_pain",
            staff_label="very bad pain that came on suddenly",
        ),
    ),
    marks_request_urgent=True,
)

SEE_A_DOCTOR_SOON = Tier(
    slug="see-a-doctor-soon",
    heading=_("See a doctor soon"),
    action=_(
        "Call your doctor’s office and ask to be seen in the next few days. For a child, ask "
        "for a visit today or tomorrow."
    ),
    signs=(
        Sign(
            _("The pain is there all the time and does not ease when you rest or at night."),
            short=_("the pain never eases, even at rest or at night"),
        ),
        Sign(
            _("You are losing weight without trying, or you feel unwell in yourself."),
            short=_("you lose weight without trying or feel unwell"),
        ),
        Sign(
            _("You have had cancer, and now you have new hip pain."),
            short=_("you have had cancer and now have new hip pain"),
        ),
        Sign(
            _("A child has started to limp, or has pain in the hip, thigh or knee."),
            short=_("a child limps or has hip pain"),
        ),
        Sign(
            _("You have had a hip replacement, and now that hip has new pain."),
            short=_("a replaced hip has new pain"),
        ),
        Sign(
            _("Your leg or foot feels numb, tingly or weak, and it does not go away."),
            short=_("your leg or foot stays numb, tingly or weak"),
        ),
    ),
    marks_request_urgent=False,
)

URGENT_TIERS = (CALL_911, URGENT_TODAY, SEE_A_DOCTOR_SOON)

# The request form asks one question per urgent sign; each answer has its own field.
ASKED_SIGNS = tuple(
    sign for tier in URGENT_TIERS if tier.marks_request_urgent for sign in tier.signs if sign.field
)
SIGN_ASKED_BY = {sign.field: sign for sign in ASKED_SIGNS}


def marks_urgent(answers: Mapping[str, bool]) -> bool:
    """Whether the request form's answers (field name to ticked) hold any urgent sign."""
    return any(answers.get(sign.field, False) for sign in ASKED_SIGNS)
