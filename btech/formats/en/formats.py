"""English date formats: "13 May 2026", the day before the month, as OHCHR writes it
(Django's English default is "May 13, 2026")."""

DATE_FORMAT = "j F Y"
