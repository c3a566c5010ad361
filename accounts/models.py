from __future__ import annotations

import secrets
from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from btech.i18n import product_languages


class UserQuerySet(models.QuerySet["User"]):
    def ohchr_staff(self) -> UserQuerySet:
        """User.is_ohchr_staff as a query (a test checks the two always agree)."""
        return self.filter(Q(is_superuser=True) | Q(is_staff=True, company__isnull=True),
                           is_active=True)


class UserManager(DjangoUserManager["User"]):
    """Django's manager (create_user, create_superuser) with UserQuerySet's queries."""

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def ohchr_staff(self) -> UserQuerySet:
        return self.get_queryset().ohchr_staff()


class User(AbstractUser):
    """A person who signs in.

    Two roles: OHCHR staff (``is_staff``, no company) see every letter and use the
    admin; company users (a ``company``) see only their own company's letters.
    """

    company = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Set for company users; they see only this company's letters."),
    )
    # Blank until the person chooses one with the language switcher: until then pages
    # follow their browser, and emails to them are in English (btech/i18n.py).
    language = models.CharField(
        _("language"), max_length=7, blank=True, choices=product_languages,
        help_text=_("The language of the pages and of the emails this person receives."),
    )

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        constraints = [
            # A company user is never OHCHR staff: staff see every company's letters.
            models.CheckConstraint(
                condition=models.Q(company__isnull=True) | models.Q(is_staff=False),
                name="company_user_is_not_staff",
                violation_error_message=_("A company user cannot be OHCHR staff."),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.company_id and (self.is_staff or self.is_superuser):
            raise ValidationError(
                {"company": gettext("A company user cannot be OHCHR staff or a superuser.")}
            )

    @property
    def is_ohchr_staff(self) -> bool:
        """Staff of the UN Human Rights Office; User.objects.ohchr_staff() is the query."""
        return self.is_active and (self.is_superuser or (self.is_staff and not self.company_id))


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address: whoever has the URL sees their deadlines.

    The token is the only credential a calendar app can send, so it is long and random,
    and resetting it cuts off every copy of the old address at once.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    def reset(self) -> None:
        self.token = new_calendar_token()
        self.save(update_fields=["token"])
