"""Patient records seen through other records: no admin filter or delete page shows them.

Django's admin lets a list be filtered by any field one relation away, named or not in
list_filter: `?appointment_requests__gt=0` on the locations would tell an editor which locations
requests chose and, step by step, how many requests there are. And a delete page lists every
object that stops the delete, by name. Every admin a staff group can open mixes in
`KeepsPatientDataOut`: the editors' content and locations, the managers' audit trail, and the
requests' own admin too (its filters are its own fields, never another record's).
"""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import router
from django.db.models.constants import LOOKUP_SEP
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

# The requests, what staff wrote about them, their history and their audit trail.
PATIENT_DATA = frozenset(
    {
        "appointments.appointmentrequest",
        "appointments.staffnote",
        "appointments.statuschange",
        "auditlog.logentry",
    }
)


def is_patient_data(model) -> bool:
    return model._meta.label_lower in PATIENT_DATA


def reaches_patient_data(model, lookup: str) -> bool:
    """Whether a list filter such as `appointment_requests__gt` goes through a patient record."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:  # a transform or comparison (`gt`): the path ends here
            return False
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
        if is_patient_data(model):
            return True
    return False


def protected_by_patient_data(objs) -> bool:
    """Whether patient records stop these objects from being deleted (on_delete=PROTECT)."""
    collector = Collector(using=router.db_for_write(type(objs[0])))
    try:
        collector.collect(objs)
    except (ProtectedError, RestrictedError) as refused:
        blocking = getattr(refused, "protected_objects", None) or refused.restricted_objects
        return any(is_patient_data(type(obj)) for obj in blocking)
    return False


class KeepsPatientDataOut(admin.ModelAdmin):
    """No list filter through a patient record, and no patient record named on a delete page."""

    # Why the delete page refuses, in place of the patient records that stop it.
    kept_for_patient_data = "Patient records point to it, and they are never deleted with it."

    def lookup_allowed(self, lookup, value, request=None):
        if reaches_patient_data(self.model, lookup):
            return False  # the changelist answers 400 (DisallowedModelAdminLookup)
        return super().lookup_allowed(lookup, value, request)

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected and protected_by_patient_data(list(objs)):
            # Django's "cannot delete" page, saying why; not which records, how many, nor the
            # permissions that deleting them would need.
            return [], {}, set(), [self.kept_for_patient_data]
        return to_delete, model_count, perms_needed, protected
