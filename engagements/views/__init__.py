"""Web pages for letters: company leads' list and letter page, OHCHR's board, the
public register and the calendar feed. Each module reads through engagements.selectors
and writes through engagements.services."""
