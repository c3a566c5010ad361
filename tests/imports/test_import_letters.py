"""manage.py import_letters: existing letters logged through the one write path."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from engagements.models import Communication, Response
from reminders.models import Reminder
from reminders.planner import plan_pass
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 3, 1)
HEADER = ["reference", "type", "company", "mandates", "sent_on", "language", "subject",
          "summary", "letter_pdf", "reply_1_kind", "reply_1_received_on", "reply_1_body",
          "reply_1_pdf"]
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "letters.csv"


@pytest.fixture(autouse=True)
def _today(frozen_today):
    return frozen_today(TODAY)


@pytest.fixture
def meta(lead_a, company_a):
    factories.FormerNameFactory(company=company_a, name="Facebook",
                                renamed_on=dt.date(2021, 10, 28))
    factories.MandateFactory(short_name="SR privacy")
    factories.MandateFactory(short_name="SR freedom of expression")
    return company_a


def row(reference="AL OTH 1/2021", company="Facebook", sent_on="2021-06-15", **extra):
    values = {"reference": reference, "type": reference.split()[0].removeprefix("J"),
              "company": company, "mandates": "SR privacy", "sent_on": sent_on,
              "language": "en", "subject": "Content moderation during protests",
              "summary": "Alleged removal of protest content."}
    values.update(extra)
    return [values.get(column, "") for column in HEADER]


def write_csv(tmp_path, *rows, name="letters.csv") -> Path:
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_letters", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_csv_file_logs_letters_and_replies_under_a_former_company_name(meta, tmp_path):
    path = write_csv(tmp_path, row(reply_1_kind="final", reply_1_received_on="2021-08-01",
                                   reply_1_body="Our reply."),
                     row("JAL OTH 2/2024", company="Meta", sent_on="2024-02-20",
                         mandates="SR privacy; SR freedom of expression"))
    out, _err = run(path)
    assert "2 created, 0 already present" in out
    old = Communication.objects.get(reference="AL OTH 1/2021")
    assert old.company == meta and old.addressed_to == "Facebook"
    assert old.responses.get().body == "Our reply."
    assert old.final_reply_on == dt.date(2021, 8, 1)
    assert Communication.objects.get(reference="AL OTH 2/2024").is_joint


def test_a_second_import_updates_nothing_and_says_so(meta, tmp_path):
    path = write_csv(tmp_path, row(), row("AL OTH 2/2021"))
    run(path)
    before = list(Communication.objects.values_list("pk", "updated_at"))
    out, _err = run(path)
    assert "0 created, 2 already present" in out
    assert list(Communication.objects.values_list("pk", "updated_at")) == before


def test_an_excel_file_with_a_replies_sheet(meta, tmp_path):
    book = Workbook()
    letters = book.active
    letters.append(HEADER[:8])
    letters.append(["UA OTH 3/2021", "UA", "facebook", "SR privacy", dt.datetime(2021, 5, 3),  # noqa: DTZ001  # Excel has no zones
                    "fr", "Coupure", ""])
    replies = book.create_sheet("Replies")
    replies.append(["reference", "kind", "received_on", "body"])
    replies.append(["UA OTH 3/2021", "interim", dt.date(2021, 5, 20), "Accusé"])
    replies.append(["UA OTH 3/2021", "final", dt.date(2021, 6, 20), "Réponse"])
    path = tmp_path / "letters.xlsx"
    book.save(path)
    out, _err = run(path)
    assert "1 created" in out
    letter = Communication.objects.get(reference="UA OTH 3/2021")
    assert letter.language == "fr"
    assert [r.kind for r in letter.responses.order_by("received_on")] == ["interim", "final"]


def test_a_refused_row_writes_nothing_and_names_its_row_and_column(meta, tmp_path):
    path = write_csv(tmp_path, row(), row("AL OTH 2/2021", company="Nobody Inc",
                                          sent_on="15/06/2021"),
                     row("AL OTH 3/2020", sent_on="2021-06-15"))
    with pytest.raises(CommandError, match="Nothing imported: 3 errors"):
        out, err = run(path)
    assert not Communication.objects.exists()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_letters", str(path), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert any(line.startswith("row 3, company: No company is called “Nobody Inc”")
               for line in lines)
    assert any(line.startswith("row 3, sent_on: “15/06/2021” is not a date") for line in lines)
    assert any(line.startswith("row 4, reference: The reference year 2020") for line in lines)


def test_skip_invalid_imports_the_good_rows_and_reports_the_others(meta, tmp_path):
    path = write_csv(tmp_path, row(), row("AL OTH 2/2021", mandates="SR nobody"),
                     row("AL OTH 3/2021", reply_1_kind="final",
                         reply_1_received_on="2021-06-01"))
    out, err = run(path, "--skip-invalid")
    assert "1 created, 0 already present, 2 rows skipped" in out
    assert "Skipped rows: 3, 4" in err
    assert "row 3, mandates: No mandate has the short name “SR nobody”" in err
    assert "row 4, reply_1_received_on:" in err  # a reply before the letter was sent
    # The refused reply took its letter with it: nothing of row 4 is left.
    assert list(Communication.objects.values_list("reference", flat=True)) == ["AL OTH 1/2021"]


def test_a_dry_run_checks_everything_and_writes_nothing(meta, tmp_path):
    documents = tmp_path / "pdfs"
    documents.mkdir()
    (documents / "al-1.pdf").write_bytes(factories.PDF_BYTES)
    path = write_csv(tmp_path, row(letter_pdf="al-1.pdf"))
    out, _err = run(path, "--dry-run", "--documents", documents)
    assert "1 would be created, 0 already present" in out
    assert not Communication.objects.exists()
    media = Path(pytest.importorskip("django.conf").settings.MEDIA_ROOT)
    assert not media.exists() or not any(media.rglob("*.pdf"))


def test_documents_come_from_a_zip_and_are_checked_like_uploads(meta, tmp_path):
    archive = tmp_path / "pdfs.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("scans/al-1.pdf", factories.PDF_BYTES)
        zipped.writestr("reply-1.pdf", factories.PDF_BYTES)
        zipped.writestr("fake.pdf", b"<html>not a pdf</html>")
    good = write_csv(tmp_path, row(letter_pdf="al-1.pdf", reply_1_kind="final",
                                   reply_1_received_on="2021-08-01", reply_1_pdf="reply-1.pdf"))
    out, _err = run(good, "--documents", archive)
    assert "1 created" in out
    letter = Communication.objects.get()
    assert letter.letter.read().startswith(b"%PDF-")
    assert Response.objects.get().attachment
    bad = write_csv(tmp_path, row("AL OTH 2/2021", letter_pdf="fake.pdf"),
                    row("AL OTH 3/2021", letter_pdf="../../etc/missing.pdf"), name="bad.csv")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_letters", str(bad), "--documents", str(archive),
                     stdout=io.StringIO(), stderr=err)
    assert "row 2, letter_pdf: The file is not a PDF." in err.getvalue()
    assert "row 3, letter_pdf: “../../etc/missing.pdf” is not among the documents" in err.getvalue()


def test_a_bad_file_is_one_readable_line_and_a_non_zero_exit(tmp_path, db):
    (tmp_path / "letters.txt").write_text("hello")
    with pytest.raises(CommandError, match=r"neither a \.csv nor a \.xlsx"):
        run(tmp_path / "letters.txt")
    (tmp_path / "letters.csv").write_text("name,city\nA,B\n")
    with pytest.raises(CommandError, match="The file has no column reference, type"):
        run(tmp_path / "letters.csv")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="The Excel file cannot be read"):
        run(tmp_path / "broken.xlsx")


def test_historical_letters_get_no_notice_nor_reminder_but_a_current_one_does(meta, tmp_path):
    path = write_csv(tmp_path, row(), row("AL OTH 9/2024", company="Meta", sent_on="2024-02-20"))
    run(path)
    old = Communication.objects.get(reference="AL OTH 1/2021")
    new = Communication.objects.get(reference="AL OTH 9/2024")
    assert not Reminder.objects.filter(communication=old).exists()
    assert Reminder.objects.filter(communication=new, kind="new_letter").exists()
    # Nor on any day after: the planner leaves a letter of the past alone.
    for day in (TODAY, TODAY + dt.timedelta(days=7), TODAY + dt.timedelta(days=60)):
        plan_pass(today=day, enqueue=False)
    assert not Reminder.objects.filter(communication=old).exists()


def test_the_sample_file_imports_cleanly(db, tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    out, err = run(SAMPLE)
    assert "4 created, 0 already present" in out and not err
    assert Communication.objects.get(reference="AL OTH 201/2019").addressed_to == "Facebook"


def test_a_semicolon_separated_csv_as_excel_writes_it_in_french(meta, tmp_path):
    path = tmp_path / "lettres.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADER)
        writer.writerow(row(mandates="SR privacy; SR freedom of expression"))
    out, _err = run(path)
    assert "1 created" in out
    assert Communication.objects.get().mandates.count() == 2
