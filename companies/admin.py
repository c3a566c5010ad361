from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from companies.models import Company, CompanyFormerName, Contact


class FormerNameInline(admin.TabularInline[CompanyFormerName, Company]):
    model = CompanyFormerName
    extra = 0


class ContactInline(admin.TabularInline[Contact, Company]):
    model = Contact
    extra = 0
    fields = ["name", "email", "role", "job_title", "language", "user"]
    autocomplete_fields = ["user"]


class MemberInline(admin.TabularInline[User, Company]):
    model = User
    fk_name = "company"
    extra = 0
    fields = ["username", "email", "first_name", "last_name", "is_active"]
    readonly_fields = ["username"]
    verbose_name = _("member account")
    verbose_name_plural = _("member accounts (add new ones under Accounts › Users)")

    def has_add_permission(self, request: HttpRequest, obj: Company | None = None) -> bool:
        # Accounts need a password; they are created on the user page.
        return False


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin[Company]):
    list_display = ["name", "former_names_list", "headquarters_country",
                    "human_rights_function", "has_ungp_policy", "is_btech_member"]
    list_filter = ["is_btech_member", "has_ungp_policy", "human_rights_function"]
    search_fields = ["name", "former_names__name"]
    inlines = [FormerNameInline, ContactInline, MemberInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Company]:
        return super().get_queryset(request).prefetch_related("former_names")

    @admin.display(description=_("Former names"))
    def former_names_list(self, obj: Company) -> str:
        return ", ".join(former.name for former in obj.former_names.all())


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ["name", "company", "role", "email", "job_title"]
    list_filter = ["role", "company"]
    list_select_related = ["company"]
    search_fields = ["name", "email", "company__name"]
    autocomplete_fields = ["company", "user"]
