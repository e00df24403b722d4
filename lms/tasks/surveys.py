"""Tasks for partner surveys: sending the invitations of a survey just opened."""

from lms.services.surveys import survey_invitations_send as _invitations_send


def survey_invitations_send(survey_id: int) -> int:
    """Queued when staff open a survey; safe to run twice (each invitation is sent once)."""
    return _invitations_send(survey_id=survey_id)
