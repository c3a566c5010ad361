"""Four calls for input by tech-relevant mandates, dated relative to the day the demo is
loaded: three open (Meta intends to submit to the first) and one closed, to which Google
submitted. Loaded by seed_demo through calls.services; idempotent (a call is found again
by its title)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from btech.office_time import office_today
from calls import services
from calls.models import CallForInput, ReportBody
from topics.models import Topic

if TYPE_CHECKING:
    from accounts.models import User
    from companies.models import Company
    from mandates.models import Mandate


@dataclass(frozen=True)
class DemoCall:
    title: str
    title_fr: str
    title_es: str
    mandates: tuple[str, ...]
    report_body: str
    report_session: int
    year_offset: int  # the report's year, after the year the demo is loaded
    topics: tuple[str, ...]
    questions: str
    opened_days_ago: int
    deadline_in_days: int  # negative: closed
    slug: str
    languages: tuple[str, ...] = ("en", "fr", "es")
    intending: tuple[str, ...] = ()  # companies that said they intend to submit
    submitted: tuple[tuple[str, int, bool], ...] = ()  # (company, days before deadline, publish)


CALLS = [
    DemoCall(
        "Freedom of expression and elections in the digital age",
        "La liberté d'expression et les élections à l'ère numérique",
        "La libertad de expresión y las elecciones en la era digital",
        ("SR freedom of expression",), ReportBody.GENERAL_ASSEMBLY, 81, 0,
        ("elections-and-disinformation", "deep-fakes",
         "content-moderation-and-freedom-of-expression"),
        "1. What measures does your company take against disinformation and manipulated "
        "media during elections, and how do they respect freedom of expression?\n"
        "2. How do you handle government requests to remove election-related content?\n"
        "3. What transparency do you offer about political advertising and its targeting?",
        20, 25, "freedom-of-expression-elections", intending=("Meta",)),
    DemoCall(
        "Privacy and the protection of personal data in artificial intelligence systems",
        "La vie privée et la protection des données personnelles dans les systèmes "
        "d'intelligence artificielle",
        "La privacidad y la protección de los datos personales en los sistemas de "
        "inteligencia artificial",
        ("SR privacy",), ReportBody.HUMAN_RIGHTS_COUNCIL, 61, 1,
        ("artificial-intelligence", "privacy-and-data-protection"),
        "1. What personal data is used to train your AI systems, and on what legal basis?\n"
        "2. How can people learn whether their data was used, and object to it?\n"
        "3. What safeguards apply to biometric data?",
        35, 12, "privacy-ai"),
    DemoCall(
        "Digital technologies and the rights to freedom of peaceful assembly and of "
        "association",
        "Les technologies numériques et les droits de réunion pacifique et d'association",
        "Las tecnologías digitales y los derechos de reunión pacífica y de asociación",
        ("SR peaceful assembly and association",), ReportBody.HUMAN_RIGHTS_COUNCIL, 62, 1,
        ("mass-surveillance-and-facial-recognition",
         "online-safety-of-journalists-and-defenders"),
        "1. How do network shutdowns and service restrictions during protests affect your "
        "users, and how do you respond to such orders?\n"
        "2. What do you do to protect organisers of protests from surveillance and "
        "harassment on your services?",
        5, 45, "assembly-digital", languages=("en", "fr", "es", "ar", "ru", "zh")),
    DemoCall(
        "Human rights due diligence in the development and use of artificial intelligence",
        "La diligence raisonnable en matière de droits de l'homme dans le développement et "
        "l'utilisation de l'intelligence artificielle",
        "La debida diligencia en materia de derechos humanos en el desarrollo y el uso de "
        "la inteligencia artificial",
        ("WG business and human rights",), ReportBody.HUMAN_RIGHTS_COUNCIL, 59, 0,
        ("artificial-intelligence", "remedy-and-grievance-mechanisms"),
        "1. How does your company identify and address the human rights risks of AI "
        "products before and after release?\n"
        "2. How do affected people and groups take part in that process?\n"
        "3. What access to remedy do you provide when harm occurs?",
        110, -40, "bhr-ai-due-diligence", intending=("Google",),
        submitted=(("Google", 2, True),)),
]


def load_calls(today: dt.date, mandates: dict[str, Mandate], companies: dict[str, Company],
               users: dict[str, User]) -> int:
    """Create the demo calls that are missing; return how many were created. `users`:
    the demo account that speaks for each company."""
    created = 0
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for demo in CALLS:
        if CallForInput.objects.filter(title=demo.title).exists():
            continue
        with transaction.atomic():
            _load(demo, today, mandates, companies, users, topics)
        created += 1
    return created


def _load(demo: DemoCall, today: dt.date, mandates: dict[str, Mandate],
          companies: dict[str, Company], users: dict[str, User],
          topics: dict[str, Topic]) -> None:
    deadline = today + dt.timedelta(days=demo.deadline_in_days)
    call = services.call_create(
        title=demo.title, title_fr=demo.title_fr, title_es=demo.title_es,
        mandates=[mandates[name] for name in demo.mandates], report_body=demo.report_body,
        report_session=demo.report_session, report_year=today.year + demo.year_offset,
        opened_on=today - dt.timedelta(days=demo.opened_days_ago), deadline=deadline,
        questions=demo.questions,
        official_url=f"https://www.ohchr.org/en/calls-for-input/{today.year}/{demo.slug}",
        languages=demo.languages,
        topics=[topics[slug] for slug in demo.topics if slug in topics],
    )
    for name in demo.intending:
        if name in users:
            services.participation_update(call=call, company=companies[name],
                                          user=users[name], intends_to_submit=True)
    for name, days_before, publish in demo.submitted:
        if name in users:
            services.participation_update(
                call=call, company=companies[name], user=users[name],
                submitted_on=min(deadline - dt.timedelta(days=days_before), office_today()),
                may_publish=publish)
