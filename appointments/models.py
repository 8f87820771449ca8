import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models


def validate_phone(value: str) -> None:
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException as error:
        raise ValidationError("Enter a phone number such as (212) 555-0142.") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError("Enter a phone number such as (212) 555-0142.")


def tel_href(phone: str) -> str:
    """A tel: link in international format, so every phone dials it the same way."""
    number = phonenumbers.parse(phone, "US")
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class LocationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def accepting_requests(self):
        return self.active().filter(accepts_requests=True)


class Location(models.Model):
    name = models.CharField(
        max_length=120, help_text="As patients know it, e.g. “Armor PT Midtown”."
    )
    street_address = models.CharField(max_length=200, help_text="Street, number and suite.")
    locality = models.CharField("city", max_length=100)
    region = models.CharField("state", max_length=50)
    postal_code = models.CharField("ZIP code", max_length=20)
    phone = models.CharField(
        max_length=30,
        validators=[validate_phone],
        help_text="The number patients should call. The first active location’s number is the "
        "site’s tap-to-call number.",
    )
    hours = models.TextField(
        help_text="Opening hours, one line per row, e.g. “Mon–Fri 7 am – 7 pm”.",
    )
    accepts_requests = models.BooleanField(
        default=True, help_text="Offer this location on the appointment request form."
    )
    is_active = models.BooleanField(
        "shown on the site", default=True, help_text="Untick to hide a closed location."
    )
    display_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first; the first active location is the main one."
    )

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self):
        return self.name

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)

    @property
    def address_lines(self) -> list[str]:
        return [self.street_address, f"{self.locality}, {self.region} {self.postal_code}"]

    @property
    def hours_lines(self) -> list[str]:
        return [line.strip() for line in self.hours.splitlines() if line.strip()]
