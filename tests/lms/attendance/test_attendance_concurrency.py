"""Two facilitators scan the same badge at once: one check-in, one "already checked in"."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from lms.models import AttendanceRecord, Meeting
from lms.services.attendance import attendance_check_in
from tests.factories import RegistrationFactory, SessionFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_scans_record_one_check_in():
    session = SessionFactory(meeting=False)
    start = timezone.now() - dt.timedelta(minutes=5)
    meeting = Meeting.objects.create(
        session=session, starts_at=start, ends_at=start + dt.timedelta(hours=3)
    )
    registration = RegistrationFactory(session=session)
    barrier = threading.Barrier(6)
    results, errors = [], []

    def scan():
        try:
            barrier.wait()
            results.append(
                attendance_check_in(registration=registration, meeting=meeting, by=None)[1]
            )
        except Exception as exc:  # any error fails the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [False] * 5 + [True]
    assert AttendanceRecord.objects.filter(registration=registration).count() == 1
