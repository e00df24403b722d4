"""schema.org JSON-LD for training pages: a Course with one CourseInstance per session."""

import json

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from lms.models import DeliveryFormat, Session
from lms.rules.money import dollars_plain

COURSE_MODE = {
    DeliveryFormat.IN_PERSON: "onsite",
    DeliveryFormat.VIRTUAL: "online",
    DeliveryFormat.HYBRID: "blended",
}
# Escape what could close the <script> element or start HTML; JSON readers decode these.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """The JSON for a <script type="application/ld+json"> element, safe inside it."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def training_course(*, page, training, ce, sessions, request) -> dict:
    """`sessions` are lms SessionListings (selectors_catalogue); `ce` the training's CE hours
    from its approvals (certificates.selectors.TrainingCeHours)."""
    url = page.get_full_url(request)
    organization = {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}
    course = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": training.title,
        "description": training.summary,
        "url": url,
        "provider": organization,
        "inLanguage": training.language,
        "timeRequired": _duration(training.duration_minutes),
        "about": [topic.name for topic in training.topics.all()],
        "hasCourseInstance": [],
    }
    if training.audience:
        course["audience"] = {"@type": "Audience", "audienceType": training.audience}
    if ce:
        course["educationalCredentialAwarded"] = (
            f"{ce.ce_hours_label} ({', '.join(ce.credentials)})"
        )
    for listing in sessions:
        session = listing.session
        if not listing.meetings:
            continue
        instance = {
            "@type": "CourseInstance",
            "courseMode": COURSE_MODE.get(session.format, "online"),
            "startDate": listing.meetings[0].starts_at.isoformat(),
            "endDate": listing.meetings[-1].ends_at.isoformat(),
            "eventStatus": "https://schema.org/EventCancelled"
            if session.status == Session.Status.CANCELLED
            else "https://schema.org/EventScheduled",
            "location": _location(session, url),
            "instructor": [
                {"@type": "Person", "name": a.facilitator.name} for a in session.assignments.all()
            ],
        }
        if listing.can_book:
            instance["offers"] = {
                "@type": "Offer",
                "price": f"{dollars_plain(session.price_low_cents or 0)}",
                "priceCurrency": "USD",
                "availability": "https://schema.org/InStock"
                if listing.seats_left > 0
                else "https://schema.org/SoldOut",
                "url": request.build_absolute_uri(listing.register_url),
            }
        course["hasCourseInstance"].append(instance)
    return course


def _location(session, url: str) -> dict:
    if session.format == DeliveryFormat.VIRTUAL:
        return {"@type": "VirtualLocation", "url": url}
    return {
        "@type": "Place",
        "name": session.venue_name or session.city or "To be announced",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": session.venue_address,
            "addressLocality": session.city,
            "addressRegion": "IL",
            "addressCountry": "US",
        },
    }
