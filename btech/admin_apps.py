"""Django's admin app, on our site (btech/admin_site.py). A module of its own: an app
config is imported while apps load, before the site's imports can be."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class TrackerAdminConfig(AdminConfig):
    default_site = "btech.admin_site.TrackerAdminSite"
