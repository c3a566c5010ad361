from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


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
        help_text="Set for company users; they see only this company's letters.",
    )

    class Meta:
        constraints = [
            # A company user is never OHCHR staff: staff see every company's letters.
            models.CheckConstraint(
                condition=models.Q(company__isnull=True) | models.Q(is_staff=False),
                name="company_user_is_not_staff",
                violation_error_message="A company user cannot be OHCHR staff.",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.company_id and (self.is_staff or self.is_superuser):
            raise ValidationError(
                {"company": "A company user cannot be OHCHR staff or a superuser."}
            )

    @property
    def is_ohchr_staff(self) -> bool:
        return self.is_active and (self.is_superuser or (self.is_staff and not self.company_id))
