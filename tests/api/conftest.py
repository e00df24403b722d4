"""Two organizations, each with a confirmed member registered for a published training, a
contact, and keys: what the API tests share."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

import pytest
from django.utils import timezone

from lms.models import ApiScope, Organization, OrganizationContact
from lms.services.api_keys import api_key_issue
from tests.factories import (
    CertificateFactory,
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    StaffFactory,
    TopicFactory,
    TrainingApprovalFactory,
    paid_session,
)
from tests.factories.pages import site_with_catalogue, training_page

ALL_SCOPES = list(ApiScope.values)


@dataclass
class Agency:
    organization: Organization
    member_registration: object
    certificate: object
    contact: object


@dataclass
class World:
    session: object
    tiers: dict
    approval: object
    a: Agency
    b: Agency


def confirmed_member(organization, **profile):
    return ProfileFactory(
        organization=organization,
        organization_confirmed_on=timezone.localdate(),
        organization_confirmed_how="staff",
        printed_name=profile.pop("printed_name", "Member of Staff"),
        **profile,
    ).user


def agency(name: str, *, session, approval) -> Agency:
    organization = OrganizationFactory(name=name)
    member = confirmed_member(organization, printed_name=f"{name} Member")
    registration = RegistrationFactory(session=session, person=member)
    certificate = CertificateFactory(registration=registration, approval=approval)
    contact = ProfileFactory(organization=organization, printed_name=f"{name} Director").user
    OrganizationContact.objects.create(organization=organization, person=contact)
    return Agency(organization, registration, certificate, contact)


@pytest.fixture
def world(db) -> World:
    _home, catalogue = site_with_catalogue()
    session, tiers = paid_session(capacity=10)
    training = session.training
    training.topics.add(TopicFactory(name="Supervision", slug="supervision"))
    training_page(catalogue, training)
    approval = TrainingApprovalFactory(
        training=training,
        body_slug="il-social-work",
        valid_from=timezone.localdate() - dt.timedelta(days=30),
        hours_general=D("2.5"),
        hours_ethics=D("0.5"),
    )
    return World(
        session=session,
        tiers=tiers,
        approval=approval,
        a=agency("Northside Family Services", session=session, approval=approval),
        b=agency("Southside Youth Network", session=session, approval=approval),
    )


@pytest.fixture
def issue_key(world):
    staff = StaffFactory(groups=["Program staff"])

    def issue(agency: Agency, scopes=ALL_SCOPES) -> str:
        return api_key_issue(
            organization=agency.organization,
            name="HR system",
            scopes=scopes,
            coordinator=agency.contact,
            by=staff,
        ).secret

    return issue


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
