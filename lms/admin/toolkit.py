"""The admin toolkit every staff screen uses: money columns, exports, action-form views, menu items."""

from django import forms
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.rules.pricing import dollars


class DollarsColumn(Column):
    def get_value(self, instance):
        return dollars(super().get_value(instance) or 0)


class NullSafeExportMixin:
    """Export dotted paths through nullable relations as blanks (Wagtail's lookup raises)."""

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            value = item
            for part in field.split("."):
                value = getattr(value, part, None) if value is not None else None
                if callable(value):
                    value = value()
            row[field] = "" if value is None else value
        return row


def _parse_dollars(raw: str) -> int:
    from lms.rules.pricing import PricingError, cents_from_dollars

    try:
        return cents_from_dollars(raw)
    except PricingError as exc:
        raise forms.ValidationError(str(exc)) from exc


class ActionFormView(WagtailAdminTemplateMixin, FormView):
    template_name = "lms/admin/action_form.html"
    header_icon = "form"
    submit_button_label = "Save"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            summary=self.get_summary(),
        )
        return context

    def get_summary(self) -> list[str]:
        return []


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
