"""Assessments and check-ins in the web app: the pages (plain forms, no JavaScript needed) and the REST API.

Pages:

* `/assess` lists the assessments with your last result; `/assess/{name}` is the questionnaire, and posting
  it shows the result page: the score and band, the answers most worth working on, recommendations that link
  to practice scenarios and rituals, and your past scores. A red-flags result that touches on safety shows
  the help lines for the visitor's country instead, and is never saved.
* `/checkins` shows what is due, the daily check-in streak, the four rituals and your recent check-ins (and
  those your partner shared); `/checkins/{ritual}` is the guided flow with fresh prompts, and a saved check-in
  lands on `/checkins/saved/{id}` (post/redirect/get). A check-in whose text touches on safety is not saved.

API under `/api/v1`: `GET /assessments`, `GET /assessments/{name}`, `POST /assessments/{name}` (answers in,
scored result out, saved unless `save` is false), `GET /assessments/{name}/history`; `GET /rituals`,
`GET /rituals/due`, `GET /rituals/{id}/prompt`, `POST /checkins`, `GET /checkins`.

Every route that touches stored data acts for `ViewerDep` and runs its database work in a worker thread. The
content and the rules live in `feelheard.assess` and `feelheard.rituals`; nothing here scores or schedules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from starlette.concurrency import run_in_threadpool

from feelheard.assess.content import Assessment, get_assessment, load_assessments
from feelheard.assess.scoring import AssessmentResult, score_answers
from feelheard.errors import InputError
from feelheard.rituals.content import MAX_TEXT_CHARS, Ritual, load_rituals, pool
from feelheard.rituals.schedule import DueItem, RitualRecord, Streak, due_items, pick_prompts, streaks
from feelheard.rituals.store import CheckinEntry, Filled
from feelheard.web.auth import ViewerDep
from feelheard.web.deps import ConfigDep
from feelheard.web.routes import history
from feelheard.web.routes.pages import FORM_EXPIRED, _form_checked, render, visitor_country
from feelheard.web.schemas import ErrorResponse

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from feelheard.assess.store import PastResult
    from feelheard.storage.repo import ItemRecord

router = APIRouter(include_in_schema=False)
api_router = APIRouter(tags=["assessments and check-ins"])

RECENT_CHECKINS = 10
NOT_SAVED_SAFETY = (
    "This result was not saved: a result that touches on safety is never kept, so nothing on this computer "
    "shows that you took this check."
)


def _sentence(exc: Exception) -> str:
    from feelheard.web.app import sentence

    return sentence(str(exc))


def _today() -> date:
    from feelheard.rituals.store import local_today

    return local_today()


def _date_words(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


# --- storage, run in a worker thread ------------------------------------------------------------------------


def past_results(engine: Engine, *, user_id: int, name: str | None = None) -> list[PastResult]:
    """The viewer's kept results, newest first."""
    from feelheard.assess.store import list_results
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        return list_results(session, owner_id=user_id, name=name)


def keep_result(engine: Engine, *, user_id: int, result: AssessmentResult, day: date) -> int:
    """Keep a result for the viewer; returns the item id."""
    from feelheard.assess.store import save_result
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        return save_result(session, owner_id=user_id, result=result, day=day).id


@dataclass(frozen=True)
class RitualState:
    """What the check-in pages need to know about the viewer."""

    records: list[RitualRecord]
    has_partner: bool


def ritual_state(engine: Engine, *, user_id: int) -> RitualState:
    """The viewer's own check-in records and whether a partner is linked."""
    from feelheard.rituals.store import own_records
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        records = own_records(session, owner_id=user_id)
        partner = repo.partner_id(session, user_id=user_id) is not None
    return RitualState(records=records, has_partner=partner)


def keep_checkin(
    engine: Engine, *, user_id: int, filled: Filled, passphrase: str | None, share: bool
) -> ItemRecord:
    """Keep a check-in for the viewer (the text sealed when a passphrase is given)."""
    from feelheard.rituals.store import save_checkin
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        return save_checkin(
            session,
            owner_id=user_id,
            filled=filled,
            encrypt=bool(passphrase),
            passphrase=passphrase or None,
            share=share,
        )


def checkin_entries(
    engine: Engine, *, user_id: int, limit: int, offset: int = 0, ritual: str | None = None
) -> list[CheckinEntry]:
    """Check-ins the viewer may see, newest first (sealed text stays sealed)."""
    from feelheard.rituals.store import list_entries
    from feelheard.storage.db import session_scope

    with session_scope(engine) as session:
        return list_entries(session, viewer_id=user_id, ritual=ritual, limit=limit, offset=offset)


def one_checkin(engine: Engine, *, user_id: int, item_id: int) -> CheckinEntry:
    """One check-in the viewer may see.

    Raises:
        HTTPException: 404 when it does not exist, is not visible, or is not a check-in.
    """
    from feelheard.rituals.store import entry_of
    from feelheard.storage import repo
    from feelheard.storage.db import session_scope

    try:
        with session_scope(engine) as session:
            item = repo.get_item(session, viewer_id=user_id, item_id=item_id)
    except repo.NotFound:
        raise HTTPException(status_code=404, detail=f"No check-in {item_id}.") from None
    if item.kind != "checkin":
        raise HTTPException(status_code=404, detail=f"No check-in {item_id}.")
    return entry_of(item)


# --- views --------------------------------------------------------------------------------------------------


def _assessment_or_404(name: str) -> Assessment:
    found = get_assessment(name)
    if found is None:
        raise HTTPException(status_code=404, detail=f"No assessment called {name!r}.")
    return found


def _ritual_or_404(ritual_id: str) -> Ritual:
    found = load_rituals().get(ritual_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"No ritual called {ritual_id!r}.")
    return found


def _past_view(results: list[PastResult]) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "score": r.score,
            "band": r.band_label,
            "date": _date_words(r.day),
            "iso": r.day.isoformat(),
        }
        for r in results
    ]


def _resources_view(result_resources: Any) -> dict[str, Any] | None:
    if result_resources is None:
        return None
    items = [
        {"name": r.name, "number": r.number, "text": r.text, "url": r.url, "notes": r.notes}
        for r in result_resources.resources
    ]
    return {"name": result_resources.name, "items": items}


def result_view(result: AssessmentResult) -> dict[str, Any]:
    """What assess_result.html shows for a result."""
    assessment = result.assessment
    bands = []
    for band in assessment.bands:
        low, high = assessment.band_range(band)
        bands.append({"label": band.label, "low": low, "high": high, "current": band.id == result.band.id})
    return {
        "score": result.score,
        "band": result.band.label,
        "summary": result.band.summary,
        "bands": bands,
        "higher_is": assessment.higher_is,
        "focus": [
            {
                "text": f.tip.text,
                "href": f.tip.href,
                "because": f"You answered “{assessment.scale[f.answer - 1]}” to: {f.item.text}",
            }
            for f in result.focus
        ],
        "recommendations": [
            {"text": r.text, "href": r.href, "link": _link_words(r.href)} for r in result.recommendations
        ],
        "touches_safety": result.touches_safety,
        "safety_message": result.safety_message,
        "resources": _resources_view(result.resources),
    }


def _link_words(href: str | None) -> str:
    if not href:
        return ""
    if href.startswith("/practice/") or href.startswith("/practice?"):
        return "Practise this"
    if href.startswith("/checkins/"):
        ritual = load_rituals().get(href.rsplit("/", 1)[-1])
        return f"Open the {ritual.name.lower()}" if ritual else "Open it"
    if href.startswith("/assess/"):
        found = get_assessment(href.rsplit("/", 1)[-1])
        return f"Take the {found.title.lower()}" if found else "Take it"
    return "Open"


def _due_view(items: list[DueItem], today: date) -> list[dict[str, Any]]:
    out = []
    for item in items:
        if item.every_days is None:
            state = "Whenever you need it"
        elif item.due:
            state = "Due today"
        elif item.next_due is not None:
            gap = (item.next_due - today).days
            state = (
                "Next tomorrow"
                if gap == 1
                else f"Next on {item.next_due:%A} {item.next_due.day} {item.next_due:%B}"
            )
        else:
            state = ""
        if item.last_done == today:
            last = "Done today"
        elif item.last_done is not None:
            last = f"Last done {_date_words(item.last_done)}"
        else:
            last = "Not done yet"
        out.append({"ritual": item.ritual, "name": item.name, "due": item.due, "state": state, "last": last})
    return out


def entry_view(entry: CheckinEntry) -> dict[str, Any]:
    """One check-in as the pages show it: labelled answers in step order."""
    ritual = load_rituals().get(entry.ritual)
    answers: list[tuple[str, str]] = []
    choices: list[tuple[str, str]] = []
    if ritual is not None:
        for step in ritual.steps:
            if step.id in entry.texts:
                answers.append((step.label, entry.texts[step.id]))
            if step.id in entry.choices:
                option = step.option(entry.choices[step.id])
                choices.append((step.label, option.label if option else entry.choices[step.id]))
    else:
        answers = list(entry.texts.items())
    prompts = []
    for prompt_id in entry.prompt_ids:
        from feelheard.rituals.content import prompt_by_id

        prompt = prompt_by_id(prompt_id)
        if prompt is not None:
            prompts.append(prompt.text)
    return {
        "id": entry.id,
        "ritual": entry.ritual,
        "ritual_name": entry.ritual_name,
        "date": _date_words(entry.day),
        "iso": entry.day.isoformat(),
        "mood": entry.mood,
        "mood_word": entry.mood_word,
        "answers": answers,
        "choices": choices,
        "prompts": prompts,
        "locked": entry.locked,
        "shared": entry.shared,
        "mine": entry.mine,
    }


def _streak_words(streak: Streak) -> str:
    if streak.current == 0:
        return "Do today's check-in to start a streak."
    if streak.done_today:
        return "Today's check-in is done."
    return "Today's check-in keeps it going."


# --- pages: assessments -------------------------------------------------------------------------------------


@router.get("/assess", response_class=HTMLResponse)
async def assess_list(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """The assessments, with your latest result of each and your history."""
    engine = await run_in_threadpool(history.storage_engine, request)
    results = await run_in_threadpool(past_results, engine, user_id=viewer.user_id)
    cards = []
    for key, a in load_assessments().items():
        latest = next((r for r in results if r.assessment == key), None)
        cards.append(
            {
                "id": key,
                "title": a.title,
                "summary": a.summary,
                "items": len(a.items),
                "minutes": a.minutes,
                "latest": {"score": latest.score, "band": latest.band_label, "date": _date_words(latest.day)}
                if latest
                else None,
            }
        )
    past = [{**row, "title": r.title} for row, r in zip(_past_view(results), results, strict=True)]
    return render(request, config, "assess.html", {"cards": cards, "past": past[:30]}, page="assess")


def _form_context(
    assessment: Assessment, *, chosen: dict[str, int] | None = None, error: str = ""
) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "scale": list(enumerate(assessment.scale, 1)),
        "chosen": chosen or {},
        "error": error,
    }


@router.get("/assess/{name}", response_class=HTMLResponse)
def assess_form(name: str, request: Request, config: ConfigDep) -> Response:
    """One assessment's questions."""
    assessment = _assessment_or_404(name)
    return render(request, config, "assess_form.html", _form_context(assessment), page="assess")


@router.post("/assess/{name}", response_class=HTMLResponse)
async def assess_submit(name: str, request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Score the answers, keep the result (unless it touches on safety) and show it."""
    assessment = _assessment_or_404(name)
    values, ok = await _form_checked(request, config)
    chosen: dict[str, int] = {}
    for item in assessment.items:
        raw = values.get(item.id, "")
        if raw.isdigit() and 1 <= int(raw) <= len(assessment.scale):
            chosen[item.id] = int(raw)

    def form_again(status: int, error: str) -> Response:
        context = _form_context(assessment, chosen=chosen, error=error)
        return render(request, config, "assess_form.html", context, status_code=status, page="assess")

    if not ok:
        return form_again(403, FORM_EXPIRED.replace("Your words are", "Your answers are"))
    open_items = [str(n) for n, item in enumerate(assessment.items, 1) if item.id not in chosen]
    if open_items:
        which = ", ".join(open_items[:-1]) + (" and " if len(open_items) > 1 else "") + open_items[-1]
        noun = "question" if len(open_items) == 1 else "questions"
        verb = "is" if len(open_items) == 1 else "are"
        return form_again(422, f"Please answer every question: {noun} {which} {verb} still open.")
    result = score_answers(
        assessment, [chosen[item.id] for item in assessment.items], country=visitor_country(request, config)
    )
    engine = await run_in_threadpool(history.storage_engine, request)
    saved_id: int | None = None
    if result.savable:
        saved_id = await run_in_threadpool(
            keep_result, engine, user_id=viewer.user_id, result=result, day=_today()
        )
    past = await run_in_threadpool(past_results, engine, user_id=viewer.user_id, name=assessment.id)
    context = {
        "assessment": assessment,
        "result": result_view(result),
        "saved_id": saved_id,
        "not_saved": "" if result.savable else NOT_SAVED_SAFETY,
        "past": _past_view(past) if result.savable else [],
    }
    return render(request, config, "assess_result.html", context, page="assess")


# --- pages: check-ins ---------------------------------------------------------------------------------------


@router.get("/checkins", response_class=HTMLResponse)
async def checkins_page(request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """What is due, your streak, the four rituals and your recent check-ins."""
    engine = await run_in_threadpool(history.storage_engine, request)
    state = await run_in_threadpool(ritual_state, engine, user_id=viewer.user_id)
    entries = await run_in_threadpool(checkin_entries, engine, user_id=viewer.user_id, limit=RECENT_CHECKINS)
    today = _today()
    streak = streaks(state.records, today)
    due = {d.ritual: d for d in due_items(state.records, today)}
    rituals = [
        {
            "id": r.id,
            "name": r.name,
            "summary": r.summary,
            "minutes": r.minutes,
            "steps": len(r.steps),
            "prompts": len(pool(r.id)),
        }
        for r in load_rituals().rituals
    ]
    context = {
        "today": _date_words(today),
        "streak": streak,
        "streak_words": _streak_words(streak),
        "due": _due_view(list(due.values()), today),
        "due_count": sum(1 for d in due.values() if d.due),
        "rituals": rituals,
        "entries": [entry_view(e) for e in entries],
        "has_partner": state.has_partner,
    }
    return render(request, config, "checkins.html", context, page="checkins")


def _checkin_form_context(
    ritual: Ritual,
    *,
    prompts: dict[str, Any],
    has_partner: bool,
    values: dict[str, str] | None = None,
    error: str = "",
) -> dict[str, Any]:
    book = load_rituals()
    return {
        "ritual": ritual,
        "moods": book.moods,
        "prompts": {slot: {"id": p.id, "text": p.text} for slot, p in prompts.items()},
        "values": values or {},
        "has_partner": has_partner,
        "error": error,
        "max_text": MAX_TEXT_CHARS,
    }


@router.get("/checkins/{ritual_id}", response_class=HTMLResponse)
async def checkin_form(ritual_id: str, request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """One ritual as a guided form, with today's prompts."""
    ritual = _ritual_or_404(ritual_id)
    engine = await run_in_threadpool(history.storage_engine, request)
    state = await run_in_threadpool(ritual_state, engine, user_id=viewer.user_id)
    prompts = pick_prompts(state.records, _today(), ritual.id, rng_seed=viewer.user_id)
    context = _checkin_form_context(ritual, prompts=prompts, has_partner=state.has_partner)
    return render(request, config, "checkin_form.html", context, page="checkins")


@router.post("/checkins/{ritual_id}", response_class=HTMLResponse)
async def checkin_submit(ritual_id: str, request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """Keep a filled-in ritual, then show the confirmation; a safety concern keeps nothing and shows help."""
    from feelheard.rituals.store import fill, touches_safety

    ritual = _ritual_or_404(ritual_id)
    values, ok = await _form_checked(request, config)
    engine = await run_in_threadpool(history.storage_engine, request)
    state = await run_in_threadpool(ritual_state, engine, user_id=viewer.user_id)
    today = _today()
    prompts = pick_prompts(state.records, today, ritual.id, rng_seed=viewer.user_id)
    shown = {
        slot: values.get(f"prompt_{slot}") or prompt.id for slot, prompt in prompts.items()
    }  # the prompts the form showed (a page left open past midnight keeps its own)
    kept = {step.id: values.get(step.id, "") for step in ritual.steps}

    def form_again(status: int, error: str) -> Response:
        from feelheard.rituals.content import prompt_by_id

        shown_prompts = {slot: prompt_by_id(pid) or prompts[slot] for slot, pid in shown.items()}
        context = _checkin_form_context(
            ritual, prompts=shown_prompts, has_partner=state.has_partner, values=kept, error=error
        )
        return render(request, config, "checkin_form.html", context, status_code=status, page="checkins")

    if not ok:
        return form_again(403, FORM_EXPIRED)
    try:
        filled = fill(ritual.id, kept, day=today, prompt_ids=shown)
    except InputError as exc:
        return form_again(422, _sentence(exc))
    if touches_safety(filled):
        from feelheard.safety import load_resources

        country = load_resources(visitor_country(request, config))
        context = {
            "ritual": ritual,
            "safety_message": load_rituals().safety_message,
            "resources": _resources_view(country),
        }
        return render(request, config, "checkin_safety.html", context, page="checkins")
    share = values.get("share") == "1"
    passphrase = values.get("passphrase", "") or None
    try:
        item = await run_in_threadpool(
            keep_checkin, engine, user_id=viewer.user_id, filled=filled, passphrase=passphrase, share=share
        )
    except InputError as exc:
        return form_again(422, _sentence(exc))
    return RedirectResponse(f"/checkins/saved/{item.id}", status_code=303)


@router.get("/checkins/saved/{item_id}", response_class=HTMLResponse)
async def checkin_saved(item_id: int, request: Request, config: ConfigDep, viewer: ViewerDep) -> Response:
    """The confirmation after a check-in: what was kept, the prompts used, the streak and what is next."""
    engine = await run_in_threadpool(history.storage_engine, request)
    entry = await run_in_threadpool(one_checkin, engine, user_id=viewer.user_id, item_id=item_id)
    state = await run_in_threadpool(ritual_state, engine, user_id=viewer.user_id)
    today = _today()
    streak = streaks(state.records, today)
    next_up = [d for d in _due_view(due_items(state.records, today), today) if d["due"]]
    context = {
        "entry": entry_view(entry),
        "streak": streak,
        "streak_words": _streak_words(streak),
        "next_up": next_up,
    }
    return render(request, config, "checkin_done.html", context, page="checkins")


# --- REST API -----------------------------------------------------------------------------------------------


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {
        404: "No such assessment, ritual or check-in.",
        409: "Not saved: the text touches on someone's safety.",
        422: "The request is not valid (the detail says why).",
    }
    return {code: {"model": ErrorResponse, "description": words[code]} for code in codes}


class ScaleLabel(BaseModel):
    value: int
    label: str


class AssessmentSummary(BaseModel):
    """One assessment in the list."""

    id: str
    title: str
    short_title: str
    summary: str
    items: int = Field(description="How many questions.")
    minutes: int
    higher_is: str = Field(
        description="'better' when a high score is good, 'concern' when it is a warning sign."
    )


class AssessmentItemOut(BaseModel):
    id: str
    text: str


class BandRange(BaseModel):
    id: str
    label: str
    min: int
    max: int


class AssessmentDetail(BaseModel):
    """An assessment's questions, answer scale and bands."""

    id: str
    version: int
    title: str
    short_title: str
    summary: str
    intro: str
    timeframe: str
    disclaimer: str = Field(description="General guidance, not a diagnosis.")
    privacy_note: str | None
    minutes: int
    higher_is: str
    scale: list[ScaleLabel]
    items: list[AssessmentItemOut]
    bands: list[BandRange]


class AnswersIn(BaseModel):
    """Answers to an assessment."""

    model_config = ConfigDict(extra="forbid")
    answers: list[StrictInt] = Field(description="One answer per question, 1 to 5, in question order.")
    save: StrictBool = Field(True, description="Keep the result (a result that touches on safety never is).")
    country: StrictStr | None = Field(None, max_length=20, description="Whose help lines to include.")


class BandOut(BaseModel):
    id: str
    label: str
    summary: str
    min: int
    max: int


class ScoredResult(BaseModel):
    """A scored assessment."""

    assessment: str
    title: str
    version: int
    answers: list[int]
    score: int = Field(description="0 to 100.")
    higher_is: str
    band: BandOut
    recommendations: list[dict[str, Any]] = Field(description="Text, and a link to practice or a ritual.")
    focus: list[dict[str, Any]] = Field(description="The answers most worth working on, with tips.")
    touches_safety: bool
    safety_message: str | None
    resources: dict[str, Any] | None = Field(
        description="Help lines, when safety is touched or the band shows them."
    )
    disclaimer: str
    saved_id: int | None = Field(description="The kept item's id; null when not saved.")


class PastResultOut(BaseModel):
    id: int
    assessment: str
    title: str
    score: int
    band: str
    band_label: str
    date: str
    created_at: str


class PastResults(BaseModel):
    """Kept results, newest first."""

    items: list[PastResultOut]


class OptionOut(BaseModel):
    id: str
    label: str


class StepOut(BaseModel):
    id: str
    kind: str = Field(description="mood (1 to 5), text or choice.")
    label: str
    hint: str
    required: bool
    prompt_slot: str | None
    options: list[OptionOut]


class RitualOut(BaseModel):
    """One ritual: a guided flow of steps."""

    id: str
    name: str
    summary: str
    intro: str
    minutes: int
    due_every_days: int | None = Field(
        description="Due again this many days after it was done; null on demand."
    )
    steps: list[StepOut]
    prompts: int = Field(description="How many prompts its pool holds.")


class DueItemOut(BaseModel):
    ritual: str
    name: str
    due: bool
    last_done: str | None
    next_due: str | None
    every_days: int | None


class StreakOut(BaseModel):
    current: int
    longest: int
    done_today: bool


class DueOut(BaseModel):
    """What is due on a day, and the daily check-in streak."""

    today: str
    due: list[DueItemOut]
    streak: StreakOut


class PromptText(BaseModel):
    id: str
    text: str


class PromptsOut(BaseModel):
    """Today's prompts for a ritual, one per prompt slot."""

    ritual: str
    date: str
    prompts: dict[str, PromptText]


class CheckinIn(BaseModel):
    """A filled-in ritual."""

    model_config = ConfigDict(extra="forbid")
    ritual: StrictStr = Field(max_length=64)
    answers: dict[StrictStr, StrictInt | StrictStr] = Field(
        description="Step id to answer: 1 to 5 for the mood, text, or an option id."
    )
    date: dt.date | None = Field(
        None, description="The user's local date (default: the server's); a day either side."
    )
    prompt_ids: dict[StrictStr, StrictStr] | None = Field(
        None, description="Slot to the prompt shown (default: today's pick)."
    )
    share: StrictBool = Field(False, description="Show it to your linked partner.")
    passphrase: StrictStr | None = Field(
        None, max_length=1024, description="Seal the text with this passphrase."
    )


class CheckinOut(BaseModel):
    id: int
    ritual: str
    ritual_name: str
    date: str
    mood: int | None
    mood_word: str | None
    answers: dict[str, str]
    choices: dict[str, str]
    prompt_ids: list[str]
    locked: bool
    shared: bool
    mine: bool
    created_at: str


class CheckinSaved(BaseModel):
    """A kept check-in, with the streak and what is due after it."""

    checkin: CheckinOut
    streak: StreakOut
    due: list[DueItemOut]


class CheckinList(BaseModel):
    """Check-ins you may see (yours and those your partner shared), newest first."""

    items: list[CheckinOut]


def _day_param(value: date | None) -> date:
    from feelheard.rituals.store import check_day

    today = _today()
    return today if value is None else check_day(value, today)


@api_router.get("/assessments", summary="List the assessments", response_model=list[AssessmentSummary])
def api_assessments() -> list[AssessmentSummary]:
    """The self-assessments: general guidance for reflection, not a diagnosis."""
    return [
        AssessmentSummary(
            id=a.id,
            title=a.title,
            short_title=a.short_title,
            summary=a.summary,
            items=len(a.items),
            minutes=a.minutes,
            higher_is=a.higher_is,
        )
        for a in load_assessments().values()
    ]


@api_router.get(
    "/assessments/{name}", summary="One assessment", response_model=AssessmentDetail, responses=_errors(404)
)
def api_assessment(name: str) -> AssessmentDetail:
    """Its questions, answer labels and score bands."""
    return AssessmentDetail.model_validate(_assessment_or_404(name).to_dict())


@api_router.post(
    "/assessments/{name}",
    summary="Score answers (and keep the result)",
    response_model=ScoredResult,
    responses=_errors(404, 422),
)
async def api_score(
    name: str, body: AnswersIn, request: Request, config: ConfigDep, viewer: ViewerDep, _: history.SameSite
) -> ScoredResult:
    """Score one answer per question (1 to 5): the band, recommendations and, when safety is touched, help lines."""
    assessment = _assessment_or_404(name)
    result = score_answers(assessment, body.answers, country=body.country or config.country)
    saved_id: int | None = None
    if body.save and result.savable:
        engine = await run_in_threadpool(history.storage_engine, request)
        saved_id = await run_in_threadpool(
            keep_result, engine, user_id=viewer.user_id, result=result, day=_today()
        )
    return ScoredResult.model_validate({**result.to_dict(), "saved_id": saved_id})


@api_router.get(
    "/assessments/{name}/history",
    summary="Your past results",
    response_model=PastResults,
    responses=_errors(404),
)
async def api_assessment_history(name: str, request: Request, viewer: ViewerDep) -> PastResults:
    """Your kept results of one assessment, newest first."""
    assessment = _assessment_or_404(name)
    engine = await run_in_threadpool(history.storage_engine, request)
    results = await run_in_threadpool(past_results, engine, user_id=viewer.user_id, name=assessment.id)
    return PastResults.model_validate({"items": [r.to_dict() for r in results]})


def _ritual_out(ritual: Ritual) -> RitualOut:
    return RitualOut(
        id=ritual.id,
        name=ritual.name,
        summary=ritual.summary,
        intro=ritual.intro,
        minutes=ritual.minutes,
        due_every_days=ritual.due_every_days,
        steps=[
            StepOut(
                id=s.id,
                kind=s.kind,
                label=s.label,
                hint=s.hint,
                required=s.required,
                prompt_slot=s.prompt_slot,
                options=[OptionOut(id=o.id, label=o.label) for o in s.options],
            )
            for s in ritual.steps
        ],
        prompts=len(pool(ritual.id)),
    )


@api_router.get("/rituals", summary="List the rituals", response_model=list[RitualOut])
def api_rituals() -> list[RitualOut]:
    """The four guided flows and their steps."""
    return [_ritual_out(r) for r in load_rituals().rituals]


TodayQuery = Annotated[
    date | None, Query(description="Your local date, YYYY-MM-DD (default: the server's); a day either side.")
]


@api_router.get(
    "/rituals/due", summary="What is due, and your streak", response_model=DueOut, responses=_errors(422)
)
async def api_due(request: Request, viewer: ViewerDep, today: TodayQuery = None) -> DueOut:
    """Each ritual's state today and the daily check-in streak."""
    day = _day_param(today)
    engine = await run_in_threadpool(history.storage_engine, request)
    state = await run_in_threadpool(ritual_state, engine, user_id=viewer.user_id)
    return DueOut.model_validate(
        {
            "today": day.isoformat(),
            "due": [d.to_dict() for d in due_items(state.records, day)],
            "streak": streaks(state.records, day).to_dict(),
        }
    )


@api_router.get(
    "/rituals/{ritual_id}/prompt",
    summary="Today's prompts for a ritual",
    response_model=PromptsOut,
    responses=_errors(404, 422),
)
async def api_prompt(
    ritual_id: str, request: Request, viewer: ViewerDep, today: TodayQuery = None
) -> PromptsOut:
    """One fresh prompt per prompt slot: none used in the last 28 days while the pool has others."""
    ritual = _ritual_or_404(ritual_id)
    day = _day_param(today)
    engine = await run_in_threadpool(history.storage_engine, request)
    state = await run_in_threadpool(ritual_state, engine, user_id=viewer.user_id)
    prompts = pick_prompts(state.records, day, ritual.id, rng_seed=viewer.user_id)
    return PromptsOut.model_validate(
        {
            "ritual": ritual.id,
            "date": day.isoformat(),
            "prompts": {slot: {"id": p.id, "text": p.text} for slot, p in prompts.items()},
        }
    )


@api_router.post(
    "/checkins",
    summary="Keep a check-in",
    status_code=201,
    response_model=CheckinSaved,
    responses=_errors(404, 409, 422),
)
async def api_checkin(
    body: CheckinIn, request: Request, config: ConfigDep, viewer: ViewerDep, _: history.SameSite
) -> Any:
    """Keep a filled-in ritual (its text sealed when a passphrase is given); 409 when it touches on safety."""
    from feelheard.rituals.store import entry_of, fill, touches_safety

    ritual = _ritual_or_404(body.ritual)
    day = _day_param(body.date)
    engine = await run_in_threadpool(history.storage_engine, request)
    state = await run_in_threadpool(ritual_state, engine, user_id=viewer.user_id)
    if body.prompt_ids is None:
        prompt_ids = {s: p.id for s, p in pick_prompts(state.records, day, ritual.id, viewer.user_id).items()}
    else:
        prompt_ids = dict(body.prompt_ids)
    filled = fill(ritual.id, dict(body.answers), day=day, prompt_ids=prompt_ids)
    if touches_safety(filled):
        from feelheard.safety import load_resources

        resources = load_resources(config.country)
        message = load_rituals().safety_message
        content = {"detail": message, "touches_safety": True, "resources": resources.to_dict()}
        return JSONResponse(content, status_code=409)
    item = await run_in_threadpool(
        keep_checkin,
        engine,
        user_id=viewer.user_id,
        filled=filled,
        passphrase=body.passphrase,
        share=body.share,
    )
    records = [RitualRecord(ritual.id, day, tuple(filled.prompt_ids.values())), *state.records]
    entry = entry_of(item)
    return CheckinSaved.model_validate(
        {
            "checkin": entry.to_dict(),
            "streak": streaks(records, _today()).to_dict(),
            "due": [d.to_dict() for d in due_items(records, _today())],
        }
    )


@api_router.get(
    "/checkins", summary="List check-ins", response_model=CheckinList, responses=_errors(404, 422)
)
async def api_checkins(
    request: Request,
    viewer: ViewerDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    ritual: Annotated[str | None, Query(max_length=64, description="Only this ritual.")] = None,
) -> CheckinList:
    """Your check-ins and those your partner shared, newest first (sealed text stays sealed)."""
    if ritual is not None:
        ritual = _ritual_or_404(ritual).id
    engine = await run_in_threadpool(history.storage_engine, request)
    entries = await run_in_threadpool(
        checkin_entries, engine, user_id=viewer.user_id, limit=limit, offset=offset, ritual=ritual
    )
    return CheckinList.model_validate({"items": [e.to_dict() for e in entries]})
