"""Seed the scratch database for the load test and print what locust needs as JSON.

Run by bench/load/run.py inside the scratch database's environment: the demo catalogue, then
per concurrency level its own paid sessions (few seats, so registrations compete for them)
and its own participant accounts with complete profiles.
"""

import datetime as dt
import json
import sys

import django

django.setup()

from django.utils import timezone  # noqa: E402

from cms.models import TrainingPage  # noqa: E402
from lms.demo import CHICAGO, _verify_email  # noqa: E402
from lms.models import FeeTier, Meeting, Profile, Session, Training, User  # noqa: E402

PASSWORD = "load-test-password"  # noqa: S105 (a scratch database, dropped after the run)


def main(levels: list[int], sessions_per_level: int, seats: int) -> dict:
    training = (
        Training.objects.filter(fee_schedule__isnull=False)
        .exclude(fee_schedule__tiers__kind=FeeTier.Kind.PAY_WHAT_YOU_CAN)
        .order_by("pk")
        .first()
    )
    standard = training.fee_schedule.tiers.get(kind=FeeTier.Kind.STANDARD)
    start = timezone.now().astimezone(CHICAGO).replace(hour=9, minute=30) + dt.timedelta(days=40)
    runs = {}
    for level in levels:
        sessions = []
        for index in range(sessions_per_level):
            session = Session.objects.create(
                training=training,
                format="virtual",
                online_link="https://zoom.example/j/1",
                capacity=seats,
                status=Session.Status.SCHEDULED,
            )
            begins = start + dt.timedelta(days=index)
            Meeting.objects.create(
                session=session,
                starts_at=begins,
                ends_at=begins + dt.timedelta(minutes=training.duration_minutes),
            )
            sessions.append(session.pk)
        accounts = []
        for number in range(level):
            user = User.objects.create_user(
                email=f"load{level}-{number}@load.test",
                password=PASSWORD,
                first_name="Load",
                last_name=f"User {number}",
            )
            _verify_email(user)
            Profile.objects.create(user=user, printed_name=f"Load User {number}")
            accounts.append(user.email)
        runs[str(level)] = {"sessions": sessions, "accounts": accounts}
    pages = [page.url for page in TrainingPage.objects.live().specific()[:20] if page.url]
    return {
        "password": PASSWORD,
        "tier": standard.pk,
        "amount_cents": standard.price_cents,
        "pages": pages,
        "runs": runs,
    }


if __name__ == "__main__":
    levels = [int(value) for value in sys.argv[1].split(",")]
    print(json.dumps(main(levels, int(sys.argv[2]), int(sys.argv[3]))))
