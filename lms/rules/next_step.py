"""The one next step for a registration on /my/: what the person most likely came to do.

Plain facts in, one step out; the page turns it into a button (lms/selectors/registrations.py
my_trainings). Order matters: money first, then the seat, then what follows the training."""

from dataclasses import dataclass
from enum import StrEnum


class NextStep(StrEnum):
    PAY = "pay"
    COMPLETE = "complete"  # nothing left to pay: confirm the seat
    AWAIT_SCHOLARSHIP = "await_scholarship"
    JOIN = "join"  # the online meeting is open now
    CHECK_IN = "check_in"  # an in-person meeting is today
    PREPARE = "prepare"  # registered, the training is ahead: the details page
    EVALUATE = "evaluate"
    CERTIFICATE = "certificate"
    REGISTER_AGAIN = "register_again"  # the hold ran out before payment
    NONE = "none"


@dataclass(frozen=True)
class RegistrationFacts:
    status: str  # Registration.Status value
    amount_cents: int = 0
    scholarship_pending: bool = False
    session_cancelled: bool = False
    ended: bool = False
    join_open: bool = False
    meeting_today_in_person: bool = False
    evaluation_open: bool = False
    has_certificate: bool = False
    can_register: bool = False


def next_step(facts: RegistrationFacts) -> NextStep:
    if facts.session_cancelled or facts.status == "cancelled":
        return NextStep.NONE
    if facts.status == "expired":
        return NextStep.REGISTER_AGAIN if facts.can_register else NextStep.NONE
    if facts.status == "pending_payment":
        if facts.scholarship_pending:
            return NextStep.AWAIT_SCHOLARSHIP
        return NextStep.COMPLETE if facts.amount_cents == 0 else NextStep.PAY
    if facts.status != "confirmed":
        return NextStep.NONE
    if facts.evaluation_open:
        return NextStep.EVALUATE
    if facts.has_certificate:
        return NextStep.CERTIFICATE
    if facts.ended:
        return NextStep.NONE
    if facts.join_open:
        return NextStep.JOIN
    if facts.meeting_today_in_person:
        return NextStep.CHECK_IN
    return NextStep.PREPARE
