"""{% registration_steps "fee" %}: where a person is on the way to a seat, shown on every page
of the path (sign-up or sign-in, profile, fee, payment, confirmation)."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STEPS = [
    ("account", _("Account")),
    ("profile", _("Profile")),
    ("fee", _("Fee")),
    ("pay", _("Pay")),
    ("done", _("Done")),
]


@register.inclusion_tag("lms/includes/steps.html")
def registration_steps(current: str) -> dict:
    names = [name for name, _label in STEPS]
    position = names.index(current)
    return {
        "steps": [
            {"label": label, "done": i < position, "current": i == position}
            for i, (_name, label) in enumerate(STEPS)
        ],
        "position": position + 1,
        "count": len(STEPS),
    }


@register.filter
def is_registration_path(next_url) -> bool:
    """True when `next` leads back to a session's registration page (sign-up, sign-in and
    the profile then show the steps)."""
    from django.urls import Resolver404, resolve

    path = str(next_url or "").split("?", 1)[0]
    if not path.startswith("/"):
        return False
    try:
        return resolve(path).url_name == "session_register"
    except Resolver404:
        return False
