"""Staff screens for evaluations and their results."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin.toolkit import PeopleValuesInspectView
from lms.models import Evaluation
from lms.selectors.evaluations import evaluation_results


@permission_required("lms.view_evaluationresponse", raise_exception=True)
def _evaluation_results_view(request, pk):
    evaluation = get_object_or_404(Evaluation.objects.select_related("training"), pk=pk)
    return render(
        request,
        "lms/admin/evaluation_results.html",
        {"evaluation": evaluation, "results": evaluation_results(evaluation=evaluation)},
    )


class EvaluationViewSet(ModelViewSet):
    model = Evaluation
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "form"
    menu_label = "Evaluations"
    name = "evaluations"
    url_prefix = "evaluations"
    add_to_admin_menu = False
    list_display = [
        "training",
        "required_for_certificate",
        Column(
            "results",
            label="Results",
            accessor=lambda e: format_html(
                '<a href="{}">Results</a>', reverse("evaluations:results", args=[e.pk])
            ),
        ),
    ]
    search_fields = ["training__title"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("results/<int:pk>/", _evaluation_results_view, name="results"),
        ]
