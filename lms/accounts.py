"""Sign-in plumbing around django-allauth and django-axes (docs/security.md):

- the email a login attempt is for, the key django-axes counts failures by (with the client
  address from lms/client_address.py);
- allauth's adapter, so that allauth's own rate limits count the same client address;
- a password reset by the emailed link ends that account's lockouts: whoever can read the
  account's mail is its owner, so an attacker's failures cannot keep the owner out.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from axes.utils import reset as axes_reset
from django.dispatch import receiver

from lms.client_address import client_address


def login_attempt_email(request, credentials=None) -> str:
    """The email a login attempt is for, whichever form sent it (django-axes asks).

    allauth authenticates with `email=`, the Wagtail admin login posts `username`; both are
    lower-cased so that changing the case of an address does not reset the count."""
    credentials = credentials or {}
    data = getattr(request, "POST", {}) if request is not None else {}
    value = (
        credentials.get("email")
        or credentials.get("username")
        or data.get("login")
        or data.get("username")
        or ""
    )
    return str(value).strip().lower()


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # The same address django-axes and our rate limits count; allauth refuses the request
        # (PermissionDenied) when there is none, as it does by default.
        return client_address(request) or super().get_client_ip(request)


def lockouts_end(*, user) -> int:
    """Delete the failed sign-in attempts for every email of `user`, from every address."""
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    keys = {login_attempt_email(None, {"email": email}) for email in emails}
    # Never an empty key: axes' reset() with neither address nor username deletes everything.
    return sum(axes_reset(username=key) for key in keys if key)


@receiver(password_reset, dispatch_uid="lms.accounts.lockouts_end")
def _password_reset_ends_lockouts(sender, request, user, **kwargs):
    lockouts_end(user=user)
