"""Staff screens for people's data, under **People's data** in the admin menu:

- **Erasure requests**: every request (made on the site, or recorded here by staff for a
  letter, a call or an email), searchable by the person's email, by the pseudonym, or, after
  the erasure, by the email or license number the person had (kept digests); each open
  request has **Erase now** and **Withdraw**.
- **Retention runs**: what each daily run of the retention schedule purged.
- **Reads of demographic answers**: who read answers person by person, when, whose.

Registered from lms/wagtail_hooks.py. Requests change only through lms.services.privacy.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin.toolkit import (
    ActionFormView,
    ActionIndexView,
    ActionInspectView,
    ObjectAction,
    ObjectActionsViewSet,
    may_become,
)
from lms.errors import DomainError
from lms.models import DemographicAccess, ErasureRequest, RetentionRun
from lms.selectors.privacy import erasure_requests_matching
from lms.services.privacy import (
    erasure_preview,
    erasure_request_create,
    erasure_request_withdraw,
    person_erase,
)

PROCESS = "lms.change_erasurerequest"


# --- Erasure requests ------------------------------------------------------------------------
class ErasureRequestRecordForm(WagtailAdminModelForm):
    """A request made by other means: whose, how it came, how staff checked who asked."""

    email = forms.EmailField(
        label="The person's email address",
        help_text="The email of their account on the site.",
    )

    class Meta:
        model = ErasureRequest
        fields = ["email", "channel", "identity_check"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            choice
            for choice in ErasureRequest.Channel.choices
            if choice[0] != ErasureRequest.Channel.SELF_SERVICE
        ]
        self.fields["channel"].label = "How the request reached us"
        self.fields["identity_check"].required = True
        self.fields["identity_check"].label = "How you checked that this person asked"

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = get_user_model().objects.filter(email__iexact=email).first()
        if person is None:
            raise forms.ValidationError("No account has this email address.")
        self.cleaned_data["person"] = person
        return email


class ErasureRequestRecordView(CreateView):
    """Staff record a request: erasure_request_create confirms it with their identity check;
    the next page is the request, with **Erase now**."""

    def save_instance(self):
        data = self.form.cleaned_data
        return erasure_request_create(
            person=data["person"],
            channel=data["channel"],
            by=self.request.user,
            identity_check=data["identity_check"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as error:
            for line in error.lines:
                form.add_error(None, line)
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return f"{instance} recorded and confirmed. Erase the data when nothing blocks it."

    def get_success_url(self):
        return reverse("erasure_requests:inspect", args=[self.object.pk])


class ErasureRequestEditView(EditView):
    """Requests are not edited: they change only through their actions."""

    def get(self, request, *args, **kwargs):
        return redirect("erasure_requests:inspect", self.kwargs["pk"])

    post = get


class ErasureRequestInspectView(ActionInspectView):
    def get_edit_url(self):
        return None  # no Edit button: a request changes only through its actions


class ErasureRequestIndexView(ActionIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person")

    def get_edit_url(self, instance):
        return None  # the row leads to the request's page, with its actions

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(
            pk__in=erasure_requests_matching(text=self.search_query).values("pk")
        )


class ConfirmErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that this cannot be undone",
        help_text="The person's account closes and their personal data is removed.",
    )


class ErasureRequestEraseView(ActionFormView):
    permission_required = PROCESS
    model = ErasureRequest
    form_class = ConfirmErasureForm
    page_title = "Erase this person's data"
    submit_button_label = "Erase now"
    success_url_name = "erasure_requests:inspect"

    def get_queryset(self):
        return ErasureRequest.objects.select_related("person")

    def get_summary(self):
        request = self.object
        summary = [
            f"Requested {request.requested_at:%B %-d, %Y} ({request.get_channel_display()}).",
        ]
        if request.identity_check:
            summary.append(f"Identity check: {request.identity_check}")
        summary += [
            "Deleted: demographic answers, profile details, sign-in addresses; names, emails "
            "and free text in registrations, scholarship applications, evaluations, TA "
            "requests, virtual attendance reports and the audit log.",
            "Kept under a pseudonym: registrations, attendance, payments and refunds, "
            "scholarship awards, evaluation ratings, and certificates (still verifiable, with "
            "the holder's initials).",
        ]
        blockers = erasure_preview(person=request.person)
        if blockers:
            summary.append("Not yet possible:")
            summary += blockers
        return summary

    def perform(self, form):
        return person_erase(request=self.object, by=self.request.user)

    def get_success_message(self, result):
        return f"Erased. The person is now {result.pseudonym}."


class ErasureRequestWithdrawView(ActionFormView):
    permission_required = PROCESS
    model = ErasureRequest
    form_class = forms.Form
    page_title = "Withdraw this erasure request"
    submit_button_label = "Withdraw the request"
    success_url_name = "erasure_requests:inspect"
    success_message = "{object} withdrawn: nothing was erased."

    def get_summary(self):
        return ["Withdraw when the person tells us they no longer want the erasure."]

    def perform(self, form):
        return erasure_request_withdraw(request=self.object, by=self.request.user)


class ErasureRequestViewSet(ObjectActionsViewSet):
    model = ErasureRequest
    icon = "user"
    menu_label = "Erasure requests"
    name = "erasure_requests"
    url_prefix = "erasure-requests"
    add_to_reference_index = False
    add_to_admin_menu = False
    index_view_class = ErasureRequestIndexView
    inspect_view_class = ErasureRequestInspectView
    add_view_class = ErasureRequestRecordView
    edit_view_class = ErasureRequestEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = ["pseudonym"]  # searched by erasure_requests_matching (the index view)
    list_filter = ["status", "channel"]
    list_display = [
        Column("person", label="Person", accessor="person"),
        "status",
        "channel",
        "requested_at",
        "completed_at",
        "retained_until",
    ]
    inspect_view_fields = [
        "person",
        "status",
        "channel",
        "identity_check",
        "recorded_by",
        "requested_at",
        "confirmed_at",
        "completed_at",
        "completed_by",
        "closed_at",
        "pseudonym",
        "retained_until",
        "summary",
    ]
    edit_handler = ObjectList(
        [FieldPanel("email"), FieldPanel("channel"), FieldPanel("identity_check")],
        base_form_class=ErasureRequestRecordForm,
    )
    object_actions = [
        ObjectAction(
            "Erase now",
            "erasure_requests:erase",
            ErasureRequestEraseView,
            allowed=may_become(ErasureRequest.Status.COMPLETED),
            icon_name="bin",
        ),
        ObjectAction(
            "Withdraw",
            "erasure_requests:withdraw",
            ErasureRequestWithdrawView,
            allowed=may_become(ErasureRequest.Status.WITHDRAWN),
            icon_name="cross",
        ),
    ]


# --- Retention runs and reads of demographic answers -----------------------------------------
def _purged(run: RetentionRun) -> str:
    return "; ".join(f"{kind.replace('_', ' ')}: {count}" for kind, count in run.purged.items())


class RetentionRunViewSet(ModelViewSet):
    """Read only: the runs are written by the scheduled task."""

    model = RetentionRun
    icon = "history"
    menu_label = "Retention runs"
    name = "retention_runs"
    url_prefix = "retention-runs"
    add_to_reference_index = False
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "started_at",
        "finished_at",
        Column("total", label="Purged", accessor="total"),
        Column("purged", label="What", accessor=_purged),
    ]
    inspect_view_fields = ["started_at", "finished_at", "purged", "periods"]
    form_fields = []


class DemographicAccessViewSet(ModelViewSet):
    """Read only: each row is written by the screen that showed the answers."""

    model = DemographicAccess
    icon = "view"
    menu_label = "Reads of demographic answers"
    name = "demographic_reads"
    url_prefix = "demographic-reads"
    add_to_reference_index = False
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["accessed_at", "accessed_by", "what", "row_count", "path"]
    list_filter = ["accessed_by"]
    inspect_view_fields = ["accessed_at", "accessed_by", "what", "path", "row_count", "people"]
    form_fields = []


class PrivacyGroup(ViewSetGroup):
    menu_label = "People's data"
    menu_icon = "lock"
    menu_order = 330
    items = (ErasureRequestViewSet, RetentionRunViewSet, DemographicAccessViewSet)
