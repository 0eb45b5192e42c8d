"""The chat review report: plain-language findings with example quotes, and interactive charts, in one HTML file.

Everything from the chat (names, quotes) goes through Jinja2's autoescaping; the charts are plotly figures whose
JSON plotly itself escapes (`<` becomes `\\u003c`), and labels are escaped once more before plotting. The plotly
library is inlined once, so the file opens offline and loads nothing from the network.
"""

from __future__ import annotations

import html
from typing import Any

from feelheard.transcript.metrics import HORSEMEN

PALETTE = ("#3b6ea5", "#d9822b")
GOTTMAN_RATIO = 5.0

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>{{ title }}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#faf8f5;color:#2b2b2b;line-height:1.5}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:1.7rem;margin-bottom:.2rem} h2{margin-top:2rem;border-bottom:1px solid #e4ded5;padding-bottom:.3rem}
.lede{color:#5b5b5b} .card{background:#fff;border:1px solid #e8e2d9;border-radius:10px;padding:14px 18px;margin:12px 0}
.safety{border-color:#c0392b;background:#fff5f3} .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px}
.stat{font-size:1.6rem;font-weight:600} .muted{color:#707070;font-size:.9rem}
blockquote{margin:6px 0 6px 0;padding:6px 12px;border-left:3px solid #d8cfc2;background:#fbfaf7;white-space:pre-wrap}
blockquote .ctx{display:block;color:#777;font-size:.85rem} table{border-collapse:collapse;width:100%}
td,th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left} .who0{color:#3b6ea5} .who1{color:#b86a1f}
</style></head><body><main>
<h1>{{ title }}</h1>
<p class="lede">{{ people[0] }} and {{ people[1] }}{% if span %}, {{ span }}{% endif %}. {{ total_messages }} messages.
This review describes patterns in how you talk, not who is to blame. It is a starting point for a conversation,
ideally with each other or with a counsellor, not a verdict.</p>
{% if safety %}
<section class="card safety" id="safety"><h2>Please read this first</h2>
<p>{{ safety_intro }}</p>
{% for flag in safety %}<blockquote>{{ flag.quote }}<span class="ctx">{{ flag.author }}{% if flag.time %}, {{ flag.time }}{% endif %}: {{ flag.categories|join(", ") }} ({{ flag.level }})</span></blockquote>{% endfor %}
{% if resources %}<p>Help is available:</p><ul>{% for r in resources %}<li>{{ r }}</li>{% endfor %}</ul>{% endif %}
</section>
{% endif %}
<h2>At a glance</h2>
<div class="grid">
{% for card in glance %}<div class="card"><div class="muted">{{ card.label }}</div><div class="stat">{{ card.value }}</div><div class="muted">{{ card.note }}</div></div>{% endfor %}
</div>
<h2>What we noticed</h2>
{% for f in findings %}
<div class="card finding"><strong>{{ f.title }}</strong><p>{{ f.text }}</p>
{% for q in f.quotes %}<blockquote>{% if q.context %}<span class="ctx">{{ q.other }}: {{ q.context }}</span>{% endif %}{{ q.quote }}<span class="ctx">{{ q.author }}{% if q.time %}, {{ q.time }}{% endif %}</span></blockquote>{% endfor %}
{% if f.tip %}<p class="muted">Try: {{ f.tip }}</p>{% endif %}
</div>
{% endfor %}
<h2>Charts</h2>
{% for chart in charts %}<div class="card chart">{{ chart }}</div>{% endfor %}
<h2>How this was read</h2>
<p class="muted">{{ parse_note }}</p>
{% if damaged %}<p class="muted">{{ damaged }}</p>{% endif %}
<p class="muted">Each message was read as a reply to the other person's message just before it. The measures are
defined in the feelheard documentation (docs/transcripts.md). Automatic reading misses irony, inside jokes and
everything said in person; treat single examples with care.</p>
</main></body></html>
"""


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n:,} times")


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _label(text: str) -> str:
    """Chart labels: escaped so plotly's own text markup cannot be abused through a name."""
    return html.escape(text, quote=True)


def _quotes(metrics: dict[str, Any], person: str, key: str, limit: int = 2) -> list[dict[str, Any]]:
    other = next((p for p in metrics["people"] if p != person), "")
    found = metrics["examples"].get(person, {}).get(key, [])[:limit]
    return [{**q, "other": other} for q in found]


def _catalogue_tip(finding_id: str) -> str:
    try:
        from feelheard.catalogue import load_catalogue

        entry = load_catalogue().entry(finding_id)
    except (KeyError, ValueError, OSError):
        return ""
    return entry.antidote or entry.tip


def findings(metrics: dict[str, Any]) -> list[dict[str, Any]]:
    """Plain-language findings, each with a title, a sentence or two, example quotes and maybe a tip."""
    a, b = metrics["people"]
    per = metrics["per_person"]
    out: list[dict[str, Any]] = []
    pa, pb = per[a], per[b]
    out.append(
        {
            "title": "Who does the talking",
            "text": f"{a} wrote {_pct(pa['message_share'])} of the messages and {_pct(pa['word_share'])} of the "
            f"words; {b} wrote {_pct(pb['message_share'])} and {_pct(pb['word_share'])}. {a} started the "
            f"conversation after a quiet spell {_times(pa['initiations'])}, {b} {_times(pb['initiations'])}.",
            "quotes": [],
        }
    )
    for x, y in ((a, b), (b, a)):
        e = per[x]["empathy"]
        if not e["emotional_moments_answered"] and e["replies"]:
            # No emotion was detected in the partner's messages (or the emotion model is absent): fall back to
            # every reply that had the partner's message as context.
            out.append(
                {
                    "title": f"Empathy in {x}'s replies",
                    "text": f"Of {e['replies']} replies to {y}, {_pct(e['share_of_replies_with_empathy'])} showed "
                    "warmth, understanding or a caring question.",
                    "quotes": _quotes(metrics, x, "validation") or _quotes(metrics, x, "reflection"),
                }
            )
        if e["emotional_moments_answered"]:
            out.append(
                {
                    "title": f"How {x} met {y}'s feelings",
                    "text": f"{y} shared something with feeling in it {_times(e['emotional_moments_answered'])} just "
                    f"before {x} wrote. {x} answered with some warmth, understanding or a caring question "
                    f"{_pct(e['share_of_moments_met_with_empathy'])} of the time.",
                    "quotes": _quotes(metrics, x, "validation") or _quotes(metrics, x, "reflection"),
                }
            )
    for horseman in HORSEMEN:
        counts = {p: per[p]["horsemen"][horseman] for p in (a, b)}
        if not any(counts.values()):
            continue
        out.append(
            {
                "title": horseman.capitalize(),
                "text": f"{horseman.capitalize()} came up {_times(counts[a])} in {a}'s messages and {_times(counts[b])} "
                f"in {b}'s. It is one of the four patterns that most reliably wear a relationship down, and it "
                "usually shows up on both sides.",
                "quotes": _quotes(metrics, a, horseman, 1) + _quotes(metrics, b, horseman, 1),
                "tip": _catalogue_tip(horseman),
            }
        )
    conflict = metrics["conflict"]
    if conflict["episodes"]:
        ratios = {p: per[p]["conflict"]["ratio"] for p in (a, b)}
        parts = [
            f"{p}: {r:.1f} positive for every negative" if r is not None else f"{p}: no negative moves"
            for p, r in ratios.items()
        ]
        out.append(
            {
                "title": "Kindness during conflict",
                "text": f"We found {_count(conflict['episodes'], 'stretch', 'stretches')} of conflict ({conflict['messages_in_conflict']} "
                f"messages). Inside them, {'; '.join(parts)}. Couples who stay close tend to keep about five "
                "positive moves for each negative one even while they argue.",
                "quotes": _quotes(metrics, a, "repair_attempt", 1) + _quotes(metrics, b, "repair_attempt", 1),
            }
        )
    if conflict["escalations"]:
        late = sum(1 for e in conflict["escalation_details"] if e["late_night"])
        out.append(
            {
                "title": "When things escalated",
                "text": f"{_count(conflict['escalations'], 'conflict', 'conflicts')} escalated: three or more sharp messages within one "
                f"argument, from both of you. {late} of those we list happened late at night (11 pm to 5 am), when "
                "people are tired and messages tend to run hotter.",
                "quotes": [
                    {
                        "quote": e["first_quote"],
                        "author": e["started_by"],
                        "time": e["start"],
                        "context": None,
                    }
                    for e in conflict["escalation_details"][:2]
                ],
                "tip": "Agree on a pause signal; come back to the topic after at least twenty minutes, or in the "
                "morning.",
            }
        )
    for x, y in ((a, b), (b, a)):
        r = per[x]["repairs"]
        if r["attempts"]:
            out.append(
                {
                    "title": f"{x}'s repair attempts",
                    "text": f"{x} tried to repair or apologise {_times(r['attempts'])}. {y} turned toward it "
                    f"{_times(r['accepted'])}, answered sharply {_times(r['rejected'])}, and {r['unanswered']} went "
                    "unanswered for two hours or more.",
                    "quotes": _quotes(metrics, x, "repair_attempt", 1) or _quotes(metrics, x, "apology", 1),
                }
            )
    for x, y in ((a, b), (b, a)):
        bids = per[x]["bids"]
        reply = per[y]["response_to_bids_minutes"]
        if bids["made"]:
            timing = (
                f" {y}'s median answer came after {reply['median']} minutes."
                if reply["median"] is not None
                else ""
            )
            out.append(
                {
                    "title": f"{x}'s bids for attention",
                    "text": f"{x} reached out with a question, an invitation or news {_times(bids['made'])}. {y} turned "
                    f"toward {bids['turned_toward']}, away from {bids['turned_away']} (no answer within six hours, "
                    f"or a shut-down) and against {bids['turned_against']}.{timing}",
                    "quotes": [],
                }
            )
    ua, ub = per[a]["understanding"], per[b]["understanding"]
    out.append(
        {
            "title": "Who does the understanding",
            "text": f"{a} validated, reflected or named a feeling {_times(ua['given'])}; {b} did so {_times(ub['given'])}."
            " When one partner does most of this work over months, it is worth talking about.",
            "quotes": _quotes(metrics, a, "validation", 1) + _quotes(metrics, b, "validation", 1),
        }
    )
    return out


def charts(metrics: dict[str, Any]) -> list[str]:
    """The plotly figures as HTML fragments; the first carries the plotly library inline."""
    import plotly.graph_objects as go

    people = metrics["people"]
    labels = [_label(p) for p in people]
    weeks = [w["week"] for w in metrics["weeks"]]
    per = metrics["per_person"]
    figures: list[Any] = []

    def weekly(key: str, title: str, ytitle: str, ratio: str | None = None) -> Any:
        fig = go.Figure()
        for i, person in enumerate(people):
            values: list[float | None] = []
            for w in metrics["weeks"]:
                s = w["per_person"][person]
                if ratio is None:
                    values.append(s[key])
                else:
                    values.append(round(s[key] / s[ratio], 2) if s[ratio] else None)
            fig.add_trace(
                go.Scatter(
                    x=weeks, y=values, name=labels[i], mode="lines+markers", line={"color": PALETTE[i]}
                )
            )
        fig.update_layout(title=title, yaxis_title=ytitle, height=340, margin={"t": 50, "b": 40})
        return fig

    if weeks:
        fig = go.Figure()
        for i, person in enumerate(people):
            fig.add_trace(
                go.Bar(
                    x=weeks,
                    y=[w["per_person"][person]["messages"] for w in metrics["weeks"]],
                    name=labels[i],
                    marker_color=PALETTE[i],
                )
            )
        fig.update_layout(title="Messages per week", barmode="group", height=340, margin={"t": 50, "b": 40})
        figures.append(fig)
        if any(per[p]["empathy"]["emotional_moments_answered"] for p in people):
            figures.append(
                weekly(
                    "empathy_sum",
                    "Empathy in emotional moments, week by week (0 to 6)",
                    "mean level",
                    ratio="emotional_moments",
                )
            )
        else:
            figures.append(
                weekly(
                    "replies_with_empathy",
                    "Share of replies showing empathy, week by week",
                    "share of replies",
                    ratio="replies",
                )
            )
        figures.append(weekly("horsemen", "The four horsemen, week by week", "messages"))
        fig = weekly(
            "conflict_positive",
            "Positive moves per negative one during conflict",
            "ratio",
            ratio="conflict_negative",
        )
        fig.add_hline(y=GOTTMAN_RATIO, line_dash="dot", annotation_text="5 : 1")
        figures.append(fig)
    fig = go.Figure()
    for kind, color in (
        ("turned_toward", "#4c9a6a"),
        ("turned_away", "#b0b0b0"),
        ("turned_against", "#c0392b"),
    ):
        fig.add_trace(
            go.Bar(
                x=labels,
                y=[per[p]["bids"][kind] for p in people],
                name=kind.replace("_", " "),
                marker_color=color,
            )
        )
    fig.update_layout(title="How each person's bids were answered", barmode="stack", height=320)
    figures.append(fig)
    ids = sorted({k for p in people for k in (*per[p]["moves"], *per[p]["pitfalls"])})
    if ids:
        fig = go.Figure()
        for i, person in enumerate(people):
            counts = {**per[person]["moves"], **per[person]["pitfalls"]}
            fig.add_trace(
                go.Bar(
                    y=[i.replace("_", " ") for i in ids],
                    x=[counts.get(k, 0) for k in ids],
                    name=labels[i],
                    orientation="h",
                    marker_color=PALETTE[i],
                )
            )
        fig.update_layout(title="Moves and pitfalls found", barmode="group", height=max(320, 28 * len(ids)))
        figures.append(fig)
    return [
        fig.to_html(
            full_html=False, include_plotlyjs=(n == 0), config={"displaylogo": False, "responsive": True}
        )
        for n, fig in enumerate(figures)
    ]


def _span(metrics: dict[str, Any]) -> str:
    first, last = metrics.get("first"), metrics.get("last")
    if not first or not last:
        return ""
    return f"{first[:10]} to {last[:10]}"


def render(
    metrics: dict[str, Any], parse: dict[str, Any] | None = None, *, title: str = "Chat review"
) -> str:
    """The whole report as one self-contained HTML document.

    Args:
        metrics: `ChatMetrics.to_dict()`.
        parse: `ParseReport.to_dict()` of the import, for the "how this was read" note.
        title: The page title.
    """
    from jinja2 import Environment
    from markupsafe import Markup

    env = Environment(autoescape=True)
    per = metrics["per_person"]
    people = metrics["people"]
    total = sum(per[p]["messages"] for p in people)
    glance = []
    for p in people:
        e = per[p]["empathy"]
        glance.append(
            {
                "label": f"{p}: messages",
                "value": f"{per[p]['messages']:,}",
                "note": f"{_pct(per[p]['message_share'])} of all",
            }
        )
        if e["emotional_moments_answered"]:
            glance.append(
                {
                    "label": f"{p}: empathy in emotional moments",
                    "value": _pct(e["share_of_moments_met_with_empathy"]),
                    "note": f"of {e['emotional_moments_answered']} moments",
                }
            )
        else:
            glance.append(
                {
                    "label": f"{p}: replies showing empathy",
                    "value": _pct(e["share_of_replies_with_empathy"]),
                    "note": f"of {e['replies']} replies",
                }
            )
    glance.append(
        {
            "label": "Conflict stretches",
            "value": str(metrics["conflict"]["episodes"]),
            "note": f"{metrics['conflict']['escalations']} escalated",
        }
    )
    parse_note = ""
    damaged = ""
    if parse:
        parse_note = (
            f"Read as {parse['format']}"
            + (f" ({parse['detail']})" if parse.get("detail") else "")
            + (f"; {parse['messages']:,} messages, {parse['system_lines']:,} system lines skipped.")
        )
        if metrics.get("messages_by_others"):
            parse_note += f" {metrics['messages_by_others']:,} messages by other people in the chat were counted but not analysed."
        if parse.get("damaged"):
            damaged = (
                f"{parse['damaged']:,} lines could not be read and were left out (see the command's output)."
            )
    safety = metrics.get("safety") or []
    resources = [str(r) for r in metrics.get("resources", [])]
    template = env.from_string(_TEMPLATE)
    return template.render(
        title=title,
        people=people,
        span=_span(metrics),
        total_messages=f"{total:,}",
        safety=safety,
        safety_intro="Some messages mention harm, threats or control. When that is part of a relationship, "
        "coaching on tone is not the right help: please talk to someone you trust or a support service.",
        resources=resources,
        glance=glance,
        findings=findings(metrics),
        charts=[Markup(c) for c in charts(metrics)],
        parse_note=parse_note,
        damaged=damaged,
    )
