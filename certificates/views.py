"""Public verification and the participant's certificates and transcript (/my/certificates/)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from certificates.codes import verification_code_normalise
from certificates.models import Certificate
from certificates.services import certificate_pdf_store
from certificates.transcripts import (
    certificates_for_person,
    conference_certificates_for,
    transcript_for,
)
from lms.client_address import client_address
from lms.documents import pdf_render
from lms.exports import csv_response
from lms.rate_limits import rate_limit_hit


def _rate_limited(request) -> bool:
    """A fixed-window counter per client address in the cache (see docs/certificates.md)."""
    return rate_limit_hit(
        scope="verify",
        key=client_address(request) or "",
        limit=settings.CERTIFICATE_VERIFY_PER_MINUTE,
        window_seconds=60,
    )


def _too_many():
    response = HttpResponse(
        "Too many verification requests from your address. Please wait a minute.",
        status=429,
        content_type="text/plain",
    )
    response["Retry-After"] = "60"
    return response


def verify_form(request):
    if _rate_limited(request):
        return _too_many()
    raw = request.GET.get("code", "")
    error = ""
    if raw:
        code = verification_code_normalise(raw)
        if Certificate.objects.filter(code=code).exists():
            return redirect("certificates:verify", code=code)
        error = "No certificate has this code. Check the code printed under the QR code."
    return render(
        request,
        "certificates/verify_form.html",
        {"code": raw, "error": error},
        status=404 if error else 200,
    )


def verify(request, code):
    if _rate_limited(request):
        return _too_many()
    certificate = Certificate.objects.select_related("superseded_by").filter(code=code).first()
    if certificate is None:
        raise Http404("No certificate has this code.")
    return render(request, "certificates/verify.html", {"certificate": certificate})


@login_required
def transcript(request):
    profile = getattr(request.user, "profile", None)
    credential = profile.license_type if profile else ""
    result = transcript_for(
        person=request.user,
        credential=credential,
        period_key=request.GET.get("period", ""),
        today=timezone.localdate(),
    )
    return render(
        request,
        "certificates/transcript.html",
        {
            "transcript": result,
            "all_certificates": certificates_for_person(person=request.user),
            "conference_certificates": conference_certificates_for(person=request.user),
            "period_key": request.GET.get("period", ""),
        },
    )


@login_required
def certificate_pdf(request, certificate_id):
    certificate = get_object_or_404(
        Certificate, pk=certificate_id, registration__person=request.user
    )
    if not certificate.pdf:
        certificate_pdf_store(certificate=certificate)
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )


@login_required
def conference_certificate_pdf(request, conference_id, body_id):
    """The participant's combined certificate for a conference and one body (404 for anyone
    with no certificate there)."""
    found = [
        c
        for c in conference_certificates_for(person=request.user, conference_id=conference_id)
        if c.body_id == body_id
    ]
    if not found:
        raise Http404("No certificate for this conference.")
    profile = getattr(request.user, "profile", None)
    pdf = pdf_render(
        template_name="pdf/conference_certificate.html",
        context={
            "combined": found[0],
            "name": (profile and profile.printed_name) or request.user.get_full_name(),
            "license": f"{profile.license_type} {profile.license_number}".strip()
            if profile and profile.license_type
            else "",
            "today": timezone.localdate(),
            "site_url": settings.SITE_URL,
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="conference-{conference_id}-{body_id}.pdf"'
    )
    return response


def _transcript_for_request(request):
    profile = getattr(request.user, "profile", None)
    return profile, transcript_for(
        person=request.user,
        credential=profile.license_type if profile else "",
        period_key=request.GET.get("period", ""),
        today=timezone.localdate(),
    )


@login_required
def transcript_pdf(request):
    profile, result = _transcript_for_request(request)
    license_text = ""
    if profile and profile.license_type:
        license_text = f"{profile.license_type} {profile.license_number}".strip()
    pdf = pdf_render(
        template_name="pdf/transcript.html",
        context={
            "name": (profile and profile.printed_name) or request.user.get_full_name(),
            "license": license_text,
            "period": result.period,
            "certificates": result.certificates,
            "totals": result.totals,
            "total": result.total,
            "today": timezone.localdate(),
            "site_url": settings.SITE_URL,
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="ce-transcript.pdf"'
    return response


@login_required
def transcript_csv(request):
    _profile, result = _transcript_for_request(request)
    categories = [label for label, _ in result.totals]
    rows = [
        [
            "serial",
            "verification code",
            "training",
            "dates",
            "approved by",
            "approval number",
            *categories,
            "total",
        ]
    ]
    for c in result.certificates:
        by_label = dict(c.hours_lines())
        rows.append(
            [
                c.serial,
                c.code,
                c.training_title,
                ";".join(c.meeting_dates),
                c.body_name,
                c.approval_number,
                *[by_label.get(label, "0") for label in categories],
                c.total_hours,
            ]
        )
    rows.append(["total", "", "", "", "", "", *[h for _, h in result.totals], result.total])
    return csv_response(rows, filename="ce-transcript.csv")
