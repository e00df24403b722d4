"""`__in` on integer columns with numbers the column cannot hold (registered at start-up by
lms/apps.py).

Django answers `pk=10**40` with "no rows" (its integer lookups check the column's range),
but `pk__in=[10**40]` reaches the database: SQLite raises OverflowError, a server error.
Listing filters send `__in` with whatever was in the query string (`?topics=99999…` on the
trainings listing, `?group=…` on the users listing). A number outside the column's range
matches no row, so it is dropped; with none left the lookup matches nothing.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            fits = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not fits:
                raise EmptyResultSet
            self.rhs = fits
        return super().process_rhs(compiler, connection)
