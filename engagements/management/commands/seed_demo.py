"""Load the demo: mandates, companies, people, accounts and a dozen letters.

Idempotent: a second run finds everything in place and changes nothing. Letters are
dated relative to the day they are first loaded, so a fresh demo always shows letters
open, due soon, overdue, replied on time and replied late.
"""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from accounts.models import User
from accounts.roles import ohchr_staff_group
from btech.commands import ConciseCommand
from btech.office_time import office_today
from companies.models import Company, CompanyFormerName, Contact
from engagements import services
from engagements.demo.calls import load_calls
from engagements.demo.companies import COMPANIES, CONTACTS
from engagements.demo.dialogues import DIALOGUES
from engagements.demo.letters import HISTORICAL_LETTER, HISTORICAL_SENT_ON, LETTERS, DemoLetter
from engagements.demo.mandates import MANDATES, TRANSLATIONS
from engagements.demo.topics import LETTER_TOPICS, MANDATE_TOPICS, WATCHED_BY_META_LEAD
from engagements.models import Communication
from mandates.models import Mandate, MandateHolder
from topics import services as topic_services
from topics.models import Topic


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _topics(slugs: tuple[str, ...]) -> list[Topic]:
    """The thesaurus' topics by slug; a slug staff have since removed is skipped."""
    return list(Topic.objects.filter(slug__in=slugs))


class Command(ConciseCommand):
    help = "Load the demo data (idempotent): mandates, companies, accounts and letters."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=_iso_date, default=None, metavar="YYYY-MM-DD",
            help="Date the demo letters relative to this day instead of today in Geneva.",
        )

    def handle(self, *args: Any, today: dt.date | None, **options: Any) -> None:
        today = today or office_today()
        if today > office_today():
            raise CommandError(f"--today {today} is in the future; letters cannot be.")
        with transaction.atomic():
            mandates = self._mandates()
            companies = self._companies()
            password, created_users = self._accounts(companies)
            created_letters = self._letters(today, mandates, companies)
            self._webhooks(companies)
            # Public versions and related letters of a published letter (publication/).
            from publication import demo as publication_demo

            publication_demo.load(staff=User.objects.get(username="ohchr"), today=today)
            self._watchlists()
            created_calls = load_calls(today, mandates, companies, {
                user.company.name: user for user in User.objects.filter(
                    username__in=[c[5] for c in CONTACTS if c[5]]).select_related("company")
                if user.company is not None})
            created_dialogues = self._dialogues(today, mandates, companies)
        self.stdout.write(
            f"Demo data: {len(mandates)} mandates, {len(companies)} companies, "
            f"{created_letters} new letter(s) ({Communication.objects.count()} in all), "
            f"{created_calls} new call(s) for input, {created_dialogues} new dialogue(s)."
        )
        if created_users:
            if password is None:
                self.stdout.write("Demo accounts created: " + ", ".join(created_users)
                                  + " (password from BTECH_DEMO_PASSWORD).")
            else:
                self.stdout.write(self.style.WARNING(
                    "Demo accounts created: " + ", ".join(created_users)
                    + f". Their password, shown only now: {password}"))

    # --- mandates ----------------------------------------------------------------------
    def _mandates(self) -> dict[str, Mandate]:
        mandates = {}
        for (short_name, title, mandate_type, kind, country, established_on, established_by,
             covers, holders) in MANDATES:
            mandate, _ = Mandate.objects.get_or_create(
                short_name=short_name,
                defaults=dict(title=title, mandate_type=mandate_type, kind=kind,
                              country=country, established_on=established_on,
                              established_by=established_by, covers=covers),
            )
            self._translate(mandate, TRANSLATIONS.get(short_name, {}))
            if not mandate.topics.exists():
                mandate.topics.set(_topics(MANDATE_TOPICS.get(short_name, ())))
            for name, term_start, term_end in holders:
                if not mandate.holders.filter(name=name, term_start=term_start).exists():
                    holder = MandateHolder(mandate=mandate, name=name, term_start=term_start,
                                           term_end=term_end)
                    holder.full_clean()
                    holder.save()
            mandates[short_name] = mandate
        return mandates

    @staticmethod
    def _translate(mandate: Mandate, translations: dict[str, tuple[str, str, str]]) -> None:
        """Fill the mandate's French and Spanish where they are blank: a demo loaded
        before they existed gets them, and nothing anyone wrote is overwritten."""
        changed = []
        for language, texts in translations.items():
            for field, text in zip(("title", "short_name", "covers"), texts, strict=True):
                column = f"{field}_{language}"
                if not getattr(mandate, column):
                    setattr(mandate, column, text)
                    changed.append(column)
        if changed:
            mandate.full_clean()
            mandate.save(update_fields=changed)

    # --- companies and people ------------------------------------------------------------
    def _companies(self) -> dict[str, Company]:
        companies = {}
        for name, former_names, country, website, hr_function, has_policy in COMPANIES:
            company, _ = Company.objects.get_or_create(
                name=name,
                defaults=dict(headquarters_country=country, website=website,
                              human_rights_function=hr_function, has_ungp_policy=has_policy,
                              is_btech_member=True),
            )
            for former_name, renamed_on in former_names:
                CompanyFormerName.objects.get_or_create(
                    company=company, name=former_name, defaults={"renamed_on": renamed_on})
            companies[name] = company
        for company_name, name, email, role, job_title, _username in CONTACTS:
            Contact.objects.get_or_create(
                company=companies[company_name], email=email,
                defaults=dict(name=name, role=role, job_title=job_title),
            )
        return companies

    def _accounts(self, companies: dict[str, Company]) -> tuple[str | None, list[str]]:
        password = settings.BTECH_DEMO_PASSWORD or None
        generated = password is None
        if generated:
            password = secrets.token_urlsafe(12)
        created = []
        staff, was_created = User.objects.get_or_create(
            username="ohchr",
            defaults=dict(email="ohchr@ohchr.example", first_name="OHCHR", last_name="Staff",
                          is_staff=True),
        )
        if was_created:
            staff.set_password(password)
            staff.save()
            staff.groups.add(ohchr_staff_group())
            created.append("ohchr")
        for company_name, name, email, _role, _title, username in CONTACTS:
            if not username:
                continue
            first, last = name.split(" ", 1)
            user, was_created = User.objects.get_or_create(
                username=username,
                defaults=dict(email=email, first_name=first, last_name=last,
                              company=companies[company_name]),
            )
            if was_created:
                user.set_password(password)
                user.save()
                created.append(username)
            Contact.objects.filter(company=companies[company_name], email=email,
                                   user__isnull=True).update(user=user)
        return (password if generated else None), created

    # --- webhooks ------------------------------------------------------------------------
    def _webhooks(self, companies: dict[str, Company]) -> None:
        """Meta's compliance system, registered for the letters' events and switched
        off: its address is made up, and a demo must not send requests into the world."""
        from webhooks.models import WebhookEndpoint
        from webhooks.services import endpoint_create

        url = "https://grc.meta.example/hooks/btech"
        meta = companies.get("Meta")
        if meta is None or WebhookEndpoint.objects.filter(company=meta, url=url).exists():
            return
        endpoint_create(company=meta, url=url, is_active=False, created_by=None,
                        description="Meta's compliance system (demo: switched off)",
                        events=["letter.created", "letter.assigned", "letter.due_soon",
                                "letter.overdue", "response.created"])

    @staticmethod
    def _watchlists() -> None:
        """Meta's lead follows the risks of its letters, for the weekly topic digest."""
        lead = User.objects.filter(username="meta-lead").first()
        if lead is None or lead.topic_follows.exists():
            return
        for topic in _topics(WATCHED_BY_META_LEAD):
            topic_services.topic_follow(user=lead, topic=topic)

    # --- dialogues, questions and follow-up actions ------------------------------------
    def _dialogues(self, today: dt.date, mandates: dict[str, Mandate],
                   companies: dict[str, Company]) -> int:
        from dialogues import services as dialogue_services
        from dialogues.models import Dialogue
        from topics.models import Topic

        staff = User.objects.get(username="ohchr")
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        created = 0
        for demo in DIALOGUES:
            if Dialogue.objects.filter(title=demo.title).exists():
                continue
            dialogue = dialogue_services.dialogue_create(
                title=demo.title, starts_at=demo.starts_at, format=demo.format,
                organiser_kind=demo.organiser_kind, organiser_name=demo.organiser_name,
                mandates=[mandates[name] for name in demo.mandates],
                companies=[companies[name] for name in demo.companies],
                representatives=list(Contact.objects.filter(email__in=demo.representatives)),
                other_participants=demo.other_participants,
                confidentiality=demo.confidentiality, agenda=demo.agenda,
                summary=demo.summary, public_summary=demo.public_summary,
                topics=[topics[slug] for slug in demo.topics if slug in topics],
                created_by=staff)
            for question in demo.questions:
                dialogue_services.question_add(
                    dialogue=dialogue, text=question.text,
                    asked_by_kind="mandate" if question.asked_by_mandate else "other",
                    asked_by_mandate=mandates.get(question.asked_by_mandate),
                    asked_by_name=question.asked_by_name, addressed_to=question.addressed_to,
                    topic=topics.get(question.topic))
            for action in demo.actions:
                owner = (Contact.objects.get(email=action.owner_email)
                         if action.owner_email else None)
                dialogue_services.action_create(
                    dialogue=dialogue, description=action.description,
                    due_on=today + dt.timedelta(days=action.due_in_days),
                    owner_kind="contact" if owner is not None else "staff",
                    owner_contact=owner, owner_user=staff if owner is None else None,
                    status=action.status, closing_note=action.closing_note,
                    created_by=staff)
            created += 1
        return created

    # --- letters -------------------------------------------------------------------------
    def _letters(self, today: dt.date, mandates: dict[str, Mandate],
                 companies: dict[str, Company]) -> int:
        staff = User.objects.get(username="ohchr")
        created = 0
        for demo in LETTERS:
            created += self._letter(demo, today - dt.timedelta(days=demo.days_ago), mandates,
                                    companies, staff)
        created += self._letter(HISTORICAL_LETTER, dt.date(*HISTORICAL_SENT_ON), mandates,
                                companies, staff)
        return created

    def _letter(self, demo: DemoLetter, sent_on: dt.date, mandates: dict[str, Mandate],
                companies: dict[str, Company], staff: User) -> int:
        company = companies[demo.company]
        # The subject identifies a demo letter: references carry the year it was first
        # loaded in, so they cannot be the key of a command run again next year.
        existing = Communication.objects.filter(company=company, subject=demo.subject).first()
        if existing is not None:
            # A demo loaded before letters had topics gets them; set ones stay.
            if LETTER_TOPICS.get(demo.number) and not existing.topics.exists():
                services.communication_update(
                    communication=existing, topics=_topics(LETTER_TOPICS[demo.number]))
            return 0
        assignee = (Contact.objects.get(company=company, email=demo.assignee_email)
                    if demo.assignee_email else None)
        letter = services.communication_create(
            reference=f"{demo.letter_type} OTH {demo.number}/{sent_on.year}",
            letter_type=demo.letter_type,
            mandates=[mandates[name] for name in demo.mandates],
            company=company, sent_on=sent_on, subject=demo.subject, summary=demo.summary,
            assignee=assignee, topics=_topics(LETTER_TOPICS.get(demo.number, ())),
        )
        for kind, days_after, body in demo.notes:
            services.note_add(communication=letter, kind=kind,
                              noted_on=sent_on + dt.timedelta(days=days_after), body=body,
                              author=staff)
        if demo.extension_days:
            services.deadline_extend(
                communication=letter,
                extended_to=letter.original_due_on + dt.timedelta(days=demo.extension_days),
                reason=demo.extension_reason, granted_by=staff,
            )
        lead = User.objects.filter(company=company).first()
        if demo.acknowledged and lead is not None and not letter.is_historical():
            services.communication_acknowledge(communication=letter, acknowledged_by=lead)
        for reply in demo.replies:
            services.response_log(
                communication=letter, kind=reply.kind,
                received_on=sent_on + dt.timedelta(days=reply.days_after_sending),
                body=reply.body, logged_by=lead or staff,
            )
        return 1
