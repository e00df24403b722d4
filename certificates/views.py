"""Public verification and the participant's certificates and transcript (/my/certificates/)."""

import io
import json
import zipfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from certificates import badges
from certificates.codes import verification_code_normalise
from certificates.forms import OutsideCreditForm
from certificates.models import Certificate, OutsideCredit
from certificates.renewals import (
    outside_credit_submit,
    outside_credits_counting,
    renewal_tracker_for,
)
from certificates.services import certificate_pdf_bytes, certificate_pdf_store
from certificates.transcripts import (
    certificates_for_person,
    conference_certificates_for,
    transcript_for,
)
from lms.client_address import client_address
from lms.documents import pdf_render
from lms.errors import DomainError
from lms.exports import csv_response
from lms.models import CoalitionBrand, Session
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
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "badges_enabled": badges.badges_enabled()},
    )


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
            "all_certificates": [
                (certificate, badges.linkedin_add_url(certificate))
                for certificate in certificates_for_person(person=request.user)
            ],
            "badges_enabled": badges.badges_enabled(),
            "conference_certificates": conference_certificates_for(person=request.user),
            "period_key": request.GET.get("period", ""),
        },
    )


@login_required
def certificate_pdf(request, certificate_id):
    certificate = get_object_or_404(
        Certificate, pk=certificate_id, registration__person=request.user
    )
    language = request.GET.get("language", "")
    if language in dict(settings.LANGUAGES) and language != settings.LANGUAGE_CODE:
        # A translated copy for the participant's own use, made on request, never stored.
        return HttpResponse(
            certificate_pdf_bytes(certificate=certificate, language=language),
            content_type="application/pdf",
            headers={
                "Content-Disposition": f'attachment; filename="{certificate.serial}-{language}.pdf"'
            },
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
            "outside": outside_credits_counting(person=request.user, period=result.period),
            "coalition": CoalitionBrand.load().name,
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


# --- Open Badges, LinkedIn and ZIP downloads (certificates/badges.py) ---------------------------


def _badge_or_404():
    if not badges.badges_enabled():
        raise Http404("Open Badges are not set up here.")


def _enveloped(certificate: Certificate) -> dict:
    """The signed credential as JSON: a W3C "enveloped" credential around the VC-JWT."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": f"data:application/vc+jwt,{badges.badge_jwt(certificate)}",
        "type": "EnvelopedVerifiableCredential",
    }


def _json_download(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def badge_issuer(request):
    _badge_or_404()
    return JsonResponse(badges.issuer_profile())


def badge_status_list(request):
    _badge_or_404()
    response = HttpResponse(badges.status_list_jwt(), content_type="application/vc+jwt")
    response["Cache-Control"] = "max-age=60"
    return response


@login_required
def certificate_badge(request, certificate_id):
    _badge_or_404()
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__person"),
        pk=certificate_id,
        registration__person=request.user,
    )
    return _json_download(_enveloped(certificate), f"{certificate.serial}-open-badge.json")


def verify_badge_download(request, code):
    """The public credential of a certificate, from its verification page."""
    _badge_or_404()
    if _rate_limited(request):
        return _too_many()
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__person"), code=code
    )
    return _json_download(_enveloped(certificate), f"{certificate.serial}-open-badge.json")


@require_http_methods(["GET", "POST"])
def verify_badge(request):
    """Paste an Open Badge (the JSON download or its JWT): is it ours, intact and standing?"""
    _badge_or_404()
    if request.method == "POST" and _rate_limited(request):
        return _too_many()
    result, error, pasted = None, "", request.POST.get("credential", "")[:20000]
    if request.method == "POST":
        try:
            result = badges.badge_check(_token_from(pasted))
        except badges.BadgeError as exc:
            error = str(exc)
    return render(
        request,
        "certificates/verify_badge.html",
        {"result": result, "error": error, "pasted": pasted},
        status=400 if error else 200,
    )


def _token_from(pasted: str) -> str:
    text = pasted.strip()
    if text.startswith("{"):
        try:
            enveloped = json.loads(text)
        except ValueError as exc:
            raise badges.BadgeError(gettext("This is not an Open Badge (not valid JSON).")) from exc
        text = str(enveloped.get("id", "")).removeprefix("data:application/vc+jwt,")
    return text


def _certificates_zip(certificates, *, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            if not certificate.pdf:
                certificate_pdf_store(certificate=certificate)
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(f"{certificate.serial}.pdf", pdf.read())
            if badges.badges_enabled():
                archive.writestr(
                    f"{certificate.serial}-open-badge.json",
                    json.dumps(_enveloped(certificate), indent=2),
                )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def certificates_zip(request):
    """Every valid certificate of the person, PDFs and Open Badges, in one ZIP."""
    certificates = certificates_for_person(person=request.user).filter(
        status=Certificate.Status.VALID
    )
    return _certificates_zip(
        certificates.select_related("registration__person"), filename="my-certificates.zip"
    )


@login_required
@permission_required("certificates.view_certificate", raise_exception=True)
def session_certificates_zip(request, session_id):
    """Staff: every valid certificate of one session, PDFs and Open Badges."""
    session = get_object_or_404(Session, pk=session_id)
    certificates = Certificate.objects.filter(
        registration__session=session, status=Certificate.Status.VALID
    ).select_related("registration__person")
    return _certificates_zip(certificates, filename=f"session-{session.pk}-certificates.zip")


# --- The renewal tracker (/my/renewal/) ------------------------------------------------------


def _credential(request) -> str:
    profile = getattr(request.user, "profile", None)
    return profile.license_type if profile else ""


@login_required
def renewal(request):
    """This renewal period of the participant's license: earned here, added from elsewhere,
    still needed, by category; and the form to add CE earned elsewhere."""
    credential = _credential(request)
    tracker = renewal_tracker_for(
        person=request.user, credential=credential, today=timezone.localdate()
    )
    form = OutsideCreditForm()
    status = 200
    if request.method == "POST":
        form = OutsideCreditForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                credit = outside_credit_submit(
                    person=request.user, credential=credential, **form.cleaned_data
                )
            except DomainError as exc:
                for line in exc.lines:
                    form.add_error(None, line)
            else:
                messages.success(
                    request,
                    f"“{credit.title}” is added "
                    + (
                        "and counts now, marked self-reported."
                        if credit.status == OutsideCredit.Status.SELF_REPORTED
                        else "and counts once staff have checked it."
                    ),
                )
                return redirect("certificates:renewal")
        status = 400
    return render(
        request,
        "certificates/renewal.html",
        {"tracker": tracker, "form": form, "has_credential": bool(credential)},
        status=status,
    )


@never_cache
@login_required
def outside_credit_file(request, credit_id):
    """The PDF a participant attached: theirs only (staff read it from the admin)."""
    credit = get_object_or_404(OutsideCredit, pk=credit_id, person=request.user)
    return outside_credit_file_response(credit)


def outside_credit_file_response(credit):
    """The attached PDF as a private download (the participant's page and the admin's)."""
    response = FileResponse(
        credit.certificate_file.open("rb"),
        as_attachment=True,
        filename=credit.certificate_file.name.rsplit("/", 1)[-1].split("-", 1)[-1],
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
