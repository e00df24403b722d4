"""The admin toolkit (lms/admin/toolkit.py): object actions shown on listing rows and in the
inspect and edit headers, for people with the permission and objects the domain rule allows;
action views checked by Django's permissions; permission-aware menu items."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lms.admin.reports import REPORT_PAGES, report_menu_hooks
from lms.models import Payment, Registration, ScholarshipApplication, WaitlistEntry
from lms.services.registrations import registration_create
from lms.services.scholarships import scholarship_apply
from tests.factories import PayStatementFactory, ProfileFactory, UserFactory, paid_session
from tests.factories.scholarships import ScholarshipFundFactory

pytestmark = pytest.mark.django_db


def staff(*groups: str, permissions: tuple[str, ...] = ()):
    user = UserFactory(is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def registration_with(session, tier, status):
    registration = registration_create(
        session=session, person=ProfileFactory().user, tier=tier, attested=True
    )
    Registration.objects.filter(pk=registration.pk).update(status=status)
    return registration


def test_registration_rows_and_headers_offer_cancel_where_the_rule_allows(client):
    session, tiers = paid_session()
    confirmed = registration_with(session, tiers["standard"], Registration.Status.CONFIRMED)
    expired = registration_with(session, tiers["community"], Registration.Status.EXPIRED)
    cancel = "lms_registrations:cancel"
    client.force_login(staff("Program staff"))

    listing = client.get(reverse("lms_registrations:index")).content.decode()
    assert reverse(cancel, args=[confirmed.pk]) in listing
    assert reverse(cancel, args=[expired.pk]) not in listing  # an expired hold cannot be cancelled
    # Each row links to its object.
    assert reverse("lms_registrations:edit", args=[confirmed.pk]) in listing
    for view in ("inspect", "edit"):
        page = client.get(reverse(f"lms_registrations:{view}", args=[confirmed.pk]))
        assert reverse(cancel, args=[confirmed.pk]) in page.content.decode(), view
        page = client.get(reverse(f"lms_registrations:{view}", args=[expired.pk]))
        assert reverse(cancel, args=[expired.pk]) not in page.content.decode(), view


def test_refund_is_offered_to_finance_for_money_left_to_refund(client):
    session, tiers = paid_session()
    registration = registration_with(session, tiers["standard"], Registration.Status.CONFIRMED)
    paid = Payment.objects.create(
        registration=registration, amount_cents=5000, status=Payment.Status.SUCCEEDED
    )
    spent = Payment.objects.create(
        registration=registration,
        amount_cents=5000,
        refunded_cents=5000,
        status=Payment.Status.SUCCEEDED,
    )
    refund = "lms_payments:refund"
    client.force_login(staff("Finance"))
    listing = client.get(reverse("lms_payments:index")).content.decode()
    assert reverse(refund, args=[paid.pk]) in listing
    assert reverse(refund, args=[spent.pk]) not in listing
    client.force_login(staff("Program staff", permissions=("lms.view_payment",)))
    listing = client.get(reverse("lms_payments:index")).content.decode()
    assert reverse(refund, args=[paid.pk]) not in listing  # no lms.add_refund


def test_review_is_offered_only_with_the_permission_to_decide(client):
    session, tiers = paid_session()
    held = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    application = scholarship_apply(
        session=session,
        person=held.person,
        fund=ScholarshipFundFactory(credit_cents=10000),
        need_statement="x",
        coverage="full",
    )
    review = reverse("lms_scholarship_applications:review", args=[application.pk])
    inspect = reverse("lms_scholarship_applications:inspect", args=[application.pk])
    client.force_login(staff("Program staff"))
    assert review in client.get(reverse("lms_scholarship_applications:index")).content.decode()
    assert review in client.get(inspect).content.decode()
    ScholarshipApplication.objects.filter(pk=application.pk).update(
        status=ScholarshipApplication.Status.DECLINED
    )
    assert review not in client.get(inspect).content.decode()
    ScholarshipApplication.objects.filter(pk=application.pk).update(
        status=ScholarshipApplication.Status.PENDING
    )
    client.force_login(
        staff(permissions=("lms.view_scholarshipapplication", "wagtailadmin.access_admin"))
    )
    assert review not in client.get(inspect).content.decode()


def test_waitlist_move_is_offered_only_to_people_who_may_move(client):
    session, _ = paid_session()
    entry = WaitlistEntry.objects.create(session=session, person=ProfileFactory().user, position=1)
    offered = WaitlistEntry.objects.create(
        session=session,
        person=ProfileFactory().user,
        position=2,
        status=WaitlistEntry.Status.OFFERED,
    )
    move = "lms_waitlist:move"
    client.force_login(staff("Program staff"))
    listing = client.get(reverse("lms_waitlist:index")).content.decode()
    assert reverse(move, args=[entry.pk]) in listing
    assert reverse(move, args=[offered.pk]) not in listing
    client.force_login(staff(permissions=("lms.view_waitlistentry", "wagtailadmin.access_admin")))
    listing = client.get(reverse("lms_waitlist:index")).content.decode()
    assert reverse(move, args=[entry.pk]) not in listing


def test_post_only_actions_refuse_a_get_and_people_without_the_permission(client):
    statement = PayStatementFactory()
    approve = reverse("pay_statements:approve", args=[statement.pk])
    client.force_login(staff("Finance"))
    assert client.get(approve).status_code == 405
    client.force_login(staff("Program staff"))
    # Wagtail answers a PermissionDenied in the admin with a bounce to the dashboard.
    response = client.post(approve)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    statement.refresh_from_db()
    assert statement.status == statement.Status.DRAFT


def test_reports_menu_has_one_item_per_report_page():
    items = [make() for make in report_menu_hooks()]
    assert [item.url for item in items] == [page.url for page in REPORT_PAGES]
    assert [item.order for item in items] == sorted(item.order for item in items)


@pytest.mark.parametrize(
    ("group", "shown", "hidden"),
    [
        (
            "Program staff",
            ["Scholarship sponsors report", "Issue certificates", "/admin/indicators/equity/"],
            ["Pay statements", "1099-NEC list", "/admin/indicators/revenue/"],
        ),
        (
            "Finance",
            ["Scholarship sponsors report", "Pay statements", "/admin/indicators/revenue/"],
            ["Issue certificates", "/admin/indicators/equity/"],
        ),
    ],
)
def test_permission_menu_items(client, group, shown, hidden):
    client.force_login(staff(group))
    page = client.get("/admin/").content.decode()
    for text in shown:
        assert text in page, text
    for text in hidden:
        assert text not in page, text


@pytest.mark.django_db
def test_rosters_show_the_printed_name_beside_the_email(admin_client):
    from lms.admin.toolkit import person_label
    from tests.factories import ProfileFactory, RegistrationFactory, UserFactory

    named = ProfileFactory(printed_name="Dr. Ana Wang", user__email="ana@agency.org").user
    assert person_label(named) == "Dr. Ana Wang (ana@agency.org)"
    bare = UserFactory(email="bare@agency.org", first_name="", last_name="")
    assert person_label(bare) == "bare@agency.org"
    RegistrationFactory(person=named)
    page = admin_client.get("/admin/registrations/").content.decode()
    assert "Dr. Ana Wang (ana@agency.org)" in page
