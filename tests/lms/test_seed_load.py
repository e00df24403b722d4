"""manage.py seed_load: the large data set for the reports benchmark, here at a small N."""

import pytest
from django.core.management import CommandError, call_command

from lms.models import EvaluationAnswer, ParticipantDemographics, Payment, Registration, User
from lms.selectors.reports import REPORTS, ReportFilters

pytestmark = pytest.mark.django_db


def test_seed_load_makes_the_asked_registrations_once():
    call_command("seed_load", registrations=500)
    assert Registration.objects.count() == 500
    assert User.objects.filter(email__startswith="load-").count() == 125
    assert Payment.objects.exists() and EvaluationAnswer.objects.exists()
    assert ParticipantDemographics.objects.exists()
    for build in REPORTS.values():
        assert build(ReportFilters()).tables
    with pytest.raises(CommandError):
        call_command("seed_load", registrations=10)
