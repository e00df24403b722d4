import factory

from lms.models import Payment

from .catalogue import RegistrationFactory


class PaymentFactory(factory.django.DjangoModelFactory):
    """A card payment of a registration's whole amount that went through.

    Only the row: the registration's status is the caller's to set.
    """

    class Meta:
        model = Payment

    registration = factory.SubFactory(RegistrationFactory)
    amount_cents = factory.LazyAttribute(lambda o: o.registration.amount_cents)
    status = Payment.Status.SUCCEEDED
    stripe_payment_intent_id = factory.Sequence(lambda n: f"pi_test_{n}")
