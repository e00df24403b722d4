# Two organizations with confirmed members, registrations and certificates (tests/api).
from tests.api.conftest import world  # noqa: F401
