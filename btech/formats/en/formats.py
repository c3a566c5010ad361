"""English as the product writes it: day, month, year ("13 May 2026"), as the UN does,
never the American month-first order of Django's English ("May 13, 2026", "05/13/2026").
What is not set here (the input formats) comes from Django's English; French and
Spanish use Django's formats as they are."""

from __future__ import annotations

DATE_FORMAT = "j F Y"  # 13 May 2026
# Short, and still unambiguous in any country: 13 May 2026 with the month abbreviated,
# never 05/13/2026 against 13/05/2026.
SHORT_DATE_FORMAT = "j M Y"  # 13 May 2026, 3 Sep 2026
TIME_FORMAT = "H:i"  # 14:30, the office's 24-hour clock
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Geneva
