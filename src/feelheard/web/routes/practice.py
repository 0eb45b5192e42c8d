"""Practice in the web app: answer a simulated partner in a scenario from the bank, with coaching on each reply.

Pages (plain form posts with CSRF tokens; they work without JavaScript):

* `/practice` lists the scenario bank by level (`?level=1&topic=chores` filter it), the viewer's unfinished
  conversations ("Continue") and recent results.
* `/practice/{scenario}` shows the context and the partner's opening line with a reply box; the first reply
  (`POST /practice/{scenario}/start`) creates the conversation, so an abandoned page leaves nothing behind.
* `/practice/session/{id}` shows the conversation as a chat, the coaching on the last reply, and the reply box
  (`POST .../reply`); once it has ended, the debrief and the role reversal (`POST .../reverse`).

Each conversation is one ``practice`` item of the viewer (`feelheard.practice.service`), updated after every
round and redirected to (post/redirect/get). The coaching on the last reply is worked out again when the page
is shown (the analysis is deterministic and quick); only the ids and the score of each round are stored.

When an LLM is configured (`feelheard.llm.config`), it words the partner's next line after each reply that
lands (`feelheard.practice.voice`; the scenario's script decides where the conversation goes, and its line is
the fallback); the session page says which it was, and why the script's line was used when the LLM's was not.

A reply that raises a safety concern is never stored: the page shows the Coach's safety panel and the
conversation is left exactly as it was before that reply (nothing on this computer shows it was written).

The REST API under `/api/v1/practice` offers the same: the scenarios, and sessions you create, answer, reverse,
list and read. Everything acts for the viewer of the request (`ViewerDep`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StrictStr
from starlette.concurrency import run_in_threadpool

from feelheard.errors import InputError
from feelheard.practice import engine
from feelheard.practice.engine import ENDING_WORDS, LANDED, MAX_REPLY_CHARS, PracticeState
from feelheard.practice.scenarios import LEVELS, TOPICS, Scenario, get_scenario, load_bank
from feelheard.web.auth import ViewerDep
from feelheard.web.deps import ConfigDep, RunnerDep, WebConfig
from feelheard.web.llm import voice_note
from feelheard.web.routes import history
from feelheard.web.routes.pages import FORM_EXPIRED, _form_checked, render, visitor_country
from feelheard.web.schemas import ErrorResponse
from feelheard.web.view import coach_view, highlight, score_words

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from feelheard.pipeline import Pipeline
    from feelheard.practice.voice import Voiced
    from feelheard.result import Analysis
    from feelheard.storage.repo import ItemRecord
    from feelheard.web.batching import BatchRunner

router = APIRouter(include_in_schema=False)
api_router = APIRouter(tags=["practice"])

SAFETY_STOP = (
    "Practice stopped here: what you wrote matters more than a practice score. "
    "Nothing from that reply was kept."
)
ENDED = "This practice conversation has ended. Start it again to have another go."
NOT_ENDED = "Role reversal opens once the conversation has ended."
CONTEXT_PREVIEW = 170
RECENT = 8


# --- the scenario bank --------------------------------------------------------------------------------------


def topic_words(topic: str) -> str:
    """A topic id as words ("in_laws" -> "in laws")."""
    return topic.replace("_", " ")


def preview(text: str, limit: int = CONTEXT_PREVIEW) -> str:
    """The first words of a text, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def scenario_card(s: Scenario) -> dict[str, Any]:
    """What a scenario card shows (and what the API lists)."""
    return {
        "id": s.id,
        "title": s.title,
        "topic": s.topic,
        "topic_words": topic_words(s.topic),
        "level": s.level,
        "level_name": s.level_name,
        "preview": preview(s.context),
    }


def _level(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    value = value.strip().lower()
    for number, name in LEVELS.items():
        if value in (str(number), name):
            return number
    return None


def next_scenario(current: Scenario) -> Scenario | None:
    """The scenario after this one: the next at the same level, else the first one level up, else the first."""
    ordered = sorted(load_bank().values(), key=lambda s: (s.level, s.title))
    if len(ordered) < 2:
        return None
    index = next((i for i, s in enumerate(ordered) if s.id == current.id), -1)
    return ordered[(index + 1) % len(ordered)]


# --- storage (runs in a worker thread) ----------------------------------------------------------------------


def _gone(item_id: int) -> HTTPException:
    return HTTPException(status_code=404, detail=f"There is no practice session {item_id}.")


def open_session(engine_: Engine, *, user_id: int, item_id: int) -> tuple[ItemRecord, PracticeState]:
    """One of the viewer's practice conversations and its state (`practice.service.load`).

    Raises:
        HTTPException: 404 when there is no such practice item of this viewer (a partner's shared one included).
        InputError: the stored conversation is damaged or names a scenario that is no longer in the bank.
    """
    from feelheard.practice import service
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    try:
        with session_scope(engine_) as session:
            return service.load(session, owner_id=user_id, item_id=item_id)
    except repo.NotFound:
        raise _gone(item_id) from None


def store_session(
    engine_: Engine, *, user_id: int, state: PracticeState, item_id: int | None = None
) -> ItemRecord:
    """Keep a conversation as a new practice item, or update the one it is.

    Raises:
        HTTPException: 404 when the item to update is gone (forgotten in another tab).
    """
    from feelheard.practice import service
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    try:
        with session_scope(engine_) as session:
            return service.save(session, owner_id=user_id, state=state, item_id=item_id)
    except repo.NotFound:
        raise _gone(item_id or 0) from None


def list_sessions(engine_: Engine, *, user_id: int, limit: int = 500, offset: int = 0) -> list[ItemRecord]:
    """The viewer's practice conversations, newest first."""
    from feelheard.practice import service
    from feelheard.storage.db import session_scope

    with session_scope(engine_) as session:
        return service.results(session, owner_id=user_id, limit=limit, offset=offset)


def session_row(item: ItemRecord) -> dict[str, Any]:
    """A conversation as lists show it, read from the stored payload (no scenario lookup needed)."""
    p = item.payload
    exchanges = p.get("exchanges")
    score = p.get("score")
    return {
        "id": item.id,
        "created_at": item.created_at.isoformat(),
        "updated_at": item.updated_at.isoformat(),
        "date": item.updated_at.date().isoformat(),
        "scenario": str(p.get("scenario", "")),
        "title": str(p.get("title") or item.title or "Practice"),
        "topic": str(p.get("topic", "")),
        "level": p.get("level") if isinstance(p.get("level"), int) else None,
        "finished": bool(p.get("finished")),
        "ending": p.get("ending") if isinstance(p.get("ending"), str) else None,
        "ending_words": ENDING_WORDS.get(str(p.get("ending")), ""),
        "score": score if isinstance(score, int) and not isinstance(score, bool) else None,
        "rounds": len(exchanges) if isinstance(exchanges, list) else 0,
    }


# --- running the engine through the app's batching runner ---------------------------------------------------


class QueuedPipeline:
    """The engine's pipeline call, sent through the app's `BatchRunner` (called from a worker thread).

    It remembers the last analysis, so a role reversal that raised a safety concern can show the safety panel.
    """

    def __init__(self, runner: BatchRunner) -> None:
        self.runner = runner
        self.last: Analysis | None = None

    def __call__(self, partner: object = None, reply: object = None) -> Analysis:
        self.last = self.runner.submit(partner, reply).result()
        return self.last

    def as_pipeline(self) -> Pipeline:
        return cast("Pipeline", self)


def answer_and_voice(
    state: PracticeState, reply: str, checker: Pipeline
) -> tuple[engine.RoundResult, Voiced | None]:
    """Coach one reply; when it landed and an LLM is configured, let the LLM word the partner's next line.

    Blocking (the pipeline and the LLM both): call it in a worker thread, before the state is saved.

    Raises:
        InputError: the conversation is over, or the reply is empty or too long.
    """
    from feelheard.web.llm import voice_partner

    result = engine.answer(state, reply, checker)
    if result.outcome is None:
        return result, None
    return result, voice_partner(state, checker)


# --- what the pages show ------------------------------------------------------------------------------------


@cache
def _catalogue_entries() -> dict[str, Any]:
    try:
        from feelheard.catalogue import load_catalogue

        cat = load_catalogue()
    except Exception:  # names are a nicety; the ids still read
        return {}
    return {**cat.moves, **cat.pitfalls}


def finding_name(finding_id: str) -> str:
    entry = _catalogue_entries().get(finding_id)
    return str(entry.name) if entry is not None else finding_id.replace("_", " ").capitalize()


def _why(finding_id: str, own: str = "") -> str:
    entry = _catalogue_entries().get(finding_id)
    return own or (str(entry.why) if entry is not None else "")


def _tip(finding_id: str) -> str:
    entry = _catalogue_entries().get(finding_id)
    return str(entry.tip) if entry is not None else ""


def feedback_view(analysis: Analysis, outcome: str | None) -> dict[str, Any]:
    """The coaching on one reply: score, how it landed, the reply with its marked phrases, what worked, what
    backfired (with the catalogue's why) and a kinder wording. Every piece of user text stays a plain string."""
    seen: set[str] = set()
    moves = []
    for f in analysis.moves:
        if f.id not in seen:
            seen.add(f.id)
            moves.append({"id": f.id, "name": finding_name(f.id), "tip": f.tip or _tip(f.id)})
    pitfalls = [
        {
            "id": f.id,
            "name": finding_name(f.id),
            "quote": f.quote,
            "why": _why(f.id, f.why),
            "tip": f.tip or _tip(f.id),
        }
        for f in analysis.pitfalls
    ]
    reply = analysis.reply or ""
    return {
        "score": analysis.score,
        "score_words": score_words(analysis.score) if analysis.score is not None else "",
        "outcome": outcome,
        "landed": LANDED.get(outcome or "", ""),
        "reply": reply,
        "segments": highlight(reply, [*analysis.pitfalls, *analysis.moves]),
        "moves": moves,
        "pitfalls": pitfalls,
        "suggestion": analysis.suggestion,
        "tone_advice": analysis.tone.advice,
    }


def stored_feedback(exchange: engine.Exchange) -> dict[str, Any]:
    """The coaching on a stored round when it cannot be worked out again: names and reasons, no marked phrases."""
    return {
        "score": exchange.score,
        "score_words": score_words(exchange.score) if exchange.score is not None else "",
        "outcome": exchange.outcome,
        "landed": LANDED.get(exchange.outcome, ""),
        "reply": exchange.reply,
        "segments": [],
        "moves": [{"id": m, "name": finding_name(m), "tip": _tip(m)} for m in dict.fromkeys(exchange.moves)],
        "pitfalls": [
            {"id": p, "name": finding_name(p), "quote": "", "why": _why(p), "tip": _tip(p)}
            for p in dict.fromkeys(exchange.pitfalls)
        ],
        "suggestion": exchange.suggestion,
        "tone_advice": None,
    }


def _ending_view(state: PracticeState) -> dict[str, Any] | None:
    if not state.finished or state.stopped_for_safety:
        return None
    scenario = state.scenario
    turn = scenario.turns[state.turn]
    weakest = engine.weakest_round(state)
    return {
        "ending": turn.ending,
        "words": ENDING_WORDS.get(turn.ending or "", ""),
        "score": state.score,
        "rounds": len(state.exchanges),
        "debrief": turn.debrief or "",
        "underneath": scenario.underneath,
        "good_answer": scenario.good_answer,
        "weakest": weakest,
        "weakest_reply": state.exchanges[weakest].reply if weakest is not None else "",
        "weakest_partner": state.exchanges[weakest].partner if weakest is not None else "",
    }


def _words(ids: list[str]) -> list[str]:
    return [i.replace("_", " ") for i in ids]


def _reversal_view(state: PracticeState) -> dict[str, Any] | None:
    r = state.reversal
    if not r:
        return None
    return {
        "your_words": str(r.get("your_words", "")),
        "as_partner": str(r.get("as_partner", "")),
        "felt": _words(list(r.get("feelings_in_your_words") or [])),
        "underneath": _words(list(r.get("feelings_underneath") or [])),
        "pitfalls": [finding_name(p) for p in dict.fromkeys(r.get("pitfalls_in_your_words") or [])],
        "moves": [finding_name(m) for m in dict.fromkeys(r.get("moves_in_your_words") or [])],
    }


def _chat(state: PracticeState) -> list[dict[str, Any]]:
    rounds = [
        {
            "partner": e.partner,
            "reply": e.reply,
            "score": e.score,
            "landed": LANDED.get(e.outcome, ""),
            "outcome": e.outcome,
        }
        for e in state.exchanges
    ]
    return rounds


async def _last_feedback(runner: BatchRunner, state: PracticeState) -> dict[str, Any] | None:
    """The full coaching on the last reply, worked out again (the stored round when that is not possible)."""
    if not state.exchanges:
        return None
    last = state.exchanges[-1]
    try:
        analysis = await runner.analyze(last.partner, last.reply)
    except InputError:
        return stored_feedback(last)
    if analysis.safety.level != "none":
        return stored_feedback(last)
    return feedback_view(analysis, last.outcome)


def _sentence(exc: Exception) -> str:
    from feelheard.web.app import sentence

    return sentence(str(exc))


def _scenario_or_404(scenario_id: str) -> Scenario:
    try:
        return get_scenario(scenario_id)
    except InputError:
        raise HTTPException(status_code=404, detail=f"There is no practice scenario {scenario_id}.") from None


# --- pages: the bank ----------------------------------------------------------------------------------------


@router.get("/practice", response_class=HTMLResponse)
async def practice_page(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """The scenario bank by level (filtered by `?level=` and `?topic=`), your unfinished conversations and results."""
    raw_level = request.query_params.get("level")
    raw_topic = (request.query_params.get("topic") or "").strip()
    level = _level(raw_level)
    topic = raw_topic if raw_topic in TOPICS else None
    notice = ""
    if (raw_level and level is None) or (raw_topic and topic is None):
        notice = "That filter is not one this page knows, so every scenario is shown."
    bank = load_bank()
    chosen = sorted(
        (
            s
            for s in bank.values()
            if (level is None or s.level == level) and (topic is None or s.topic == topic)
        ),
        key=lambda s: (s.level, s.title),
    )
    groups = [
        {"level": number, "name": name, "cards": [scenario_card(s) for s in chosen if s.level == number]}
        for number, name in LEVELS.items()
    ]
    engine_ = await run_in_threadpool(history.storage_engine, request)
    rows = [session_row(i) for i in await run_in_threadpool(list_sessions, engine_, user_id=viewer.user_id)]
    context = {
        "groups": [g for g in groups if g["cards"]],
        "count": len(chosen),
        "total": len(bank),
        "levels": list(LEVELS.items()),
        "topics": sorted({s.topic for s in bank.values()}, key=topic_words),
        "level": level,
        "topic": topic,
        "notice": notice,
        "unfinished": [r for r in rows if not r["finished"] and r["rounds"]][:RECENT],
        "results": [r for r in rows if r["finished"]][:RECENT],
    }
    return render(request, config, "practice.html", context, page="practice")


def _scenario_context(
    scenario: Scenario, *, reply: str = "", error: str = "", safety: Any = None
) -> dict[str, Any]:
    return {
        "scenario": scenario_card(scenario),
        "context_text": scenario.context,
        "opening": scenario.opening.partner,
        "reply": reply,
        "error": error,
        "safety": safety,
        "safety_stop": SAFETY_STOP,
        "max_reply": MAX_REPLY_CHARS,
    }


@router.get("/practice/{scenario_id}", response_class=HTMLResponse)
def scenario_page(scenario_id: str, request: Request, config: ConfigDep) -> Response:
    """One scenario: the context, what your partner says first, and the box for your reply."""
    scenario = _scenario_or_404(scenario_id)
    return render(request, config, "practice_scenario.html", _scenario_context(scenario), page="practice")


@router.post("/practice/{scenario_id}/start", response_class=HTMLResponse)
async def start_from_page(
    scenario_id: str, request: Request, config: ConfigDep, runner: RunnerDep, viewer: ViewerDep
) -> Response:
    """The first reply: start the conversation, coach the reply, keep it, and show the conversation."""
    scenario = _scenario_or_404(scenario_id)
    values, ok = await _form_checked(request, config)
    reply = values.get("reply", "")

    def page(status: int, **extra: Any) -> Response:
        context = _scenario_context(scenario, reply=reply, **extra)
        return render(request, config, "practice_scenario.html", context, status_code=status, page="practice")

    if not ok:
        return page(403, error=FORM_EXPIRED)
    state = engine.start(scenario.id)
    try:
        result, _ = await run_in_threadpool(
            answer_and_voice, state, reply, QueuedPipeline(runner).as_pipeline()
        )
    except InputError as exc:
        return page(422, error=_sentence(exc))
    if result.outcome is None:
        # Nothing is stored, and the box is emptied: the words are not kept even in the page.
        reply = ""
        return page(200, safety=coach_view(result.analysis, country=visitor_country(request, config)))
    engine_ = await run_in_threadpool(history.storage_engine, request)
    item = await run_in_threadpool(store_session, engine_, user_id=viewer.user_id, state=state)
    return RedirectResponse(f"/practice/session/{item.id}#feedback", status_code=303)


# --- pages: a conversation ----------------------------------------------------------------------------------


async def _session_page(
    request: Request,
    config: WebConfig,
    runner: BatchRunner,
    item: ItemRecord,
    state: PracticeState,
    *,
    status: int = 200,
    reply: str = "",
    as_partner: str = "",
    error: str = "",
    reverse_error: str = "",
    safety: Any = None,
) -> Response:
    scenario = state.scenario
    following = next_scenario(scenario)
    context = {
        "item_id": item.id,
        "scenario": scenario_card(scenario),
        "context_text": scenario.context,
        "opening": state.partner_line(scenario.start),
        "chat": _chat(state),
        "feedback": None if safety is not None else await _last_feedback(runner, state),
        "current_line": state.partner_line(),
        "voice_note": voice_note(state) if safety is None else "",
        "turn": state.turn,
        "finished": state.finished and safety is None,
        "ending": _ending_view(state),
        "reversal": _reversal_view(state),
        "next_scenario": scenario_card(following) if following is not None else None,
        "reply": reply,
        "as_partner": as_partner,
        "error": error,
        "reverse_error": reverse_error,
        "safety": safety,
        "safety_stop": SAFETY_STOP,
        "max_reply": MAX_REPLY_CHARS,
    }
    return render(request, config, "practice_session.html", context, status_code=status, page="practice")


async def _open_for_page(request: Request, item_id: int, user_id: int) -> tuple[ItemRecord, PracticeState]:
    engine_ = await run_in_threadpool(history.storage_engine, request)
    try:
        return await run_in_threadpool(open_session, engine_, user_id=user_id, item_id=item_id)
    except InputError:  # damaged, or its scenario left the bank: nothing to show
        raise _gone(item_id) from None


@router.get("/practice/session/{item_id}", response_class=HTMLResponse)
async def session_page(
    item_id: int, request: Request, config: ConfigDep, runner: RunnerDep, viewer: ViewerDep
) -> Response:
    """A conversation: the chat so far, the coaching on your last reply, and your next reply or the debrief."""
    item, state = await _open_for_page(request, item_id, viewer.user_id)
    return await _session_page(request, config, runner, item, state)


@router.post("/practice/session/{item_id}/reply", response_class=HTMLResponse)
async def reply_from_page(
    item_id: int, request: Request, config: ConfigDep, runner: RunnerDep, viewer: ViewerDep
) -> Response:
    """Coach one reply, move the conversation on and keep it; then show the conversation again."""
    values, ok = await _form_checked(request, config)
    item, state = await _open_for_page(request, item_id, viewer.user_id)
    reply = values.get("reply", "")
    if not ok:
        return await _session_page(
            request, config, runner, item, state, status=403, reply=reply, error=FORM_EXPIRED
        )
    if state.finished:
        return await _session_page(request, config, runner, item, state, status=409, error=ENDED)
    if values.get("turn", state.turn) != state.turn:
        # A form from an older view of this conversation (a second tab, or the back button): show where it is.
        return RedirectResponse(f"/practice/session/{item.id}", status_code=303)
    try:
        result, _ = await run_in_threadpool(
            answer_and_voice, state, reply, QueuedPipeline(runner).as_pipeline()
        )
    except InputError as exc:
        return await _session_page(
            request, config, runner, item, state, status=422, reply=reply, error=_sentence(exc)
        )
    if result.outcome is None:
        # Never stored: the conversation stays as it was before this reply, and the words leave the page too.
        _, kept = await _open_for_page(request, item_id, viewer.user_id)
        view = coach_view(result.analysis, country=visitor_country(request, config))
        return await _session_page(request, config, runner, item, kept, safety=view)
    engine_ = await run_in_threadpool(history.storage_engine, request)
    await run_in_threadpool(store_session, engine_, user_id=viewer.user_id, state=state, item_id=item.id)
    return RedirectResponse(f"/practice/session/{item.id}#feedback", status_code=303)


@router.post("/practice/session/{item_id}/reverse", response_class=HTMLResponse)
async def reverse_from_page(
    item_id: int, request: Request, config: ConfigDep, runner: RunnerDep, viewer: ViewerDep
) -> Response:
    """Role reversal: read your weakest reply as your partner, say how it lands, and compare the feelings."""
    values, ok = await _form_checked(request, config)
    item, state = await _open_for_page(request, item_id, viewer.user_id)
    text = values.get("as_partner", "")
    weakest = engine.weakest_round(state)
    if not ok:
        return await _session_page(
            request, config, runner, item, state, status=403, as_partner=text, reverse_error=FORM_EXPIRED
        )
    if not state.finished or state.stopped_for_safety or weakest is None:
        return await _session_page(request, config, runner, item, state, status=409, error=NOT_ENDED)
    queued = QueuedPipeline(runner)
    try:
        result = await run_in_threadpool(engine.reverse, state, weakest, text, queued.as_pipeline())
    except InputError as exc:
        return await _session_page(
            request, config, runner, item, state, status=422, as_partner=text, reverse_error=_sentence(exc)
        )
    if result["safety_level"] != "none" and queued.last is not None:
        view = coach_view(queued.last, country=visitor_country(request, config))
        return await _session_page(request, config, runner, item, state, safety=view)
    engine_ = await run_in_threadpool(history.storage_engine, request)
    await run_in_threadpool(store_session, engine_, user_id=viewer.user_id, state=state, item_id=item.id)
    return RedirectResponse(f"/practice/session/{item.id}#reversal", status_code=303)


# --- the REST API -------------------------------------------------------------------------------------------


class ScenarioSummary(BaseModel):
    """A scenario as listed."""

    id: str
    title: str
    topic: str
    level: int = Field(description="1 gentle, 2 charged, 3 hard.")
    level_name: str
    preview: str = Field(description="The first words of the context.")


class ScenarioDetail(ScenarioSummary):
    """A scenario before you start it: the situation and what your partner says first."""

    context: str = Field(description="What you know before your partner speaks.")
    opening: str = Field(description="Your partner's first line.")
    aim_moves: list[str] = Field(description="Ids of the helpful moves that matter most here.")
    traps: list[str] = Field(description="Ids of the pitfalls people tend to fall into here.")


class ExchangeOut(BaseModel):
    """One round: what your partner said, your reply, and how it went."""

    turn: str
    partner: str
    reply: str
    outcome: str = Field(description="heard, partly, escalates or withdraws.")
    score: int | None
    moves: list[str]
    pitfalls: list[str]
    suggestion: str | None


class SessionSummary(BaseModel):
    """A practice conversation as listed."""

    id: int
    created_at: str
    updated_at: str
    scenario: str
    title: str
    topic: str
    level: int | None
    finished: bool
    ending: str | None = Field(description="repaired, partial or stuck once ended.")
    score: int | None = Field(description="The mean score of your replies.")
    rounds: int


class SessionOut(BaseModel):
    """A practice conversation with every round; `partner_line` is what your partner says now."""

    id: int
    created_at: str
    updated_at: str
    scenario: str
    title: str
    topic: str
    level: int
    turn: str = Field(description="The partner turn waiting for your reply (the ending's once ended).")
    partner_line: str
    finished: bool
    ending: str | None
    score: int | None
    exchanges: list[ExchangeOut]
    stopped_for_safety: bool
    reversal: dict[str, Any] | None = Field(description="The role-reversal round, once done.")
    weakest_round: int | None = Field(description="Once ended: the round (from 0) role reversal looks at.")
    debrief: str | None = Field(description="Once ended: how it went.")
    underneath: str | None = Field(
        description="Once ended: the feelings and needs under your partner's words."
    )
    good_answer: str | None = Field(description="Once ended: what a good answer does here.")


class FindingOut(BaseModel):
    """A helpful move or a pitfall in your reply, with where it is."""

    id: str
    name: str
    quote: str
    start: int
    end: int
    tip: str
    why: str = ""


class SafetyOut(BaseModel):
    """The reply raised a safety concern: nothing was scored or kept, and here is where to find help."""

    level: str
    message: str | None
    categories: list[str]
    resources: list[dict[str, Any]]


class RoundOut(BaseModel):
    """The coaching on one reply and where the conversation went (`outcome` null: stopped for safety)."""

    stored: bool = Field(description="False when the reply raised a safety concern and nothing was kept.")
    outcome: str | None
    landed: str | None = Field(description="How it landed, in words.")
    score: int | None
    feelings: list[str] = Field(description="What your partner may be feeling, read from their line.")
    moves: list[FindingOut]
    pitfalls: list[FindingOut]
    suggestion: str | None
    next_line: str | None = Field(description="What your partner says next (the ending's line once ended).")
    ending: str | None
    debrief: str | None
    safety: SafetyOut | None
    voice: Literal["llm", "script"] | None = Field(
        description=(
            "Who worded `next_line` when an LLM is configured: the LLM, or the scenario's script when the LLM's "
            "line could not be used (`voice_note` says why); null when no LLM is configured."
        )
    )
    voice_note: str | None = Field(description="Why the script's line was used instead of the LLM's.")


class ReplyResult(BaseModel):
    """One round's coaching and the conversation after it."""

    round: RoundOut
    session: SessionOut


class ReversalResult(BaseModel):
    """The role-reversal round and the conversation after it."""

    stored: bool
    reversal: dict[str, Any]
    safety: SafetyOut | None
    session: SessionOut


class StartRequest(BaseModel):
    """Which scenario to practise."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"scenario": "dishes-after-double-shift"}]}
    )
    scenario: StrictStr = Field(description="A scenario id from GET /practice/scenarios.")


class ReplyRequest(BaseModel):
    """Your reply to what your partner just said."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reply": "You sound exhausted."}]}
    )
    reply: StrictStr = Field(description=f"Up to {MAX_REPLY_CHARS} characters.")


class ReverseRequest(BaseModel):
    """Role reversal: as your partner, how does your weakest reply land?"""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": "It felt like a brush-off."}]}
    )
    text: StrictStr = Field(description=f"Up to {MAX_REPLY_CHARS} characters.")


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {
        403: "Sent by a page on another website.",
        404: "No such scenario or practice session (or not one of yours).",
        409: "The conversation has ended (reply), or has not ended yet (reverse).",
        413: "The body is larger than the limit.",
        422: "Invalid input: an empty or too long reply, an unknown filter or field.",
    }
    return {code: {"model": ErrorResponse, "description": words[code]} for code in codes}


def scenario_detail(s: Scenario) -> ScenarioDetail:
    card = scenario_card(s)
    return ScenarioDetail(
        id=s.id,
        title=s.title,
        topic=s.topic,
        level=s.level,
        level_name=s.level_name,
        preview=card["preview"],
        context=s.context,
        opening=s.opening.partner,
        aim_moves=list(s.aim_moves),
        traps=list(s.traps),
    )


def session_out(item: ItemRecord, state: PracticeState) -> SessionOut:
    """The API's view of a conversation."""
    data = state.to_dict()
    ended = _ending_view(state)
    return SessionOut(
        id=item.id,
        created_at=item.created_at.isoformat(),
        updated_at=item.updated_at.isoformat(),
        scenario=data["scenario"],
        title=data["title"],
        topic=data["topic"],
        level=data["level"],
        turn=data["turn"],
        partner_line=state.partner_line(),
        finished=data["finished"],
        ending=data["ending"],
        score=data["score"],
        exchanges=[ExchangeOut(**e) for e in data["exchanges"]],
        stopped_for_safety=data["stopped_for_safety"],
        reversal=data["reversal"],
        weakest_round=ended["weakest"] if ended else None,
        debrief=ended["debrief"] if ended else None,
        underneath=ended["underneath"] if ended else None,
        good_answer=ended["good_answer"] if ended else None,
    )


def _finding(f: Any) -> FindingOut:
    return FindingOut(
        id=f.id,
        name=finding_name(f.id),
        quote=f.quote,
        start=f.start,
        end=f.end,
        tip=f.tip,
        why=_why(f.id, f.why) if f.kind == "pitfall" else "",
    )


def _safety_out(analysis: Analysis, request: Request, config: WebConfig) -> SafetyOut:
    view = coach_view(analysis, country=visitor_country(request, config))
    return SafetyOut(
        level=view.safety_level,
        message=view.safety_message,
        categories=view.safety_categories,
        resources=view.resources,
    )


async def _open_for_api(
    request: Request, item_id: int, user_id: int
) -> tuple[Engine, ItemRecord, PracticeState]:
    engine_ = await run_in_threadpool(history.storage_engine, request)
    item, state = await run_in_threadpool(open_session, engine_, user_id=user_id, item_id=item_id)
    return engine_, item, state


@api_router.get(
    "/practice/scenarios",
    summary="List practice scenarios",
    response_model=list[ScenarioSummary],
    responses=_errors(422),
)
def api_scenarios(
    level: Annotated[int | None, Query(ge=1, le=3, description="1 gentle, 2 charged, 3 hard.")] = None,
    topic: Annotated[
        str | None, Query(max_length=40, description="A topic id, such as chores or money.")
    ] = None,
) -> list[ScenarioSummary]:
    """The scenario bank, easiest first, optionally only one level or topic."""
    from feelheard.practice.service import choose

    return [
        ScenarioSummary(**{k: v for k, v in scenario_card(s).items() if k != "topic_words"})
        for s in choose(topic=topic, level=level)
    ]


@api_router.get(
    "/practice/scenarios/{scenario_id}",
    summary="Show a practice scenario",
    response_model=ScenarioDetail,
    responses=_errors(404),
)
def api_scenario(scenario_id: str) -> ScenarioDetail:
    """One scenario: its context and your partner's opening line (the rest unfolds as you answer)."""
    return scenario_detail(_scenario_or_404(scenario_id))


@api_router.post(
    "/practice/sessions",
    summary="Start a practice conversation",
    status_code=201,
    response_model=SessionOut,
    responses=_errors(403, 404, 422),
)
async def api_start(
    body: StartRequest, request: Request, viewer: ViewerDep, _: history.SameSite
) -> SessionOut:
    """Start a conversation in a scenario; answer it with `POST /practice/sessions/{id}/reply`."""
    scenario = _scenario_or_404(body.scenario)
    state = engine.start(scenario.id)
    engine_ = await run_in_threadpool(history.storage_engine, request)
    item = await run_in_threadpool(store_session, engine_, user_id=viewer.user_id, state=state)
    return session_out(item, state)


@api_router.get(
    "/practice/sessions",
    summary="List your practice conversations",
    response_model=list[SessionSummary],
    responses=_errors(422),
)
async def api_sessions(
    request: Request,
    viewer: ViewerDep,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many.")] = 50,
    offset: Annotated[int, Query(ge=0, description="Skip this many (paging).")] = 0,
) -> list[SessionSummary]:
    """Your practice conversations, newest first (finished or not)."""
    engine_ = await run_in_threadpool(history.storage_engine, request)
    items = await run_in_threadpool(
        list_sessions, engine_, user_id=viewer.user_id, limit=limit, offset=offset
    )
    rows = [session_row(i) for i in items]
    return [SessionSummary(**{k: v for k, v in r.items() if k in SessionSummary.model_fields}) for r in rows]


@api_router.get(
    "/practice/sessions/{item_id}",
    summary="Show a practice conversation",
    response_model=SessionOut,
    responses=_errors(404, 422),
)
async def api_session(item_id: int, request: Request, viewer: ViewerDep) -> SessionOut:
    """One of your practice conversations with every round."""
    _, item, state = await _open_for_api(request, item_id, viewer.user_id)
    return session_out(item, state)


@api_router.post(
    "/practice/sessions/{item_id}/reply",
    summary="Answer your partner",
    response_model=ReplyResult,
    responses=_errors(403, 404, 409, 413, 422),
)
async def api_reply(
    item_id: int,
    body: ReplyRequest,
    request: Request,
    config: ConfigDep,
    runner: RunnerDep,
    viewer: ViewerDep,
    _: history.SameSite,
) -> ReplyResult:
    """Coach your reply and move the conversation on. A reply that raises a safety concern is not scored or
    kept (`round.stored` false, `round.safety` says where to find help) and the conversation stays as it was."""
    engine_, item, state = await _open_for_api(request, item_id, viewer.user_id)
    if state.finished:
        raise HTTPException(status_code=409, detail=ENDED)
    result, voiced = await run_in_threadpool(
        answer_and_voice, state, body.reply, QueuedPipeline(runner).as_pipeline()
    )
    analysis = result.analysis
    if result.outcome is None:
        item, kept = (await _open_for_api(request, item_id, viewer.user_id))[1:]
        round_ = RoundOut(
            stored=False, outcome=None, landed=None, score=None, feelings=[], moves=[], pitfalls=[], suggestion=None,
            next_line=None, ending=None, debrief=None, safety=_safety_out(analysis, request, config), voice=None,
            voice_note=None,
        )  # fmt: skip
        return ReplyResult(round=round_, session=session_out(item, kept))
    item = await run_in_threadpool(
        store_session, engine_, user_id=viewer.user_id, state=state, item_id=item.id
    )
    round_ = RoundOut(
        stored=True,
        outcome=result.outcome,
        landed=LANDED.get(result.outcome, ""),
        score=analysis.score,
        feelings=list(analysis.feelings),
        moves=[_finding(f) for f in analysis.moves],
        pitfalls=[_finding(f) for f in analysis.pitfalls],
        suggestion=analysis.suggestion,
        next_line=state.partner_line(),
        ending=result.ending,
        debrief=result.debrief,
        safety=None,
        voice=("llm" if voiced.source == "llm" else "script") if voiced is not None else None,
        voice_note=(voiced.note or None) if voiced is not None else None,
    )
    return ReplyResult(round=round_, session=session_out(item, state))


@api_router.post(
    "/practice/sessions/{item_id}/reverse",
    summary="Role reversal",
    response_model=ReversalResult,
    responses=_errors(403, 404, 409, 413, 422),
)
async def api_reverse(
    item_id: int,
    body: ReverseRequest,
    request: Request,
    config: ConfigDep,
    runner: RunnerDep,
    viewer: ViewerDep,
    _: history.SameSite,
) -> ReversalResult:
    """Once the conversation has ended: read your weakest reply as your partner and say how it lands. The answer
    names the feelings your words carry beside those the scenario says were underneath."""
    engine_, item, state = await _open_for_api(request, item_id, viewer.user_id)
    weakest = engine.weakest_round(state)
    if not state.finished or state.stopped_for_safety or weakest is None:
        raise HTTPException(status_code=409, detail=NOT_ENDED)
    queued = QueuedPipeline(runner)
    result = await run_in_threadpool(engine.reverse, state, weakest, body.text, queued.as_pipeline())
    if result["safety_level"] != "none":
        safety = _safety_out(queued.last, request, config) if queued.last is not None else None
        reversal = {k: v for k, v in result.items() if k != "as_partner"}
        return ReversalResult(
            stored=False, reversal=reversal, safety=safety, session=session_out(item, state)
        )
    item = await run_in_threadpool(
        store_session, engine_, user_id=viewer.user_id, state=state, item_id=item.id
    )
    return ReversalResult(stored=True, reversal=result, safety=None, session=session_out(item, state))
