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
