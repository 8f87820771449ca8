from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import model_ngettext
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.shortcuts import redirect
from django.urls import path, reverse

from armorpt.translation_review import SpanishState

from . import two_factor, views
from .admin_translations import SpanishStateFilter, TranslatedContentAdmin


def needs_second_factor(request) -> bool:
    """A signed-in staff member the admin would let in, but for the missing second factor."""
    user = request.user
    return (
        settings.REQUIRE_TWO_FACTOR and user.is_active and user.is_staff and not user.is_verified()
    )


def may_preview_drafts(request) -> bool:
    """Staff see drafts on the public pages only once the admin would let them in: a password
    alone, where the second factor is required, shows no more than a visitor sees."""
    user = request.user
    return user.is_active and user.is_staff and not needs_second_factor(request)


class AuditedAutocompleteJsonView(AutocompleteJsonView):
    """Django's autocomplete, telling the searched model's admin how many results it sent, for
    an admin that audits them (`autocomplete_results_shown`). Never the search term."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if shown := getattr(self.model_admin, "autocomplete_results_shown", None):
            shown(self.request, len(context["object_list"]))
        return context


class StaffAdminSite(admin.AdminSite):
    """The admin, open to staff only after a second factor when REQUIRE_TWO_FACTOR is on."""

    site_header = "Armor PT staff"
    site_title = "Armor PT staff"
    index_title = "Requests and content"
    login_template = "staff/login.html"
    # The front desk's work list needs the whole width; the index links every model anyway.
    enable_nav_sidebar = False

    def has_permission(self, request):
        return super().has_permission(request) and not needs_second_factor(request)

    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            if needs_second_factor(request):
                signing_out = request.resolver_match and request.resolver_match.url_name == "logout"
                if signing_out:  # the admin would only redirect someone it does not let in
                    return view(request, *args, **kwargs)
                return redirect(two_factor.next_step_url(request))
            return protected(request, *args, **kwargs)

        return inner

    def login(self, request, extra_context=None):
        if request.method == "GET" and needs_second_factor(request):
            return redirect(two_factor.next_step_url(request))
        return super().login(request, extra_context)

    def index(self, request, extra_context=None):
        return super().index(
            request,
            {"spanish_out_of_date": self.spanish_out_of_date(request), **(extra_context or {})},
        )

    def spanish_out_of_date(self, request) -> list[dict]:
        """For each kind of translated content this person may see: how many have Spanish out
        of date, and the list of them (one count query a kind, however much content)."""
        counts = []
        for model, model_admin in self._registry.items():
            if not (
                isinstance(model_admin, TranslatedContentAdmin)
                and model_admin.has_view_permission(request)
            ):
                continue
            count = model._default_manager.spanish_out_of_date().count()
            changelist = reverse(
                f"{self.name}:{model._meta.app_label}_{model._meta.model_name}_changelist"
            )
            counts.append(
                {
                    "count": count,
                    "name": model_ngettext(model._meta, count),
                    "url": f"{changelist}?{SpanishStateFilter.parameter_name}="
                    f"{SpanishState.OUT_OF_DATE}",
                }
            )
        return counts

    def autocomplete_view(self, request):
        return AuditedAutocompleteJsonView.as_view(admin_site=self)(request)

    def get_urls(self):
        return [
            path("two-factor/", views.verify, name="two_factor_verify"),
            path("two-factor/set-up/", views.set_up, name="two_factor_set_up"),
            path("two-factor/backup-codes/", views.backup_codes, name="two_factor_backup_codes"),
            path("two-factor/passkeys/", views.passkeys, name="two_factor_passkeys"),
            *super().get_urls(),
        ]
