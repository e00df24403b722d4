"""What the API answers and accepts. Output serializers read plain dictionaries built in
api.views from the selectors; they exist so the OpenAPI schema says exactly what is sent."""

from rest_framework import serializers

from certificates.models import Certificate
from cms.forms import PRICE_CHOICES
from lms.models import DeliveryFormat, Registration
from lms.selectors.catalogue import BookingState

# --- Catalogue -------------------------------------------------------------------------------


class PriceSerializer(serializers.Serializer):
    label = serializers.CharField(
        help_text='As the site says it: "Free", "From $25, sliding scale".'
    )
    low_cents = serializers.IntegerField(allow_null=True, help_text="Lowest tier, in cents.")
    high_cents = serializers.IntegerField(allow_null=True, help_text="Highest tier, in cents.")


class CeHoursSerializer(serializers.Serializer):
    body = serializers.CharField(help_text="The accrediting body.")
    hours_by_category = serializers.DictField(
        child=serializers.CharField(), help_text='Category to hours, as "1.50".'
    )
    total_hours = serializers.CharField()
    credentials = serializers.ListField(
        child=serializers.CharField(), help_text="License types the approval covers."
    )


class TopicSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class TrainingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    summary = serializers.CharField()
    format = serializers.ChoiceField(choices=DeliveryFormat.choices)
    language = serializers.CharField()
    duration_minutes = serializers.IntegerField()
    topics = TopicSerializer(many=True)
    price = PriceSerializer()
    ce_hours = CeHoursSerializer(many=True, help_text="One entry per current CE approval.")
    next_session_id = serializers.IntegerField(allow_null=True)
    upcoming_sessions = serializers.IntegerField(help_text="Scheduled sessions still to start.")
    url = serializers.URLField(help_text="The training's page on the coalition site.")


class MeetingSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class FeeTierSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    kind = serializers.CharField()
    price_cents = serializers.IntegerField()
    minimum_cents = serializers.IntegerField(allow_null=True)
    maximum_cents = serializers.IntegerField(allow_null=True)


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    training_id = serializers.IntegerField()
    training_title = serializers.CharField()
    status = serializers.CharField()
    booking_state = serializers.ChoiceField(choices=BookingState.choices)
    format = serializers.ChoiceField(choices=DeliveryFormat.choices)
    language = serializers.CharField()
    starts_at = serializers.DateTimeField(allow_null=True)
    ends_at = serializers.DateTimeField(allow_null=True)
    time_zone = serializers.CharField()
    meetings = MeetingSerializer(many=True)
    location = serializers.CharField()
    capacity = serializers.IntegerField()
    seats_left = serializers.IntegerField()
    price = PriceSerializer()
    ce_hours = CeHoursSerializer(many=True)
    register_url = serializers.URLField()


class SessionDetailSerializer(SessionSerializer):
    fee_tiers = FeeTierSerializer(many=True, help_text="Tiers to choose from when registering.")


class CatalogueQuerySerializer(serializers.Serializer):
    """The site's catalogue filters; a bad value is refused (400) rather than dropped."""

    topic = serializers.SlugField(required=False, help_text="A topic's slug.")
    format = serializers.ChoiceField(choices=DeliveryFormat.choices, required=False)
    language = serializers.CharField(required=False, max_length=40)
    audience = serializers.SlugField(required=False, help_text="An audience's slug.")
    price = serializers.ChoiceField(choices=PRICE_CHOICES, required=False)
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)

    def validate(self, attrs):
        if (
            attrs.get("starts_on")
            and attrs.get("ends_on")
            and attrs["ends_on"] < attrs["starts_on"]
        ):
            raise serializers.ValidationError({"ends_on": "Must not be before starts_on."})
        return attrs


class SessionQuerySerializer(CatalogueQuerySerializer):
    training = serializers.IntegerField(required=False, min_value=1)


# --- Certificates ----------------------------------------------------------------------------


class VerificationSerializer(serializers.Serializer):
    code = serializers.CharField()
    serial = serializers.CharField()
    status = serializers.ChoiceField(choices=Certificate.Status.choices)
    valid = serializers.BooleanField()
    kind = serializers.CharField()
    printed_name = serializers.CharField()
    training_title = serializers.CharField()
    dates = serializers.ListField(child=serializers.DateField())
    format = serializers.CharField()
    location = serializers.CharField(allow_blank=True)
    hours_by_category = serializers.DictField(child=serializers.CharField())
    total_hours = serializers.CharField()
    body = serializers.CharField()
    sponsor_number = serializers.CharField(allow_blank=True)
    approval_number = serializers.CharField(allow_blank=True)
    approval_valid_from = serializers.DateField()
    approval_valid_until = serializers.DateField()
    issued_at = serializers.DateTimeField()
    status_changed_at = serializers.DateTimeField(allow_null=True)
    revoked_reason = serializers.CharField(allow_blank=True)
    superseded_by = serializers.CharField(allow_null=True, help_text="The corrected one's code.")
    verification_url = serializers.URLField()


class PersonSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField()


class CertificateSerializer(VerificationSerializer):
    id = serializers.IntegerField()
    registration_id = serializers.IntegerField()
    person = PersonSerializer()
    license_type = serializers.CharField(allow_blank=True)
    license_number = serializers.CharField(allow_blank=True)


# --- Registrations ---------------------------------------------------------------------------


class RegistrationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    session_id = serializers.IntegerField()
    training_title = serializers.CharField()
    session_starts_at = serializers.DateTimeField(allow_null=True)
    person = PersonSerializer()
    status = serializers.ChoiceField(choices=Registration.Status.choices)
    status_label = serializers.CharField()
    fee_tier = serializers.CharField(allow_null=True)
    amount_cents = serializers.IntegerField()
    invoice = serializers.CharField(allow_null=True, help_text="The invoice number, if any.")
    created_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)


class RegistrationQuerySerializer(serializers.Serializer):
    session = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=Registration.Status.choices, required=False)
    email = serializers.EmailField(required=False)


class RegistrationCreateSerializer(serializers.Serializer):
    session = serializers.IntegerField(min_value=1)
    fee_tier = serializers.IntegerField(min_value=1, help_text="One of the session's fee_tiers.")
    name = serializers.CharField(max_length=150, help_text="The staff member's full name.")
    email = serializers.EmailField()
    attested = serializers.BooleanField(
        help_text="The organization attests that the fee tier fits it (must be true)."
    )


class CertificateQuerySerializer(serializers.Serializer):
    session = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=Certificate.Status.choices, required=False)
    email = serializers.EmailField(required=False)
