"""What every form view shares."""

from django.core.exceptions import ValidationError


def add_action_errors(form, error: ValidationError) -> None:
    """Put an action's refusal on the form: on the field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
