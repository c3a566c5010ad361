from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.forms import AdminPasswordChange
from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    # A password set here also revokes the user's API token and calendar address.
    change_password_form = AdminPasswordChange
    list_display = ["username", "email", "first_name", "last_name", "company", "is_staff",
                    "is_active"]
    list_filter = ["is_staff", "is_active", "company"]
    list_select_related = ["company"]
    autocomplete_fields = ["company"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Company"), {"fields": ["company"],
                        "description": _("Company users see only their company's letters "
                                         "and cannot be staff.")}),
        (_("Language"), {"fields": ["language"]}),
    )
