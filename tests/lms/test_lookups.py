"""`__in` on an integer column with numbers it cannot hold matches nothing, never a server
error (lms/lookups.py)."""

import pytest
from django.contrib.auth.models import Group

from lms.models import Topic
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

HUGE = 10**40


def test_a_number_no_column_holds_matches_no_row():
    topic = TopicFactory()
    assert list(Topic.objects.filter(pk__in=[HUGE])) == []
    assert list(Topic.objects.filter(pk__in=[-HUGE, str(HUGE)])) == []
    assert list(Topic.objects.filter(pk__in=[HUGE, topic.pk])) == [topic]
    assert Topic.objects.exclude(pk__in=[HUGE]).count() == 1
    assert not Group.objects.filter(pk__in=[HUGE]).exists()
