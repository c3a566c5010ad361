"""The demo's topics: what each mandate covers and what each letter is about, as slugs
of the thesaurus (topics migration 0002). Loaded by seed_demo onto mandates and letters
that carry no topic yet, so nothing anyone set is overwritten."""

from __future__ import annotations

MANDATE_TOPICS: dict[str, tuple[str, ...]] = {
    "SR freedom of expression": (
        "content-moderation-and-freedom-of-expression", "hate-speech-and-incitement",
        "elections-and-disinformation", "deep-fakes", "artificial-intelligence",
        "online-safety-of-journalists-and-defenders"),
    "SR human rights defenders": (
        "online-safety-of-journalists-and-defenders",
        "mass-surveillance-and-facial-recognition", "cyber-security"),
    "IE sexual orientation and gender identity": (
        "lgbti-people-in-repressive-contexts", "hate-speech-and-incitement"),
    "SR trafficking in persons": ("trafficking-and-forced-labour-on-platforms",
                                  "child-sexual-abuse-material-and-child-safety"),
    "SR contemporary forms of slavery": ("trafficking-and-forced-labour-on-platforms",),
    "SR sale and sexual exploitation of children": (
        "child-sexual-abuse-material-and-child-safety", "education-technology"),
    "WG business and human rights": ("remedy-and-grievance-mechanisms",
                                     "artificial-intelligence",
                                     "connectivity-and-the-digital-divide"),
    "SR privacy": ("privacy-and-data-protection", "mass-surveillance-and-facial-recognition",
                   "data-localisation", "artificial-intelligence", "cyber-security"),
    "SR peaceful assembly and association": (
        "content-moderation-and-freedom-of-expression", "elections-and-disinformation",
        "mass-surveillance-and-facial-recognition"),
    "SR counter-terrorism": ("mass-surveillance-and-facial-recognition",
                             "privacy-and-data-protection", "data-localisation"),
    "SR minority issues": ("hate-speech-and-incitement",),
    "SR Myanmar": ("hate-speech-and-incitement", "connectivity-and-the-digital-divide"),
    "SR Iran": ("connectivity-and-the-digital-divide", "lgbti-people-in-repressive-contexts",
                "online-safety-of-journalists-and-defenders"),
}

# By the letter's number in engagements/demo/letters.py.
LETTER_TOPICS: dict[int, tuple[str, ...]] = {
    113: ("deep-fakes", "elections-and-disinformation"),
    101: ("content-moderation-and-freedom-of-expression",
          "online-safety-of-journalists-and-defenders"),
    102: ("privacy-and-data-protection", "mass-surveillance-and-facial-recognition"),
    103: ("child-sexual-abuse-material-and-child-safety",
          "trafficking-and-forced-labour-on-platforms"),
    104: ("content-moderation-and-freedom-of-expression",),
    105: ("lgbti-people-in-repressive-contexts", "hate-speech-and-incitement"),
    106: ("online-safety-of-journalists-and-defenders", "elections-and-disinformation"),
    107: ("privacy-and-data-protection", "mass-surveillance-and-facial-recognition"),
    108: ("trafficking-and-forced-labour-on-platforms",),
    109: ("hate-speech-and-incitement", "artificial-intelligence"),
    110: ("mass-surveillance-and-facial-recognition",
          "online-safety-of-journalists-and-defenders"),
    111: ("privacy-and-data-protection", "cyber-security"),
    112: ("connectivity-and-the-digital-divide",),
    74: ("content-moderation-and-freedom-of-expression",),
}

# What Meta's human-rights lead follows (the weekly topic digest).
WATCHED_BY_META_LEAD: tuple[str, ...] = ("artificial-intelligence", "hate-speech-and-incitement",
                                         "elections-and-disinformation")
