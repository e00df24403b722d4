"""Signals lms sends to the apps built on it.

lms imports neither certificates nor cms, so when one of its changes matters to them they
listen here instead of being called.
"""

from django.dispatch import Signal

# Sent by lms.services.registrations.registration_cancel inside its transaction, with the
# registration row locked and already saved as cancelled. Keyword arguments: registration,
# by (the user who cancelled, or None), reason. certificates revokes the registration's valid
# certificates (certificates/signals.py), so a cancelled registration never keeps one.
registration_cancelled = Signal()

# Sent by lms.services.privacy.personal_data_export with the keyword argument `person`. Each
# receiver returns a list of lms.selectors.privacy.ExportSection: certificates adds the
# person's certificates (certificates/privacy.py), so the export holds everything about them.
personal_data_requested = Signal()

# Sent by lms.services.privacy.person_erase inside its transaction, with the erasure request
# and the person's rows locked and lms's own data already pseudonymised. Keyword arguments:
# person, pseudonym, initials (of the name the person had), by. Each receiver changes its own
# rows and returns {what: count} for the request's summary: certificates keeps each
# certificate verifiable on /verify/, with the holder's initials instead of their name.
person_erased = Signal()

# Sent by lms.services.audit.audit_log after each audit entry, with the keyword arguments
# instance and action, inside the change's transaction. Outbound webhooks listen
# (lms.services.webhooks.webhook_events_from_audit, connected in lms.apps): the audit trail
# already names every change of money or state, so each event comes from one place.
audited = Signal()
