"""Response rates over time as a server-rendered SVG line chart.

No script and no style attribute (the strict Content-Security-Policy): the points are
computed here, the colours are classes in static/css/app.css, and every chart has its
data table beside it (publication/_rates_over_time.html), which is what screen readers
are pointed to.
"""

from __future__ import annotations

from dataclasses import dataclass

from publication.selectors import ResponseRate

WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 12, 32


@dataclass(frozen=True)
class Series:
    name: str  # a CSS modifier: replied, on-time, no-response
    segments: list[str]  # "x,y x,y" runs of polyline points; a gap where a year is too small
    points: list[tuple[float, float]]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    series: list[Series]
    x_labels: list[tuple[float, str]]
    y_lines: list[tuple[float, int]]  # (y, percent)


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _y(percent: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (100 - percent) / 100


def rates_over_time(rows: list[ResponseRate]) -> Chart:
    """`rows` per year (any order): one line per rate, oldest year on the left."""
    years = sorted(rows, key=lambda row: row.year or 0)
    series = []
    for name, attribute in (("replied", "replied"), ("on-time", "on_time"),
                            ("no-response", "no_response")):
        segments: list[str] = []
        current: list[str] = []
        points = []
        for index, row in enumerate(years):
            value = getattr(row, attribute)
            if value is None:
                if current:
                    segments.append(" ".join(current))
                current = []
                continue
            point = (round(_x(index, len(years)), 1), round(_y(value), 1))
            points.append(point)
            current.append(f"{point[0]},{point[1]}")
        if current:
            segments.append(" ".join(current))
        series.append(Series(name, segments, points))
    return Chart(
        width=WIDTH, height=HEIGHT, series=series,
        x_labels=[(round(_x(index, len(years)), 1), str(row.year))
                  for index, row in enumerate(years)],
        y_lines=[(round(_y(percent), 1), percent) for percent in (0, 25, 50, 75, 100)],
    )
