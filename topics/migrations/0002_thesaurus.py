"""The thesaurus the tracker starts with: the risks the source documents name, under five
broad areas, in English, French and Spanish. Staff change it in the admin afterwards."""

from typing import Any

from django.db import migrations

THESAURUS: list[dict[str, Any]] = [
    {
        "slug": "privacy-and-surveillance",
        "name": "Privacy and surveillance",
        "name_fr": "Vie privée et surveillance",
        "name_es": "Privacidad y vigilancia",
        "description": "How companies collect, keep, share and secure information about people, and how "
        "States use it.",
        "description_fr": "La manière dont les entreprises recueillent, conservent, partagent et "
        "protègent les informations sur les personnes, et l'usage qu'en font les "
        "États.",
        "description_es": "Cómo las empresas recogen, conservan, comparten y protegen la información "
        "sobre las personas, y cómo la usan los Estados.",
        "children": [
            {
                "slug": "mass-surveillance-and-facial-recognition",
                "name": "Mass surveillance and facial recognition",
                "name_fr": "Surveillance de masse et reconnaissance faciale",
                "name_es": "Vigilancia masiva y reconocimiento facial",
                "description": "Spyware, interception, biometric and facial recognition systems "
                "sold to or used by States and companies.",
                "description_fr": "Logiciels espions, interception, systèmes biométriques et de "
                "reconnaissance faciale vendus aux États et aux entreprises ou "
                "utilisés par eux.",
                "description_es": "Programas espía, interceptación, sistemas biométricos y de "
                "reconocimiento facial vendidos a Estados y empresas o usados "
                "por ellos.",
            },
            {
                "slug": "privacy-and-data-protection",
                "name": "Privacy and data protection",
                "name_fr": "Vie privée et protection des données",
                "name_es": "Privacidad y protección de datos",
                "description": "Collection and use of personal data, consent, government requests "
                "for user data.",
                "description_fr": "Collecte et utilisation des données personnelles, consentement, "
                "demandes de données d'utilisateurs par les gouvernements.",
                "description_es": "Recogida y uso de datos personales, consentimiento, solicitudes "
                "gubernamentales de datos de usuarios.",
            },
            {
                "slug": "data-localisation",
                "name": "Data localisation",
                "name_fr": "Localisation des données",
                "name_es": "Localización de datos",
                "description": "Laws requiring data to be stored in a country, and the access to "
                "it they give authorities.",
                "description_fr": "Lois imposant le stockage des données dans un pays, et l'accès "
                "qu'elles donnent aux autorités.",
                "description_es": "Leyes que exigen almacenar los datos en un país y el acceso que "
                "dan a las autoridades.",
            },
            {
                "slug": "cyber-security",
                "name": "Cyber security",
                "name_fr": "Cybersécurité",
                "name_es": "Ciberseguridad",
                "description": "Security of systems and users, vulnerabilities, and cyber-security "
                "laws that restrict rights.",
                "description_fr": "Sécurité des systèmes et des utilisateurs, vulnérabilités, et "
                "lois sur la cybersécurité qui restreignent les droits.",
                "description_es": "Seguridad de los sistemas y de los usuarios, vulnerabilidades y "
                "leyes de ciberseguridad que restringen derechos.",
            },
        ],
    },
    {
        "slug": "expression-and-information",
        "name": "Expression and information",
        "name_fr": "Expression et information",
        "name_es": "Expresión e información",
        "description": "What people may say, read and share online, and who decides.",
        "description_fr": "Ce que les personnes peuvent dire, lire et partager en ligne, et qui en "
        "décide.",
        "description_es": "Lo que las personas pueden decir, leer y compartir en línea, y quién lo "
        "decide.",
        "children": [
            {
                "slug": "content-moderation-and-freedom-of-expression",
                "name": "Content moderation and freedom of expression",
                "name_fr": "Modération des contenus et liberté d'expression",
                "name_es": "Moderación de contenidos y libertad de expresión",
                "description": "Removal and restriction of content, takedown orders, internet "
                "shutdowns and platform rules.",
                "description_fr": "Retrait et restriction de contenus, injonctions de retrait, "
                "coupures d'internet et règles des plateformes.",
                "description_es": "Retirada y restricción de contenidos, órdenes de retirada, "
                "cortes de internet y normas de las plataformas.",
            },
            {
                "slug": "elections-and-disinformation",
                "name": "Elections and disinformation",
                "name_fr": "Élections et désinformation",
                "name_es": "Elecciones y desinformación",
                "description": "Integrity of elections, political advertising and coordinated "
                "disinformation.",
                "description_fr": "Intégrité des élections, publicité politique et désinformation "
                "coordonnée.",
                "description_es": "Integridad de las elecciones, publicidad política y "
                "desinformación coordinada.",
            },
            {
                "slug": "deep-fakes",
                "name": "Deep fakes",
                "name_fr": "Hypertrucages",
                "name_es": "Ultrafalsos",
                "description": "Synthetic images, sound and video that deceive or harm people.",
                "description_fr": "Images, sons et vidéos synthétiques qui trompent ou nuisent aux "
                "personnes.",
                "description_es": "Imágenes, sonidos y vídeos sintéticos que engañan o dañan a las "
                "personas.",
            },
            {
                "slug": "hate-speech-and-incitement",
                "name": "Hate speech and incitement",
                "name_fr": "Discours de haine et incitation",
                "name_es": "Discurso de odio e incitación",
                "description": "Advocacy of hatred that incites discrimination, hostility or "
                "violence, and its amplification.",
                "description_fr": "Appels à la haine qui incitent à la discrimination, à "
                "l'hostilité ou à la violence, et leur amplification.",
                "description_es": "Apología del odio que incita a la discriminación, la hostilidad "
                "o la violencia, y su amplificación.",
            },
        ],
    },
    {
        "slug": "safety-of-people-at-risk",
        "name": "Safety of people at risk",
        "name_fr": "Sécurité des personnes à risque",
        "name_es": "Seguridad de las personas en riesgo",
        "description": "People whom technology exposes to particular harm.",
        "description_fr": "Les personnes que la technologie expose à des atteintes particulières.",
        "description_es": "Las personas a las que la tecnología expone a daños particulares.",
        "children": [
            {
                "slug": "online-safety-of-journalists-and-defenders",
                "name": "Online safety of journalists and human-rights defenders",
                "name_fr": "Sécurité en ligne des journalistes et des défenseurs des droits "
                "humains",
                "name_es": "Seguridad en línea de periodistas y personas defensoras de derechos "
                "humanos",
                "description": "Harassment, threats, doxxing and surveillance of journalists and "
                "human-rights defenders.",
                "description_fr": "Harcèlement, menaces, divulgation de données personnelles et "
                "surveillance des journalistes et des défenseurs des droits "
                "humains.",
                "description_es": "Acoso, amenazas, divulgación de datos personales y vigilancia "
                "de periodistas y personas defensoras.",
            },
            {
                "slug": "child-sexual-abuse-material-and-child-safety",
                "name": "Child sexual abuse material and child safety",
                "name_fr": "Matériel pédopornographique et sécurité des enfants",
                "name_es": "Material de abuso sexual infantil y seguridad de la infancia",
                "description": "Detection and permanent removal of child sexual abuse material, "
                "and children's safety online.",
                "description_fr": "Détection et suppression définitive du matériel "
                "pédopornographique, et sécurité des enfants en ligne.",
                "description_es": "Detección y eliminación permanente del material de abuso sexual "
                "infantil, y seguridad de la infancia en línea.",
            },
            {
                "slug": "trafficking-and-forced-labour-on-platforms",
                "name": "Trafficking and forced labour on platforms",
                "name_fr": "Traite et travail forcé sur les plateformes",
                "name_es": "Trata y trabajo forzoso en las plataformas",
                "description": "Recruitment, advertising and exploitation of people through online "
                "platforms.",
                "description_fr": "Recrutement, publicité et exploitation de personnes au moyen de "
                "plateformes en ligne.",
                "description_es": "Captación, publicidad y explotación de personas a través de "
                "plataformas en línea.",
            },
            {
                "slug": "lgbti-people-in-repressive-contexts",
                "name": "LGBTI people in repressive contexts",
                "name_fr": "Personnes LGBTI dans des contextes répressifs",
                "name_es": "Personas LGBTI en contextos represivos",
                "description": "Identification, entrapment and persecution of LGBTI people through "
                "apps and platforms.",
                "description_fr": "Identification, piégeage et persécution des personnes LGBTI au "
                "moyen d'applications et de plateformes.",
                "description_es": "Identificación, trampas y persecución de personas LGBTI "
                "mediante aplicaciones y plataformas.",
            },
        ],
    },
    {
        "slug": "technology-and-society",
        "name": "Technology and society",
        "name_fr": "Technologie et société",
        "name_es": "Tecnología y sociedad",
        "description": "New technologies and access to them.",
        "description_fr": "Les nouvelles technologies et l'accès à celles-ci.",
        "description_es": "Las nuevas tecnologías y el acceso a ellas.",
        "children": [
            {
                "slug": "artificial-intelligence",
                "name": "Artificial intelligence",
                "name_fr": "Intelligence artificielle",
                "name_es": "Inteligencia artificial",
                "description": "Design, training and deployment of AI systems, automated decisions "
                "and their risks to rights.",
                "description_fr": "Conception, entraînement et déploiement des systèmes d'IA, "
                "décisions automatisées et leurs risques pour les droits.",
                "description_es": "Diseño, entrenamiento y despliegue de sistemas de IA, "
                "decisiones automatizadas y sus riesgos para los derechos.",
            },
            {
                "slug": "connectivity-and-the-digital-divide",
                "name": "Connectivity and the digital divide",
                "name_fr": "Connectivité et fracture numérique",
                "name_es": "Conectividad y brecha digital",
                "description": "Access to the internet and to technology, including the gender "
                "digital divide.",
                "description_fr": "Accès à internet et à la technologie, y compris la fracture "
                "numérique entre les genres.",
                "description_es": "Acceso a internet y a la tecnología, incluida la brecha digital "
                "de género.",
            },
            {
                "slug": "education-technology",
                "name": "Education technology",
                "name_fr": "Technologies éducatives",
                "name_es": "Tecnología educativa",
                "description": "Digital tools used in teaching and the data they collect about "
                "learners.",
                "description_fr": "Outils numériques utilisés dans l'enseignement et données "
                "qu'ils recueillent sur les élèves.",
                "description_es": "Herramientas digitales usadas en la enseñanza y los datos que "
                "recogen sobre el alumnado.",
            },
        ],
    },
    {
        "slug": "accountability",
        "name": "Accountability",
        "name_fr": "Responsabilité",
        "name_es": "Rendición de cuentas",
        "description": "How people harmed by technology obtain redress.",
        "description_fr": "Comment les personnes lésées par la technologie obtiennent réparation.",
        "description_es": "Cómo obtienen reparación las personas perjudicadas por la tecnología.",
        "children": [
            {
                "slug": "remedy-and-grievance-mechanisms",
                "name": "Remedy and grievance mechanisms",
                "name_fr": "Recours et mécanismes de réclamation",
                "name_es": "Reparación y mecanismos de reclamación",
                "description": "Company grievance mechanisms, access to remedy and the third "
                "pillar of the Guiding Principles.",
                "description_fr": "Mécanismes de réclamation des entreprises, accès à des voies de "
                "recours et troisième pilier des Principes directeurs.",
                "description_es": "Mecanismos de reclamación de las empresas, acceso a la "
                "reparación y tercer pilar de los Principios Rectores.",
            }
        ],
    },
]


def seed(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    for area_position, area in enumerate(THESAURUS):
        fields = {key: value for key, value in area.items() if key != "children"}
        parent, _ = Topic.objects.update_or_create(
            slug=area["slug"], defaults={**fields, "position": area_position}
        )
        for position, child in enumerate(area["children"]):
            Topic.objects.update_or_create(
                slug=child["slug"], defaults={**child, "parent": parent, "position": position}
            )


def unseed(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    slugs = [child["slug"] for area in THESAURUS for child in area["children"]]
    Topic.objects.filter(slug__in=slugs).delete()
    Topic.objects.filter(slug__in=[area["slug"] for area in THESAURUS]).delete()


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
