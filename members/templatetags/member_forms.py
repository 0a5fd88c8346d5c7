"""The profile page's two forms and the good practice form written in Python, as crispy-forms' Bootstrap 5
templates (and the portal's templates/bootstrap5/errors.html) write them.

Crispy renders a form through a dozen templates and a template per field; on the profile page that was more than
everything else the page draws. Only text inputs, text areas and selects are written here, the fields of those forms;
any other form goes to crispy as before.
"""

from html import escape

from crispy_forms.utils import render_crispy_form
from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from digitutor.addresses import address
from digitutor.templatetags.form_fields import field_html
from digitutor.templatetags.formatting import escape_text
from digitutor.words import per_language

register = template.Library()


@register.simple_tag(takes_context=True)
def bootstrap_form(context, form):
    """{% crispy form %} for a form of text inputs, text areas and selects with the portal's helper (form_helper())."""
    fields = list(form)
    if not _written_here(form.helper, fields):
        return render_crispy_form(form, context=context)
    parts = ['<form novalidate="" method="post">']
    csrf_token = context.get("csrf_token")
    if csrf_token:
        parts.append(f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(csrf_token))}">')
    if form.errors:
        parts.append(render_to_string("bootstrap5/errors.html", {"form": form}))
    parts.extend(field_html(field, inline_errors=True) for field in fields)
    buttons = "".join(
        f'<input type="{escape(button.input_type)}" name="{escape(button.name)}" value="{escape(str(button.value))}"'
        f' class="{escape(button.field_classes)}" id="{escape(button.id)}" />'
        for button in form.helper.inputs
    )
    parts.append(f'<div class="mb-3"><div class="">{buttons}</div></div></form>')
    return mark_safe("".join(parts))


def _written_here(helper, fields):
    """The helper is form_helper()'s (a form tag posting, novalidate, inline errors, no layout) and the fields are
    text inputs, text areas and selects."""
    shape = (
        helper.form_tag,
        helper.form_method,
        helper.form_action,
        helper.attrs,
        bool(helper.form_class),
        bool(helper.form_id),
        bool(helper.form_error_title),
        helper.layout,
    )
    if shape != (True, "post", "", {"novalidate": ""}, False, False, False, None):
        return False
    shown = helper.form_show_errors and helper.form_show_labels and helper.error_text_inline
    return shown and not helper.help_text_inline and all(_is_plain(field) for field in fields)


def _is_plain(field):
    widget = field.field.widget
    return isinstance(widget, (forms.Select, forms.TextInput, forms.EmailInput, forms.Textarea)) and not isinstance(
        widget, forms.SelectMultiple
    )


def _translated_words():
    """The words of the profile page and the practice form in the active language: escaped, as {% translate %} gives
    them, or as they are where {% blocktranslate %} put an escaped value into them ("%(email)s")."""
    return {
        "My profile": escape_text(gettext("My profile")),
        "You log in as": gettext("You log in as <strong>%(email)s</strong>. To change the address, ask the chair."),
        "Fields marked": escape_text(gettext("Fields marked with an asterisk (*) are required.")),
        "Contact details": escape_text(gettext("Contact details")),
        "Other members see": escape_text(gettext("Other members see these on the roster and your member page.")),
        "Travel details": escape_text(gettext("Travel details")),
        "Private": escape_text(
            gettext(
                "Private: only you and the treasurer see these. Your trips usually start from your home address, "
                "and claims are paid to your bank account."
            )
        ),
        "Bank account (IBAN)": escape_text(gettext("Bank account (IBAN)")),
        "Account ending in": gettext("Account ending in %(last)s"),
        "Not given yet.": escape_text(gettext("Not given yet.")),
        "Change bank account": escape_text(gettext("Change bank account")),
        "Add bank account": escape_text(gettext("Add bank account")),
        "Login and security": escape_text(gettext("Login and security")),
        "Change password": escape_text(gettext("Change password")),
        "Two-factor authentication": escape_text(gettext("Two-factor authentication")),
        "My data": escape_text(gettext("My data")),
        "Download everything": escape_text(
            gettext(
                "Download everything the portal holds about you as a JSON file. The privacy notice tells what is "
                "kept, why and for how long."
            )
        ),
        "Download my data": escape_text(gettext("Download my data")),
        "Privacy notice": escape_text(gettext("Privacy notice")),
        "Share a good practice": escape_text(gettext("Share a good practice")),
        "How did you help": escape_text(
            gettext("How did you help a customer with a digital matter? Share it so that others can do the same.")
        ),
    }


# {% translate %} cost some forty calls a word on every drawing: once per language and process instead.
_words = per_language(_translated_words)


@register.simple_tag
def page_word(word):
    """A word of these pages, as {% translate %} wrote it (the page's title)."""
    return mark_safe(_words()[word])


@register.simple_tag(takes_context=True)
def profile_page(context):
    """My profile below the title, as templates/members/profile.html wrote it (tests/members/profile_before/): the
    contact and travel forms for a member, account security and my data for everyone."""
    words = _words()
    email = escape_text(context["user"].email)
    parts = [f"\n<h1>{words['My profile']}</h1>\n<p>{words['You log in as'] % {'email': email}}</p>\n"]
    if context.get("member"):
        account, button = _bank_account(context["details"], words)
        change_account = escape_text(address("profile_iban"))
        parts.append(
            f'\n<p class="text-body-secondary">{words["Fields marked"]}</p>\n<div class="row g-4">\n'
            f'  <section class="col-lg-6" aria-labelledby="contact-heading">\n'
            f'    <h2 id="contact-heading">{words["Contact details"]}</h2>\n'
            f'    <p class="text-body-secondary">{words["Other members see"]}</p>\n'
            f"    {bootstrap_form(context, context['profile_form'])}\n  </section>\n"
            f'  <section class="col-lg-6" aria-labelledby="travel-heading">\n'
            f'    <h2 id="travel-heading">{words["Travel details"]}</h2>\n'
            f'    <p class="text-body-secondary">{words["Private"]}</p>\n'
            f"    {bootstrap_form(context, context['travel_form'])}\n"
            f'    <h3 class="h5 mt-4">{words["Bank account (IBAN)"]}</h3>\n'
            f"    <p>{account}</p>\n"
            f'    <p><a class="btn btn-outline-primary" href="{change_account}">{button}</a></p>\n'
            f"  </section>\n</div>\n"
        )
    parts.append(
        f'\n<section class="mt-4" aria-labelledby="security-heading">\n'
        f'  <h2 id="security-heading">{words["Login and security"]}</h2>\n  <ul>\n'
        f'    <li><a href="{escape_text(address("account_change_password"))}">{words["Change password"]}</a></li>\n'
        f'    <li><a href="{escape_text(address("mfa_index"))}">{words["Two-factor authentication"]}</a></li>\n'
        f"  </ul>\n</section>\n"
        f'<section class="mt-4" aria-labelledby="data-heading">\n'
        f'  <h2 id="data-heading">{words["My data"]}</h2>\n'
        f"  <p>{words['Download everything']}</p>\n"
        f'  <p><a class="btn btn-outline-primary" href="{escape_text(address("personal_data_download"))}" download>'
        f'{words["Download my data"]}</a> <a class="ms-2" href="{escape_text(address("privacy"))}">'
        f"{words['Privacy notice']}</a></p>\n</section>\n"
    )
    return mark_safe("".join(parts))


def _bank_account(details, words):
    """The account's last digits (the rest masked) or that there is none yet, and the button to change or add it."""
    if not details.iban:
        return words["Not given yet."], words["Add bank account"]
    last = escape_text(details.iban[-4:])
    said = (
        f'<span aria-hidden="true">{escape_text(details.iban_masked)}</span>'
        f'<span class="visually-hidden">{words["Account ending in"] % {"last": last}}</span>'
    )
    return said, words["Change bank account"]


@register.simple_tag(takes_context=True)
def practice_form_page(context):
    """The good practice form below the title, as templates/goals/practice_form.html wrote it
    (tests/goals/practice_form_before/)."""
    words = _words()
    return mark_safe(
        f'\n<div class="row"><div class="col-lg-8">\n<h1>{words["Share a good practice"]}</h1>\n'
        f"<p>{words['How did you help']}</p>\n"
        f'<p class="text-body-secondary">{words["Fields marked"]}</p>\n'
        f"{bootstrap_form(context, context['form'])}\n</div></div>\n"
    )
