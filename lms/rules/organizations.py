"""Organizations and their members. Pure: text and dates in, answers out."""

import datetime as dt


def email_domains(text: str) -> list[str]:
    """The domains an organization registered, cleaned: "Agency.org, @mail.agency.org" →
    ["agency.org", "mail.agency.org"]."""
    return [part.strip().lstrip("@").lower() for part in text.split(",") if part.strip(" @")]


def email_at_domains(email: str, domains_text: str) -> bool:
    """Whether `email` is at one of the domains (exactly, or a subdomain of one)."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return False
    return any(domain == d or domain.endswith("." + d) for d in email_domains(domains_text))


def partner_support_current(
    *, is_partner: bool, paid_on: dt.date | None, today: dt.date, valid_days: int
) -> bool:
    """A partner whose support was paid within `valid_days` of `today`."""
    return bool(is_partner and paid_on and paid_on >= today - dt.timedelta(days=valid_days))
