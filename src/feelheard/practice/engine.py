"""A practice conversation: the user answers a simulated partner, turn by turn, and gets coached on each reply.

The partner's next line depends on how the reply landed (`landing`): the analyzer's findings decide, and the
scenario's data says what the partner says for each outcome. State is a plain dict (`PracticeState.to_dict`)
so the CLI can keep it in memory and the web app can keep it in storage between requests.

Role reversal (`reverse`): the user reads one of their own replies as their partner would, writes how it
lands, and sees the feelings in their answer beside the ones the scenario says were underneath.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from feelheard.errors import InputError
from feelheard.practice.scenarios import OUTCOMES, Scenario, get_scenario

if TYPE_CHECKING:
    from feelheard.pipeline import Pipeline
    from feelheard.result import Analysis

Outcome = Literal["heard", "partly", "escalates", "withdraws"]

# Pitfalls that make a partner push back harder, and those that make them pull away (see scenarios.py).
ESCALATING = frozenset(
    {"defensiveness", "criticism", "contempt", "invalidating", "gaslighting", "heated_tone", "guilt_trip",
     "non_apology"}
)  # fmt: skip
WITHDRAWING = frozenset(
    {"minimizing", "stonewalling", "cliche", "self_focus", "advice_giving", "self_erasure"}
)
# The score a reply needs to count as heard, by level: a hurt partner in a hard conversation needs more.
HEARD_SCORE = {1: 60, 2: 65, 3: 72}
# Below this, a reply with no pitfall still reads as thin ("partly").
MAX_REPLY_CHARS = 2000
# How a reply landed and how a conversation ended, in words for the user (CLI and web).
LANDED = {
    "heard": "They felt heard.",
    "partly": "It half landed: they are still guarded.",
    "escalates": "It stung: they push back harder.",
    "withdraws": "They pulled away.",
}
ENDING_WORDS = {"repaired": "Repaired", "partial": "Cooled down, not resolved", "stuck": "Stuck for now"}


def landing(analysis: Analysis, level: int) -> Outcome:
    """How a reply lands with the simulated partner.

    Pitfalls decide first: those that attack or deny push the partner to escalate, those that brush off or
    hand over advice make them withdraw; the kind found more often wins, and on a tie the one that came first
    in the reply (that is what the partner reacts to first). A reply that is strong overall (a helpful move
    and a score at the level's bar) with one slip reads as "partly": the partner notices, but mostly feels
    met. With no pitfall, the score decides between heard and partly.
    """
    score = analysis.score or 0
    strong = bool(analysis.moves) and score >= HEARD_SCORE.get(level, 65)
    kinds = [
        "escalates" if f.id in ESCALATING else "withdraws"
        for f in sorted(analysis.pitfalls, key=lambda f: f.start)
        if f.id in ESCALATING or f.id in WITHDRAWING
    ]
    if analysis.tone.heated:
        kinds.insert(0, "escalates")
    if kinds:
        if strong and len(kinds) == 1:
            return "partly"
        escalating, withdrawing = kinds.count("escalates"), kinds.count("withdraws")
        if escalating != withdrawing:
            return "escalates" if escalating > withdrawing else "withdraws"
        return "escalates" if kinds[0] == "escalates" else "withdraws"
    return "heard" if strong else "partly"


@dataclass
class Exchange:
    """One round: what the partner said, the user's reply and how it went."""

    turn: str
    partner: str
    reply: str
    outcome: Outcome
    score: int | None
    moves: list[str]
    pitfalls: list[str]
    suggestion: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "partner": self.partner,
            "reply": self.reply,
            "outcome": self.outcome,
            "score": self.score,
            "moves": self.moves,
            "pitfalls": self.pitfalls,
            "suggestion": self.suggestion,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Exchange:
        outcome = data.get("outcome")
        if outcome not in OUTCOMES:
            raise InputError("a saved practice round is damaged")
        score = data.get("score")
        return cls(
            turn=str(data.get("turn", "")),
            partner=str(data.get("partner", "")),
            reply=str(data.get("reply", "")),
            outcome=outcome,
            score=score if isinstance(score, int) else None,
            moves=[str(m) for m in data.get("moves") or []],
            pitfalls=[str(p) for p in data.get("pitfalls") or []],
            suggestion=data.get("suggestion") if isinstance(data.get("suggestion"), str) else None,
        )


@dataclass
class PracticeState:
    """Where a practice conversation stands.

    Attributes:
        scenario_id: The scenario being practised.
        turn: The id of the partner turn now waiting for a reply (the ending's id once finished).
        exchanges: The rounds so far.
        stopped_for_safety: The user's reply raised a safety concern, so practice stopped.
        reversal: The role-reversal round, once done.
        voice: Who voiced the partner's lines: "script" or "llm".
        spoken: The LLM's wording of partner turns, by turn id (the script's line is used for the others).
        voice_notes: Why the script's line was used at a turn where the LLM was asked, by turn id.
    """

    scenario_id: str
    turn: str
    exchanges: list[Exchange] = field(default_factory=list)
    stopped_for_safety: bool = False
    reversal: dict[str, Any] | None = None
    voice: str = "script"
    spoken: dict[str, str] = field(default_factory=dict)
    voice_notes: dict[str, str] = field(default_factory=dict)

    @property
    def scenario(self) -> Scenario:
        return get_scenario(self.scenario_id)

    @property
    def finished(self) -> bool:
        return self.stopped_for_safety or self.scenario.turns[self.turn].is_ending

    @property
    def ending(self) -> str | None:
        return self.scenario.turns[self.turn].ending

    def partner_line(self, turn_id: str | None = None) -> str:
        """What the partner says at a turn (the LLM's wording when it voiced it, else the script's)."""
        turn_id = turn_id or self.turn
        return self.spoken.get(turn_id) or self.scenario.turns[turn_id].partner

    @property
    def score(self) -> int | None:
        """The conversation's score: the mean of the replies' scores (None before any scored reply)."""
        scores = [e.score for e in self.exchanges if e.score is not None]
        return round(sum(scores) / len(scores)) if scores else None

    def to_dict(self) -> dict[str, Any]:
        """The state as JSON-able data (what storage keeps as a practice item's payload)."""
        scenario = self.scenario
        return {
            "scenario": self.scenario_id,
            "title": scenario.title,
            "topic": scenario.topic,
            "level": scenario.level,
            "turn": self.turn,
            "finished": self.finished,
            "ending": self.ending,
            "score": self.score,
            "exchanges": [e.to_dict() for e in self.exchanges],
            "stopped_for_safety": self.stopped_for_safety,
            "reversal": self.reversal,
            "voice": self.voice,
            "spoken": dict(self.spoken),
            "voice_notes": dict(self.voice_notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PracticeState:
        """Rebuild a state saved with `to_dict`.

        Raises:
            InputError: the data is damaged or names a scenario or turn that does not exist.
        """
        if not isinstance(data, dict) or not isinstance(data.get("scenario"), str):
            raise InputError("this practice session is damaged and cannot be continued")
        scenario = get_scenario(data["scenario"])
        turn = data.get("turn")
        if not isinstance(turn, str) or turn not in scenario.turns:
            raise InputError("this practice session is damaged and cannot be continued")
        exchanges = [Exchange.from_dict(e) for e in data.get("exchanges") or [] if isinstance(e, dict)]
        reversal = data.get("reversal")
        spoken = data.get("spoken")
        notes = data.get("voice_notes")
        return cls(
            scenario_id=scenario.id,
            turn=turn,
            exchanges=exchanges,
            stopped_for_safety=bool(data.get("stopped_for_safety")),
            reversal=reversal if isinstance(reversal, dict) else None,
            voice=str(data.get("voice") or "script"),
            spoken={str(k): str(v) for k, v in spoken.items()} if isinstance(spoken, dict) else {},
            voice_notes={str(k): str(v) for k, v in notes.items()} if isinstance(notes, dict) else {},
        )


@dataclass
class RoundResult:
    """What one reply produced: the coaching on it and where the conversation went."""

    analysis: Analysis
    outcome: Outcome | None
    next_line: str | None
    ending: str | None
    debrief: str | None


def start(scenario_id: str) -> PracticeState:
    """A new conversation at the scenario's opening turn.

    Raises:
        InputError: no such scenario.
    """
    scenario = get_scenario(scenario_id)
    return PracticeState(scenario_id=scenario.id, turn=scenario.start)


def _check_reply(text: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InputError("write a reply first: the box is empty")
    if len(text) > MAX_REPLY_CHARS:
        raise InputError(
            f"that reply is longer than {MAX_REPLY_CHARS} characters; keep it to what you would send"
        )
    return text.strip()


def answer(state: PracticeState, reply: str, pipeline: Pipeline) -> RoundResult:
    """Coach one reply and move the conversation on.

    Raises:
        InputError: the conversation is over, or the reply is empty or too long.
    """
    if state.finished:
        raise InputError("this practice conversation has ended; start it again to have another go")
    reply = _check_reply(reply)
    turn = state.scenario.turns[state.turn]
    partner_text = state.partner_line()
    analysis = pipeline(partner_text, reply)
    if analysis.safety.level != "none":
        # Nothing about this reply is scored or kept as practice: the coach shows the safety panel instead.
        state.stopped_for_safety = True
        return RoundResult(analysis=analysis, outcome=None, next_line=None, ending=None, debrief=None)
    outcome = landing(analysis, state.scenario.level)
    state.exchanges.append(
        Exchange(
            turn=turn.id,
            partner=partner_text,
            reply=reply,
            outcome=outcome,
            score=analysis.score,
            moves=[f.id for f in analysis.moves],
            pitfalls=[f.id for f in analysis.pitfalls],
            suggestion=analysis.suggestion,
        )
    )
    state.turn = turn.next[outcome]
    following = state.scenario.turns[state.turn]
    return RoundResult(
        analysis=analysis,
        outcome=outcome,
        next_line=state.partner_line(),
        ending=following.ending,
        debrief=following.debrief,
    )


def reverse(state: PracticeState, round_index: int, as_partner: str, pipeline: Pipeline) -> dict[str, Any]:
    """Role reversal: read your own reply from round `round_index` as your partner, and say how it lands.

    The analyzer reads your reply as the message received and names the feelings it carries; it also reads
    what you wrote in your partner's place. Both are kept with the practice result.

    Raises:
        InputError: no such round, or the text is empty or too long.
    """
    if not 0 <= round_index < len(state.exchanges):
        raise InputError(f"there is no round {round_index + 1} to look at from the other side")
    as_partner = _check_reply(as_partner)
    exchange = state.exchanges[round_index]
    read_as_received = pipeline(exchange.reply, as_partner)
    scenario = state.scenario
    felt = list(read_as_received.feelings)
    result = {
        "round": round_index,
        "your_words": exchange.reply,
        "as_partner": as_partner,
        "feelings_in_your_words": felt,
        "feelings_underneath": list(scenario.feelings),
        "pitfalls_in_your_words": exchange.pitfalls,
        "moves_in_your_words": exchange.moves,
        "safety_level": read_as_received.safety.level,
    }
    if read_as_received.safety.level == "none":
        state.reversal = result
    return result


def weakest_round(state: PracticeState) -> int | None:
    """The round most worth seeing from the other side: the lowest-scoring reply (ties: the earliest)."""
    scored = [(e.score if e.score is not None else 101, i) for i, e in enumerate(state.exchanges)]
    return min(scored)[1] if scored else None
