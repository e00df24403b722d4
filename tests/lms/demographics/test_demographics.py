"""Voluntary demographic questions at /my/demographics/ and /my/organization/."""

import datetime as dt

import pytest
from django.urls import reverse

from lms.models import ParticipantDemographics
from lms.services.organizations import contact_add
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_links_the_questions(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    page = client.get(reverse("lms:dashboard")).content.decode()
    assert reverse("lms:demographics") in page
    assert reverse("lms:organization_report") in page


def test_answer_change_and_withdraw(client):
    person = UserFactory()
    client.force_login(person)
    page = client.get(reverse("lms:demographics")).content.decode()
    assert "Middle Eastern or North African" in page
    assert "Hispanic or Latino/Latiné" in page
    # The introduction, race/ethnicity and the six Washington Group questions.
    assert page.count("Prefer not to answer") == 8
    assert "<legend>" in page
    client.post(
        reverse("lms:demographics"),
        {"race_ethnicity": ["race_mena", "race_black"], "wg_hearing": "some"},
    )
    answers = ParticipantDemographics.objects.get(person=person)
    assert answers.race_categories == ["race_black", "race_mena"]
    assert (answers.wg_hearing, answers.wg_seeing) == ("some", "")
    client.post(reverse("lms:demographics"), {"race_ethnicity": ["prefer_not"]})
    answers.refresh_from_db()
    assert answers.race_categories == [] and answers.race_prefer_not
    assert answers.wg_hearing == ""
    page = client.get(reverse("lms:demographics")).content.decode()
    assert 'value="prefer_not" id="id_race_ethnicity_7" checked' in page
    client.post(reverse("lms:demographics"), {"withdraw": "1"})
    assert not ParticipantDemographics.objects.filter(person=person).exists()


def test_prefer_not_with_a_category_is_refused(client):
    client.force_login(UserFactory())
    page = client.post(
        reverse("lms:demographics"), {"race_ethnicity": ["prefer_not", "race_white"]}
    ).content.decode()
    assert "not both" in page and 'role="alert"' in page
    assert not ParticipantDemographics.objects.exists()


def test_answers_are_not_in_the_audit_log(client):
    from wagtail.models import ModelLogEntry

    client.force_login(UserFactory())
    client.post(reverse("lms:demographics"), {"race_ethnicity": ["race_asian"]})
    assert not ModelLogEntry.objects.filter(data__icontains="race").exists()


def test_organization_self_report_with_dates(client):
    organization = OrganizationFactory(budget_band="", sub_sector="")
    profile = ProfileFactory(organization=organization)
    contact_add(organization=organization, person=profile.user, by=None)  # contacts may answer
    client.force_login(profile.user)
    client.post(
        reverse("lms:organization_report"),
        {
            "budget_band": "500k_5m",
            "sub_sector": "housing",
            "people_employed": "11_50",
            "populations_served": "Families in Rockford",
            "led_by_underrepresented": "yes",
            "leadership": ["leaders_latine", "leaders_disability"],
        },
    )
    organization.refresh_from_db()
    report = organization.self_report
    today = dt.date.today()
    assert (organization.budget_band, organization.sub_sector) == ("500k_5m", "housing")
    assert organization.budget_band_reported_on is not None
    assert report.leaders_latine and report.leaders_disability and not report.leaders_black
    assert report.led_by_underrepresented == "yes"
    assert abs((report.leadership_reported_on - today).days) <= 1
    assert report.reported_by == profile.user
    page = client.get(reverse("lms:organization_report")).content.decode()
    assert "When each answer was last reported" in page


def test_no_organization_no_self_report(client):
    client.force_login(UserFactory())
    assert client.get(reverse("lms:organization_report")).status_code == 404
