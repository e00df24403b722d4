"""Staff screens for outbound webhooks: endpoints (per organization or the coalition's own),
the delivery log, and "Resend"."""

from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView
from wagtail.log_actions import log

from lms.admin.toolkit import ActionEditView, ActionFormView, ObjectAction, ObjectActionsViewSet
from lms.models import WebhookDelivery, WebhookEndpoint, WebhookEventType
from lms.services.webhooks import (
    webhook_delivery_resend,
    webhook_endpoint_save,
    webhook_url_refusal,
)


class WebhookEndpointForm(WagtailAdminModelForm):
    url = forms.URLField(label="URL", max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=WebhookEventType.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["organization", "url", "description", "events", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        refusal = webhook_url_refusal(url)
        if refusal:
            raise forms.ValidationError(refusal)
        return url


class _SaveThroughService:
    def save_instance(self):
        instance = webhook_endpoint_save(
            endpoint=self.form.save(commit=False), by=self.request.user
        )
        log(instance=instance, action="wagtail.edit" if self.form.instance.pk else "wagtail.create")
        return instance


class WebhookEndpointCreateView(_SaveThroughService, CreateView):
    pass


class WebhookEndpointEditView(_SaveThroughService, ActionEditView):
    pass


class WebhookEndpointViewSet(ObjectActionsViewSet):
    model = WebhookEndpoint
    icon = "link"
    menu_label = "Webhook endpoints"
    name = "lms_webhook_endpoints"
    url_prefix = "webhook-endpoints"
    add_to_reference_index = False
    copy_view_enabled = False
    add_view_class = WebhookEndpointCreateView
    edit_view_class = WebhookEndpointEditView
    inspect_view_fields = [
        "organization",
        "url",
        "description",
        "events",
        "secret",
        "is_active",
        "created_by",
        "created_at",
    ]
    object_actions = [
        ObjectAction(
            "Deliveries",
            "lms_webhook_deliveries:for_endpoint",
            permission="lms.view_webhookdelivery",
            icon_name="list-ul",
            priority=10,
        ),
    ]
    list_display = [
        "url",
        Column("organization", label="For", accessor="organization"),
        Column("event_labels", label="Events"),
        "is_active",
    ]

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm

    def get_queryset(self, request):
        return WebhookEndpoint.objects.select_related("organization")


class WebhookResendView(ActionFormView):
    permission_required = "lms.change_webhookdelivery"
    model = WebhookDelivery
    page_title = "Resend a webhook delivery"
    submit_button_label = "Resend"
    form_class = forms.Form
    success_url_name = "lms_webhook_deliveries:inspect"
    success_message = "Sent again with the same event id {object.event_id}."

    def get_summary(self):
        return [
            f"{self.object.event_type} goes to {self.object.endpoint.url} again, with a fresh "
            "signature; a receiver that already has this event id ignores it."
        ]

    def perform(self, form):
        return webhook_delivery_resend(delivery=self.object, by=self.request.user)


class WebhookDeliveryFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=WebhookDelivery.Status.choices)
    event_type = ChoiceFilter(choices=WebhookEventType.choices)

    class Meta:
        model = WebhookDelivery
        fields = ["status", "event_type", "endpoint"]


class WebhookDeliveryViewSet(ObjectActionsViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = "Webhook deliveries"
    name = "lms_webhook_deliveries"
    url_prefix = "webhook-deliveries"
    add_to_reference_index = False
    copy_view_enabled = False
    filterset_class = WebhookDeliveryFilterSet
    form_fields = []
    object_actions = [
        ObjectAction(
            "Resend",
            "lms_webhook_deliveries:resend",
            WebhookResendView,
            allowed=lambda delivery: delivery.status != WebhookDelivery.Status.PENDING,
            icon_name="redirect",
            priority=20,
        ),
    ]
    list_display = [
        Column("event_type", label="Event"),
        Column("endpoint", label="Endpoint", accessor="endpoint"),
        "status",
        "attempts",
        "last_status_code",
        "created_at",
    ]
    list_export = [
        "created_at",
        "event_id",
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "delivered_at",
    ]
    export_filename = "webhook-deliveries"

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("endpoint__organization")

    def get_urlpatterns(self):
        def for_endpoint(request, pk):
            return redirect(f"{reverse('lms_webhook_deliveries:index')}?endpoint={pk}")

        return [
            *super().get_urlpatterns(),
            path("endpoint/<int:pk>/", for_endpoint, name="for_endpoint"),
        ]
