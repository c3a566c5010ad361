"""The twelve companies of the B-Tech Community of Practice (2021), with their people."""

from __future__ import annotations

import datetime as dt

# (name, former names [(name, renamed_on)], hq country, website, where HR work sits,
#  publishes a UNGP policy)
COMPANIES = [
    ("Apple", [], "US", "https://www.apple.com", "legal", True),
    ("Cisco", [], "US", "https://www.cisco.com", "dedicated_team", True),
    ("Cloudflare", [], "US", "https://www.cloudflare.com", "legal", True),
    ("Ericsson", [], "SE", "https://www.ericsson.com", "sustainability", True),
    ("Meta", [("Facebook", dt.date(2021, 10, 28))], "US", "https://about.meta.com",
     "dedicated_team", True),
    ("Google", [], "US", "https://about.google", "dedicated_team", True),
    ("Hewlett Packard Enterprise", [], "US", "https://www.hpe.com", "sustainability", True),
    ("Microsoft", [], "US", "https://www.microsoft.com", "dedicated_team", True),
    ("Salesforce", [], "US", "https://www.salesforce.com", "operations", True),
    ("X", [("Twitter", dt.date(2023, 7, 24))], "US", "https://x.com", "legal", False),
    ("Verizon", [], "US", "https://www.verizon.com", "communications", True),
    ("Vodafone", [], "GB", "https://www.vodafone.com", "human_resources", True),
]

# People at the two companies with demo accounts. Fictional names and addresses.
# (company, name, email, role, job title, demo username or "")
CONTACTS = [
    ("Meta", "Amara Okafor", "amara.okafor@meta.example", "hr_lead",
     "Director, Human Rights Policy", "meta-lead"),
    ("Meta", "Daniel Reyes", "daniel.reyes@meta.example", "issue_owner",
     "Content Policy Manager", ""),
    ("Meta", "Priya Nair", "priya.nair@meta.example", "issue_owner",
     "Privacy Program Lead", ""),
    ("Meta", "Thomas Berg", "thomas.berg@meta.example", "senior_executive",
     "Vice President, Global Affairs", ""),
    ("Google", "Lena Fischer", "lena.fischer@google.example", "hr_lead",
     "Head of Human Rights", "google-lead"),
    ("Google", "Kwame Mensah", "kwame.mensah@google.example", "issue_owner",
     "Trust and Safety Policy Lead", ""),
    ("Google", "Sofia Costa", "sofia.costa@google.example", "senior_executive",
     "Chief Compliance Officer", ""),
    ("X", "Jordan Lee", "jordan.lee@x.example", "hr_lead", "Legal Counsel, Human Rights", ""),
    ("Microsoft", "Hannah Schultz", "hannah.schultz@microsoft.example", "hr_lead",
     "Director, Technology and Human Rights", ""),
]
