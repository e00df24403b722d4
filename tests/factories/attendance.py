import factory

from lms.models import AttendanceRecord
from lms.services.attendance import attendance_correct

from .catalogue import RegistrationFactory


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    """A registration's presence at a meeting, recorded the way a facilitator corrects it
    (so the minutes present are computed by the service, never written by hand).

    Without a meeting it is the first of the registration's session; without an arrival the
    person came on time; no `left_at` means they stayed to the end. `arrived_at=None` records
    an absence.
    """

    class Meta:
        model = AttendanceRecord

    registration = factory.SubFactory(RegistrationFactory)
    meeting = factory.LazyAttribute(
        lambda o: o.registration.session.meetings.order_by("starts_at").first()
    )
    arrived_at = factory.LazyAttribute(lambda o: o.meeting.starts_at)
    left_at = None
    recorded_by = None

    @classmethod
    def _create(cls, model_class, *, registration, meeting, arrived_at, left_at, recorded_by):
        return attendance_correct(
            registration=registration,
            meeting=meeting,
            arrived_at=arrived_at,
            left_at=left_at,
            by=recorded_by,
        )
