"""The audit trail: every change of money or state goes through audit_log().

It writes Wagtail's own log (ModelLogEntry), so staff read the history in the admin next to
the object. Actions are registered in lms.wagtail_hooks with human labels.
"""

from wagtail.log_actions import log

from lms.signals import audited


def audit_log(*, instance, action: str, user=None, data: dict | None = None, **kwargs):
    """Record `action` on `instance` by `user` (None for the system) with structured `data`."""
    entry = log(instance=instance, action=action, user=user, data=data or {}, **kwargs)
    audited.send(sender=type(instance), instance=instance, action=action)
    return entry
