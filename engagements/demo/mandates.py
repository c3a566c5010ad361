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

# The same mandates in French and Spanish: (title, short name, what it covers). The
# titles are the official ones the UN gives each mandate in that language; a short name
# starts with the mandate's type there (RS, EI, GT: Rapporteur spécial, Experte ou
# Expert indépendant, Groupe de travail; RE, EI, GT: Relator Especial, Experto
# Independiente, Grupo de Trabajo).
TRANSLATIONS: dict[str, dict[str, tuple[str, str, str]]] = {
    "SR freedom of expression": {
        "fr": ("Rapporteur spécial sur la promotion et la protection du droit à la liberté "
               "d'opinion et d'expression", "RS liberté d'expression",
               "La liberté d'opinion et d'expression en ligne et hors ligne : modération des "
               "contenus, coupures d'internet, surveillance des journalistes, "
               "désinformation."),
        "es": ("Relator Especial sobre la promoción y protección del derecho a la libertad "
               "de opinión y de expresión", "RE libertad de expresión",
               "La libertad de opinión y de expresión en línea y fuera de línea: moderación "
               "de contenidos, cortes de internet, vigilancia de periodistas, "
               "desinformación."),
    },
    "SR human rights defenders": {
        "fr": ("Rapporteur spécial sur la situation des défenseurs des droits de l'homme",
               "RS défenseurs des droits de l'homme",
               "La sécurité des personnes qui défendent les droits humains, y compris leur "
               "sécurité numérique et le détournement de plateformes et de logiciels espions "
               "contre elles."),
        "es": ("Relator Especial sobre la situación de los defensores de los derechos "
               "humanos", "RE defensores de los derechos humanos",
               "La seguridad de quienes defienden los derechos humanos, incluida su "
               "seguridad digital y el uso indebido de plataformas y programas espía en su "
               "contra."),
    },
    "IE sexual orientation and gender identity": {
        "fr": ("Expert indépendant sur la protection contre la violence et la "
               "discrimination fondées sur l'orientation sexuelle et l'identité de genre",
               "EI orientation sexuelle et identité de genre",
               "La violence et la discrimination à l'égard des personnes LGBT, y compris le "
               "harcèlement en ligne et les règles des plateformes."),
        "es": ("Experto Independiente sobre la protección contra la violencia y la "
               "discriminación por motivos de orientación sexual o identidad de género",
               "EI orientación sexual e identidad de género",
               "La violencia y la discriminación contra las personas LGBT, incluido el acoso "
               "en línea y las normas de las plataformas."),
    },
    "SR trafficking in persons": {
        "fr": ("Rapporteur spécial sur la traite des êtres humains, en particulier les "
               "femmes et les enfants", "RS traite des êtres humains",
               "La traite des êtres humains, y compris le recrutement et l'exploitation au "
               "moyen de plateformes en ligne et dans les chaînes d'approvisionnement "
               "technologiques."),
        "es": ("Relator Especial sobre la trata de personas, especialmente mujeres y niños",
               "RE trata de personas",
               "La trata de personas, incluidos la captación y la explotación a través de "
               "plataformas en línea y en las cadenas de suministro tecnológicas."),
    },
    "SR contemporary forms of slavery": {
        "fr": ("Rapporteur spécial sur les formes contemporaines d'esclavage, y compris leurs "
               "causes et leurs conséquences", "RS formes contemporaines d'esclavage",
               "Le travail forcé et les pratiques analogues à l'esclavage, y compris dans les "
               "chaînes d'approvisionnement de l'électronique et l'économie des petits "
               "boulots."),
        "es": ("Relator Especial sobre las formas contemporáneas de la esclavitud, incluidas "
               "sus causas y consecuencias", "RE formas contemporáneas de la esclavitud",
               "El trabajo forzoso y las prácticas análogas a la esclavitud, incluso en las "
               "cadenas de suministro de la electrónica y en la economía de plataformas."),
    },
    "SR sale and sexual exploitation of children": {
        "fr": ("Rapporteur spécial sur la vente, l'exploitation sexuelle et les abus "
               "sexuels d'enfants", "RS vente et exploitation sexuelle d'enfants",
               "La vente et l'exploitation sexuelle d'enfants, y compris les contenus "
               "d'abus sexuels sur enfants en ligne et la sécurité des enfants sur les "
               "plateformes."),
        "es": ("Relator Especial sobre la venta, la explotación sexual y el abuso sexual de "
               "niños", "RE venta y explotación sexual de niños",
               "La venta y la explotación sexual de niños, incluido el material de abuso "
               "sexual infantil en línea y la seguridad de los niños en las plataformas."),
    },
    "WG business and human rights": {
        "fr": ("Groupe de travail sur la question des droits de l'homme et des sociétés "
               "transnationales et autres entreprises", "GT entreprises et droits de l'homme",
               "La manière dont les entreprises respectent les droits humains selon les "
               "Principes directeurs des Nations Unies : diligence raisonnable, réparation, "
               "et le secteur technologique avec le projet B-Tech."),
        "es": ("Grupo de Trabajo sobre la cuestión de los derechos humanos y las empresas "
               "transnacionales y otras empresas", "GT empresas y derechos humanos",
               "Cómo respetan las empresas los derechos humanos según los Principios Rectores "
               "de las Naciones Unidas: debida diligencia, reparación, y el sector "
               "tecnológico con el proyecto B-Tech."),
    },
    "SR privacy": {
        "fr": ("Rapporteur spécial sur le droit à la vie privée", "RS vie privée",
               "Le droit à la vie privée à l'ère numérique : protection des données, "
               "surveillance, biométrie et traitement des données personnelles par les "
               "entreprises et les États."),
        "es": ("Relator Especial sobre el derecho a la privacidad", "RE privacidad",
               "El derecho a la privacidad en la era digital: protección de datos, "
               "vigilancia, biometría y tratamiento de datos personales por empresas y "
               "Estados."),
    },
    "SR peaceful assembly and association": {
        "fr": ("Rapporteur spécial sur le droit de réunion pacifique et la liberté "
               "d'association", "RS réunion pacifique et association",
               "La réunion et l'association, y compris l'organisation en ligne, les "
               "perturbations des réseaux pendant les manifestations et la surveillance des "
               "manifestants."),
        "es": ("Relator Especial sobre los derechos a la libertad de reunión pacífica y de "
               "asociación", "RE reunión pacífica y asociación",
               "La reunión y la asociación, incluidas la organización en línea, las "
               "interrupciones de la red durante las protestas y la vigilancia de los "
               "manifestantes."),
    },
    "SR counter-terrorism": {
        "fr": ("Rapporteur spécial sur la promotion et la protection des droits de l'homme "
               "et des libertés fondamentales dans la lutte antiterroriste",
               "RS lutte antiterroriste",
               "Les droits humains dans la lutte antiterroriste, y compris le retrait des "
               "contenus terroristes, le partage de données avec les autorités et les "
               "technologies de surveillance."),
        "es": ("Relator Especial sobre la promoción y la protección de los derechos humanos "
               "y las libertades fundamentales en la lucha contra el terrorismo",
               "RE lucha contra el terrorismo",
               "Los derechos humanos en la lucha contra el terrorismo, incluidas la "
               "retirada de contenidos terroristas, el intercambio de datos con las "
               "autoridades y las tecnologías de vigilancia."),
    },
    "SR minority issues": {
        "fr": ("Rapporteur spécial sur les questions relatives aux minorités",
               "RS questions relatives aux minorités",
               "Les droits des minorités nationales, ethniques, religieuses et linguistiques, "
               "y compris les discours de haine contre les minorités sur les réseaux "
               "sociaux."),
        "es": ("Relator Especial sobre cuestiones de las minorías",
               "RE cuestiones de las minorías",
               "Los derechos de las minorías nacionales, étnicas, religiosas y lingüísticas, "
               "incluido el discurso de odio contra las minorías en las redes sociales."),
    },
    "SR Myanmar": {
        "fr": ("Rapporteur spécial sur la situation des droits de l'homme au Myanmar",
               "RS Myanmar",
               "La situation des droits humains au Myanmar, y compris l'incitation sur les "
               "réseaux sociaux et les coupures des réseaux."),
        "es": ("Relator Especial sobre la situación de los derechos humanos en Myanmar",
               "RE Myanmar",
               "La situación de los derechos humanos en Myanmar, incluidas la incitación en "
               "las redes sociales y los cortes de la red."),
    },
    "SR Iran": {
        "fr": ("Rapporteur spécial sur la situation des droits de l'homme en République "
               "islamique d'Iran", "RS Iran",
               "La situation des droits humains en Iran, y compris les restrictions "
               "d'internet et la persécution de personnes pour ce qu'elles publient."),
        "es": ("Relator Especial sobre la situación de los derechos humanos en la República "
               "Islámica del Irán", "RE Irán",
               "La situación de los derechos humanos en el Irán, incluidas las restricciones "
               "de internet y la persecución de personas por lo que publican."),
    },
}
