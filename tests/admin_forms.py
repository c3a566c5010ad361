"""Posting the letter's admin change form in tests, as a browser would."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User
from engagements.models import Communication


def change_form_data(letter: Communication) -> dict[str, object]:
    """The letter's change form as the page shows it, ready to post with changes."""
    data: dict[str, object] = {
        "reference": letter.reference, "letter_type": letter.letter_type,
        "mandates": [str(m.pk) for m in letter.mandates.all()],
        "company": str(letter.company_id), "sent_on": letter.sent_on.isoformat(),
        "language": letter.language, "subject": letter.subject, "summary": letter.summary,
        "assignee": "", "press_release_on": "", "extended_to": "", "extension_reason": "",
    }
    staff = User.objects.filter(is_staff=True).first()
    assert staff is not None, "the change form is shown to staff: create a staff user first"
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("admin:engagements_communication_change", args=[letter.pk]))
    # Every inline on the page needs its management form and its rows as shown, as a
    # browser would send them, whatever inlines there are.
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name, value in management.initial.items():
            data[f"{management.prefix}-{name}"] = str(value)
        for form in inline.formset.initial_forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False:
                    data[form.add_prefix(name)] = str(value)
    return data


def form_errors(response) -> str:
    """What the admin refused, for an assertion's message."""
    context = response.context
    if context is None:
        return str(response.status_code)
    return str(context.get("errors")) + str(
        [fs.formset.errors for fs in context.get("inline_admin_formsets", [])])
