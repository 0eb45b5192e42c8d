"""Chat review in the web app: upload a chat export, read the report (page), or get the metrics (REST API).

The upload is written to a private temporary folder only for as long as the import needs it, analysed in a
worker thread and deleted before the answer goes back. Nothing from the chat is stored.

Why the report is not shown through `<iframe srcdoc>`: a srcdoc (or data:) frame inherits the app's
Content-Security-Policy in Chromium, which forbids the inline styles and the inline plotly code the
self-contained report needs (checked in a real browser). So the results page carries the measured figures in
a signed hidden field, and a form posts them into a sandboxed frame (`/review/report`); that response has the
report's own policy plus `sandbox allow-scripts`, so its scripts run in an opaque origin that cannot reach the
app. The same form downloads the report (`/review/download`). The signature (an HMAC with the server key)
means only figures this server produced are ever rendered.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from feelheard.errors import InputError
from feelheard.pipeline import Pipeline
from feelheard.web.deps import ConfigDep, WebConfig
from feelheard.web.routes.pages import FORM_EXPIRED, render
from feelheard.web.security import CSRF_COOKIE, CSRF_FIELD, csrf_valid

router = APIRouter(include_in_schema=False)
api_router = APIRouter(tags=["chat review"])

# Largest chat export accepted (a WhatsApp zip with years of text fits easily; media are not needed).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# The paths that take an upload (their body limit is the file's plus room for the multipart envelope).
UPLOAD_PATHS = frozenset({"/review", "/api/v1/review"})
# The signed figures posted back to show or download the report (a long chat's weekly series add up).
REPORT_PATHS = frozenset({"/review/report", "/review/download"})
MAX_REPORT_FIELD = 8 * 1024 * 1024
EXTENSIONS = (".txt", ".zip", ".json", ".jsonl", ".csv", ".md")
ACCEPT = ",".join(EXTENSIONS)
# The report's own policy (it matches the <meta> policy inside the file), with a sandbox so that even a
# top-level visit to this response runs in an opaque origin.
REPORT_CSP = (
    "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
MAX_NAME_CHARS = 200


def body_limits() -> dict[str, int]:
    """Request body limits for the body-size middleware: uploads and signed reports are bigger than a form."""
    upload = MAX_UPLOAD_BYTES + 64 * 1024
    return {
        **dict.fromkeys(UPLOAD_PATHS, upload),
        **dict.fromkeys(REPORT_PATHS, MAX_REPORT_FIELD + 64 * 1024),
    }


def _review_pipeline_factory() -> Pipeline:
    from feelheard import load_pipeline

    # Suggestions are never shown in a chat review; leaving them out makes it several times faster.
    return load_pipeline(suggest=False)


def get_review_pipeline(request: Request) -> Pipeline:
    """The pipeline a chat review uses (built once per app; tests override this dependency)."""
    pipeline: Pipeline | None = getattr(request.app.state, "review_pipeline", None)
    if pipeline is None:
        pipeline = _review_pipeline_factory()
        request.app.state.review_pipeline = pipeline
    return pipeline


ReviewPipelineDep = Annotated[Pipeline, Depends(get_review_pipeline)]


def _sentence(text: str) -> str:
    """A message as a sentence, except that a leading file name keeps its own spelling."""
    from feelheard.web.app import sentence

    text = text.strip()
    first = text.split(" ", 1)[0]
    if "." in first.rstrip(".") and not first.endswith(":"):  # "chat.txt is empty", not "Chat.txt is empty"
        return text if text[-1:] in ".!?" else text + "."
    return sentence(text)


def safe_name(filename: str | None) -> str:
    """A harmless file name for the temporary copy that keeps the extension (detection reads the content)."""
    base = Path((filename or "").replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.\- ]", "_", base).strip(" .")[:120]
    return cleaned or "chat.txt"


def check_extension(filename: str | None) -> None:
    """Refuse files that cannot be a chat export before reading them.

    Raises:
        InputError: For a missing file or an unsupported extension.
    """
    if not filename:
        raise InputError("please choose a chat export file to review")
    if not filename.lower().endswith(EXTENSIONS):
        raise InputError(
            f"{safe_name(filename)} is not a chat export this app can read; choose a .txt or .zip "
            "from WhatsApp, Telegram's result.json, a Signal export (.md or .json) or a .csv"
        )


async def _read_upload(upload: UploadFile) -> bytes:
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise HTTPException(
            413, f"The file is too large: the limit is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        )
    if not data:
        raise InputError(f"{safe_name(upload.filename)} is empty")
    return data


def run_review(
    data: bytes, filename: str | None, *, me: str | None, anonymize: bool, pipeline: Pipeline
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Write the upload to a private temporary folder, review it, and delete it (also on errors).

    Raises:
        InputError: With the folder left out of the message, so it names only the file the person chose.
    """
    from feelheard.transcript import review

    with tempfile.TemporaryDirectory(prefix="feelheard-review-") as folder:
        path = Path(folder) / safe_name(filename)
        path.write_bytes(data)
        try:
            return review(path, me=me, anonymize=anonymize, pipeline=pipeline, workers=1)
        except InputError as exc:
            raise InputError(str(exc).replace(folder + "/", "").replace(folder, "")) from None


def _me(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()[:MAX_NAME_CHARS]


def _checked(value: Any) -> bool:
    return isinstance(value, str) and value.lower() in {"1", "on", "true", "yes"}


# --- signing the figures for the report frame ----------------------------------------------------------------


def sign(secret: bytes, payload: str) -> str:
    """The HMAC that proves a payload came from this server."""
    return hmac.new(secret, b"chat-review\0" + payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _payload(metrics: dict[str, Any], parsed: dict[str, Any]) -> str:
    return json.dumps({"metrics": metrics, "import": parsed}, ensure_ascii=False, separators=(",", ":"))


def report_html(metrics: dict[str, Any], parsed: dict[str, Any]) -> str:
    """The self-contained report."""
    from feelheard.transcript import render as render_report

    return render_report(metrics, parsed)


# --- the page ------------------------------------------------------------------------------------------------


@cache
def _findings_fn() -> Any:
    from feelheard.transcript.report import findings

    return findings


def _quote(found: dict[str, Any]) -> dict[str, str]:
    """A quote with every field the template reads (the report's dicts leave empty ones out)."""
    keys = ("quote", "author", "time", "context", "other")
    return {k: "" if found.get(k) is None else str(found.get(k)) for k in keys}


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    """The key findings as our own page shows them (the same words as the report, without the charts)."""
    people = list(metrics.get("people", []))
    per = metrics.get("per_person", {})
    first, last = metrics.get("first"), metrics.get("last")
    return {
        "people": people,
        "messages": sum(int(per.get(p, {}).get("messages", 0)) for p in people),
        "span": f"{str(first)[:10]} to {str(last)[:10]}" if first and last else "",
        "findings": [
            {
                "title": str(f.get("title", "")),
                "text": str(f.get("text", "")),
                "tip": str(f.get("tip") or ""),
                "quotes": [_quote(q) for q in f.get("quotes", [])],
            }
            for f in _findings_fn()(metrics)
        ],
        "safety": [_quote(flag) for flag in metrics.get("safety") or []],
        "resources": [str(r) for r in metrics.get("resources", [])],
        "anonymized": bool(metrics.get("anonymized")),
    }


def _page(
    request: Request,
    config: WebConfig,
    *,
    me: str = "",
    anonymize: bool = False,
    error: str = "",
    result: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "me": me,
        "anonymize": anonymize,
        "error": error,
        "result": result,
        "accept": ACCEPT,
        "max_upload_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, config, "review.html", context, status_code=status_code, page="review")


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, config: ConfigDep) -> Response:
    """Chat review: choose an exported chat and read how the two of you talk."""
    return _page(request, config)


@router.post("/review", response_class=HTMLResponse)
async def review_post(request: Request, config: ConfigDep, pipeline: ReviewPipelineDep) -> Response:
    """Review the uploaded chat and show the findings, with the full report in a sandboxed frame."""
    async with request.form(max_files=1, max_fields=10) as form:
        me = _me(form.get("me")) or ""
        anonymize = _checked(form.get("anonymize"))
        if not csrf_valid(config.secret_key, request.cookies.get(CSRF_COOKIE), _str(form.get(CSRF_FIELD))):
            error = FORM_EXPIRED.replace(
                "Your words are still here: please", "Please choose the file again and"
            )
            return _page(request, config, me=me, anonymize=anonymize, error=error, status_code=403)
        upload = form.get("file")
        try:
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise InputError("please choose a chat export file to review")
            check_extension(upload.filename)
            data = await _read_upload(upload)
            filename = upload.filename
        except InputError as exc:
            return _page(
                request, config, me=me, anonymize=anonymize, error=_sentence(str(exc)), status_code=422
            )
        except HTTPException as exc:
            return _page(request, config, me=me, anonymize=anonymize, error=str(exc.detail), status_code=413)
    try:
        metrics, parsed = await run_in_threadpool(
            run_review, data, filename, me=me or None, anonymize=anonymize, pipeline=pipeline
        )
    except InputError as exc:
        return _page(request, config, me=me, anonymize=anonymize, error=_sentence(str(exc)), status_code=422)
    payload = _payload(metrics, parsed)
    result = {**summary(metrics), "payload": payload, "signature": sign(config.secret_key, payload)}
    return _page(request, config, me=me, anonymize=anonymize, result=result)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


async def _signed_report(request: Request, config: WebConfig) -> str:
    """The report for a signed payload posted back from the results page."""
    async with request.form(max_files=0, max_fields=5, max_part_size=MAX_REPORT_FIELD) as form:
        token, payload, signature = (_str(form.get(k)) for k in (CSRF_FIELD, "payload", "signature"))
    if not csrf_valid(config.secret_key, request.cookies.get(CSRF_COOKIE), token):
        raise HTTPException(403, "This page has expired. Please upload the chat again.")
    if not payload or not signature or not hmac.compare_digest(sign(config.secret_key, payload), signature):
        raise HTTPException(400, "This report could not be checked. Please upload the chat again.")
    data = json.loads(payload)
    return await run_in_threadpool(report_html, data["metrics"], data["import"])


def _plain_error(exc: HTTPException) -> HTMLResponse:
    # Shown inside the frame or as the download's answer: plain text in a tiny page, styled by nothing.
    from html import escape

    body = f"<!doctype html><meta charset='utf-8'><title>Chat review</title><p>{escape(str(exc.detail))}</p>"
    return HTMLResponse(body, status_code=exc.status_code, headers={"content-security-policy": REPORT_CSP})


@router.post("/review/report", response_class=HTMLResponse)
async def review_report(request: Request, config: ConfigDep) -> Response:
    """The full report with its charts, for the sandboxed frame on the results page."""
    try:
        html = await _signed_report(request, config)
    except HTTPException as exc:
        return _plain_error(exc)
    return HTMLResponse(
        html, headers={"content-security-policy": REPORT_CSP, "x-frame-options": "SAMEORIGIN"}
    )


@router.post("/review/download")
async def review_download(request: Request, config: ConfigDep) -> Response:
    """The same report as a file to keep (it opens offline in any browser)."""
    try:
        html = await _signed_report(request, config)
    except HTTPException as exc:
        return _plain_error(exc)
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers={
            "content-disposition": 'attachment; filename="chat-review.html"',
            "content-security-policy": REPORT_CSP,
        },
    )


# --- the REST API --------------------------------------------------------------------------------------------


@api_router.post(
    "/review",
    summary="Review a chat export",
    description=(
        "Upload an exported chat (multipart field `file`: WhatsApp .txt or .zip, Telegram result.json, Signal "
        "export, CSV) with optional `me` (your name in the chat) and `anonymize` (true/false). Answers with "
        '`{"import": ..., "metrics": ...}`, the same as `feelheard transcript report --json`. The file is '
        f"deleted once read; up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
    ),
    responses={
        200: {"description": "The import report and the metrics."},
        413: {"description": "The file is too large."},
        415: {"description": "Not a multipart upload."},
        422: {"description": "Not a chat export this app can read (the message says why)."},
    },
)
async def review_api(request: Request, pipeline: ReviewPipelineDep) -> JSONResponse:
    """Review an uploaded chat export and answer with its metrics."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(415, "Send the chat as a multipart/form-data upload in a field named 'file'.")
    try:
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise InputError("send the chat export in a multipart field named 'file'")
            check_extension(upload.filename)
            data = await _read_upload(upload)
            filename = upload.filename
            me, anonymize = _me(form.get("me")), _checked(form.get("anonymize"))
        metrics, parsed = await run_in_threadpool(
            run_review, data, filename, me=me, anonymize=anonymize, pipeline=pipeline
        )
    except InputError as exc:
        return JSONResponse({"detail": _sentence(str(exc))}, status_code=422)
    return JSONResponse({"import": parsed, "metrics": metrics})
