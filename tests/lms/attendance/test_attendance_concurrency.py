"""Two facilitators scan the same badge at once: one check-in, one "already checked in"."""

import datetime as dt

import pytest
from django.utils import timezone

from lms.models import AttendanceRecord
from lms.services.attendance import attendance_check_in
from tests.factories import MeetingFactory, RegistrationFactory
from tests.fixtures.races import run_together


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_scans_record_one_check_in():
    meeting = MeetingFactory(starts_at=timezone.now() - dt.timedelta(minutes=5), minutes=180)
    registration = RegistrationFactory(session=meeting.session)
    race = run_together(
        *[lambda: attendance_check_in(registration=registration, meeting=meeting, by=None)] * 6
    )
    assert race.raised == []
    assert sorted(created for _record, created in race.returned) == [False] * 5 + [True]
    assert AttendanceRecord.objects.filter(registration=registration).count() == 1
