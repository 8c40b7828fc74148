"""Checks on values sent by a client before a query uses them."""

from django.core.exceptions import ValidationError


def can_look_up(field, value):
    """Whether ``value`` may be looked up in the model ``field``: it converts to the field's
    type and fits in its database column (an id beyond 2**63 overflows SQLite's integers)."""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True
