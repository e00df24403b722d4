"""The one domain error base. Pure Python: lms.rules imports it too.

A service (or a pure rule) that says no raises a subclass of DomainError with a `message`
written for the person who asked, and `reasons` when there are several problems to list
(a session report with three bad lines, a pay statement two sessions block). Views show it
with lms.views.errors.domain_error_show, the admin through its action-form views; neither
needs to know which subclass it caught. Errors from outside services (Stripe) are not domain
errors: the service that called out turns them into one.
"""

from collections.abc import Iterable


class DomainError(Exception):
    """A business rule refused. `message` is for the person who asked; `reasons` lists the
    separate problems when there are several (the message then sums them up)."""

    def __init__(self, message: str = "", *, reasons: Iterable[str] = ()):
        self.reasons = [reason for reason in reasons if reason]
        self.message = message or " ".join(self.reasons) or "That is not allowed."
        super().__init__(self.message)

    @property
    def lines(self) -> list[str]:
        """What to show, one line each: the reasons when there are some, else the message."""
        return self.reasons or [self.message]


class TransitionRefused(DomainError):
    """A status change the model's TRANSITIONS table does not allow (lms.models.state)."""
