"""Reference data: the credentials professionals renew with CE and the accrediting bodies
PRODUCT.md names, each with its credit rule. Loaded by certificates migration 0002; the demo
seed calls it again (idempotent) because transactional tests flush the database.

Existing rows are left as they are: staff may have changed a rule in the admin.
"""

from decimal import Decimal

from django.apps import apps as django_apps

CREDENTIALS = [
    ("LSW", "Licensed Social Worker"),
    ("LCSW", "Licensed Clinical Social Worker"),
    ("LPC", "Licensed Professional Counselor"),
    ("LCPC", "Licensed Clinical Professional Counselor"),
    ("LMFT", "Licensed Marriage and Family Therapist"),
    ("CADC", "Certified Alcohol and Drug Counselor"),
]

# slug, name, credentials, minutes/hour, increment, first hour, breaks excluded, partial,
# certificate of attendance, statement
BODIES = [
    (
        "il-social-work",
        "Illinois social work (IDFPR)",
        ["LSW", "LCSW"],
        50,
        "0.25",
        False,
        False,
        False,
        False,
        "Approved for social work continuing education by the Illinois Department of Financial "
        "and Professional Regulation (sponsor {sponsor_number}).",
    ),
    (
        "il-professional-counselors",
        "Illinois professional counselors (IDFPR)",
        ["LPC", "LCPC"],
        50,
        "0.50",
        True,
        False,
        True,
        False,
        "Approved for professional counselor continuing education by the Illinois Department of "
        "Financial and Professional Regulation (sponsor {sponsor_number}).",
    ),
    (
        "il-marriage-family-therapists",
        "Illinois marriage and family therapists (IDFPR)",
        ["LMFT"],
        50,
        "0.25",
        False,
        False,
        False,
        False,
        "Approved for marriage and family therapist continuing education (sponsor {sponsor_number}).",
    ),
    (
        "il-addiction-counselors",
        "Illinois addiction counselors (Illinois Certification Board)",
        ["CADC"],
        60,
        "0.50",
        False,
        True,
        False,
        False,
        "Approved for CADC continuing education by the Illinois Certification Board "
        "(approval {approval_number}); clock hours, breaks excluded.",
    ),
    (
        "certificate-of-attendance",
        "Certificate of attendance (no CE)",
        [],
        60,
        "0.25",
        False,
        False,
        True,
        True,
        "This certificate confirms attendance; it is not a continuing-education approval.",
    ),
]


# code, name, print order. Staff add more in the admin (CE credit → Credit categories).
CATEGORIES = [
    ("general", "General", 0),
    ("ethics", "Ethics", 10),
    ("cultural_competence", "Cultural competence", 20),
    ("implicit_bias", "Implicit bias", 30),
    ("clinical_supervision", "Clinical supervision", 40),
    ("sexual_harassment_prevention", "Sexual harassment prevention", 50),
]

# Bodies that need the fields certificates 0007 added (provider number, format wording,
# states that do not accept them); created from that migration on.
BOARD_BODIES = [
    {
        "slug": "aswb-ace",
        "name": "ASWB Approved Continuing Education (ACE)",
        "credentials": ["LSW", "LCSW"],
        "minutes_per_credit_hour": 60,
        "rounding_increment": Decimal("0.25"),
        "partial_credit_allowed": False,
        "provider_number": "2026-0147",
        "not_accepted_in_states": "NJ, NY, WV",
        "wording_in_person": "In-person, face-to-face",
        "wording_virtual": "Live interactive webinar",
        "wording_hybrid": "In-person and live interactive webinar",
        "approval_statement": "Coalition CE, provider #{provider_number}, is approved as an ACE "
        "provider to offer social work continuing education by the Association of Social Work "
        "Boards (ASWB) Approved Continuing Education (ACE) program. Regulatory boards are the "
        "final authority on courses accepted for continuing education credit. ACE provider "
        "approval period: {valid_from} – {valid_until}. Social workers completing this course "
        "receive {hours} {categories} continuing education credits.",
    },
]


def seed_categories(apps=django_apps):
    CreditCategory = apps.get_model("certificates", "CreditCategory")
    for code, name, order in CATEGORIES:
        CreditCategory.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )


def _seed_board_bodies(apps):
    AccreditingBody = apps.get_model("certificates", "AccreditingBody")
    Credential = apps.get_model("certificates", "Credential")
    field_names = {f.name for f in AccreditingBody._meta.get_fields()}
    if "not_accepted_in_states" not in field_names:
        return  # an older migration's model: these bodies come with certificates 0007
    for spec in BOARD_BODIES:
        defaults = {k: v for k, v in spec.items() if k not in ("slug", "credentials")}
        body, created = AccreditingBody.objects.get_or_create(slug=spec["slug"], defaults=defaults)
        if created:
            body.credentials.set(Credential.objects.filter(code__in=spec["credentials"]))


def seed_reference_data(apps=django_apps):
    """Create what is missing; never overwrite a body staff have edited."""
    if "creditcategory" in {
        m._meta.model_name for m in apps.get_app_config("certificates").get_models()
    }:
        seed_categories(apps)
    Credential = apps.get_model("certificates", "Credential")
    AccreditingBody = apps.get_model("certificates", "AccreditingBody")
    for code, name in CREDENTIALS:
        Credential.objects.get_or_create(code=code, defaults={"name": name})
    for (
        slug,
        name,
        codes,
        minutes,
        increment,
        first,
        breaks,
        partial,
        attendance,
        statement,
    ) in BODIES:
        body, created = AccreditingBody.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "minutes_per_credit_hour": minutes,
                "rounding_increment": Decimal(increment),
                "first_hour_rule": first,
                "breaks_excluded": breaks,
                "late_grace_minutes": 10,
                "leave_early_grace_minutes": 10,
                "partial_credit_allowed": partial,
                "is_certificate_of_attendance": attendance,
                "approval_statement": statement,
            },
        )
        if created:
            body.credentials.set(Credential.objects.filter(code__in=codes))
    _seed_board_bodies(apps)
