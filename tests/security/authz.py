"""The authorization matrix: every URL pattern of the product, walked from the URL resolver,
with what each role gets. tests/security/test_authz_matrix.py checks it.

Answers (what a request gets, classified by tests/security/test_authz_matrix.answer_of):
  ok      2xx                      login   302 to the site's sign-in page
  admin   302 to the admin sign-in  denied  403, or Wagtail's "no permission" bounce
  404     not found (other people's things look absent)
  405     method not allowed (a POST-only action asked with GET)
  away    another redirect (for example to the page that comes next)

Roles: anon, participant (registered in the facilitator's session), facilitator (leads that
session), other_facilitator (leads another session), program (Program staff group),
finance (Finance group). Staff have is_staff and only their group's permissions.

To add a URL: add a line to MATRIX (or, for a Wagtail admin viewset of ours, to VIEWSETS),
with the answer for each role. A URL pattern with no entry fails the test.
"""

import os

ROLES = ("anon", "participant", "facilitator", "other_facilitator", "program", "finance")


def expect(default=None, **answers):
    """{role: answer}: `default` for every role not named."""
    unknown = set(answers) - set(ROLES)
    assert not unknown, unknown
    return {role: answers.get(role, default) for role in ROLES}


PUBLIC = expect("ok")
SIGNED_IN = expect("ok", anon="login")
# Pages of one person's own registration: everybody else's answer is 404.
OWN_REGISTRATION = expect("404", anon="login", participant="ok")
FACILITATOR_OWN = expect("denied", anon="login", facilitator="ok", other_facilitator="404")
FACILITATORS = expect("denied", anon="login", facilitator="ok", other_facilitator="ok")
# Our admin screens: anyone without admin access goes to the admin sign-in.
NOT_ADMIN = {
    "anon": "admin",
    "participant": "admin",
    "facilitator": "admin",
    "other_facilitator": "admin",
}


def admin(program, finance):
    return {**NOT_ADMIN, "program": program, "finance": finance}


# Wagtail's own admin screens (pages, images, documents, users' groups, settings, ...): they
# follow Wagtail's permission model, which is not ours to re-test, so only people without
# admin access are checked on them (they must go to the admin sign-in).
WAGTAIL_OWN = {**NOT_ADMIN, "program": None, "finance": None}

# Wagtail's screens that are open to everyone (sign-in, password reset, icons, translations).
WAGTAIL_PUBLIC = {
    name: {"answers": {**dict.fromkeys(NOT_ADMIN, "ok"), "program": None, "finance": None}}
    for name in (
        "wagtailadmin_login",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
    )
}

# One line per URL name. "method": "post" for actions that only accept POST (sent empty, in a
# transaction that is rolled back); "sees_personal": roles for whom the page legitimately
# shows the participant's license number, phone or accessibility needs.
MATRIX: dict[str, dict] = {
    **WAGTAIL_PUBLIC,
    # Wagtail serves the CMS pages (the catch-all) and CMS documents (public by design).
    "wagtail_serve": {"answers": PUBLIC, "path": "/"},
    "wagtaildocs_serve": {"answers": expect("404")},
    "wagtaildocs_authenticate_with_password": {"answers": expect("404")},
    "wagtailcore_authenticate_with_password": {"answers": expect("404")},
    "wagtailcore_login": {"answers": PUBLIC},
    "healthz": {"answers": PUBLIC},
    # Staff indicators: one report stands for all (tests/lms/test_reports.py has
    # each report's own permission matrix); revenue is Finance's.
    "lms_reports:index": {"answers": admin("ok", "ok")},
    "lms_reports:report": {"answers": admin("denied", "ok"), "path": "/admin/indicators/revenue/"},
    # Answers person by person need their own permission, which neither group has.
    "lms_reports:demographic_rows": {"answers": admin("denied", "denied")},
    # Agency group registrations. The world has no group yet, so these only show
    # that nobody reaches a group that is not theirs; the swap is POST-only.
    "lms:group_detail": {"answers": expect("404", anon="login")},
    "lms:group_pay": {"answers": expect("404", anon="login")},
    "lms:group_attendee_swap": {"answers": expect("405", anon="login")},
    # tests/lms/test_agency_invoices.py serves a real invoice to its coordinator and staff.
    "lms:invoice_pdf": {"answers": expect("404", anon="login")},
    "lms_scholarship_sponsors:index": {"answers": admin("ok", "ok")},
    # A person's own demographic answers and organization report.
    "lms:demographics": {"answers": SIGNED_IN},
    # Only for people with an organization on their profile (the facilitators have none).
    "lms:organization_report": {
        "answers": expect("ok", anon="login", facilitator="404", other_facilitator="404")
    },
    # allauth's emailed key links (regular expression routes: listed, not requested).
    "account_confirm_email": {"answers": PUBLIC},
    "account_reset_password_from_key": {"answers": PUBLIC},
    "wagtailsnippets_lms_facilitator:list": {"answers": admin("ok", "ok")},
    "wagtailsnippets_lms_facilitator:list_results": {"answers": admin("ok", "ok")},
    "wagtailsnippets_lms_facilitator:add": {"answers": admin("ok", "denied")},
    "wagtailsnippets_lms_facilitator:edit": {"answers": admin("ok", "denied")},
    "wagtailsnippets_lms_facilitator:inspect": {"answers": admin("ok", "ok")},
    "wagtailsnippets_lms_facilitator:delete": {"answers": admin("denied", "denied")},
    "wagtailsnippets_lms_facilitator:usage": {"answers": admin("ok", "denied")},
    "wagtailsnippets_lms_facilitator:history": {"answers": admin("ok", "denied")},
    "wagtailsnippets_lms_facilitator:history_results": {"answers": admin("ok", "denied")},
    "wagtailsnippets_lms_facilitator:copy": {"answers": admin("ok", "denied")},
    "wagtailsnippetchoosers_lms_facilitator:choose": {"answers": admin("ok", "ok")},
    "wagtailsnippetchoosers_lms_facilitator:choose_results": {"answers": admin("ok", "ok")},
    "wagtailsnippetchoosers_lms_facilitator:chosen": {"answers": admin("ok", "ok")},
    "wagtailsnippetchoosers_lms_facilitator:chosen_multiple": {"answers": admin("ok", "ok")},
    "wagtailsnippetchoosers_lms_facilitator:create": {"answers": admin("ok", "denied")},
    "lms_registrations:index": {"answers": admin("ok", "ok")},
    "lms_registrations:index_results": {"answers": admin("ok", "ok")},
    "lms_registrations:add": {"answers": admin("denied", "denied")},
    "lms_registrations:edit": {"answers": admin("ok", "ok")},
    "lms_registrations:delete": {"answers": admin("denied", "denied")},
    "lms_registrations:history": {"answers": admin("ok", "ok")},
    "lms_registrations:history_results": {"answers": admin("ok", "ok")},
    "lms_registrations:usage": {"answers": admin("ok", "ok")},
    "lms_registrations:inspect": {"answers": admin("ok", "ok")},
    "lms_registrations:cancel": {"answers": admin("404", "404")},
    "lms_payments:index": {"answers": admin("ok", "ok")},
    "lms_payments:index_results": {"answers": admin("ok", "ok")},
    "lms_payments:add": {"answers": admin("denied", "denied")},
    "lms_payments:edit": {"answers": admin("denied", "404")},
    "lms_payments:delete": {"answers": admin("404", "404")},
    "lms_payments:history": {"answers": admin("404", "404")},
    "lms_payments:history_results": {"answers": admin("404", "404")},
    "lms_payments:usage": {"answers": admin("404", "404")},
    "lms_payments:inspect": {"answers": admin("404", "404")},
    "lms_payments:refund": {"answers": admin("denied", "404")},
    "lms_discount_codes:index": {"answers": admin("ok", "ok")},
    "lms_discount_codes:index_results": {"answers": admin("ok", "ok")},
    "lms_discount_codes:add": {"answers": admin("ok", "denied")},
    "lms_discount_codes:edit": {"answers": admin("404", "denied")},
    "lms_discount_codes:inspect": {"answers": admin("404", "404")},
    "lms_discount_codes:delete": {"answers": admin("404", "404")},
    "lms_discount_codes:history": {"answers": admin("404", "404")},
    "lms_discount_codes:history_results": {"answers": admin("404", "404")},
    "lms_discount_codes:usage": {"answers": admin("404", "404")},
    "lms_stripe_events:index": {"answers": admin("denied", "ok")},
    "lms_stripe_events:index_results": {"answers": admin("denied", "ok")},
    "lms_stripe_events:add": {"answers": admin("denied", "denied")},
    "lms_stripe_events:edit": {"answers": admin("denied", "denied")},
    "lms_stripe_events:delete": {"answers": admin("404", "404")},
    "lms_stripe_events:history": {"answers": admin("404", "404")},
    "lms_stripe_events:history_results": {"answers": admin("404", "404")},
    "lms_stripe_events:usage": {"answers": admin("404", "404")},
    "lms_stripe_events:inspect": {"answers": admin("404", "404")},
    "lms_scholarship_applications:index": {"answers": admin("ok", "ok")},
    "lms_scholarship_applications:index_results": {"answers": admin("ok", "ok")},
    "lms_scholarship_applications:add": {"answers": admin("denied", "denied")},
    "lms_scholarship_applications:edit": {"answers": admin("404", "denied")},
    "lms_scholarship_applications:delete": {"answers": admin("404", "404")},
    "lms_scholarship_applications:history": {"answers": admin("404", "404")},
    "lms_scholarship_applications:history_results": {"answers": admin("404", "404")},
    "lms_scholarship_applications:usage": {"answers": admin("404", "404")},
    "lms_scholarship_applications:inspect": {"answers": admin("404", "404")},
    "lms_scholarship_applications:review": {"answers": admin("404", "denied")},
    # The default supporter fund (made by migration) is the fund these reach.
    "lms_scholarship_funds:index": {"answers": admin("ok", "ok")},
    "lms_scholarship_funds:index_results": {"answers": admin("ok", "ok")},
    "lms_scholarship_funds:add": {"answers": admin("denied", "ok")},
    "lms_scholarship_funds:edit": {"answers": admin("denied", "ok")},
    "lms_scholarship_funds:inspect": {"answers": admin("ok", "ok")},
    "lms_scholarship_funds:delete": {"answers": admin("denied", "denied")},
    "lms_scholarship_funds:history": {"answers": admin("denied", "ok")},
    "lms_scholarship_funds:history_results": {"answers": admin("denied", "ok")},
    "lms_scholarship_funds:usage": {"answers": admin("denied", "ok")},
    "lms_scholarship_funds:credit": {"answers": admin("denied", "404")},
    "lms_scholarship_awards:index": {"answers": admin("ok", "ok")},
    "lms_scholarship_awards:index_results": {"answers": admin("ok", "ok")},
    "lms_scholarship_awards:add": {"answers": admin("denied", "denied")},
    "lms_scholarship_awards:edit": {"answers": admin("denied", "denied")},
    "lms_scholarship_awards:delete": {"answers": admin("404", "404")},
    "lms_scholarship_awards:history": {"answers": admin("404", "404")},
    "lms_scholarship_awards:history_results": {"answers": admin("404", "404")},
    "lms_scholarship_awards:usage": {"answers": admin("404", "404")},
    "lms_scholarship_awards:inspect": {"answers": admin("404", "404")},
    "lms_waitlist:index": {"answers": admin("ok", "denied")},
    "lms_waitlist:index_results": {"answers": admin("ok", "denied")},
    "lms_waitlist:add": {"answers": admin("denied", "denied")},
    "lms_waitlist:edit": {"answers": admin("ok", "denied")},
    "lms_waitlist:inspect": {"answers": admin("ok", "denied")},
    "lms_waitlist:delete": {"answers": admin("denied", "denied")},
    "lms_waitlist:history": {"answers": admin("ok", "denied")},
    "lms_waitlist:history_results": {"answers": admin("ok", "denied")},
    "lms_waitlist:usage": {"answers": admin("ok", "denied")},
    "lms_waitlist:move": {"answers": admin("404", "denied")},
    # Organizations and people (Program staff edit; Finance reads and records partner support).
    "lms_organizations:index": {"answers": admin("ok", "ok")},
    "lms_organizations:index_results": {"answers": admin("ok", "ok")},
    "lms_organizations:add": {"answers": admin("ok", "denied")},
    "lms_organizations:edit": {"answers": admin("ok", "denied")},
    "lms_organizations:delete": {"answers": admin("denied", "denied")},
    "lms_organizations:history": {"answers": admin("ok", "denied")},
    "lms_organizations:history_results": {"answers": admin("ok", "denied")},
    "lms_organizations:usage": {"answers": admin("ok", "denied")},
    "lms_organizations:inspect": {"answers": admin("ok", "ok")},
    "lms_organizations:support": {"answers": admin("404", "404")},
    "lms_organizations:contact": {"answers": admin("404", "denied")},
    "lms_organizations:confirm": {"answers": admin("404", "denied")},
    "lms_organizations:merge": {"answers": admin("404", "denied")},
    "lms_organizations:proposal_apply": {"answers": admin("404", "denied"), "method": "post"},
    "lms_organizations:proposal_dismiss": {"answers": admin("404", "denied"), "method": "post"},
    # The people screens are where staff look people up: license numbers are shown there.
    "lms_people:index": {"answers": admin("ok", "ok"), "sees_personal": {"program", "finance"}},
    "lms_people:index_results": {
        "answers": admin("ok", "ok"),
        "sees_personal": {"program", "finance"},
    },
    "lms_people:add": {"answers": admin("denied", "denied")},
    "lms_people:edit": {"answers": admin("denied", "denied")},
    "lms_people:delete": {"answers": admin("denied", "denied")},
    "lms_people:history": {"answers": admin("denied", "denied")},
    "lms_people:history_results": {"answers": admin("denied", "denied")},
    "lms_people:usage": {"answers": admin("denied", "denied")},
    "lms_people:inspect": {"answers": admin("ok", "ok"), "sees_personal": {"program", "finance"}},
    "lms_people:correct": {"answers": admin("404", "denied")},
    "lms_people:confirm": {"answers": admin("404", "denied")},
    "lms_people:deactivate": {"answers": admin("404", "denied")},
    "lms_people:invite": {"answers": admin("ok", "denied")},
    "lms_invoices:index": {"answers": admin("ok", "ok")},
    "lms_invoices:index_results": {"answers": admin("ok", "ok")},
    "lms_invoices:add": {"answers": admin("denied", "denied")},
    "lms_invoices:edit": {"answers": admin("denied", "404")},
    "lms_invoices:inspect": {"answers": admin("404", "404")},
    "lms_invoices:delete": {"answers": admin("404", "404")},
    "lms_invoices:history": {"answers": admin("404", "404")},
    "lms_invoices:history_results": {"answers": admin("404", "404")},
    "lms_invoices:usage": {"answers": admin("404", "404")},
    "lms_invoices:pay": {"answers": admin("denied", "404")},
    "lms_invoices:void": {"answers": admin("denied", "404")},
    "trainings:index": {"answers": admin("ok", "ok")},
    "trainings:index_results": {"answers": admin("ok", "ok")},
    "trainings:add": {"answers": admin("ok", "denied")},
    "trainings:edit": {"answers": admin("ok", "denied")},
    "trainings:inspect": {"answers": admin("ok", "ok")},
    "trainings:delete": {"answers": admin("denied", "denied")},
    "trainings:history": {"answers": admin("ok", "denied")},
    "trainings:history_results": {"answers": admin("ok", "denied")},
    "trainings:usage": {"answers": admin("ok", "denied")},
    "trainings:copy": {"answers": admin("ok", "denied")},
    "sessions:index": {"answers": admin("ok", "ok")},
    "sessions:index_results": {"answers": admin("ok", "ok")},
    "sessions:add": {"answers": admin("ok", "denied")},
    "sessions:edit": {"answers": admin("ok", "denied")},
    "sessions:inspect": {"answers": admin("ok", "ok")},
    "sessions:delete": {"answers": admin("denied", "denied")},
    "sessions:history": {"answers": admin("ok", "denied")},
    "sessions:history_results": {"answers": admin("ok", "denied")},
    "sessions:usage": {"answers": admin("ok", "denied")},
    "sessions:copy": {"answers": admin("ok", "denied")},
    "sessions:operations": {"answers": admin("ok", "denied")},
    "sessions:cancel": {"answers": admin("ok", "denied")},
    "sessions:reschedule": {"answers": admin("ok", "denied")},
    "sessions:message": {"answers": admin("ok", "denied")},
    "sessions:add_registration": {"answers": admin("ok", "denied")},
    "fee_schedules:index": {"answers": admin("ok", "ok")},
    "fee_schedules:index_results": {"answers": admin("ok", "ok")},
    "fee_schedules:add": {"answers": admin("ok", "denied")},
    "fee_schedules:edit": {"answers": admin("404", "404")},
    "fee_schedules:inspect": {"answers": admin("404", "404")},
    "fee_schedules:delete": {"answers": admin("404", "404")},
    "fee_schedules:history": {"answers": admin("404", "404")},
    "fee_schedules:history_results": {"answers": admin("404", "404")},
    "fee_schedules:usage": {"answers": admin("404", "404")},
    "fee_schedules:copy": {"answers": admin("404", "denied")},
    "topics:index": {"answers": admin("ok", "denied")},
    "topics:index_results": {"answers": admin("ok", "denied")},
    "topics:add": {"answers": admin("ok", "denied")},
    "topics:edit": {"answers": admin("404", "denied")},
    "topics:inspect": {"answers": admin("404", "404")},
    "topics:delete": {"answers": admin("404", "404")},
    "topics:history": {"answers": admin("404", "404")},
    "topics:history_results": {"answers": admin("404", "404")},
    "topics:usage": {"answers": admin("404", "404")},
    "topics:copy": {"answers": admin("404", "denied")},
    "audiences:index": {"answers": admin("ok", "ok")},
    "audiences:index_results": {"answers": admin("ok", "ok")},
    "audiences:add": {"answers": admin("ok", "denied")},
    "audiences:edit": {"answers": admin("404", "denied")},
    "audiences:inspect": {"answers": admin("404", "404")},
    "audiences:delete": {"answers": admin("404", "404")},
    "audiences:history": {"answers": admin("404", "404")},
    "audiences:history_results": {"answers": admin("404", "404")},
    "audiences:usage": {"answers": admin("404", "404")},
    "audiences:copy": {"answers": admin("404", "denied")},
    "ce_credentials:index": {"answers": admin("ok", "ok")},
    "ce_credentials:index_results": {"answers": admin("ok", "ok")},
    "ce_credentials:add": {"answers": admin("ok", "denied")},
    "ce_credentials:edit": {"answers": admin("ok", "denied")},
    "ce_credentials:inspect": {"answers": admin("ok", "ok")},
    "ce_credentials:delete": {"answers": admin("denied", "denied")},
    "ce_credentials:history": {"answers": admin("ok", "denied")},
    "ce_credentials:history_results": {"answers": admin("ok", "denied")},
    "ce_credentials:usage": {"answers": admin("ok", "denied")},
    "ce_credentials:copy": {"answers": admin("ok", "denied")},
    "trainingapproval:index": {"answers": admin("ok", "denied")},
    "trainingapproval:index_results": {"answers": admin("ok", "denied")},
    "trainingapproval:add": {"answers": admin("ok", "denied")},
    "trainingapproval:edit": {"answers": admin("ok", "denied")},
    "trainingapproval:inspect": {"answers": admin("ok", "denied")},
    "trainingapproval:delete": {"answers": admin("denied", "denied")},
    "trainingapproval:history": {"answers": admin("ok", "denied")},
    "trainingapproval:history_results": {"answers": admin("ok", "denied")},
    "trainingapproval:usage": {"answers": admin("ok", "denied")},
    "trainingapproval:copy": {"answers": admin("ok", "denied")},
    "accreditingbody:index": {"answers": admin("ok", "denied")},
    "accreditingbody:index_results": {"answers": admin("ok", "denied")},
    "accreditingbody:add": {"answers": admin("ok", "denied")},
    "accreditingbody:edit": {"answers": admin("ok", "denied")},
    "accreditingbody:inspect": {"answers": admin("ok", "denied")},
    "accreditingbody:delete": {"answers": admin("denied", "denied")},
    "accreditingbody:history": {"answers": admin("ok", "denied")},
    "accreditingbody:history_results": {"answers": admin("ok", "denied")},
    "accreditingbody:usage": {"answers": admin("ok", "denied")},
    "accreditingbody:copy": {"answers": admin("ok", "denied")},
    "certificates_admin:index": {"answers": admin("ok", "denied")},
    "certificates_admin:index_results": {"answers": admin("ok", "denied")},
    "certificates_admin:add": {"answers": admin("denied", "denied")},
    "certificates_admin:edit": {"answers": admin("denied", "denied")},
    "certificates_admin:delete": {"answers": admin("denied", "denied")},
    "certificates_admin:history": {"answers": admin("denied", "denied")},
    "certificates_admin:history_results": {"answers": admin("denied", "denied")},
    "certificates_admin:usage": {"answers": admin("denied", "denied")},
    "certificates_admin:inspect": {"answers": admin("ok", "denied"), "sees_personal": {"program"}},
    "certificates_admin:copy": {"answers": admin("denied", "denied")},
    "certificates_admin:revoke": {"answers": admin("404", "denied")},
    "certificates_admin:reissue": {"answers": admin("404", "denied")},
    "certificates_admin:resend": {"answers": admin("404", "denied")},
    "certificates_admin:sessions": {"answers": admin("ok", "denied")},
    "certificates_admin:session": {"answers": admin("ok", "denied")},
    "certificates_admin:run": {"answers": admin("404", "denied")},
    "certificate_templates:index": {"answers": admin("ok", "denied")},
    "certificate_templates:index_results": {"answers": admin("ok", "denied")},
    "certificate_templates:add": {"answers": admin("ok", "denied")},
    "certificate_templates:edit": {"answers": admin("ok", "denied")},
    "certificate_templates:inspect": {"answers": admin("ok", "denied")},
    "certificate_templates:delete": {"answers": admin("denied", "denied")},
    "certificate_templates:history": {"answers": admin("ok", "denied")},
    "certificate_templates:history_results": {"answers": admin("ok", "denied")},
    "certificate_templates:usage": {"answers": admin("ok", "denied")},
    "certificate_templates:copy": {"answers": admin("ok", "denied")},
    "wagtailusers_users:index": {"answers": admin("denied", "denied")},
    "wagtailusers_users:index_results": {"answers": admin("denied", "denied")},
    "wagtailusers_users:add": {"answers": admin("denied", "denied")},
    "wagtailusers_users:edit": {"answers": admin("denied", "denied")},
    "wagtailusers_users:delete": {"answers": admin("denied", "denied")},
    "wagtailusers_users:history": {"answers": admin("denied", "denied")},
    "wagtailusers_users:history_results": {"answers": admin("denied", "denied")},
    "wagtailusers_users:usage": {"answers": admin("denied", "denied")},
    "wagtailusers_users:copy": {"answers": admin("denied", "denied")},
    "technical_assistance:index": {"answers": admin("ok", "denied")},
    "technical_assistance:index_results": {"answers": admin("ok", "denied")},
    "technical_assistance:add": {"answers": admin("denied", "denied")},
    "technical_assistance:edit": {"answers": admin("ok", "denied")},
    "technical_assistance:delete": {"answers": admin("denied", "denied")},
    "technical_assistance:history": {"answers": admin("ok", "denied")},
    "technical_assistance:history_results": {"answers": admin("ok", "denied")},
    "technical_assistance:usage": {"answers": admin("ok", "denied")},
    "technical_assistance:inspect": {"answers": admin("ok", "denied")},
    "technical_assistance:copy": {"answers": admin("denied", "denied")},
    "evaluations:index": {"answers": admin("ok", "denied")},
    "evaluations:index_results": {"answers": admin("ok", "denied")},
    "evaluations:add": {"answers": admin("ok", "denied")},
    "evaluations:edit": {"answers": admin("404", "denied")},
    "evaluations:inspect": {"answers": admin("404", "404")},
    "evaluations:delete": {"answers": admin("404", "404")},
    "evaluations:history": {"answers": admin("404", "404")},
    "evaluations:history_results": {"answers": admin("404", "404")},
    "evaluations:usage": {"answers": admin("404", "404")},
    "evaluations:copy": {"answers": admin("404", "denied")},
    "evaluations:results": {"answers": admin("404", "denied")},
    "session_reports:index": {"answers": admin("ok", "ok")},
    "session_reports:index_results": {"answers": admin("ok", "ok")},
    "session_reports:add": {"answers": admin("denied", "denied")},
    "session_reports:edit": {"answers": admin("404", "denied")},
    "session_reports:delete": {"answers": admin("404", "404")},
    "session_reports:history": {"answers": admin("404", "404")},
    "session_reports:history_results": {"answers": admin("404", "404")},
    "session_reports:usage": {"answers": admin("404", "404")},
    "session_reports:inspect": {"answers": admin("404", "404")},
    "session_reports:copy": {"answers": admin("denied", "denied")},
    "session_reports:reopen": {"answers": admin("404", "denied")},
    "pay_statements:index": {"answers": admin("denied", "ok")},
    "pay_statements:prepare": {"answers": admin("denied", "ok")},
    "pay_statements:detail": {"answers": admin("denied", "404")},
    "pay_statements:approve": {"answers": admin("denied", "404"), "method": "post"},
    "pay_statements:recompute": {"answers": admin("denied", "404"), "method": "post"},
    "pay_statements:discard": {"answers": admin("denied", "404"), "method": "post"},
    "pay_statements:expense_add": {"answers": admin("denied", "404"), "method": "post"},
    "pay_statements:expense_remove": {"answers": admin("404", "404")},
    "pay_statements:pay_connect": {"answers": admin("denied", "404"), "method": "post"},
    "pay_statements:record_payment": {"answers": admin("denied", "404"), "method": "post"},
    "pay_statements:pdf": {"answers": admin("denied", "404")},
    "form_1099:index": {"answers": admin("denied", "ok")},
    "rate_cards:index": {"answers": admin("denied", "ok")},
    "rate_cards:index_results": {"answers": admin("denied", "ok")},
    "rate_cards:add": {"answers": admin("denied", "ok")},
    "rate_cards:edit": {"answers": admin("denied", "404")},
    "rate_cards:inspect": {"answers": admin("404", "404")},
    "rate_cards:delete": {"answers": admin("404", "404")},
    "rate_cards:history": {"answers": admin("404", "404")},
    "rate_cards:history_results": {"answers": admin("404", "404")},
    "rate_cards:usage": {"answers": admin("404", "404")},
    "rate_cards:copy": {"answers": admin("denied", "404")},
    "pay_profiles:index": {"answers": admin("denied", "ok")},
    "pay_profiles:index_results": {"answers": admin("denied", "ok")},
    "pay_profiles:add": {"answers": admin("denied", "ok")},
    "pay_profiles:edit": {"answers": admin("denied", "404")},
    "pay_profiles:inspect": {"answers": admin("404", "404")},
    "pay_profiles:delete": {"answers": admin("404", "404")},
    "pay_profiles:history": {"answers": admin("404", "404")},
    "pay_profiles:history_results": {"answers": admin("404", "404")},
    "pay_profiles:usage": {"answers": admin("404", "404")},
    "pay_profiles:copy": {"answers": admin("denied", "404")},
    "pay_profiles:w9": {"answers": admin("denied", "404")},
    "form_1099_thresholds:index": {"answers": admin("denied", "ok")},
    "form_1099_thresholds:index_results": {"answers": admin("denied", "ok")},
    "form_1099_thresholds:add": {"answers": admin("denied", "ok")},
    "form_1099_thresholds:edit": {"answers": admin("denied", "ok")},
    "form_1099_thresholds:inspect": {"answers": admin("denied", "ok")},
    "form_1099_thresholds:delete": {"answers": admin("denied", "denied")},
    "form_1099_thresholds:history": {"answers": admin("denied", "ok")},
    "form_1099_thresholds:history_results": {"answers": admin("denied", "ok")},
    "form_1099_thresholds:usage": {"answers": admin("denied", "ok")},
    "form_1099_thresholds:copy": {"answers": admin("denied", "ok")},
    "account_login": {
        "answers": expect(
            anon="ok",
            participant="away",
            facilitator="away",
            other_facilitator="away",
            program="away",
            finance="away",
        )
    },
    "account_logout": {
        "answers": expect(
            anon="away",
            participant="ok",
            facilitator="ok",
            other_facilitator="ok",
            program="ok",
            finance="ok",
        )
    },
    "account_inactive": {"answers": PUBLIC},
    "account_signup": {
        "answers": expect(
            anon="ok",
            participant="away",
            facilitator="away",
            other_facilitator="away",
            program="away",
            finance="away",
        )
    },
    "account_reauthenticate": {"answers": SIGNED_IN},
    "account_email": {"answers": SIGNED_IN},
    "account_email_verification_sent": {"answers": PUBLIC},
    "account_change_password": {"answers": SIGNED_IN},
    "account_set_password": {
        "answers": expect(
            anon="login",
            participant="away",
            facilitator="away",
            other_facilitator="away",
            program="away",
            finance="away",
        )
    },
    "account_reset_password": {"answers": PUBLIC},
    "account_confirm_login_code": {
        "answers": expect(
            anon="login",
            participant="away",
            facilitator="away",
            other_facilitator="away",
            program="away",
            finance="away",
        )
    },
    "account_reset_password_from_key_done": {"answers": PUBLIC},
    "account_reset_password_done": {"answers": PUBLIC},
    "sitemap": {"answers": PUBLIC},
    "lms:dashboard": {"answers": SIGNED_IN},
    "lms:profile_edit": {"answers": SIGNED_IN, "sees_personal": {"participant"}},
    "lms:session_register": {
        "answers": expect(
            anon="login",
            participant="away",
            facilitator="away",
            other_facilitator="away",
            program="ok",
            finance="ok",
        )
    },
    "lms:registration_detail": {"answers": OWN_REGISTRATION},
    "lms:registration_pay": {
        "answers": expect(
            anon="login",
            participant="away",
            facilitator="404",
            other_facilitator="404",
            program="404",
            finance="404",
        )
    },
    "lms:registration_cancel": {"answers": OWN_REGISTRATION},
    "lms:registration_receipt": {
        "answers": expect(
            anon="login",
            participant="404",
            facilitator="404",
            other_facilitator="404",
            program="404",
            finance="404",
        )
    },
    "lms:registration_calendar": {"answers": OWN_REGISTRATION},
    "lms:registration_check_in_qr": {"answers": OWN_REGISTRATION},
    "lms:stripe_webhook": {
        "answers": expect("400"),
        "method": "post",
    },
    "lms:scholarship_apply": {
        "answers": expect(
            anon="login",
            participant="away",
            facilitator="404",
            other_facilitator="404",
            program="404",
            finance="404",
        )
    },
    "lms:registration_finish": {
        "answers": expect(
            anon="login",
            participant="away",
            facilitator="404",
            other_facilitator="404",
            program="404",
            finance="404",
        ),
        "method": "post",
    },
    "lms:waitlist_join": {
        "answers": expect(
            anon="login",
            participant="away",
            facilitator="away",
            other_facilitator="away",
            program="away",
            finance="away",
        ),
        "method": "post",
    },
    "lms:waitlist_leave": {
        "answers": expect(
            anon="login",
            participant="away",
            facilitator="404",
            other_facilitator="404",
            program="404",
            finance="404",
        ),
        "method": "post",
    },
    "lms:waitlist_decline": {
        "answers": expect(
            anon="login",
            participant="away",
            facilitator="404",
            other_facilitator="404",
            program="404",
            finance="404",
        ),
        "method": "post",
    },
    "lms:group_register": {"answers": SIGNED_IN},
    "lms:facilitate": {
        "answers": expect(
            anon="login",
            participant="denied",
            facilitator="ok",
            other_facilitator="ok",
            program="denied",
            finance="denied",
        )
    },
    # The roster shows what participants chose to share with their facilitator.
    "lms:facilitate_session": {"answers": FACILITATOR_OWN, "sees_personal": {"facilitator"}},
    "lms:facilitate_material_upload": {
        "answers": expect(
            anon="login",
            participant="denied",
            facilitator="away",
            other_facilitator="404",
            program="denied",
            finance="denied",
        ),
        "method": "post",
    },
    "lms:facilitate_material_withdraw": {
        "answers": expect(
            anon="login",
            participant="denied",
            facilitator="away",
            other_facilitator="404",
            program="denied",
            finance="denied",
        ),
        "method": "post",
    },
    "lms:facilitate_report": {"answers": FACILITATOR_OWN},
    "lms:facilitate_evaluation": {"answers": FACILITATOR_OWN},
    "lms:facilitate_meeting": {"answers": FACILITATOR_OWN},
    "lms:facilitate_check_in": {
        "answers": expect(
            anon="login",
            participant="denied",
            facilitator="away",
            other_facilitator="404",
            program="denied",
            finance="denied",
        ),
        "method": "post",
    },
    "lms:facilitate_attendance_edit": {"answers": FACILITATOR_OWN},
    "lms:facilitate_virtual_report": {"answers": FACILITATOR_OWN},
    "lms:facilitate_virtual_row": {
        "answers": expect(
            anon="login",
            participant="denied",
            facilitator="404",
            other_facilitator="404",
            program="denied",
            finance="denied",
        ),
        "method": "post",
    },
    "lms:facilitate_checkin_token": {"answers": FACILITATOR_OWN},
    "lms:material_download": {
        "answers": expect(
            anon="login",
            participant="ok",
            facilitator="ok",
            other_facilitator="404",
            program="ok",
            finance="404",
        )
    },
    "lms:session_materials": {
        "answers": expect(
            anon="login",
            participant="ok",
            facilitator="ok",
            other_facilitator="404",
            program="404",
            finance="404",
        )
    },
    "lms:evaluation": {"answers": OWN_REGISTRATION},
    "lms:technical_assistance": {"answers": PUBLIC, "sees_personal": {"participant"}},
    "lms:facilitate_pay": {
        "answers": expect(
            anon="login",
            participant="denied",
            facilitator="ok",
            other_facilitator="ok",
            program="denied",
            finance="denied",
        )
    },
    "lms:facilitate_pay_pdf": {
        "answers": expect(
            anon="login",
            participant="denied",
            facilitator="404",
            other_facilitator="404",
            program="denied",
            finance="denied",
        )
    },
    "lms:facilitate_pay_direct_deposit": {
        "answers": expect(
            anon="login",
            participant="denied",
            facilitator="away",
            other_facilitator="away",
            program="denied",
            finance="denied",
        ),
        "method": "post",
    },
    # People's data: each person's own privacy page, download and erasure (the confirm link
    # with the token "x" is no link: 404 for everyone signed in).
    # The demo's mailbox exists only with DEBUG on (the matrix runs with it off).
    "lms:mailbox": {"answers": expect("404")},
    "lms:mailbox_message": {"answers": expect("404")},
    "lms:mailbox_html": {"answers": expect("404")},
    "lms:mailbox_attachment": {"answers": expect("404")},
    "lms:privacy": {"answers": SIGNED_IN},
    "lms:privacy_export": {
        "answers": SIGNED_IN,
        "method": "post",
        "sees_personal": {"participant"},
    },
    "lms:privacy_erase_request": {"answers": SIGNED_IN, "method": "post"},
    "lms:privacy_erase_withdraw": {"answers": expect("away", anon="login"), "method": "post"},
    "lms:privacy_erase_confirm": {"answers": expect("404", anon="login")},
    "lms:privacy_erased": {"answers": PUBLIC},
    # Staff: erasure requests (Program staff record and carry them out; edits go to the
    # request's page), retention runs and reads of demographic answers (read only).
    "erasure_requests:index": {"answers": admin("ok", "denied")},
    "erasure_requests:index_results": {"answers": admin("ok", "denied")},
    "erasure_requests:add": {"answers": admin("ok", "denied")},
    "erasure_requests:edit": {"answers": admin("away", "denied")},
    "erasure_requests:delete": {"answers": admin("denied", "denied")},
    "erasure_requests:history": {"answers": admin("ok", "denied")},
    "erasure_requests:history_results": {"answers": admin("ok", "denied")},
    "erasure_requests:usage": {"answers": admin("ok", "denied")},
    "erasure_requests:inspect": {"answers": admin("ok", "denied")},
    "erasure_requests:erase": {"answers": admin("ok", "denied")},
    "erasure_requests:withdraw": {"answers": admin("ok", "denied")},
    "retention_runs:index": {"answers": admin("ok", "denied")},
    "retention_runs:index_results": {"answers": admin("ok", "denied")},
    "retention_runs:add": {"answers": admin("denied", "denied")},
    "retention_runs:edit": {"answers": admin("denied", "denied")},
    "retention_runs:delete": {"answers": admin("denied", "denied")},
    "retention_runs:history": {"answers": admin("denied", "denied")},
    "retention_runs:history_results": {"answers": admin("denied", "denied")},
    "retention_runs:usage": {"answers": admin("denied", "denied")},
    "retention_runs:inspect": {"answers": admin("ok", "denied")},
    "demographic_reads:index": {"answers": admin("ok", "denied")},
    "demographic_reads:index_results": {"answers": admin("ok", "denied")},
    "demographic_reads:add": {"answers": admin("denied", "denied")},
    "demographic_reads:edit": {"answers": admin("denied", "denied")},
    "demographic_reads:delete": {"answers": admin("denied", "denied")},
    "demographic_reads:history": {"answers": admin("denied", "denied")},
    "demographic_reads:history_results": {"answers": admin("denied", "denied")},
    "demographic_reads:usage": {"answers": admin("denied", "denied")},
    "demographic_reads:inspect": {"answers": admin("ok", "denied")},
    "certificates:verify_form": {"answers": PUBLIC},
    "certificates:verify": {"answers": PUBLIC},
    "certificates:transcript": {"answers": SIGNED_IN},
    "certificates:transcript_pdf": {"answers": SIGNED_IN},
    "certificates:transcript_csv": {"answers": SIGNED_IN},
    "certificates:certificate_pdf": {"answers": OWN_REGISTRATION},
    "cms:calendar_feed": {"answers": PUBLIC},
    "cms:session_calendar": {"answers": expect("404")},
}


def matrix_entry(name: str, route: str, *, ours: bool) -> dict | None:
    if name in MATRIX:
        return MATRIX[name]
    if not ours:
        return {"answers": WAGTAIL_OWN}
    if os.environ.get("AUTHZ_OBSERVE"):  # prints what each role gets, to write the entry
        post = name in os.environ.get("AUTHZ_OBSERVE_POST", "").split(",")
        return {"answers": dict.fromkeys(ROLES, "?"), "method": "post" if post else "get"}
    return None
