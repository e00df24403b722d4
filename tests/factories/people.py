import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from lms.models import BudgetBand, Organization, Profile, User

PASSWORD = "correct-horse-battery"  # every factory-made user's password


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        """UserFactory(groups=["Finance"]): groups the migrations made, by name."""
        if create and extracted:
            obj.groups.add(*(Group.objects.get(name=name) for name in extracted))


class StaffFactory(UserFactory):
    """A staff member, who may open the Wagtail admin: StaffFactory(groups=["Program staff"])."""

    is_staff = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Community Agency {n}")
    budget_band = BudgetBand.UNDER_500K
    sub_sector = Organization.SubSector.BEHAVIORAL_HEALTH
    city = "Chicago"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    printed_name = factory.LazyAttribute(lambda o: f"{o.user.first_name} {o.user.last_name}")
    organization = factory.SubFactory(OrganizationFactory)
    # A confirmed member unless a test says otherwise (membership sets prices).
    organization_confirmed_on = factory.LazyAttribute(
        lambda o: dt.date(2026, 1, 1) if o.organization else None
    )
    organization_confirmed_how = factory.LazyAttribute(lambda o: "staff" if o.organization else "")
    license_type = Profile.LicenseType.LSW
    license_number = factory.Sequence(lambda n: f"150.{100000 + n}")
