"""The admin toolkit every staff screen uses: money columns, exports (formula-safe), the
action view, the object actions (listing row and header buttons from one declaration),
permission-aware menu items.

- `ActionFormView`: a staff action on one object (confirm, form, service call, redirect).
  A subclass says only what differs: the permission, the object, the form, the service call,
  the domain errors to show, the message and where to go.
- `ActionPostView`: the same for an action posted from the object's own page (a button or a
  small form there); errors and the outcome come back as messages on that page.
- `ObjectAction` + `ObjectActionsViewSet`: a viewset's actions declared once; each shows as a
  row button in the listing and as a header button on the inspect and edit pages, for people
  with its permission and objects its domain rule allows, and the viewset serves its view.
- `PermissionMenuItem` / `PermissionMenuViewSet`: menu entries shown only with a permission.
- `PeopleValuesInspectView` (and `ActionInspectView`): object pages print amounts in dollars,
  never cents, and no raw dictionaries; every viewset of ours has one, so each listing row
  links to its object also for staff who may only view it.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import EditView, IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from lms.errors import DomainError
from lms.exports import spreadsheet_cell
from lms.forms.text import LONG_TEXT_MAX, text_limit
from lms.rules.money import dollars


class DollarsColumn(Column):
    """Cents shown as dollars; empty (not $0.00) where no amount is set."""

    def get_value(self, instance):
        cents = super().get_value(instance)
        return "" if cents is None else dollars(cents)


def person_label(person) -> str:
    """A person as staff read them in a roster: the name printed on certificates (or the
    account name) beside the email, which tells two people with one name apart."""
    profile = getattr(person, "profile", None)
    name = (getattr(profile, "printed_name", "") or person.get_full_name()).strip()
    return f"{name} ({person.email})" if name else person.email


class PersonColumn(Column):
    """The `person` of a row as person_label(); select_related("person__profile")."""

    def get_value(self, instance):
        person = super().get_value(instance)
        return person_label(person) if person is not None else ""


class FormulaSafeExportMixin:
    """Wagtail's spreadsheet export (`list_export`) with every CSV cell through
    `lms.exports.spreadsheet_cell`, so no exported text runs as a formula. (Wagtail's XLSX
    export already stores formula-like text as text.) Every listing of ours has it through
    `ActionIndexView`; another view with `list_export` must mix it in
    (tests/security/test_exports.py checks)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_cell(value) if export_format == self.FORMAT_CSV else value


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


# --- Staff actions on one object ---------------------------------------------------------------
def error_messages(error: DomainError) -> list[str]:
    """What a domain error says to staff, one line per reason."""
    return error.lines


class ActionFormView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """A staff action on one object: a page with what the action will do and a form; on a
    valid form the service runs, and what it refuses comes back as form errors.

    Django's PermissionRequiredMixin checks `permission_required` first (403 without it);
    then the object is read (404 if absent). Locking is the service's business, not this
    view's: `get_queryset` only says which row and what to read along with it.

    Say in a subclass: `permission_required`, `model` or `queryset`, `form_class`,
    `page_title`, `submit_button_label`, `perform(form)` (the service call, returning what it
    returns), `domain_errors` (shown as form errors, on `error_field` or above the form;
    every refusal of a service by default), `success_message` (formatted with `object` and `result`) and
    `success_url_name` (reversed with the object's pk) or `success_url` (a fixed page);
    override the get_ methods when a value depends on the result.
    """

    template_name = "lms/admin/action_form.html"
    header_icon = "form"
    submit_button_label = "Save"
    raise_exception = True  # 403, never a sign-in redirect, for staff without the permission
    model = None
    queryset = None
    domain_errors: tuple[type[Exception], ...] = (DomainError,)
    error_field: str | None = None
    success_message = ""
    success_url_name = ""

    def get_queryset(self):
        if self.queryset is not None:
            return self.queryset.all()
        return self.model._default_manager.all()

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    @cached_property
    def object(self):
        # Read on first use, which is after the permission check in dispatch().
        return self.get_object()

    def get_page_subtitle(self):
        return str(self.object)

    def get_summary(self) -> list[str]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            summary=self.get_summary(),
        )
        return context

    def perform(self, form) -> Any:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except self.domain_errors as error:
            return self.refused(form, error)
        self.tell_success(result)
        return redirect(self.get_success_url(result))

    def tell_success(self, result) -> None:
        if message := self.get_success_message(result):
            messages.success(self.request, message)

    def refused(self, form, error: Exception):
        for message in error_messages(error):
            form.add_error(self.get_error_field(error), message)
        return self.form_invalid(form)

    def get_error_field(self, error: Exception) -> str | None:
        return self.error_field

    def get_success_message(self, result) -> str:
        return self.success_message.format(object=self.object, result=result)

    def get_success_url(self, result=None) -> str:
        if self.success_url:  # a fixed page, such as the listing
            return str(self.success_url)
        return reverse(self.success_url_name, args=[self.object.pk])


class ActionPostView(ActionFormView):
    """An action posted from the object's own page: no page of its own. The form's errors
    and the service's refusals become error messages, and the answer goes back to
    `get_back_url()` (the object's page); success goes to `get_success_url(result)`, which is
    the same page unless a subclass says otherwise."""

    http_method_names = ["post"]
    form_class = forms.Form  # a plain button: nothing to fill in

    def get_back_url(self) -> str:
        return reverse(self.success_url_name, args=[self.object.pk])

    def get_success_url(self, result=None) -> str:
        return str(self.success_url) if self.success_url else self.get_back_url()

    def form_invalid(self, form):
        for field, errors in form.errors.items():
            label = form[field].label if field in form.fields else ""
            messages.error(
                self.request, f"{label}: {' '.join(errors)}" if label else " ".join(errors)
            )
        return redirect(self.get_back_url())

    def refused(self, form, error: Exception):
        for message in error_messages(error):
            messages.error(self.request, message)
        return redirect(self.get_back_url())


# --- Object actions: listing row buttons and header buttons from one declaration ---------------
def always(obj) -> bool:
    return True


def may_become(status) -> Callable[[Any], bool]:
    """The domain rule "may this object move to `status` now": its model's transitions table,
    the one table the service checks before it changes the status."""

    def allowed(obj) -> bool:
        return obj.transition_allowed(obj.status, status)

    return allowed


@dataclass(frozen=True)
class ObjectAction:
    """One action a staff member can take on an object.

    `url_name` is reversed with the object's pk. With `view` (an ActionFormView), an
    ObjectActionsViewSet serves that view at `<action>/<pk>/` under the URL name's
    `<viewset>:<action>`, and the view's `permission_required` is the button's permission
    unless `permission` says otherwise.

    `allowed` is the domain's own rule for the object (a transition the model's table allows,
    an amount left to refund): never a status compared here.
    """

    label: str
    url_name: str
    view: type | None = None
    permission: str = ""
    allowed: Callable[[Any], bool] = always
    icon_name: str = ""
    priority: int = 40

    @property
    def required_permission(self) -> str:
        return self.permission or getattr(self.view, "permission_required", "")

    def shown(self, user, obj) -> bool:
        permission = self.required_permission
        return (not permission or user.has_perm(permission)) and self.allowed(obj)

    def button(self, obj) -> Button:
        return Button(
            self.label,
            url=reverse(self.url_name, args=[obj.pk]),
            icon_name=self.icon_name,
            priority=self.priority,
        )


class ObjectActionButtons:
    """View mixin: the `object_actions` that apply, as row buttons in a listing
    (`get_list_more_buttons`) and as header buttons on an inspect or edit page."""

    object_actions: Sequence[ObjectAction] = ()

    def object_action_buttons(self, obj) -> list[Button]:
        user = self.request.user
        return [action.button(obj) for action in self.object_actions if action.shown(user, obj)]

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *self.object_action_buttons(instance)]

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if getattr(self, "object", None) is not None:
            buttons.extend(self.object_action_buttons(self.object))
        return buttons


class ActionIndexView(FormulaSafeExportMixin, ObjectActionButtons, IndexView):
    @cached_property
    def columns(self):
        columns = super().columns
        if columns and isinstance(columns[0], Column) and not isinstance(columns[0], TitleColumn):
            # Wagtail hangs the row's link and buttons on a first column it builds from a field
            # name; a Column declared first would leave every row without its actions. The
            # declared column's own way of showing its value (a PersonColumn, ...) is kept.
            first = columns[0]
            columns[0] = self._get_title_column_class(TitleColumn)(
                first.name,
                label=first.label,
                accessor=first.get_value,
                classname=first.classname,
                sort_key=first.sort_key,
                width=first.width,
                get_url=lambda obj: self.get_edit_url(obj) or self.get_inspect_url(obj),
            )
        return columns


class PeopleValuesInspectMixin:
    """An inspect page shows values as people read them: an amount in cents (a field named
    `*_cents`) in dollars under a label without "cents", a dictionary as "key: value" pairs,
    yes/no for a true/false field and "–" for nothing. A view's own
    `get_<field>_display_value` still wins."""

    def get_field_label(self, field_name, field):
        label = super().get_field_label(field_name, field)
        if field_name.endswith("_cents"):
            label = re.sub(r"\s*\(?\bcents\)?\s*$", "", label, flags=re.IGNORECASE) or label
        return label

    def get_field_display_value(self, field_name, field):
        own = getattr(self, f"get_{field_name}_display_value", None)
        if field_name.endswith("_cents") and own is None:
            cents = getattr(self.object, field_name)
            return "–" if cents is None else dollars(cents)
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, dict):
            return "; ".join(f"{key}: {item}" for key, item in value.items()) or "–"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if value is None or value == "":
            return "–"
        return value


class ActionInspectView(PeopleValuesInspectMixin, ObjectActionButtons, InspectView):
    pass


class PeopleValuesInspectView(PeopleValuesInspectMixin, InspectView):
    """For a viewset with no object actions: its inspect page, with values for people."""


class ActionEditView(ObjectActionButtons, EditView):
    pass


class TextLimitsViewSetMixin:
    """For a ModelViewSet whose form is built from `form_fields`: a free-text model field
    (a TextField, which has no length of its own) gets a cap, `text_max_length` characters,
    with a clear message."""

    text_max_length = LONG_TEXT_MAX

    def formfield_for_dbfield(self, db_field, **kwargs):
        field = super().formfield_for_dbfield(db_field, **kwargs)
        if isinstance(db_field, models.TextField) and field is not None and not db_field.max_length:
            text_limit(field, self.text_max_length)
        return field


class ObjectActionsViewSet(TextLimitsViewSetMixin, ModelViewSet):
    """A ModelViewSet whose `object_actions` show on its listing rows and its inspect and edit
    headers. Subclass `ActionIndexView` / `ActionInspectView` / `ActionEditView` for a view of
    your own."""

    object_actions: Sequence[ObjectAction] = ()
    # Every row links to the object's page, also for staff who may only view it.
    inspect_view_enabled = True
    index_view_class = ActionIndexView
    inspect_view_class = ActionInspectView
    edit_view_class = ActionEditView

    def get_common_view_kwargs(self, **kwargs):
        # Wagtail passes each view only the keywords it has an attribute for.
        return super().get_common_view_kwargs(object_actions=self.object_actions, **kwargs)

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for action in self.object_actions:
            if action.view is None:
                continue
            namespace, name = action.url_name.split(":")
            assert namespace == self.url_namespace, f"{action.url_name} is not under {self.name}"
            patterns.append(path(f"{name}/<int:pk>/", action.view.as_view(), name=name))
        return patterns


# --- Menus -------------------------------------------------------------------------------------
class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records only a service makes or changes (certificates, roster exports, CE reported from
    elsewhere): staff read them, and act through their buttons; no add, edit or delete screens."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


class PermissionMenuItem(MenuItem):
    """A menu item shown to people with the permission (or any one of several)."""

    def __init__(self, *args, permission: str | Iterable[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = (permission,) if isinstance(permission, str) else tuple(permission)

    def is_shown(self, request):
        return any(request.user.has_perm(permission) for permission in self.permissions)


class PermissionMenuViewSet(ViewSet):
    """A plain ViewSet whose menu item is shown only with `menu_permission`."""

    menu_permission: str | Iterable[str] = ""

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
            permission=self.menu_permission,
        )
