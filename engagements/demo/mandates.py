"""Mandates of the demo: the six holders of the 12 May 2021 B-Tech dialogue, and the other
mandates whose work most often touches technology companies."""

from __future__ import annotations

import datetime as dt

D = dt.date

# (short_name, title, type, kind, country, established_on, established_by, covers, holders)
# holders: (name, term_start, term_end), one row per term, as the domain brief's "Known
# holders" give them: terms start on the first of a month and last three years. Where
# the record ends (a renewal or a successor not stated), no term is invented: the pages
# show the last holder with the day the term ended (Mandate.holders_on_record).
MANDATES = [
    ("SR freedom of expression",
     "Special Rapporteur on the promotion and protection of the right to freedom of opinion "
     "and expression", "SR", "thematic", "", D(1993, 3, 5),
     "Commission on Human Rights resolution 1993/45",
     "Freedom of opinion and expression online and offline: content moderation, internet "
     "shutdowns, surveillance of journalists, disinformation.",
     [("Irene Khan", D(2020, 8, 1), D(2023, 7, 31)), ("Irene Khan", D(2023, 8, 1),
                                                       D(2026, 7, 31))]),
    ("SR human rights defenders",
     "Special Rapporteur on the situation of human rights defenders", "SR", "thematic", "",
     D(2000, 4, 26), "Commission on Human Rights resolution 2000/61",
     "The safety of people who defend human rights, including their digital security and "
     "the misuse of platforms and spyware against them.",
     [("Mary Lawlor", D(2020, 5, 1), D(2023, 4, 30)), ("Mary Lawlor", D(2023, 5, 1),
                                                        D(2026, 4, 30))]),
    ("IE sexual orientation and gender identity",
     "Independent Expert on protection against violence and discrimination based on sexual "
     "orientation and gender identity", "IE", "thematic", "", D(2016, 6, 30),
     "Human Rights Council resolution 32/2",
     "Violence and discrimination against LGBT people, including online harassment and "
     "platform policies.",
     [("Victor Madrigal-Borloz", D(2018, 1, 1), D(2020, 12, 31)),
      ("Victor Madrigal-Borloz", D(2021, 1, 1), D(2023, 10, 31)),
      ("Graeme Reid", D(2023, 11, 1), D(2026, 10, 31))]),
    ("SR trafficking in persons",
     "Special Rapporteur on trafficking in persons, especially women and children", "SR",
     "thematic", "", D(2004, 4, 20), "Commission on Human Rights decision 2004/110",
     "Trafficking in persons, including recruitment and exploitation through online "
     "platforms and in technology supply chains.",
     [("Siobhán Mullally", D(2020, 8, 1), D(2023, 7, 31)),
      ("Siobhán Mullally", D(2023, 8, 1), D(2026, 7, 31))]),
    ("SR contemporary forms of slavery",
     "Special Rapporteur on contemporary forms of slavery, including its causes and "
     "consequences", "SR", "thematic", "", D(2007, 9, 28),
     "Human Rights Council resolution 6/14",
     "Forced labour and slavery-like practices, including in the supply chains of "
     "electronics and in the gig economy.",
     [("Tomoya Obokata", D(2020, 5, 1), D(2023, 4, 30)),
      ("Tomoya Obokata", D(2023, 5, 1), D(2026, 4, 30))]),
    ("SR sale and sexual exploitation of children",
     "Special Rapporteur on the sale, sexual exploitation and sexual abuse of children", "SR",
     "thematic", "", D(1990, 3, 7), "Commission on Human Rights resolution 1990/68",
     "The sale and sexual exploitation of children, including child sexual abuse material "
     "online and the safety of children on platforms.",
     [("Mama Fatima Singhateh", D(2020, 5, 1), D(2023, 4, 30)),
      ("Mama Fatima Singhateh", D(2023, 5, 1), D(2026, 4, 30))]),
    ("WG business and human rights",
     "Working Group on the issue of human rights and transnational corporations and other "
     "business enterprises", "WG", "thematic", "", D(2011, 6, 16),
     "Human Rights Council resolution 17/4",
     "How companies respect human rights under the UN Guiding Principles: due diligence, "
     "remedy, and the technology sector through the B-Tech Project.", []),
    ("SR privacy",
     "Special Rapporteur on the right to privacy", "SR", "thematic", "", D(2015, 3, 26),
     "Human Rights Council resolution 28/16",
     "The right to privacy in the digital age: data protection, surveillance, biometrics and "
     "the handling of personal data by companies and States.",
     [("Ana Brian Nougrères", D(2021, 8, 1), D(2024, 7, 31)),
      ("Ana Brian Nougrères", D(2024, 8, 1), D(2027, 7, 31))]),
    ("SR peaceful assembly and association",
     "Special Rapporteur on the rights to freedom of peaceful assembly and of association",
     "SR", "thematic", "", D(2010, 9, 30), "Human Rights Council resolution 15/21",
     "Assembly and association, including online organising, network disruptions during "
     "protests and the surveillance of protesters.",
     [("Clément Nyaletsossi Voule", D(2018, 5, 1), D(2021, 4, 30)),
      ("Clément Nyaletsossi Voule", D(2021, 5, 1), D(2024, 4, 30)),
      ("Gina Romero", D(2024, 5, 1), D(2027, 4, 30))]),
    ("SR counter-terrorism",
     "Special Rapporteur on the promotion and protection of human rights and fundamental "
     "freedoms while countering terrorism", "SR", "thematic", "", D(2005, 4, 21),
     "Commission on Human Rights resolution 2005/80",
     "Human rights in counter-terrorism, including terrorist-content removal, data sharing "
     "with authorities and surveillance technology.",
     [("Fionnuala Ní Aoláin", D(2017, 11, 1), D(2020, 10, 31)),
      ("Fionnuala Ní Aoláin", D(2020, 11, 1), D(2023, 10, 31)),
      ("Ben Saul", D(2023, 11, 1), D(2026, 10, 31))]),
    ("SR minority issues",
     "Special Rapporteur on minority issues", "SR", "thematic", "", D(2005, 4, 21),
     "Commission on Human Rights resolution 2005/79",
     "The rights of national, ethnic, religious and linguistic minorities, including hate "
     "speech against minorities on social media.",
     [("Fernand de Varennes", D(2017, 11, 1), D(2020, 10, 31)),
      ("Fernand de Varennes", D(2020, 11, 1), D(2023, 10, 31)),
      ("Nicolas Levrat", D(2023, 11, 1), D(2026, 10, 31))]),
    ("SR Myanmar",
     "Special Rapporteur on the situation of human rights in Myanmar", "SR", "country", "MM",
     D(1992, 3, 3), "Commission on Human Rights resolution 1992/58",
     "The human-rights situation in Myanmar, including incitement on social media and "
     "network shutdowns.", []),
    ("SR Iran",
     "Special Rapporteur on the situation of human rights in the Islamic Republic of Iran",
     "SR", "country", "IR", D(2011, 3, 24), "Human Rights Council resolution 16/9",
     "The human-rights situation in Iran, including internet restrictions and the "
     "persecution of people for what they post.", []),
]
