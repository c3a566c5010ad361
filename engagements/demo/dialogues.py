"""The three 2021 dialogues of the source documents, with their questions and a few
follow-up actions in every status (seeds 000, 001, 003 and 004).

The seeds give the dates, the participants and the questions; they give no times (the
times below are plausible Geneva afternoons) and, under the Chatham House rule, do not
say which company asked what. The mandates a question is put down to are those whose
work the question is about. The follow-up actions are the seeds' own ("a survey to all
participants", "more sessions with mandate holders") and a few realistic ones, dated
relative to today so that the demo always has something due soon and something overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

GENEVA = ZoneInfo("Europe/Zurich")

COP_COMPANIES = ["Apple", "Cisco", "Cloudflare", "Ericsson", "Meta", "Google",
                 "Hewlett Packard Enterprise", "Microsoft", "Salesforce", "X", "Verizon",
                 "Vodafone"]


@dataclass(frozen=True)
class DemoQuestion:
    text: str
    asked_by_mandate: str = ""  # a mandate's short name; else asked_by_name
    asked_by_name: str = ""
    addressed_to: str = ""
    topic: str = ""  # a topic's slug


@dataclass(frozen=True)
class DemoAction:
    description: str
    due_in_days: int  # relative to today
    status: str
    owner_email: str = ""  # a demo contact; blank: the OHCHR demo account
    closing_note: str = ""


@dataclass(frozen=True)
class DemoDialogue:
    title: str
    starts_at: dt.datetime
    format: str
    organiser_kind: str
    organiser_name: str
    mandates: list[str]
    companies: list[str]
    other_participants: str
    confidentiality: str
    agenda: str
    summary: str
    public_summary: str
    topics: list[str]
    representatives: list[str] = field(default_factory=list)  # contact emails
    questions: list[DemoQuestion] = field(default_factory=list)
    actions: list[DemoAction] = field(default_factory=list)


_ATTRIBUTION = "A participating company (not attributed: Chatham House rule)"

DIALOGUES = [
    DemoDialogue(
        title="B-Tech Community of Practice dialogue with UN Special Procedures mandate "
              "holders",
        starts_at=dt.datetime(2021, 5, 12, 15, 0, tzinfo=GENEVA),
        format="cop_session", organiser_kind="ohchr", organiser_name="",
        mandates=["SR freedom of expression", "SR human rights defenders",
                  "IE sexual orientation and gender identity", "SR trafficking in persons",
                  "SR contemporary forms of slavery",
                  "SR sale and sexual exploitation of children"],
        companies=COP_COMPANIES,
        representatives=["amara.okafor@meta.example", "lena.fischer@google.example"],
        other_participants="UN Human Rights B-Tech Project team.",
        confidentiality="confidential",
        agenda="1. How the Special Procedures work and how they engage companies.\n"
               "2. Questions from the mandate holders to the companies.\n"
               "3. Questions from the companies to the mandate holders.\n"
               "4. Opportunities for future engagement.",
        summary="Mandate holders explained the communications procedure and the 60-day "
                "period within which replies are expected. Companies asked how best to "
                "flag issues to a mandate's office and how to engage before a formal "
                "letter is sent. Both sides agreed to continue the conversation in further "
                "Community of Practice sessions.",
        public_summary="The B-Tech Project hosted a dialogue between the companies of its "
                       "Community of Practice and six Special Procedures mandate holders, "
                       "for companies to learn about the mandates' work, for mandate holders "
                       "to ask companies questions, and to identify opportunities for future "
                       "engagement.",
        topics=["safety-of-people-at-risk", "child-sexual-abuse-material-and-child-safety",
                "lgbti-people-in-repressive-contexts", "cyber-security"],
        questions=[
            DemoQuestion("How are companies engaging with human rights defenders? Are there "
                         "safe and stable lines for engaging if someone is being attacked?",
                         asked_by_mandate="SR human rights defenders",
                         addressed_to="The participating companies",
                         topic="online-safety-of-journalists-and-defenders"),
            DemoQuestion("Are there measures in place to permanently remove [child] abuse "
                         "material?",
                         asked_by_mandate="SR sale and sexual exploitation of children",
                         addressed_to="The participating companies",
                         topic="child-sexual-abuse-material-and-child-safety"),
            DemoQuestion("How do businesses reconcile their operations in the Global North and "
                         "the repercussions for LGBTI people in repressive regimes?",
                         asked_by_mandate="IE sexual orientation and gender identity",
                         addressed_to="The participating companies",
                         topic="lgbti-people-in-repressive-contexts"),
            DemoQuestion("Exploring the balance between protection of children and privacy, "
                         "how can we preserve evidence, so perpetrators are held accountable?",
                         asked_by_mandate="SR sale and sexual exploitation of children",
                         addressed_to="The participating companies",
                         topic="child-sexual-abuse-material-and-child-safety"),
            DemoQuestion("What is the proposed methodology to put the issue [of human rights "
                         "and cyber security] on the radar and what's the best method to flag "
                         "to [a Special Rapporteur's] office about such issues?",
                         asked_by_name=_ATTRIBUTION, addressed_to="The mandate holders",
                         topic="cyber-security"),
            DemoQuestion("What are the pain points to identify in regards to an independent "
                         "investigation on the safety of female journalists online and what "
                         "are any tools that we could bring to make this process smoother?",
                         asked_by_name=_ATTRIBUTION, addressed_to="The mandate holders",
                         topic="online-safety-of-journalists-and-defenders"),
        ],
        actions=[
            DemoAction("Share with the office of the SR on human rights defenders how the "
                       "company's teams engage with defenders under attack, and the contact "
                       "line for urgent cases.", due_in_days=5, status="open",
                       owner_email="amara.okafor@meta.example"),
            DemoAction("Send the SR on trafficking in persons the contact point for reports "
                       "of trafficking content on the company's platforms.", due_in_days=-10,
                       status="in_progress", owner_email="lena.fischer@google.example"),
            DemoAction("Bring Special Rapporteurs into further Community of Practice "
                       "sessions.", due_in_days=30, status="in_progress"),
            DemoAction("Organise a separate session on the balance between child protection "
                       "and privacy.", due_in_days=-200, status="dropped",
                       closing_note="Taken up in the Community of Practice's session on "
                                    "child safety instead."),
        ],
    ),
    DemoDialogue(
        title="Dialogue between UN experts, technology companies and civil society "
              "(ISHR and Access Now)",
        starts_at=dt.datetime(2021, 11, 10, 14, 0, tzinfo=GENEVA),
        format="multi_stakeholder", organiser_kind="civil_society",
        organiser_name="International Service for Human Rights (ISHR) and Access Now",
        mandates=[], companies=[],
        other_participants="About ten UN independent experts and some fifteen technology and "
                           "telecommunications companies (not named in the public briefing), "
                           "with civil-society organisations.",
        confidentiality="public",
        agenda="A common understanding of human rights challenges; key risk areas; "
               "solutions informed by rightsholders and civil society.",
        summary="",
        public_summary="The first in a series of dialogues to build bridges between the "
                       "business sector, civil society and UN experts. Topics where "
                       "collaboration is needed: artificial intelligence, mass surveillance, "
                       "disappearances and the provision of security. Companies said they do "
                       "not have enough visibility of policy processes at the UN where they "
                       "could take part.",
        topics=["artificial-intelligence", "mass-surveillance-and-facial-recognition"],
        actions=[
            DemoAction("Send all participants a survey gathering feedback on the dialogue and "
                       "opportunities for further discussion and action.", due_in_days=-700,
                       status="done",
                       closing_note="Survey sent to all participants (briefing document, "
                                    "December 2021)."),
        ],
    ),
    DemoDialogue(
        title="UN B-Tech Leadership Dialogue: technology executives with the High "
              "Commissioner for Human Rights",
        starts_at=dt.datetime(2021, 12, 9, 16, 0, tzinfo=GENEVA),
        format="leadership", organiser_kind="ohchr", organiser_name="",
        mandates=[],
        companies=["Apple", "Cloudflare", "Google", "Ericsson", "Hewlett Packard Enterprise",
                   "Meta", "Microsoft", "Salesforce", "Verizon", "Vodafone"],
        other_participants="Michelle Bachelet, UN High Commissioner for Human Rights; "
                           "C-suite executives of the participating companies.",
        confidentiality="confidential",
        agenda="Human Rights Day 2021, \"All Human, All Equal\": corporate governance and "
               "culture; tackling systemic issues in the use of digital technologies.",
        summary="Executives discussed how risks to human rights are accounted for in "
                "corporate strategy and new ventures, and how they hear affected "
                "stakeholders. All reaffirmed their commitment to the Community of Practice "
                "and the multi-stakeholder processes.",
        public_summary="The High Commissioner engaged in dialogue with C-suite executives of "
                       "ten technology companies on how top leadership can advance business "
                       "respect for human rights consistent with the UN Guiding Principles.",
        topics=["remedy-and-grievance-mechanisms", "accountability"],
        questions=[
            DemoQuestion("How do/can executives ensure that human rights risks are accounted "
                         "for when setting corporate strategy and investing in significant "
                         "new ventures or business relationships?",
                         asked_by_name="UN High Commissioner for Human Rights",
                         addressed_to="The executives taking part"),
            DemoQuestion("How can/do executives play a pro-active role in establishing "
                         "institutions and avenues for remedy for victims of harm related to "
                         "their company's products and services?",
                         asked_by_name="UN High Commissioner for Human Rights",
                         addressed_to="The executives taking part",
                         topic="remedy-and-grievance-mechanisms"),
        ],
        actions=[
            DemoAction("Feed the dialogue's insights into the Community of Practice's work "
                       "plan.", due_in_days=-600, status="done",
                       closing_note="Taken into the 2022 work plan."),
        ],
    ),
]
