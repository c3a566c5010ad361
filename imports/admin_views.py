"""Importing letters from the admin: upload, preview, confirm (OHCHR staff).

The preview is the import itself run as a dry run (imports.services.letters_import), so
what it announces is what the confirmation does, unless someone logs a letter of the
file meanwhile (then it is "already present"). Between the two steps the files wait in
storage, named by a token signed for the person who uploaded them, as a form's held PDF
does (engagements/uploads.py): another account's token, or one older than a day, finds
nothing.
"""

from __future__ import annotations

import io
import secrets
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ModelAdmin
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagements.models import Communication
from imports.documents import Documents, ZipDocuments
from imports.reading import UnreadableFile, read_letters
from imports.services import ImportReport, letters_import

if TYPE_CHECKING:
    from accounts.models import User

FOLDER = "held-imports"
HOLD_FOR_SECONDS = 24 * 3600
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Letters (.csv or .xlsx)"),
                           help_text=_("One row per letter; see the file format in the "
                                       "README."))
    documents = forms.FileField(label=_("Documents (.zip)"), required=False,
                                help_text=_("The PDFs the file names, in one ZIP archive."))
    skip_invalid = forms.BooleanField(label=_("Import the valid rows and skip the others"),
                                      required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if PurePosixPath(upload.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB; split it."))
        return upload

    def clean_documents(self) -> Any:
        upload = self.cleaned_data.get("documents")
        if upload and PurePosixPath(upload.name).suffix.lower() != ".zip":
            raise forms.ValidationError(_("Choose a .zip archive."))
        if upload and upload.size > MAX_ARCHIVE_BYTES:
            raise forms.ValidationError(_("The archive is larger than 500 MB; split it."))
        return upload


def _salt(user: User) -> str:
    return f"imports.admin.held:{user.pk}"


def _hold(user: User, upload: Any) -> dict[str, str]:
    suffix = PurePosixPath(upload.name).suffix.lower()
    path = default_storage.save(f"{FOLDER}/{user.pk}/{secrets.token_hex(16)}{suffix}",
                                upload)
    return {"path": path, "name": PurePosixPath(upload.name).name}


def _held(user: User, token: str) -> dict[str, Any] | None:
    try:
        data = signing.loads(token, salt=_salt(user), max_age=HOLD_FOR_SECONDS)
    except signing.BadSignature:
        return None
    for held in (data.get("file"), data.get("documents")):
        if held is not None and (not str(held["path"]).startswith(f"{FOLDER}/{user.pk}/")
                                 or not default_storage.exists(held["path"])):
            return None
    return dict(data)


def _release(data: dict[str, Any]) -> None:
    for held in (data.get("file"), data.get("documents")):
        if held is not None:
            default_storage.delete(held["path"])


def _run(data: dict[str, Any], user: User, *, dry_run: bool) -> ImportReport:
    with default_storage.open(data["file"]["path"], "rb") as stored:
        letters = read_letters(io.BytesIO(stored.read()), name=data["file"]["name"])
    documents: Documents = Documents()
    if data.get("documents"):
        with default_storage.open(data["documents"]["path"], "rb") as stored:
            documents = ZipDocuments(io.BytesIO(stored.read()))
    try:
        return letters_import(letters=letters, documents=documents, imported_by=user,
                              dry_run=dry_run, skip_invalid=data["skip_invalid"])
    finally:
        documents.close()


def import_letters_view(request: HttpRequest) -> HttpResponse:
    """GET: the upload form; POST: the preview; POST with `confirm`: the import. For
    whoever may add letters in the admin (admin.site.admin_view has checked staff)."""
    model_admin: ModelAdmin[Any] = admin.site._registry[Communication]
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    user: User = request.user  # type: ignore[assignment]  # admin_view: signed-in staff
    changelist = reverse("admin:engagements_communication_changelist")
    context: dict[str, Any] = {**model_admin.admin_site.each_context(request),
                               "opts": model_admin.model._meta,
                               "title": gettext("Import letters")}
    if request.method == "POST" and "confirm" in request.POST:
        data = _held(user, request.POST.get("token", ""))
        if data is None:
            messages.error(request, gettext("The uploaded file has expired; upload it "
                                            "again."))
            return HttpResponseRedirect(request.path)
        try:
            report = _run(data, user, dry_run=False)
        except UnreadableFile as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.path)
        if not report.committed:
            context.update(form=ImportForm(), report=report)
            return TemplateResponse(request, "imports/admin_import.html", context, status=400)
        _release(data)
        messages.success(request, report.summary())
        return HttpResponseRedirect(changelist)
    form = ImportForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        data = {"file": _hold(user, form.cleaned_data["file"]),
                "documents": (_hold(user, form.cleaned_data["documents"])
                              if form.cleaned_data["documents"] else None),
                "skip_invalid": form.cleaned_data["skip_invalid"]}
        try:
            report = _run(data, user, dry_run=True)
        except UnreadableFile as error:
            _release(data)
            form.add_error("file", str(error))
        else:
            context.update(report=report,
                           token=signing.dumps(data, salt=_salt(user), compress=True),
                           may_confirm=bool(report.created) and (
                               not report.errors or data["skip_invalid"]))
    status = 400 if request.method == "POST" and form.errors else 200
    return TemplateResponse(request, "imports/admin_import.html", context, status=status)


