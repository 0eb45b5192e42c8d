"""`POST /api/v1/analyze` (the same JSON as `feelheard analyze`) and `POST /api/v1/suggest`.

`/suggest` uses the configured LLM when asked to (or, by default, when one is configured): its rewrite is
checked like every suggestion and the offline one is returned, with the reason, whenever it does not pass
(`feelheard.llm.rewrite`). The call blocks on HTTP, so it runs in a worker thread.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from feelheard.schema import analysis_schema
from feelheard.web.deps import RunnerDep
from feelheard.web.schemas import AnalyzeRequest, ErrorResponse, SuggestRequest, SuggestResponse

router = APIRouter(tags=["coach"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorResponse, "description": "The body is larger than the limit."},
    422: {"model": ErrorResponse, "description": "Empty, too long or wrongly typed input, or not JSON."},
}


def _schema_for_openapi() -> dict[str, Any]:
    # OpenAPI takes the published JSON Schema as is, minus the keys that only make sense at a file's top.
    return {k: v for k, v in analysis_schema().items() if k not in {"$schema", "$id"}}


@router.post(
    "/analyze",
    summary="Analyse one exchange",
    description=(
        "What your partner may be feeling and how your draft will land: emotions, empathy levels, moves and "
        "pitfalls with character offsets into the reply, tone, safety, a score and a suggestion. The body is "
        "exactly the JSON of `feelheard analyze`."
    ),
    responses={200: {"content": {"application/json": {"schema": _schema_for_openapi()}}}, **_ERRORS},
    response_class=JSONResponse,
)
async def analyze(body: AnalyzeRequest, runner: RunnerDep) -> JSONResponse:
    """Run the pipeline once (on the pipeline thread, batched with concurrent requests)."""
    result = await runner.analyze(body.partner, body.reply, id=body.id, sent_at=body.sent_at)
    return JSONResponse(result.to_dict())


@router.post(
    "/suggest",
    summary="Suggest a kinder version of the draft",
    description=(
        "A rewrite of the draft and what it changed, or why there is none. With `llm` true (or null, the default, "
        "when an LLM is configured) the configured LLM writes it and the coach checks it; `source` says who wrote "
        "what is returned and `note` why the offline composer's suggestion was used instead. The LLM is never "
        "asked about an exchange that raises a safety concern."
    ),
    response_model=SuggestResponse,
    responses=_ERRORS,
)
async def suggest(body: SuggestRequest, runner: RunnerDep) -> SuggestResponse:
    """The rewrite and its changes; none when safety comes first or the draft already works."""
    from feelheard.web.llm import llm_choice, rewrite

    result = await runner.analyze(body.partner, body.reply, id=body.id, sent_at=body.sent_at)
    message: str | None = None
    if result.safety.level != "none":
        message = result.safety.message or "This exchange needs care beyond wording, so there is no rewrite."
        return SuggestResponse(
            suggestion=None, changes=[], score=None, safety_level=result.safety.level, message=message
        )
    config, note = llm_choice(body.llm)
    suggestion, changes, source = result.suggestion, result.suggestion_changes, "offline"
    suggestion_score: int | None = None
    if config is not None and result.reply is not None:
        verifier = runner.pipeline.without("suggest")
        written = await run_in_threadpool(rewrite, result, config, note, verifier)
        suggestion, changes, source, note = written.text, written.changes, written.source, written.note
        suggestion_score = written.score
    if result.reply is None:
        message = "Write a draft reply to get a suggestion."
    elif suggestion is None:
        message = (
            "Your draft already works well."
            if not result.pitfalls
            else "No rewrite passed the coach's own check this time; the tips still apply."
        )
    return SuggestResponse.model_validate(
        {
            "suggestion": suggestion,
            "changes": changes,
            "score": result.score,
            "safety_level": result.safety.level,
            "message": message,
            "source": source,
            "note": note,
            "suggestion_score": suggestion_score,
        }
    )
