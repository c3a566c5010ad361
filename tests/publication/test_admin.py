"""The publication admin writes through publication/services.py."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publication.models import PublicVersion, StateLetter
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_staff_use_the_admin_and_bad_input_saves_nothing(staff_client, staff, scene):
    for name in ("publicversion", "withheldreply", "stateletter", "relatedletter"):
        assert staff_client.get(f"/admin/publication/{name}/").status_code == 200
        assert staff_client.get(f"/admin/publication/{name}/add/").status_code == 200
    answer = staff_client.post("/admin/publication/stateletter/add/", {
        "communication": scene.letter.pk, "reference": "AL ZZZ 1/2024",
        "sent_on": "2024-03-01", "public_url": ""})
    assert answer.status_code == 200
    assert "is not the ISO-3 code of a State" in answer.content.decode()
    assert StateLetter.objects.count() == 1
    answer = staff_client.post("/admin/publication/stateletter/add/", {
        "communication": scene.letter.pk, "reference": "ua bra 3/2024",
        "sent_on": "2024-03-01", "public_url": "https://example.org/bra"})
    assert answer.status_code == 302
    assert StateLetter.objects.get(reference="UA BRA 3/2024").state.code == "BR"
    answer = staff_client.post("/admin/publication/publicversion/add/", {
        "communication": scene.letter.pk, "response": scene.public_reply.pk,
        "document": SimpleUploadedFile("r.pdf", PDF_BYTES, "application/pdf")})
    assert answer.status_code == 302
    version = PublicVersion.objects.get(response=scene.public_reply)
    assert version.uploaded_by == staff and version.approved_at is None
    staff_client.post("/admin/publication/publicversion/", {
        "action": "approve_selected", "_selected_action": [version.pk]})
    version.refresh_from_db()
    assert version.approved_by == staff
