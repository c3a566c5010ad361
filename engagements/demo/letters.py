"""A dozen letters spread over every deadline status, dated relative to the day the demo
is loaded, plus one historical letter to Facebook from before it became Meta.

So that a new user sees the first day's work at once: one letter is sent on the day the
demo is loaded, and one overdue letter has no issue owner yet."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoReply:
    kind: str
    days_after_sending: int
    body: str


@dataclass(frozen=True)
class DemoLetter:
    number: int
    letter_type: str
    company: str
    mandates: tuple[str, ...]
    subject: str
    summary: str
    days_ago: int  # sent this many days before the day the demo is loaded
    replies: tuple[DemoReply, ...] = ()
    assignee_email: str = ""
    extension_days: int = 0  # days added to the 60-day due date
    extension_reason: str = ""
    notes: tuple[tuple[str, int, str], ...] = field(default=())  # kind, days after, body
    # Receipt acknowledged by the company's lead (where the company has an account):
    # every letter but the one of the first day, which waits for the lead to do it.
    acknowledged: bool = True


FINAL = "final"
INTERIM = "interim"

LETTERS = [
    # --- day one: sent today, with the call that previewed it; nobody routed it yet ----
    DemoLetter(113, "AL", "Meta", ("SR freedom of expression",
                                   "SR peaceful assembly and association"),
               "Manipulated videos of candidates ahead of elections",
               "Alleged failure to label or remove deep-fake videos of election candidates "
               "and of protest organisers in the weeks before a vote.", 0, acknowledged=False,
               notes=(("preview", -1, "Call to the human-rights lead to say the letter was "
                       "coming and to ask who should answer it."),)),
    # --- open ------------------------------------------------------------------------
    DemoLetter(101, "AL", "Meta", ("SR freedom of expression", "SR human rights defenders"),
               "Removal of posts documenting protests and suspension of activists' accounts",
               "Alleged removal of content documenting peaceful protests and the suspension of "
               "the accounts of human rights defenders who shared it.", 8,
               assignee_email="daniel.reyes@meta.example",
               notes=(("preview", -2, "Call with the human-rights lead to preview the letter "
                       "and confirm the right addressee."),)),
    DemoLetter(102, "OL", "Google", ("SR privacy",),
               "Retention of location data and law-enforcement requests",
               "Comments on the retention of location history and the handling of geofence "
               "requests from law enforcement.", 20),
    # --- due soon --------------------------------------------------------------------
    DemoLetter(103, "UA", "Meta", ("SR sale and sexual exploitation of children",
                                   "SR trafficking in persons"),
               "Recruitment of minors for exploitation through private groups",
               "Urgent appeal on ongoing recruitment of children through private groups and "
               "messaging features.", 50, assignee_email="priya.nair@meta.example",
               replies=(DemoReply(INTERIM, 12, "We have received the letter and opened an "
                                  "investigation; a full reply will follow."),)),
    DemoLetter(104, "AL", "Google", ("SR freedom of expression",),
               "Delisting of independent news sites in search results",
               "Alleged delisting of independent news outlets following government requests.",
               56, assignee_email="kwame.mensah@google.example"),
    # --- overdue (105: nobody at Meta is routed to answer it yet) ----------------------
    DemoLetter(105, "AL", "Meta", ("IE sexual orientation and gender identity",),
               "Targeted harassment of LGBT users and reporting tools",
               "Alleged failure to act on coordinated harassment campaigns against LGBT users.",
               70),
    DemoLetter(106, "AL", "X", ("SR freedom of expression", "SR human rights defenders",
                                "SR peaceful assembly and association"),
               "Account suspensions of journalists during elections",
               "Alleged suspension of journalists' accounts in the weeks before elections.", 85),
    DemoLetter(107, "OL", "Microsoft", ("SR counter-terrorism", "SR privacy"),
               "Sharing of user data under counter-terrorism laws",
               "Comments on disclosures of user data under broadly worded counter-terrorism "
               "legislation.", 75),
    # --- replied on time -------------------------------------------------------------
    DemoLetter(108, "AL", "Google", ("SR contemporary forms of slavery",),
               "Forced labour risks in hardware supply chains",
               "Alleged forced labour at suppliers manufacturing devices.", 140,
               replies=(DemoReply(FINAL, 45, "Our supplier audit findings and the remediation "
                                  "plan agreed with the supplier."),)),
    DemoLetter(109, "AL", "Meta", ("SR minority issues", "SR freedom of expression"),
               "Hate speech against a religious minority",
               "Alleged amplification of hate speech against a religious minority.", 120,
               replies=(DemoReply(INTERIM, 20, "Acknowledgement and first findings."),
                        DemoReply(FINAL, 58, "Full reply describing enforcement actions and "
                                  "changes to ranking.")),
               assignee_email="daniel.reyes@meta.example"),
    # --- replied late ----------------------------------------------------------------
    DemoLetter(110, "AL", "Google", ("SR human rights defenders",),
               "Spyware advertising targeting defenders",
               "Alleged advertising of surveillance tools used against human rights "
               "defenders.", 160,
               replies=(DemoReply(FINAL, 74, "Reply describing the removal of the advertisers "
                                  "and changes to the ads policy."),)),
    # --- extended --------------------------------------------------------------------
    DemoLetter(111, "OL", "Meta", ("SR privacy", "WG business and human rights"),
               "Human-rights due diligence for new messaging encryption features",
               "Comments on the human-rights impact assessment of new encryption features.",
               66, extension_days=21,
               extension_reason="The company asked for three more weeks to complete its "
                                "human-rights impact assessment."),
    DemoLetter(112, "UA", "Google", ("SR Myanmar", "SR freedom of expression"),
               "Network shutdown orders and service restrictions",
               "Urgent appeal on orders to restrict services during a network shutdown.", 3),
]

# Sent to Facebook in 2021, before the company became Meta: the letter keeps the name.
HISTORICAL_LETTER = DemoLetter(
    74, "AL", "Meta", ("SR freedom of expression", "SR human rights defenders"),
    "Content moderation during protests (historical letter to Facebook)",
    "Alleged removal of protest content; sent before the company was renamed Meta.", 0,
    replies=(DemoReply(FINAL, 52, "Reply describing the review of the removed content."),),
)
HISTORICAL_SENT_ON = (2021, 6, 15)
