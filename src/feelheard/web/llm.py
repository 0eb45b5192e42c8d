"""The optional LLM in the web app: whether to use it, what the pages say about it, and the blocking calls.

Nothing here sends anything unless an LLM is configured (`feelheard.llm.config`). Every call to it blocks on
HTTP, so the routes run these functions in a worker thread (`run_in_threadpool`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from feelheard.llm.config import LLMConfig, LLMConfigError, load_llm_config
from feelheard.llm.rewrite import GOOD_ENOUGH, RewriteResult, llm_rewrite, offline_result

if TYPE_CHECKING:
    from feelheard.llm.settings import LLMStatus
    from feelheard.pipeline import Pipeline
    from feelheard.practice.engine import PracticeState
    from feelheard.practice.voice import Voiced
    from feelheard.result import Analysis

SERVER_REFUSAL = (
    "The LLM of this server is set by its operator, with environment variables, so it cannot be changed here."
)
NOT_ASKED = "The LLM was not asked, so this comes from the offline composer."
NONE_CONFIGURED = (
    "An LLM was asked for, but none is configured (see Settings), so this comes from the offline composer."
)


def env_refusal(names: tuple[str, ...] | list[str]) -> str:
    """Why the settings cannot be changed while environment variables are set."""
    return (
        f"The LLM settings come from environment variables ({', '.join(names)}), which override the config "
        "file, so they cannot be changed here. Change or unset those variables instead."
    )


def current_llm() -> tuple[LLMConfig | None, str]:
    """The configured LLM (or None) and, when its settings cannot be used, why."""
    try:
        return load_llm_config(), ""
    except LLMConfigError as exc:
        return None, str(exc)


def llm_host() -> str:
    """Where the configured LLM is (host and port), or "" when none is configured or its settings are unusable."""
    config, _ = current_llm()
    if config is None:
        return ""
    from feelheard.llm.settings import public_host

    return public_host(config.base_url)


def llm_choice(wanted: bool | None) -> tuple[LLMConfig | None, str | None]:
    """The LLM to use for a suggestion, or None and a note saying why none is used.

    Args:
        wanted: True to ask for the LLM, False to leave it out, None to use it when one is configured.

    Returns:
        The config (None when no LLM is used) and a note (None when there is nothing worth saying: the LLM was
        not wanted, or none is configured and none was asked for).
    """
    if wanted is False:
        return None, None
    config, problem = current_llm()
    if problem:
        return None, f"The LLM settings cannot be used ({problem}), so this comes from the offline composer."
    if config is None:
        return None, NONE_CONFIGURED if wanted else None
    return config, None


def rewrite(
    analysis: Analysis, config: LLMConfig | None, note: str | None, verifier: Pipeline
) -> RewriteResult:
    """The LLM's checked rewrite, or the offline suggestion and why (blocking: run it in a worker thread)."""
    if config is None:
        return offline_result(analysis, note or NOT_ASKED)
    return llm_rewrite(analysis, config=config, verifier=verifier)


def coach_offer(analysis: Analysis | None) -> dict[str, str] | None:
    """What the Coach's "Ask the LLM for another version" button needs, or None when it is not offered.

    It is offered only when an LLM is configured (and usable) and the draft is one the LLM would be asked about:
    safe, scored, and not already good enough.
    """
    if (
        analysis is None
        or analysis.reply is None
        or analysis.safety.level != "none"
        or analysis.score is None
    ):
        return None
    if not analysis.pitfalls and analysis.score >= GOOD_ENOUGH:
        return None
    config, _ = current_llm()
    if config is None:
        return None
    from feelheard.llm.settings import public_host

    return {"host": public_host(config.base_url), "model": config.model}


def voice_partner(state: PracticeState, checker: Pipeline) -> Voiced | None:
    """After a reply landed: let the configured LLM word the partner's next line (blocking).

    The state keeps the wording (`spoken`) or, when the script's line is used, why (`voice_notes`), so the page
    can say so after its redirect. Returns None when no LLM is configured.
    """
    from feelheard.practice.voice import Voiced, voice_current_turn

    if not state.exchanges or state.stopped_for_safety:
        return None
    config, problem = current_llm()
    if problem:
        note = f"the LLM settings cannot be used ({problem}); the scenario's line is shown"
        state.voice_notes[state.turn] = note
        return Voiced(state.partner_line(), "script", note)
    voiced = voice_current_turn(state, config, checker)
    if voiced is not None:
        if voiced.source == "llm":
            state.voice_notes.pop(state.turn, None)
        else:
            state.voice_notes[state.turn] = voiced.note
    return voiced


def voice_note(state: PracticeState) -> str:
    """What the session page says about who worded the partner's current line ("" when the script, unasked)."""
    from feelheard.web.app import sentence

    if not state.exchanges or state.stopped_for_safety:
        return ""
    if state.turn in state.spoken:
        return (
            "Your partner's last line was worded by the LLM you set up and checked for safety; "
            "the conversation still follows the scenario."
        )
    why = state.voice_notes.get(state.turn, "")
    return sentence(why) if why else ""


def status_view(status: LLMStatus, *, server: bool) -> dict[str, Any]:
    """The LLM status for a page or the API: never the key, and in server mode nothing about the server's files."""
    source_words = {
        "environment": "environment variables",
        "config file": "the config file" if server else f"the config file ({status.config_file})",
    }
    error = status.error
    if error and server:
        error = (
            "The LLM settings of this server have a problem, so no LLM is used. The operator can fix them."
        )
    return {
        "configured": status.configured,
        "host": status.host,
        "model": status.model,
        "base_url": None if server else status.base_url,
        "api_key_set": status.api_key_set,
        "timeout": status.timeout,
        "stream": status.stream,
        "source": status.source,
        "source_words": source_words.get(status.source or "", ""),
        "environment_overrides": list(status.env_overrides),
        "config_file": None if server else status.config_file,
        "editable": not server and not status.env_locked,
        "error": error,
        "file_values": {} if server else dict(status.file_values),
        "file_key_set": False if server else status.file_key_set,
        "file_has_table": False if server else status.file_has_table,
    }
