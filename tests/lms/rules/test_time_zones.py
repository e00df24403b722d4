"""One way of writing time zones: the name people use, the same in winter and summer."""

import pytest

from lms.rules.time_zones import zone_label


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("America/Chicago", "Central Time"),
        ("America/New_York", "Eastern Time"),
        ("America/Denver", "Mountain Time"),
        ("America/Phoenix", "Arizona Time"),
        ("America/Los_Angeles", "Pacific Time"),
        ("Pacific/Honolulu", "Hawaii Time"),
        ("Europe/Madrid", "Madrid time"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires time"),
        (" America/Chicago ", "Central Time"),
        ("", ""),
    ],
)
def test_zone_label(zone, label):
    assert zone_label(zone) == label
