"""A timeline picture of the cables: a date axis, one lane per sender, replies as arrows.

`plan()` reads the store into a `TimelinePlan` (plain data: lanes, points, arrows, spans), and
`draw()` renders a plan to PNG with matplotlib's Agg backend (no display needed). Tests assert
on the plan; the CLI (`cablebot timeline --png FILE`) and the bot (`/timeline`) draw it.

Dates are drawn at their precision: a cable dated to the day is a dot; one dated only to a
month (or a range) is a bar over the days it may mean, never a made-up day. Promised
deliveries and requested delivery windows (Cable.events) are bars in the cable's lane.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, BinaryIO

from knowledge.dates import parse_date
from knowledge.errors import CablebotError
from knowledge.records import Cable, DateValue

if TYPE_CHECKING:
    from knowledge.library import Library

SPAN_KINDS = ("promised delivery", "requested delivery")
POINT_PRECISIONS = ("day", "minute")  # drawn as a dot; anything wider is a bar
MAX_CABLES = 200  # beyond this a picture is unreadable: narrow it with --person or dates
WIDTH_INCHES = 11.0
DPI = 100


@dataclass(frozen=True, slots=True)
class Point:
    """A cable on the axis: its lane, the days its date may mean, and its label."""

    cable_id: str
    lane: str
    start: str  # ISO day
    end: str  # ISO day; == start for a day-precise date
    precision: str
    label: str  # "No. 5708" or the short id

    @property
    def is_span(self) -> bool:
        return self.precision not in POINT_PRECISIONS


@dataclass(frozen=True, slots=True)
class Arrow:
    """A reply link drawn from the cable answered (to_id) to the one answering (from_id)."""

    from_id: str
    to_id: str
    kind: str  # 'explicit' | 'inferred'


@dataclass(frozen=True, slots=True)
class Span:
    """A promised delivery or requested window printed in a cable, in that cable's lane."""

    cable_id: str
    lane: str
    kind: str  # 'promised delivery' | 'requested delivery'
    start: str
    end: str
    label: str  # "140 automobiles (20 November)"


@dataclass(frozen=True, slots=True)
class TimelinePlan:
    """Everything the picture shows, read from the store; lanes top to bottom."""

    title: str
    lanes: tuple[str, ...]
    points: tuple[Point, ...]
    arrows: tuple[Arrow, ...]
    spans: tuple[Span, ...]
    start: str  # first ISO day shown
    end: str  # last ISO day shown


def _days(value: DateValue | None) -> tuple[str, str] | None:
    if value is None or not value.start:
        return None
    return value.start, value.end or value.start


def _lane(c: Cable) -> str:
    senders = [n for n, role in c.party_roles() if role == "sender"]
    return " and ".join(senders) if senders else "(no sender)"


def _label(c: Cable) -> str:
    """'No. 5708', or for a cable without a number its day ('28 Sep 1950')."""
    number = c.telegram_number or c.outgoing_number.removeprefix("No. ")
    if number:
        return f"No. {number}"
    value = c.date or c.sent
    return value.display() if value else c.id[:16]


def _bound(text: str | None, *, last: bool) -> str | None:
    """An ISO day from what a user typed (--from 1950-11, --to 'December 1950'), or None."""
    if not text:
        return None
    value = parse_date(text)
    if value is None and len(text) == 7 and text[4] == "-":  # 1950-11
        value = parse_date(f"{text}-01")
        if value:
            first = date.fromisoformat(value.start)
            nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return (nxt - timedelta(days=1)).isoformat() if last else value.start
    if value is None or not value.start:
        raise CablebotError(
            f"{text!r} is not a date cablebot can read (try 1950-11-17 or 1950-11)."
        )
    return (value.end or value.start) if last else value.start


def _involves(c: Cable, person: str, lib: Library) -> bool:
    wanted = lib.aliases.person(person).lower()
    typed = person.strip().lower()
    for name, _role in c.party_roles():
        n = name.lower()
        if n in (wanted, typed) or typed in n.split():
            return True
    return False


_PARTY_ROLES = "('sender', 'recipient', 'via', 'for')"


def _candidates(lib: Library, person: str | None):
    """Every stored cable, or only those with person among their parties (read by name first)."""
    if not person:
        yield from lib.store.all()
        return
    conn = lib.store.conn
    names = [
        r[0] for r in conn.execute(f"SELECT DISTINCT name FROM people WHERE role IN {_PARTY_ROLES}")
    ]
    wanted, typed = lib.aliases.person(person).lower(), person.strip().lower()
    matching = [n for n in names if n.lower() in (wanted, typed) or typed in n.lower().split()]
    if not matching:
        return
    marks = ",".join("?" * len(matching))
    rows = conn.execute(
        f"SELECT DISTINCT doc_id FROM people WHERE role IN {_PARTY_ROLES} AND name IN ({marks})",
        matching,
    )
    for (cable_id,) in rows.fetchall():
        cable = lib.store.get(cable_id)
        if cable is not None:
            yield cable


def plan(
    lib: Library, *, person: str | None = None, start: str | None = None, end: str | None = None
) -> TimelinePlan:
    """What the picture will show: the dated cables (of person, between start and end).

    person: a name as typed (aliases apply: "Filippov" is Stalin); start, end: dates as typed
    ("1950-11-01", "1950-11", "17 November 1950"). Raises CablebotError when a date cannot be
    read or no dated cable matches, and when more than MAX_CABLES would be drawn.
    """
    from knowledge import threads

    lo, hi = _bound(start, last=False), _bound(end, last=True)
    chosen: list[tuple[Cable, tuple[str, str]]] = []
    for c in _candidates(lib, person):
        days = _days(c.date) or _days(c.sent)
        if c.kind != "cable" or days is None:
            continue
        if (lo and days[1] < lo) or (hi and days[0] > hi):
            continue
        if person and not _involves(c, person, lib):
            continue
        chosen.append((c, days))
    if not chosen:
        who = f" involving {person}" if person else ""
        when = f" between {start or 'the start'} and {end or 'the end'}" if start or end else ""
        raise CablebotError(f"No dated cables{who}{when} to draw.")
    if len(chosen) > MAX_CABLES:
        raise CablebotError(
            f"{len(chosen):,} cables match; a picture holds {MAX_CABLES} at most: "
            "narrow it with --person, --from or --to."
        )
    chosen.sort(key=lambda x: (x[1][0], x[0].id))
    lanes = tuple(dict.fromkeys(_lane(c) for c, _ in chosen))
    points = tuple(
        Point(
            c.id,
            _lane(c),
            d0,
            d1,
            (c.date or c.sent).precision if (c.date or c.sent) else "day",
            _label(c),
        )
        for c, (d0, d1) in chosen
    )
    ids = {c.id for c, _ in chosen}
    arrows: dict[tuple[str, str], Arrow] = {}
    for c, _ in chosen:
        for link in threads.links(lib, c.id):
            if link.relation == threads.ANSWERS and link.from_id in ids and link.to_id in ids:
                arrows.setdefault(
                    (link.from_id, link.to_id), Arrow(link.from_id, link.to_id, link.kind)
                )
    spans = []
    for c, (d0, _) in chosen:
        for e in c.events:
            days = _days(e.date)
            if e.kind not in SPAN_KINDS or days is None:
                continue
            first, last = days
            if e.date.qualifier in ("before", "by"):
                first = min(d0, last)  # "before 5 December": from the cable to that day
            spans.append(
                Span(c.id, _lane(c), e.kind, first, last, f"{e.description} ({e.date.text})")
            )
    every = [d for p in points for d in (p.start, p.end)] + [
        d for s in spans for d in (s.start, s.end)
    ]
    title = "Cables" + (f" of {lib.aliases.person(person)}" if person else "")
    if start or end:
        title += f", {start or '…'} to {end or '…'}"
    return TimelinePlan(
        title, lanes, points, tuple(arrows.values()), tuple(spans), min(every), max(every)
    )


def draw(timeline: TimelinePlan, out: str | os.PathLike | BinaryIO) -> None:
    """Render the plan as a PNG to a path or a binary file object (matplotlib, Agg backend)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    lanes = list(timeline.lanes)
    y = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}  # first lane on top
    height = 1.8 + 1.1 * len(lanes)
    fig, ax = plt.subplots(figsize=(WIDTH_INCHES, height), dpi=DPI)
    try:
        num = {p.cable_id: p for p in timeline.points}

        def x(day: str) -> float:
            return mdates.date2num(date.fromisoformat(day))

        def mid(p: Point) -> float:
            return (x(p.start) + x(p.end) + 1) / 2 if p.is_span else x(p.start)

        colours = {"promised delivery": "#2e7d32", "requested delivery": "#ef6c00"}
        in_lane: dict[str, int] = {}
        for s in timeline.spans:
            n = in_lane[s.lane] = in_lane.get(s.lane, -1) + 1
            offset = -0.2 - 0.12 * (n % 4)  # stacked under the lane's cables, four deep
            ax.barh(
                y[s.lane] + offset, x(s.end) + 1 - x(s.start), left=x(s.start), height=0.07,
                color=colours[s.kind], alpha=0.55,
            )  # fmt: skip
            ax.annotate(
                s.label, (x(s.end) + 1, y[s.lane] + offset), textcoords="offset points",
                xytext=(3, -2), fontsize=6.5, color=colours[s.kind], va="center",
            )  # fmt: skip
        close = (x(timeline.end) - x(timeline.start) + 1) * 0.06
        last_in_lane: dict[str, tuple[float, int]] = {}
        for p in timeline.points:
            # Labels of cables close together in a lane go up a row in turn, so they stay legible.
            previous = last_in_lane.get(p.lane)
            row = (previous[1] + 1) % 3 if previous and mid(p) - previous[0] < close else 0
            last_in_lane[p.lane] = (mid(p), row)
            if p.is_span:  # known only to the month (or a range): a bar over its days
                ax.barh(
                    y[p.lane], x(p.end) + 1 - x(p.start), left=x(p.start), height=0.22,
                    color="#9e2a2b", alpha=0.35, hatch="//", edgecolor="#9e2a2b",
                )  # fmt: skip
            else:
                ax.plot(mid(p), y[p.lane], "o", color="#9e2a2b", markersize=8, zorder=3)
            ax.annotate(
                p.label, (mid(p), y[p.lane]), textcoords="offset points", xytext=(0, 8 + 10 * row),
                ha="center", fontsize=8,
            )  # fmt: skip
        for a in timeline.arrows:
            start, finish = num[a.to_id], num[a.from_id]
            ax.annotate(
                "",
                xy=(mid(finish), y[finish.lane]),
                xytext=(mid(start), y[start.lane]),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": "#1a237e",
                    "linestyle": "-" if a.kind == "explicit" else "--",
                    "connectionstyle": "arc3,rad=0.25",
                    "shrinkA": 6,
                    "shrinkB": 6,
                },
                zorder=2,
            )
        ax.set_yticks([y[lane] for lane in lanes], lanes)
        ax.set_ylim(-0.75, len(lanes) - 0.4)
        first, last = x(timeline.start), x(timeline.end) + 1
        pad = max(1.0, (last - first) * 0.05)
        ax.set_xlim(first - pad, last + pad)
        locator = mdates.AutoDateLocator(maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(axis="x", alpha=0.3)
        ax.set_title(timeline.title)
        legend = [
            plt.Line2D(
                [], [], marker="o", color="#9e2a2b", linestyle="", label="cable (dated to the day)"
            ),
            Patch(
                facecolor="#9e2a2b", alpha=0.35, hatch="//", label="cable dated to a month or range"
            ),
            plt.Line2D([], [], color="#1a237e", label="reply (the cable says so)"),
            plt.Line2D([], [], color="#1a237e", linestyle="--", label="reply (inferred)"),
            Patch(facecolor=colours["promised delivery"], alpha=0.55, label="promised delivery"),
            Patch(facecolor=colours["requested delivery"], alpha=0.55, label="requested delivery"),
        ]
        ax.legend(
            handles=legend,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=3,
            fontsize=8,
            frameon=False,
        )
        fig.tight_layout()
        fig.savefig(out, format="png")
    finally:
        plt.close(fig)


def png_bytes(timeline: TimelinePlan) -> bytes:
    """The picture as PNG bytes (for a Discord attachment)."""
    buffer = io.BytesIO()
    draw(timeline, buffer)
    return buffer.getvalue()
