"""Staff screens for integrations: API keys issued to organizations (shown once, revocable)
and the log of every request made with them."""

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django_filters import BooleanFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.base import ViewSetGroup

from lms.admin.toolkit import (
    ActionFormView,
    ObjectAction,
    ObjectActionsViewSet,
)
from lms.admin.webhooks import WebhookDeliveryViewSet, WebhookEndpointViewSet
from lms.errors import DomainError
from lms.models import ApiKey, ApiKeyUse, ApiScope, User
from lms.services.api_keys import api_key_issue, api_key_revoke


class ApiKeyIssueForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="A key sees only the organization's own people, whatever its scopes.",
    )

    class Meta:
        model = ApiKey
        fields = ["organization", "name", "coordinator"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = User.objects.filter(
            organization_contacts__isnull=False
        ).distinct()
        self.fields["coordinator"].label = "Invoices addressed to"


class ApiKeyIssueView(CreateView):
    """Issue a key: the service makes it, and the page shows it once (only a digest is kept)."""

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            issued = api_key_issue(
                organization=data["organization"],
                name=data["name"],
                scopes=data["scopes"],
                coordinator=data.get("coordinator"),
                by=self.request.user,
            )
        except DomainError as error:
            for line in error.lines:
                form.add_error(None, line)
            self.produced_error_message = " ".join(error.lines)
            return self.form_invalid(form)
        return TemplateResponse(
            self.request,
            "lms/admin/api_key_issued.html",
            {
                "key": issued.key,
                "secret": issued.secret,
                "page_title": "API key issued",
                "header_icon": "key",
                "index_url": self.get_success_url(),
            },
        )


class ApiKeyRevokeView(ActionFormView):
    permission_required = "lms.change_apikey"
    model = ApiKey
    page_title = "Revoke an API key"
    submit_button_label = "Revoke the key"
    form_class = forms.Form
    success_url_name = "lms_api_keys:inspect"
    success_message = "{object.name} is revoked: requests with it are refused from now on."

    def get_summary(self):
        return [
            f"{self.object.organization}'s system stops working with this key at once; it "
            "cannot be turned back on (issue a new key instead).",
        ]

    def perform(self, form):
        return api_key_revoke(key=self.object, by=self.request.user)


class ApiKeyFilterSet(WagtailFilterSet):
    active = BooleanFilter(
        label="Active", field_name="revoked_at", lookup_expr="isnull", exclude=False
    )

    class Meta:
        model = ApiKey
        fields = ["organization"]


class ApiKeyViewSet(ObjectActionsViewSet):
    model = ApiKey
    icon = "key"
    menu_label = "API keys"
    name = "lms_api_keys"
    url_prefix = "api-keys"
    add_to_reference_index = False
    copy_view_enabled = False
    add_view_class = ApiKeyIssueView
    filterset_class = ApiKeyFilterSet
    form_fields = ["name"]  # after issue only the name may change
    inspect_view_fields = [
        "organization",
        "name",
        "prefix",
        "scopes",
        "coordinator",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    object_actions = [
        ObjectAction(
            "Requests made",
            "lms_api_key_uses:for_key",
            permission="lms.view_apikeyuse",
            icon_name="list-ul",
            priority=10,
        ),
        ObjectAction(
            "Revoke",
            "lms_api_keys:revoke",
            ApiKeyRevokeView,
            allowed=lambda key: key.is_active,
            icon_name="cross",
            priority=50,
        ),
    ]
    list_display = [
        "name",
        Column("organization", label="Organization", accessor="organization"),
        Column("prefix", label="Starts with"),
        Column("scope_labels", label="May"),
        "created_at",
        "last_used_at",
        "revoked_at",
    ]

    def get_form_class(self, for_update=False):
        return super().get_form_class(for_update) if for_update else ApiKeyIssueForm

    def get_queryset(self, request):
        return ApiKey.objects.select_related("organization")


class ApiKeyUseFilterSet(WagtailFilterSet):
    class Meta:
        model = ApiKeyUse
        fields = ["key", "status_code"]


class ApiKeyUseViewSet(ObjectActionsViewSet):
    """Every request made with a key (read only: nobody has add or change permission)."""

    model = ApiKeyUse
    icon = "list-ul"
    menu_label = "API requests"
    name = "lms_api_key_uses"
    url_prefix = "api-requests"
    add_to_reference_index = False
    copy_view_enabled = False
    filterset_class = ApiKeyUseFilterSet
    form_fields = []
    list_display = [
        Column("__str__", label="Request"),
        Column("key", label="Key", accessor="key"),
        "at",
        "client_address",
    ]
    list_export = ["at", "key", "method", "path", "status_code", "client_address"]
    export_filename = "api-requests"

    def get_queryset(self, request):
        return ApiKeyUse.objects.select_related("key__organization")

    def get_urlpatterns(self):
        def for_key(request, pk):
            return redirect(f"{reverse('lms_api_key_uses:index')}?key={pk}")

        return [*super().get_urlpatterns(), path("key/<int:pk>/", for_key, name="for_key")]


class IntegrationsGroup(ViewSetGroup):
    menu_label = "Integrations"
    menu_icon = "link"
    menu_order = 260
    items = (ApiKeyViewSet, ApiKeyUseViewSet, WebhookEndpointViewSet, WebhookDeliveryViewSet)
