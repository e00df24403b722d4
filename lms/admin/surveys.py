"""Staff screens for partner surveys: build (questions inline), open and send, remind those
who have not answered, close, and read the aggregated results."""

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.admin.toolkit import ActionFormView, ObjectAction, ObjectActionsViewSet, may_become
from lms.models import Survey
from lms.selectors.surveys import survey_results
from lms.services.surveys import (
    survey_close,
    survey_open,
    survey_recipients,
    survey_reminders_send,
)

CHANGE = "lms.change_survey"


class SurveyOpenView(ActionFormView):
    permission_required = CHANGE
    model = Survey
    form_class = forms.Form
    page_title = "Open and send"
    submit_button_label = "Open the survey and send the invitations"
    success_message = "Opened: {result} people are invited; the emails go out now."
    success_url_name = "surveys:results"

    def get_summary(self):
        survey = self.object
        try:
            count = survey_recipients(survey=survey).count()
        except Exception as error:
            return [str(error)]
        return [
            f"Audience: {survey.get_audience_display()}: {count} people.",
            "Anonymous: answers are kept without names."
            if survey.anonymous
            else "Named: answers are kept with the person's name.",
            "Questions cannot be changed in a way that matters once answers arrive; check them first.",
        ]

    def perform(self, form):
        return survey_open(survey=self.object, by=self.request.user)


class SurveyRemindView(ActionFormView):
    permission_required = CHANGE
    model = Survey
    form_class = forms.Form
    page_title = "Send reminders"
    submit_button_label = "Remind those who have not answered"
    success_message = "Reminded {result} people (each is reminded once)."
    success_url_name = "surveys:results"

    def get_summary(self):
        waiting = self.object.invitations.filter(answered_at__isnull=True, reminded_at__isnull=True)
        return [f"{waiting.count()} invited people have not answered and were not reminded yet."]

    def perform(self, form):
        return survey_reminders_send(survey=self.object, by=self.request.user)


class SurveyCloseView(ActionFormView):
    permission_required = CHANGE
    model = Survey
    form_class = forms.Form
    page_title = "Close"
    submit_button_label = "Close the survey"
    success_message = "Closed: {object} takes no more answers."
    success_url_name = "surveys:results"

    def perform(self, form):
        return survey_close(survey=self.object, by=self.request.user)


class SurveyResultsView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "lms.view_survey"
    raise_exception = True
    template_name = "lms/admin/survey_results.html"
    page_title = "Survey results"
    header_icon = "list-ul"

    @cached_property
    def survey(self):
        # Read on first use, which is after the permission check in dispatch().
        return get_object_or_404(Survey, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.survey)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["results"] = survey_results(survey=self.survey)
        return context


def is_open(survey) -> bool:
    return survey.status == Survey.Status.OPEN


SURVEY_ACTIONS = [
    ObjectAction(
        "Results", "surveys:results", view=SurveyResultsView, permission="lms.view_survey"
    ),
    ObjectAction("Open and send", "surveys:open", view=SurveyOpenView, allowed=may_become("open")),
    ObjectAction("Send reminders", "surveys:remind", view=SurveyRemindView, allowed=is_open),
    ObjectAction("Close", "surveys:close", view=SurveyCloseView, allowed=may_become("closed")),
]


class SurveyViewSet(ObjectActionsViewSet):
    model = Survey
    object_actions = SURVEY_ACTIONS
    icon = "help"
    menu_label = "Partner surveys"
    menu_order = 330
    add_to_admin_menu = True
    name = "surveys"
    url_prefix = "surveys"
    list_display = ["title", "status", "audience", "anonymous", "opened_at"]
    list_filter = ["status", "audience"]
    search_fields = ["title"]
    inspect_view_fields = ["title", "status", "audience", "anonymous", "opened_at", "closed_at"]
