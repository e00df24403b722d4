"""Staff screens for gatherings: the sign-in sheet of a meeting (upload, preview, apply).

/admin/gatherings/sign-in-sheets/ lists the sheets; "Upload a sign-in sheet" stores one and
shows what each row will do; "Record attendance" applies it (lms.services.gatherings)."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.admin.toolkit import ActionFormView, PermissionMenuItem, error_messages
from lms.errors import DomainError
from lms.models import Meeting, SignInSheet
from lms.models.catalogue import GATHERING_KINDS
from lms.services.gatherings import sign_in_sheet_apply, sign_in_sheet_plan, sign_in_sheet_upload

UPLOAD = "lms.add_signinsheet"
VIEW = "lms.view_signinsheet"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        local = timezone.localtime(meeting.starts_at)
        return f"{meeting.session.training.title} – {local:%a %b} {local.day}, {local:%Y %-I:%M %p}"


class SignInSheetUploadForm(forms.Form):
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(), help_text="The gathering's meeting people signed in at."
    )
    sheet = forms.FileField(
        label="Sign-in sheet (CSV)",
        help_text="A first line naming the columns name, email and organization; one person a line.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        # Gatherings' meetings of the last year that have begun (or begin within two hours).
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(
                session__training__kind__in=GATHERING_KINDS,
                starts_at__lte=now + dt.timedelta(hours=2),
                starts_at__gte=now - dt.timedelta(days=366),
            )
            .select_related("session__training")
            .order_by("-starts_at")
        )


class SignInSheetIndexView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = VIEW
    raise_exception = True
    template_name = "lms/admin/sign_in_sheets.html"
    page_title = "Sign-in sheets"
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sheets"] = SignInSheet.objects.select_related(
            "meeting__session__training", "uploaded_by"
        )[:100]
        context["can_upload"] = self.request.user.has_perm(UPLOAD)
        return context


class SignInSheetUploadView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    permission_required = UPLOAD
    raise_exception = True
    template_name = "lms/admin/action_form.html"
    form_class = SignInSheetUploadForm
    page_title = "Upload a sign-in sheet"
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label="Upload and preview",
            submit_button_active_label="Upload and preview",
            form_is_multipart=True,
            summary=[
                "Nothing changes yet: the next page shows what each row will do, and you "
                "record attendance from there."
            ],
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["sheet"]
        try:
            sheet = sign_in_sheet_upload(
                meeting=form.cleaned_data["meeting"],
                file_name=upload.name,
                data=upload.read(),
                by=self.request.user,
            )
        except DomainError as error:
            for message in error_messages(error):
                form.add_error("sheet", message)
            return self.form_invalid(form)
        return redirect("lms_gatherings:sign_in_sheet", sheet.pk)


class SignInSheetPreviewView(ActionFormView):
    """The preview of a stored sheet, with "Record attendance"; once applied, its outcome."""

    permission_required = VIEW
    model = SignInSheet
    queryset = SignInSheet.objects.select_related("meeting__session__training")
    form_class = forms.Form
    template_name = "lms/admin/sign_in_sheet_preview.html"
    page_title = "Sign-in sheet"
    header_icon = "list-ul"
    submit_button_label = "Record attendance"
    success_url_name = "lms_gatherings:sign_in_sheet"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheet = self.object
        if sheet.applied_at is None:
            plans, problems = sign_in_sheet_plan(sheet=sheet)
            context.update(plans=plans, problems=problems)
        context.update(sheet=sheet, can_apply=self.request.user.has_perm(UPLOAD))
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(UPLOAD):
            messages.error(request, "You may look at sign-in sheets but not apply them.")
            return redirect(self.success_url_name, self.object.pk)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return sign_in_sheet_apply(sheet=self.object, by=self.request.user)

    def get_success_message(self, result) -> str:
        attended = sum(1 for line in result.outcome if line["result"] == "attended")
        skipped = len(result.outcome) - attended
        return f"Attendance recorded for {attended} people; {skipped} rows skipped."


def get_urlpatterns():
    return [
        path("sign-in-sheets/", SignInSheetIndexView.as_view(), name="sign_in_sheets"),
        path(
            "sign-in-sheets/upload/", SignInSheetUploadView.as_view(), name="sign_in_sheet_upload"
        ),
        path("sign-in-sheets/<int:pk>/", SignInSheetPreviewView.as_view(), name="sign_in_sheet"),
    ]


def sign_in_sheets_menu_item():
    return PermissionMenuItem(
        "Sign-in sheets",
        reverse("lms_gatherings:sign_in_sheets"),
        name="sign-in-sheets",
        icon_name="list-ul",
        order=320,
        permission=VIEW,
    )
