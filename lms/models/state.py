"""One state machine per model: the allowed transitions in one table on the model, one
transition_to() that checks it.

A model with a lifecycle mixes in StateMachine and says, in TRANSITIONS, which status may
follow which. transition_to() is the only code that writes `status`
(tests/lms/test_state_machines.py fails on any other write in lms, certificates and cms). It checks
the table, raises TransitionRefused (a lms.errors.DomainError) or sets the field, and does not
save: the service around it locks the row, returns early when the change is already made,
saves and writes the audit entry (lock, check, act, log).

A row is created in its initial state (the field's default) and moved from there. There is
no bulk path: a change to several rows (hold expiry, lapsing applications) loads each row
under its lock and moves it, so every change is checked and logged.

Status fields that are not lifecycles have no machine: MeetingDelivery.status is what a
facilitator reports about a meeting (edited freely while the report is a draft), and
Payout.status records the outcome of one payment attempt, set when the row is created and
never changed.
"""

from typing import ClassVar

from lms.errors import TransitionRefused


class StateMachine:
    """Mixin for a model with a `status` field whose choices are its `Status` TextChoices."""

    # Each status -> the statuses that may follow it. Every status has a row (tests say so).
    TRANSITIONS: ClassVar[dict[str, set[str]]] = {}

    @classmethod
    def transition_allowed(cls, current: str, new: str) -> bool:
        return new in cls.TRANSITIONS.get(current, ())

    @classmethod
    def transition_check(cls, current: str, new: str) -> None:
        """TransitionRefused unless the table allows `current` -> `new`. For a form that checks
        before the service runs; transition_to() calls it too."""
        if not cls.transition_allowed(current, new):
            labels = dict(cls.Status.choices)
            noun = str(cls._meta.verbose_name)
            article = "An" if noun[0] in "aeiou" else "A"
            raise TransitionRefused(
                f"{article} {noun} cannot go from “{labels.get(current, current)}” to "
                f"“{labels.get(new, new)}”."
            )

    def transition_to(self, new_status: str) -> str:
        """Set `status` to `new_status` if the table allows it; returns the status it left.
        Saving, the lock and the audit entry are the caller's."""
        previous = self.status
        self.transition_check(previous, new_status)
        self.status = new_status
        return previous
