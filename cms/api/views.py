"""The REST API, version 1 (docs/api.md). Views are thin: they read through the selectors the
site uses (lms.selectors.catalogue, certificates.selectors, lms.selectors.api) and write
through the services (lms.services.api_keys), and every refusal is a problem document
(api.problems).

Public: trainings, sessions, certificate verification. With an organization's key: its
people's registrations (read, or register on its invoice) and certificates, by scope."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from certificates.codes import verification_code_normalise
from certificates.models import Certificate
from certificates.selectors import (
    TrainingCeHours,
    ce_hours_for_trainings,
    certificates_for_organization,
)
from cms.api import serializers as s
from cms.api.authentication import ApiKeyAuthentication
from cms.api.pagination import Pagination
from cms.api.permissions import scope_required
from cms.api.problems import PROBLEM_CONTENT_TYPE, problem_exception_handler, problems
from cms.api.throttling import ApiRateThrottle, VerifyRateThrottle
from lms.client_address import client_address
from lms.models import (
    ApiScope,
    FeeTier,
    InvoiceLine,
    Registration,
    Session,
    Training,
)
from lms.rules.money import hours_text
from lms.selectors.api import organization_people_registrations
from lms.selectors.catalogue import (
    CatalogueFilters,
    catalogue_trainings,
    matching_sessions,
    price_label,
    session_listings,
)
from lms.selectors.registrations import fee_tiers_for_session
from lms.services.api_keys import api_key_use_record, api_registration_create

PUBLIC_PROBLEMS = problems(400, 401, 404, 429)
KEY_PROBLEMS = problems(400, 401, 403, 404, 429)


def _absolute(path: str) -> str:
    return path if "://" in path else f"{settings.SITE_URL}{path}"


class _NoFormatOverride:
    URL_FORMAT_OVERRIDE = None


class ApiContentNegotiation(DefaultContentNegotiation):
    """JSON, chosen by the Accept header only: `?format=` is the catalogue's filter here."""

    settings = _NoFormatOverride()


class ApiView(GenericAPIView):
    """Every API view: a request made with a key is logged, whatever the answer."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [ApiRateThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    pagination_class = Pagination
    content_negotiation_class = ApiContentNegotiation

    def get_exception_handler(self):
        return problem_exception_handler

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key = getattr(request._request, "api_key", None)
        if key is not None:
            api_key_use_record(
                key=key,
                method=request.method,
                path=request.get_full_path(),
                status_code=response.status_code,
                client_address=client_address(request),
            )
        return response

    def query(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def not_found(request, *args, **kwargs):
    problem = {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Nothing was found here. The API's paths are listed at /api/schema/.",
        "instance": request.get_full_path(),
    }
    return JsonResponse(problem, status=404, content_type=PROBLEM_CONTENT_TYPE)


# --- Catalogue -------------------------------------------------------------------------------


def live_trainings():
    """CE trainings with a published page: what the site's catalogue lists (gatherings are
    not in the API's catalogue)."""
    return Training.objects.ce_trainings().filter(page__live=True)


def _filters(query: dict) -> CatalogueFilters:
    return CatalogueFilters(
        topic=query.get("topic", ""),
        format=query.get("format", ""),
        starts_on=query.get("starts_on"),
        ends_on=query.get("ends_on"),
        audience=query.get("audience", ""),
        price=query.get("price", ""),
        language=query.get("language", ""),
    )


def _price(low, high, count) -> dict:
    return {
        "label": price_label(low_cents=low, high_cents=high, tier_count=count),
        "low_cents": low if count else None,
        "high_cents": high if count else None,
    }


def _ce_hours(ce: TrainingCeHours) -> list[dict]:
    return [
        {
            "body": approval.body,
            "hours_by_category": {c: hours_text(h) for c, h in approval.hours_by_category.items()},
            "total_hours": hours_text(approval.total),
            "credentials": list(approval.credentials),
        }
        for approval in ce.approvals
    ]


def _training(training, ce: TrainingCeHours) -> dict:
    return {
        "id": training.pk,
        "title": training.title,
        "slug": training.slug,
        "summary": training.summary,
        "format": training.format,
        "language": training.language,
        "duration_minutes": training.duration_minutes,
        "topics": [{"slug": t.slug, "name": t.name} for t in training.topics.all()],
        "price": _price(
            training.price_low_cents, training.price_high_cents, training.price_tier_count
        ),
        "ce_hours": _ce_hours(ce),
        "next_session_id": training.next_session_id,
        "upcoming_sessions": training.session_count,
        "url": _absolute(training.page.url or "/"),
    }


class TrainingList(ApiView):
    serializer_class = s.TrainingSerializer

    def get_queryset(self):
        return Training.objects.none()

    @extend_schema(
        operation_id="trainings_list",
        summary="Trainings in the catalogue",
        parameters=[s.CatalogueQuerySerializer],
        responses={200: s.TrainingSerializer(many=True), **PUBLIC_PROBLEMS},
        auth=[],
    )
    def get(self, request):
        filters = _filters(self.query(s.CatalogueQuerySerializer))
        trainings = (
            catalogue_trainings(live_trainings(), filters)
            .select_related("page")
            .prefetch_related("topics")
        )
        page = self.paginate_queryset(trainings)
        ce = ce_hours_for_trainings([t.pk for t in page])
        return self.get_paginated_response(
            s.TrainingSerializer(
                [_training(t, ce.get(t.pk, TrainingCeHours())) for t in page], many=True
            ).data
        )


class TrainingDetail(ApiView):
    serializer_class = s.TrainingSerializer

    @extend_schema(
        operation_id="trainings_retrieve",
        summary="One training",
        responses={200: s.TrainingSerializer, **PUBLIC_PROBLEMS},
        auth=[],
    )
    def get(self, request, pk: int):
        training = get_object_or_404(
            catalogue_trainings(live_trainings(), CatalogueFilters())
            .select_related("page")
            .prefetch_related("topics"),
            pk=pk,
        )
        ce = ce_hours_for_trainings([training.pk]).get(training.pk, TrainingCeHours())
        return Response(s.TrainingSerializer(_training(training, ce)).data)


def _session(listing, ce: TrainingCeHours, tiers=None) -> dict:
    session = listing.session
    meetings = [{"starts_at": m.starts_at, "ends_at": m.ends_at} for m in listing.meetings]
    data = {
        "id": session.pk,
        "training_id": session.training_id,
        "training_title": session.training.title,
        "status": session.status,
        "booking_state": listing.state.value,
        "format": session.format,
        "language": session.training.language,
        "starts_at": session.starts_at,
        "ends_at": max((m["ends_at"] for m in meetings), default=None),
        "time_zone": session.time_zone,
        "meetings": meetings,
        "location": listing.location,
        "capacity": session.capacity,
        "seats_left": max(listing.seats_left, 0),
        "price": _price(
            session.price_low_cents, session.price_high_cents, session.price_tier_count
        ),
        "ce_hours": _ce_hours(ce),
        "register_url": _absolute(listing.register_url),
    }
    if tiers is not None:
        data["fee_tiers"] = [
            {
                "id": tier.pk,
                "label": tier.label,
                "kind": tier.kind,
                "price_cents": tier.price_cents,
                "minimum_cents": tier.minimum_cents,
                "maximum_cents": tier.maximum_cents,
            }
            for tier in tiers
        ]
    return data


def _public_sessions(sessions):
    return sessions.filter(training__in=live_trainings()).select_related("training")


class SessionList(ApiView):
    serializer_class = s.SessionSerializer

    def get_queryset(self):
        return Session.objects.none()

    @extend_schema(
        operation_id="sessions_list",
        summary="Upcoming scheduled sessions",
        parameters=[s.SessionQuerySerializer],
        responses={200: s.SessionSerializer(many=True), **PUBLIC_PROBLEMS},
        auth=[],
    )
    def get(self, request):
        query = self.query(s.SessionQuerySerializer)
        filters = _filters(query)
        now = timezone.now()
        trainings = catalogue_trainings(live_trainings(), filters, now=now)
        sessions = _public_sessions(matching_sessions(filters, now=now)).filter(
            training__in=trainings.values("pk")
        )
        if query.get("training"):
            sessions = sessions.filter(training_id=query["training"])
        page = self.paginate_queryset(sessions.order_by("starts_at", "pk"))
        listings = session_listings(
            Session.objects.filter(pk__in=[session.pk for session in page])
            .select_related("training")
            .order_by("starts_at", "pk"),
            now=now,
        )
        ce = ce_hours_for_trainings({listing.session.training_id for listing in listings})
        data = [
            _session(listing, ce.get(listing.session.training_id, TrainingCeHours()))
            for listing in listings
        ]
        return self.get_paginated_response(s.SessionSerializer(data, many=True).data)


class SessionDetail(ApiView):
    serializer_class = s.SessionDetailSerializer

    @extend_schema(
        operation_id="sessions_retrieve",
        summary="One session, with the fee tiers to register with",
        responses={200: s.SessionDetailSerializer, **PUBLIC_PROBLEMS},
        auth=[],
    )
    def get(self, request, pk: int):
        session = get_object_or_404(_public_sessions(Session.objects.all()), pk=pk)
        [listing] = session_listings(
            Session.objects.filter(pk=session.pk).select_related("training")
        )
        ce = ce_hours_for_trainings([session.training_id]).get(
            session.training_id, TrainingCeHours()
        )
        tiers = list(fee_tiers_for_session(session=session))
        return Response(s.SessionDetailSerializer(_session(listing, ce, tiers)).data)


# --- Certificates ----------------------------------------------------------------------------


def _verification(certificate: Certificate) -> dict:
    return {
        "code": certificate.code,
        "serial": certificate.serial,
        "status": certificate.status,
        "valid": certificate.is_valid,
        "kind": certificate.kind,
        "printed_name": certificate.printed_name,
        "training_title": certificate.training_title,
        "dates": certificate.dates(),
        "format": certificate.format_label,
        "location": certificate.location,
        "hours_by_category": dict(certificate.hours),
        "total_hours": hours_text(certificate.total_hours),
        "body": certificate.body_name,
        "sponsor_number": certificate.sponsor_number,
        "approval_number": certificate.approval_number,
        "approval_valid_from": certificate.approval_valid_from,
        "approval_valid_until": certificate.approval_valid_until,
        "issued_at": certificate.issued_at,
        "status_changed_at": certificate.status_changed_at,
        "revoked_reason": certificate.revoked_reason
        if certificate.status == Certificate.Status.REVOKED
        else "",
        "superseded_by": certificate.superseded_by.code if certificate.superseded_by else None,
        "verification_url": certificate.get_verify_url(),
    }


class CertificateVerify(ApiView):
    """The public verification page's facts as JSON."""

    serializer_class = s.VerificationSerializer

    @extend_schema(
        operation_id="certificates_verify",
        summary="Verify a certificate by its code",
        responses={200: s.VerificationSerializer, **PUBLIC_PROBLEMS},
        auth=[],
    )
    def get(self, request, code: str):
        certificate = get_object_or_404(
            Certificate.objects.select_related("superseded_by"),
            code=verification_code_normalise(code),
        )
        return Response(s.VerificationSerializer(_verification(certificate)).data)

    throttle_classes = [ApiRateThrottle, VerifyRateThrottle]


def _person(user) -> dict:
    profile = getattr(user, "profile", None)
    name = (profile.printed_name if profile else "") or user.get_full_name() or user.email
    return {"name": name, "email": user.email}


def _certificate(certificate: Certificate) -> dict:
    return {
        **_verification(certificate),
        "id": certificate.pk,
        "registration_id": certificate.registration_id,
        "person": _person(certificate.registration.person),
        "license_type": certificate.license_type,
        "license_number": certificate.license_number,
    }


class OrganizationCertificates(ApiView):
    serializer_class = s.CertificateSerializer
    permission_classes = [scope_required(ApiScope.READ_CERTIFICATES)]

    def get_queryset(self):
        return certificates_for_organization(organization=self.request.auth.organization)


class CertificateList(OrganizationCertificates):
    @extend_schema(
        operation_id="certificates_list",
        summary="Certificates of the organization's people",
        parameters=[s.CertificateQuerySerializer],
        responses={200: s.CertificateSerializer(many=True), **KEY_PROBLEMS},
    )
    def get(self, request):
        query = self.query(s.CertificateQuerySerializer)
        certificates = self.get_queryset().select_related("registration__person__profile")
        if query.get("session"):
            certificates = certificates.filter(registration__session_id=query["session"])
        if query.get("status"):
            certificates = certificates.filter(status=query["status"])
        if query.get("email"):
            certificates = certificates.filter(registration__person__email__iexact=query["email"])
        page = self.paginate_queryset(certificates)
        return self.get_paginated_response(
            s.CertificateSerializer([_certificate(c) for c in page], many=True).data
        )


class CertificateDetail(OrganizationCertificates):
    @extend_schema(
        operation_id="certificates_retrieve",
        summary="One certificate of the organization's people",
        responses={200: s.CertificateSerializer, **KEY_PROBLEMS},
    )
    def get(self, request, pk: int):
        certificate = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(s.CertificateSerializer(_certificate(certificate)).data)


# --- Registrations ---------------------------------------------------------------------------


def _registration(registration: Registration) -> dict:
    lines = list(registration.invoice_lines.all())
    return {
        "id": registration.pk,
        "session_id": registration.session_id,
        "training_title": registration.session.training.title,
        "session_starts_at": registration.session.starts_at,
        "person": _person(registration.person),
        "status": registration.status,
        "status_label": registration.get_status_display(),
        "fee_tier": registration.fee_tier.label if registration.fee_tier else None,
        "amount_cents": registration.amount_cents,
        "invoice": lines[0].invoice.display_number if lines else None,
        "created_at": registration.created_at,
        "confirmed_at": registration.confirmed_at,
        "cancelled_at": registration.cancelled_at,
    }


class OrganizationRegistrations(ApiView):
    serializer_class = s.RegistrationSerializer

    def get_queryset(self):
        return (
            organization_people_registrations(organization=self.request.auth.organization)
            .select_related("session__training", "person__profile", "fee_tier")
            .prefetch_related(
                Prefetch("invoice_lines", queryset=InvoiceLine.objects.select_related("invoice"))
            )
            .order_by("-created_at", "-pk")
        )


class RegistrationList(OrganizationRegistrations):
    def get_permissions(self):
        scope = (
            ApiScope.CREATE_REGISTRATIONS
            if self.request.method == "POST"
            else ApiScope.READ_REGISTRATIONS
        )
        return [scope_required(scope)()]

    @extend_schema(
        operation_id="registrations_list",
        summary="Registrations of the organization's people",
        parameters=[s.RegistrationQuerySerializer],
        responses={200: s.RegistrationSerializer(many=True), **KEY_PROBLEMS},
    )
    def get(self, request):
        query = self.query(s.RegistrationQuerySerializer)
        registrations = self.get_queryset()
        if query.get("session"):
            registrations = registrations.filter(session_id=query["session"])
        if query.get("status"):
            registrations = registrations.filter(status=query["status"])
        if query.get("email"):
            registrations = registrations.filter(person__email__iexact=query["email"])
        page = self.paginate_queryset(registrations)
        return self.get_paginated_response(
            s.RegistrationSerializer([_registration(r) for r in page], many=True).data
        )

    @extend_schema(
        operation_id="registrations_create",
        summary="Register a named staff member on the organization's invoice",
        request=s.RegistrationCreateSerializer,
        responses={201: s.RegistrationSerializer, **problems(400, 401, 403, 422, 429)},
    )
    def post(self, request):
        serializer = s.RegistrationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        session = _public_sessions(Session.objects.all()).filter(pk=data["session"]).first()
        tier = FeeTier.objects.filter(pk=data["fee_tier"]).first()
        errors = {}
        if session is None:
            errors["session"] = ["No session has this id."]
        if tier is None:
            errors["fee_tier"] = ["No fee tier has this id."]
        if errors:
            raise ValidationError(errors)
        registration = api_registration_create(
            key=request.auth,
            session=session,
            tier=tier,
            name=data["name"],
            email=data["email"],
            attested=data["attested"],
        )
        registration = self.get_queryset().get(pk=registration.pk)
        return Response(
            s.RegistrationSerializer(_registration(registration)).data,
            status=status.HTTP_201_CREATED,
        )


class RegistrationDetail(OrganizationRegistrations):
    permission_classes = [scope_required(ApiScope.READ_REGISTRATIONS)]

    @extend_schema(
        operation_id="registrations_retrieve",
        summary="One registration of the organization's people",
        responses={200: s.RegistrationSerializer, **KEY_PROBLEMS},
    )
    def get(self, request, pk: int):
        registration = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(s.RegistrationSerializer(_registration(registration)).data)
