"""Tasks for scholarships: decisions by email, unused awards, no-shows."""


def email_scholarship_decided(application_id: int) -> None:
    from lms.models import ScholarshipApplication
    from lms.services import emails as emails_equity

    application = ScholarshipApplication.objects.select_related(
        "person", "session__training", "registration"
    ).get(pk=application_id)
    emails_equity.email_scholarship_decided(application=application)


def email_staff_scholarship_applied(application_id: int) -> None:
    from lms.models import ScholarshipApplication
    from lms.services import emails

    application = ScholarshipApplication.objects.select_related(
        "person", "fund", "session__training", "registration"
    ).get(pk=application_id)
    emails.email_staff_scholarship_applied(application=application)


def scholarship_awards_release_unused() -> int:
    from lms.services import scholarship_ledger

    return scholarship_ledger.awards_release_unused()


def scholarship_no_shows_apply() -> int:
    from lms.services import scholarship_ledger

    return scholarship_ledger.awards_no_show_apply()
