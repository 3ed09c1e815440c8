"""A decimal column whose reads survive values that no longer fit it."""

import decimal

from django.db import models


class StoredDecimalField(models.DecimalField):
    """A DecimalField that reads an impossible stored value (inf, too many digits) as None.

    SQLite keeps whatever REAL it is given, so a value written before the bounds in
    `indicators.values` (e.g. 1e400 → inf, 1E+30) stays in the file; Django's converter
    raises InvalidOperation on it and takes down every page that reads the row. Reading
    it as "no number" keeps the pages up and lets the author enter a correction.
    """

    @property
    def context(self):
        # Untrapped: quantizing an infinity or an oversized number yields NaN, not an error.
        return decimal.Context(prec=self.max_digits, traps=[])

    def from_db_value(self, value, expression, connection):
        if isinstance(value, float):  # a backend without its own converter
            value = decimal.Decimal(value)
        if value is None or not value.is_finite():
            return None
        if value.adjusted() >= self.max_digits - self.decimal_places:
            return None
        return value

    def deconstruct(self):
        # The column is a plain DecimalField's: only reads differ, so no migration.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
