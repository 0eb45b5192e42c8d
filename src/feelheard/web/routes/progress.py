"""Progress in the web app: what improved over time, from practice, assessments, check-ins and saved exchanges.

* `/progress` shows the summary in words, the check-in streak, scenarios worth trying next, and every number as
  plain tables (it works without JavaScript), with the charts in a sandboxed frame.
* `/progress/charts` is that frame: a self-contained plotly page (the library inline, no CDN) served with the
  report policy (`review.REPORT_CSP`: sandboxed, inline scripts only, framed by this app only). It is loaded
  by `<iframe src sandbox="allow-scripts">`, so its scripts run in an opaque origin that cannot reach the app.
* `GET /api/v1/progress` answers with the same data as JSON (`Progress.to_dict()`).

The numbers come from `feelheard.progress` (one computation for the CLI and the web), for the viewer only.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from feelheard.progress import Progress, build_progress, collect
from feelheard.web.auth import ViewerDep
from feelheard.web.deps import ConfigDep
from feelheard.web.routes import history
from feelheard.web.routes.pages import render
from feelheard.web.routes.review import REPORT_CSP

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

router = APIRouter(include_in_schema=False)
api_router = APIRouter(tags=["progress"])

ENDING_WORDS = {"repaired": "Repaired", "partial": "Cooled down", "stuck": "Stuck"}
# Calm colours that read on white: the app's terracotta, sage and amber, then quieter companions.
DAY_MS = 24 * 3600 * 1000
PALETTE = ("#97462f", "#2f6447", "#8f4a0c", "#3b6ea5", "#7a5c99", "#5f7f86", "#b0654a", "#6b8f3a")
MOVE_COLOURS = ("#2f6447", "#4c8a64", "#7fb08f", "#2f5f6b", "#5f9aa6", "#a6c9b0")
PITFALL_COLOURS = ("#8f4a0c", "#c0703a", "#e0a060", "#97462f", "#b86a5a", "#d9a48f")
CHARTS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; \
style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>Your progress, in charts</title>
<style>
body{{margin:0;background:#faf6f1;color:#2d2621;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
line-height:1.5}}
main{{padding:12px}} .grid{{display:grid;grid-template-columns:1fr;gap:12px}}
@media (min-width:700px){{.grid{{grid-template-columns:1fr 1fr}}}}
.chart{{background:#fff;border:1px solid #e8ddd2;border-radius:14px;padding:8px 10px;min-width:0}}
.chart h2{{font-family:Georgia,serif;font-size:1.05rem;font-weight:600;margin:4px 6px 0}}
.empty{{color:#675b51;margin:10px 6px 14px}}
</style></head><body><main><div class="grid">
{charts}
</div></main></body></html>
"""


def _label(text: str) -> str:
    """Chart labels are escaped so plotly's own text markup cannot be abused through a name."""
    return html.escape(text, quote=True)


def humanise(key: str) -> str:
    """An id as words for people ("relationship_satisfaction" -> "Relationship satisfaction")."""
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def compute(engine: Engine, *, user_id: int, today: date | None = None) -> Progress:
    """The viewer's progress (their own items only)."""
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        items = collect(session, owner_id=user_id)
    return build_progress(items, today=today)


def _finding_name(finding_id: str) -> str:
    from feelheard.web.routes.practice import finding_name

    return finding_name(finding_id)


def _weeks_table(by_week: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    return [
        {
            "week": week,
            "items": [
                {"name": _finding_name(k), "count": v}
                for k, v in sorted(counts.items(), key=lambda kv: -kv[1])
            ],
        }
        for week, counts in sorted(by_week.items(), reverse=True)
    ]


def page_context(progress: Progress) -> dict[str, Any]:
    """What progress.html shows: every number as text, newest first."""
    from feelheard.practice.scenarios import load_bank

    bank = load_bank()
    next_up = [
        {"id": s.id, "title": s.title, "level_name": s.level_name, "topic": s.topic.replace("_", " ")}
        for sid in progress.next_scenarios
        if (s := bank.get(sid)) is not None
    ]
    practice = [
        {**row, "ending_words": ENDING_WORDS.get(str(row.get("ending")), "")}
        for row in reversed(progress.practice)
    ]
    assessments = [
        {"name": humanise(name), "rows": list(reversed(rows))} for name, rows in progress.assessments.items()
    ]
    return {
        "empty": progress.empty,
        "summary": progress.summary,
        "streak": progress.streak,
        "next_up": next_up,
        "practice": practice,
        "moves_weeks": _weeks_table(progress.moves_by_week),
        "pitfalls_weeks": _weeks_table(progress.pitfalls_by_week),
        "assessments": assessments,
        "moods": list(reversed(progress.moods)),
    }


# --- the charts ---------------------------------------------------------------------------------------------


def _layout(fig: Any, *, ytitle: str, yrange: list[float] | None = None, barmode: str | None = None) -> None:
    fig.update_layout(
        height=300,
        margin={"t": 16, "b": 40, "l": 50, "r": 12},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#fffdfa",
        font={"family": "system-ui, sans-serif", "color": "#2d2621"},
        legend={"orientation": "h", "y": -0.2},
        yaxis_title=ytitle,
        **({"barmode": barmode} if barmode else {}),
    )
    fig.update_xaxes(gridcolor="#efe6dc")
    fig.update_yaxes(gridcolor="#efe6dc", range=yrange)


def _date_axis(fig: Any, days: list[str]) -> None:
    """Dates as days ("3 Mar"), never times of day; a short span gets one tick a day and some room either side."""
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    span = (last - first).days
    fig.update_xaxes(type="date", tickformat="%-d %b", hoverformat="%-d %b %Y")
    if span <= 14:
        pad = timedelta(days=1 if span else 2)
        fig.update_xaxes(dtick=DAY_MS, range=[(first - pad).isoformat(), (last + pad).isoformat()])


def _stacked(by_week: dict[str, dict[str, int]], colours: tuple[str, ...]) -> Any:
    import plotly.graph_objects as go

    weeks = sorted(by_week)
    ids = sorted({k for counts in by_week.values() for k in counts})
    fig = go.Figure()
    for n, key in enumerate(ids):
        fig.add_trace(
            go.Bar(
                x=weeks,
                y=[by_week[w].get(key, 0) for w in weeks],
                name=_label(_finding_name(key)),
                marker_color=colours[n % len(colours)],
            )
        )
    _layout(fig, ytitle="times", barmode="stack")
    fig.update_xaxes(type="category")
    return fig


def _dated_line(
    rows: list[dict[str, Any]], value_key: str, *, name: str, colour: str, marker_size: int = 8, **extra: Any
) -> Any:
    """A lines-and-markers trace of `rows[value_key]` against each row's date, in the charts' common style."""
    import plotly.graph_objects as go

    return go.Scatter(
        x=[r["date"] for r in rows],
        y=[r[value_key] for r in rows],
        mode="lines+markers",
        name=name,
        line={"color": colour, "width": 2.5},
        marker={"size": marker_size},
        **extra,
    )


def chart_sections(progress: Progress) -> list[tuple[str, Any, str]]:
    """(title, figure or None, empty-state words) for each chart, in page order."""
    import plotly.graph_objects as go

    sections: list[tuple[str, Any, str]] = []
    if progress.practice:
        fig = go.Figure(
            _dated_line(
                progress.practice,
                "score",
                name="score",
                colour=PALETTE[0],
                marker_size=9,
                text=[_label(str(r["title"])) for r in progress.practice],
                hovertemplate="%{x}<br>%{text}<br>Score %{y}<extra></extra>",
            )
        )
        _layout(fig, ytitle="score", yrange=[0, 100])
        _date_axis(fig, [r["date"] for r in progress.practice])
        sections.append(("Practice score over time", fig, ""))
    else:
        sections.append(
            ("Practice score over time", None, "Finish a practice conversation to see your scores here.")
        )
    for title, by_week, colours, empty in (
        ("Helpful moves by week", progress.moves_by_week, MOVE_COLOURS, "No helpful moves counted yet."),
        ("Pitfalls by week", progress.pitfalls_by_week, PITFALL_COLOURS, "No pitfalls counted yet."),
    ):
        has_data = any(by_week.values())
        sections.append((title, _stacked(by_week, colours) if has_data else None, empty))
    if progress.assessments:
        fig = go.Figure()
        for n, (name, rows) in enumerate(progress.assessments.items()):
            fig.add_trace(
                _dated_line(rows, "score", name=_label(humanise(name)), colour=PALETTE[n % len(PALETTE)])
            )
        _layout(fig, ytitle="score")
        _date_axis(fig, [r["date"] for rows in progress.assessments.values() for r in rows])
        sections.append(("Assessment scores over time", fig, ""))
    else:
        sections.append(("Assessment scores over time", None, "No assessments taken yet."))
    if progress.moods:
        fig = go.Figure(_dated_line(progress.moods, "mood", name="mood", colour=PALETTE[1]))
        _layout(fig, ytitle="mood (1 to 5)", yrange=[0.5, 5.5])
        _date_axis(fig, [m["date"] for m in progress.moods])
        sections.append(("Check-in mood over time", fig, ""))
    else:
        sections.append(("Check-in mood over time", None, "No daily check-ins yet."))
    return sections


def charts_html(progress: Progress) -> str:
    """The charts as one self-contained page; plotly is inlined once, before the first figure."""
    parts: list[str] = []
    inlined = False
    for title, fig, empty in chart_sections(progress):
        body = f'<p class="empty">{html.escape(empty)}</p>'
        if fig is not None:
            body = fig.to_html(
                full_html=False,
                include_plotlyjs=not inlined,
                config={"displaylogo": False, "responsive": True, "displayModeBar": False},
            )
            inlined = True
        parts.append(f'<section class="chart"><h2>{html.escape(title)}</h2>{body}</section>')
    return CHARTS_PAGE.format(charts="\n".join(parts))


# --- routes -------------------------------------------------------------------------------------------------


@router.get("/progress", response_class=HTMLResponse)
async def progress_page(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Your progress: the summary in words, your streak, what to practise next, and every number as a table."""
    engine = await run_in_threadpool(history.storage_engine, request)
    progress = await run_in_threadpool(compute, engine, user_id=viewer.user_id)
    return render(request, config, "progress.html", page_context(progress), page="progress")


@router.get("/progress/charts", response_class=HTMLResponse)
async def progress_charts(request: Request, viewer: ViewerDep) -> Response:
    """The charts for the frame on /progress (its own sandboxing policy; only this app may frame it)."""
    engine = await run_in_threadpool(history.storage_engine, request)
    progress = await run_in_threadpool(compute, engine, user_id=viewer.user_id)
    body = await run_in_threadpool(charts_html, progress)
    return HTMLResponse(
        body, headers={"content-security-policy": REPORT_CSP, "x-frame-options": "SAMEORIGIN"}
    )


class ProgressOut(BaseModel):
    """Your progress over time (the same numbers as the /progress page)."""

    practice: list[dict[str, Any]] = Field(
        description="Finished practice conversations, oldest first: date, scenario, title, level, score, ending."
    )
    moves_by_week: dict[str, dict[str, int]] = Field(
        description="Helpful moves in practice replies, by ISO week."
    )
    pitfalls_by_week: dict[str, dict[str, int]] = Field(
        description="Pitfalls in practice replies and saved exchanges, by ISO week."
    )
    assessments: dict[str, list[dict[str, Any]]] = Field(description="Scores by assessment, oldest first.")
    moods: list[dict[str, Any]] = Field(description="Daily check-in moods (1 to 5), oldest first.")
    streak: dict[str, int] = Field(description="Current and longest run of days with a daily check-in.")
    summary: list[str] = Field(description="What improved and what to practise next, in plain sentences.")
    next_scenarios: list[str] = Field(description="Ids of scenarios worth trying next.")


@api_router.get("/progress", summary="Your progress", response_model=ProgressOut)
async def api_progress(request: Request, viewer: ViewerDep) -> ProgressOut:
    """Practice scores, moves and pitfalls by week, assessment scores, check-in moods and streak, with a summary."""
    engine = await run_in_threadpool(history.storage_engine, request)
    progress = await run_in_threadpool(compute, engine, user_id=viewer.user_id)
    return ProgressOut(**progress.to_dict())
