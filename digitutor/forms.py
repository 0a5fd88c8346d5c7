"""What every form of the portal shares."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit


def form_helper(submit_label, button_id, *, button_name="submit"):
    """Bootstrap layout with one save button; the server, not the browser, reports errors in the page's language."""
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit(button_name, submit_label, css_id=f"{button_id}-button"))
    return helper
