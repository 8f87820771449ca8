import time
import unicodedata
from functools import partial

from django import forms
from django.conf import settings
from django.db.models.fields import BLANK_CHOICE_DASH
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from armorpt.urgent_signs import SIGN_ASKED_BY

from . import form_tokens
from .models import (
    PREFERRED_TIME_FIELDS,
    RED_FLAG_FIELDS,
    AppointmentRequest,
    CallLanguage,
    ContactMethod,
)
from .phones import phone_e164

MAX_FORM_AGE_SECONDS = 24 * 60 * 60
SEND_AGAIN = _("Something went wrong with this form. Please check your answers and send it again.")
ISSUED_TO_SOMEONE_ELSE = _(
    "This form was opened in another browser, or your browser's cookies have changed since. "
    "Please check your answers and send it again."
)
# A posted value the form never offered (an old page, a tampered post): never echoed back.
NOT_OFFERED = _("Choose one of the answers shown.")
TEXT_FIELDS = [
    "first_name",
    "last_name",
    "phone",
    "email",
    "other_call_language",
    "insurance",
    "message",
]
MULTILINE_FIELDS = {"message"}


def strip_control_characters(value: str, keep_newlines: bool = False) -> str:
    kept = {"\n", "\t"} if keep_newlines else set()
    value = value.replace("\r\n", "\n")
    return "".join(
        char
        for char in value
        if char in kept or not unicodedata.category(char).startswith("C") or char == "\u200d"
    )


def form_field(model_field, **kwargs) -> forms.Field:
    """The model field's form field, without the blank choice a radio has no use for: once, when
    the class is made, not for every form."""
    field = model_field.formfield(**kwargs)
    if isinstance(field.widget, forms.RadioSelect):
        # Django's dashes only: "No preference" is a real choice whose value is empty too.
        field.choices = [choice for choice in field.choices if choice not in BLANK_CHOICE_DASH]
    return field


class AppointmentRequestForm(forms.ModelForm):
    # The page carries form_token_value: a form shown again after an error gets a new token.
    form_token = forms.CharField(
        widget=forms.HiddenInput,
        max_length=500,
        error_messages={"required": SEND_AGAIN, "max_length": SEND_AGAIN},
    )
    consented = forms.BooleanField(
        error_messages={"required": _("Tick the box to agree that we may contact you.")}
    )
    # The honeypot: hidden from people (CSS, aria-hidden, no tab stop); bots fill it in.
    website = forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = AppointmentRequest
        formfield_callback = form_field
        fields = [
            "first_name",
            "last_name",
            "phone",
            "email",
            "contact_method",
            "text_consent",
            "call_language",
            "other_call_language",
            "needs_interpreter",
            "location",
            *PREFERRED_TIME_FIELDS,
            "pain_area",
            "pain_duration",
            "message",
            "insurance",
            *RED_FLAG_FIELDS,
            "consented",
        ]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "phone": _("Phone number"),
            "email": _("E-mail address"),
            "contact_method": _("How should we contact you?"),
            "text_consent": _("It is OK to send text messages to this number"),
            "call_language": _("In which language would you like us to call you? (optional)"),
            "other_call_language": _("If another language, which one? (optional)"),
            "needs_interpreter": _("I need an interpreter"),
            "location": _("Which clinic would you like to visit?"),
            "prefers_weekday_mornings": _("Weekday mornings (8 am – 11 am)"),
            "prefers_weekday_middays": _("Weekday middays (11 am – 2 pm)"),
            "prefers_weekday_evenings": _("Weekday evenings (4 pm – 7 pm)"),
            "prefers_saturdays": _("Saturday mornings"),
            "pain_area": _("Where does it hurt most?"),
            "pain_duration": _("How long has it hurt?"),
            "message": _("Anything else we should know? (optional)"),
            "insurance": _("Insurance provider (optional)"),
            **{field: sign.question for field, sign in SIGN_ASKED_BY.items()},
        }
        help_texts = {
            "phone": _("A US number, e.g. (212) 555-0142."),
            "email": _("We send your reference code here. Optional if you give a phone number."),
            "other_call_language": _("For example Chinese, Russian or Haitian Creole."),
            "message": _(
                "At most 1000 characters. Please do not include detailed medical "
                "history: you can tell your physical therapist at your visit."
            ),
            "insurance": _(
                "For example, the name on your card. Please do not give your member number."
            ),
            "location": "",
        }
        error_messages = {
            "first_name": {"required": _("Enter your first name.")},
            "last_name": {"required": _("Enter your last name.")},
            "email": {"invalid": _("Enter an e-mail address such as name@example.com.")},
            "contact_method": {
                "required": _("Choose how we should contact you."),
                "invalid_choice": NOT_OFFERED,
            },
            "call_language": {"invalid_choice": NOT_OFFERED},
            "location": {"required": _("Choose a clinic."), "invalid_choice": NOT_OFFERED},
            "pain_area": {
                "required": _("Choose where it hurts most."),
                "invalid_choice": NOT_OFFERED,
            },
            "pain_duration": {
                "required": _("Choose how long it has hurt."),
                "invalid_choice": NOT_OFFERED,
            },
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(
                attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
            ),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_method": forms.RadioSelect,
            "call_language": forms.RadioSelect,
            "pain_area": forms.RadioSelect,
            "pain_duration": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        }

    def __init__(self, *args, locations=None, visitor: str | None = None, **kwargs):
        """`visitor` is form_tokens.visitor_of(the request): whom a token is issued to, and whose
        posted token is accepted."""
        super().__init__(*args, **kwargs)
        self.visitor = visitor
        if self.is_bound:
            self.data = self._without_control_characters(self.data)
        self.locations = list(locations or [])
        if len(self.locations) > 1:
            self.fields["location"].queryset = self.fields["location"].queryset.filter(
                pk__in=[location.pk for location in self.locations]
            )
            self.fields["location"].required = True
            self.fields["location"].empty_label = gettext("Choose a clinic")
        else:
            del self.fields["location"]
        self.fields["consented"].label = format_html(
            gettext(
                "I agree that Armor PT may contact me about this request. "
                'Read <a href="{}">what we collect and why</a>.'
            ),
            reverse("privacy"),
        )

    @cached_property
    def form_token_value(self) -> str:
        """The token the page carries: the one given as initial (the kept page's placeholder,
        the posted one on the database-down page), else one issued now, also after an error,
        so the bot timer starts again."""
        return self.initial.get("form_token") or form_tokens.issue(self.visitor)

    @staticmethod
    def _without_control_characters(data):
        data = data.copy()
        for name in TEXT_FIELDS:
            if name in data:
                data[name] = strip_control_characters(
                    data[name], keep_newlines=name in MULTILINE_FIELDS
                )
        return data

    # --- Validation -----------------------------------------------------------------------

    def clean_first_name(self):
        return self._clean_name("first_name")

    def clean_last_name(self):
        return self._clean_name("last_name")

    def _clean_name(self, name):
        value = " ".join(self.cleaned_data[name].split())
        if not any(char.isalpha() for char in value):
            raise forms.ValidationError(gettext("Enter your name using letters."))
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return phone_e164(value) if value else ""

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(gettext("Please leave this box empty."))
        return ""

    def clean_form_token(self):
        try:
            issued = form_tokens.read(self.cleaned_data["form_token"], self.visitor)
        except form_tokens.NotIssued as error:
            raise forms.ValidationError(SEND_AGAIN) from error
        except form_tokens.IssuedToSomeoneElse as error:
            raise forms.ValidationError(ISSUED_TO_SOMEONE_ELSE) from error
        age = time.time() - issued.started
        if age < settings.ARMORPT_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                gettext("That was very quick. Please check your answers and send the form again.")
            )
        if age > MAX_FORM_AGE_SECONDS:
            raise forms.ValidationError(
                gettext(
                    "This form was opened more than a day ago. Please check your answers and "
                    "send it again."
                )
            )
        return issued.token

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("contact_method")
        phone, email = cleaned.get("phone"), cleaned.get("email")
        if "phone" in cleaned and "email" in cleaned and not phone and not email:
            self.add_error("phone", gettext("Give us a phone number or an e-mail address."))
        if method in (ContactMethod.CALL, ContactMethod.TEXT) and "phone" in cleaned and not phone:
            self.add_error("phone", gettext("Enter your phone number so we can call or text you."))
        if method == ContactMethod.EMAIL and "email" in cleaned and not email:
            self.add_error("email", gettext("Enter your e-mail address so we can e-mail you."))
        if method == ContactMethod.TEXT and not cleaned.get("text_consent"):
            self.add_error(
                "text_consent", gettext("Tick this box so we may text you, or choose another way.")
            )
        if method != ContactMethod.TEXT:
            cleaned["text_consent"] = False
        self._clean_call_language(cleaned)
        if "location" not in self.fields:
            self.instance.location = self.locations[0] if self.locations else None
        return cleaned

    def _clean_call_language(self, cleaned):
        """A language typed in the box is the one to call in, unless English or Spanish was
        chosen: "No preference" is ticked until the person ticks another answer."""
        if "call_language" not in cleaned or "other_call_language" not in cleaned:
            return
        other = " ".join(cleaned["other_call_language"].split())
        if other and cleaned["call_language"] == CallLanguage.NO_PREFERENCE:
            cleaned["call_language"] = CallLanguage.OTHER
        if cleaned["call_language"] != CallLanguage.OTHER:
            other = ""
        elif not other:
            self.add_error("other_call_language", gettext("Tell us which language."))
        cleaned["other_call_language"] = other

    def _post_clean(self):
        # ModelForm has no switch to skip constraints, each of which Django checks with a query;
        # the fields and clean() check every one this form can break, the database all on save.
        self.instance.full_clean = partial(self.instance.full_clean, validate_constraints=False)
        try:
            super()._post_clean()
        finally:
            del self.instance.full_clean

    def save(self, commit=True):
        self.instance.form_token = self.cleaned_data["form_token"]
        return super().save(commit=commit)

    @property
    def problems(self) -> list[tuple[str, str]]:
        """(field id, message) for the summary at the top; each message names its question."""
        problems = []
        in_page_order = [name for name in [*self.fields, "__all__"] if name in self.errors]
        for name in in_page_order:
            errors = self.errors[name]
            if name in ("__all__", "form_token"):
                target = "request-form"
            else:
                target = self[name].auto_id
                if isinstance(self.fields[name].widget, forms.RadioSelect):
                    target += "_0"
            problems.extend((target, str(message)) for message in errors)
        return problems
