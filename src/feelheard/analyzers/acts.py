"""Moves and pitfalls in the reply: precise rules give spans, the learned head adds recall.

Order of work for one reply:
1. every rule in `patterns.RULES` is matched; matches cancelled by negation, quotes, reported speech or a
   whole-sentence requirement are remembered as *suppressed* for their sentence;
2. overlapping findings are resolved (a non-apology is not also an apology);
3. the acts head (if shipped) proposes ids per sentence that no rule found and no rule suppressed;
4. context decides the rest: advice is fine when the partner asked for it, an intent explained after an
   apology is not defensiveness, a break with a time to come back is not stonewalling, a stock phrase
   followed by specifics is not a cliche.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from feelheard.analyzers.patterns import ADVICE_REQUEST, REPORTING, RETURN_TIME, RULES, Rule
from feelheard.catalogue import load_catalogue
from feelheard.result import Analysis, Finding
from feelheard.text import TextModel

# When two findings overlap, the key wins over each id in its value.
OVERRIDES: dict[str, tuple[str, ...]] = {
    "non_apology": ("apology", "cliche", "self_erasure"),
    "self_erasure": ("apology", "i_statement"),
    "criticism": ("i_statement", "advice_giving", "open_question"),
    "gaslighting": ("defensiveness",),
    "invalidating": ("advice_giving", "open_question", "criticism"),
    "contempt": (
        "advice_giving",
        "criticism",
        "appreciation",
        "open_question",
        "validation",
        "naming_emotion",
    ),
    "self_focus": ("self_disclosure", "i_statement", "minimizing"),
    "guilt_trip": ("minimizing", "i_statement", "reassurance", "criticism"),
    "repair_attempt": ("stonewalling", "advice_giving"),
    "validation": ("open_question",),
    "stonewalling": ("cliche",),
    "asking_need": ("open_question", "advice_giving"),
    "checking_understanding": ("open_question",),
    "defensiveness": ("validation", "asking_need", "open_question"),
}
MOVES_WITH_SUBSTANCE = frozenset(
    {
        "reflection",
        "naming_emotion",
        "validation",
        "open_question",
        "apology",
        "asking_need",
        "checking_understanding",
        "self_disclosure",
        "i_statement",
        "repair_attempt",
    }
)
INTENT = re.compile(r"\b(?:meant|mean|intend|intention|intent|want(?:ed)? to|trying|try)\b")
EMPATHY_FIRST = frozenset({"apology", "validation", "naming_emotion", "reflection"})


@dataclass(frozen=True)
class _Candidate:
    rule_id: str
    start: int
    end: int
    sentence: int
    confidence: float
    source: str


def _span(match: re.Match[str], text: str) -> tuple[int, int]:
    start, end = match.span("s") if "s" in match.re.groupindex and match.group("s") else match.span()
    while start < end and not (text[start].isalnum() or text[start] in "*\U0001f644\U0001f612"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "?!*'\U0001f644\U0001f612"):
        end -= 1
    return start, end


def _covers_sentence(doc: TextModel, start: int, end: int, sentence_index: int) -> bool:
    sentence = doc.sentences[sentence_index]
    body = doc.norm[sentence.start : sentence.end]
    core = re.sub(r"[^\w' ]+", " ", body).strip()
    matched = re.sub(r"[^\w' ]+", " ", doc.norm[start:end]).strip()
    return core == matched


def _is_reported(doc: TextModel, start: int) -> bool:
    sentence = doc.sentence_at(start)
    lower = max(sentence.start if sentence else 0, start - 60)
    return any(m.end() <= start for m in REPORTING.finditer(doc.norm, lower, start + 1))


def _match_rules(doc: TextModel) -> tuple[list[_Candidate], set[tuple[str, int]]]:
    found: list[_Candidate] = []
    suppressed: set[tuple[str, int]] = set()
    for sentence in doc.sentences:
        # Match each sentence on its own so that ^ and $ mean the sentence's start and end.
        body = doc.norm[sentence.start : sentence.end]
        original = doc.text[sentence.start : sentence.end]
        for rule in RULES:
            for match in rule.regex.finditer(body):
                start, end = _span(match, original)
                start, end = start + sentence.start, end + sentence.start
                if end <= start:
                    continue
                if _rejected(rule, doc, start, end, sentence.index):
                    suppressed.add((rule.id, sentence.index))
                    continue
                end = _extend_to_clause(doc, start, end)
                found.append(_Candidate(rule.id, start, end, sentence.index, rule.confidence, "rule"))
    return found, suppressed


def _rejected(rule: Rule, doc: TextModel, start: int, end: int, sentence_index: int) -> bool:
    if rule.whole_sentence and not _covers_sentence(doc, start, end, sentence_index):
        return True
    if rule.negatable and doc.negated_before(start):
        return True
    return rule.reportable and (doc.in_quote(start, end) or _is_reported(doc, start))


def _dedupe(candidates: list[_Candidate]) -> list[_Candidate]:
    """One finding per id per overlapping region (the longest wins)."""
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.rule_id, c.start, -(c.end - c.start))):
        if kept and kept[-1].rule_id == cand.rule_id and cand.start < kept[-1].end:
            if cand.end > kept[-1].end and cand.source == kept[-1].source:
                last = kept[-1]
                kept[-1] = _Candidate(
                    last.rule_id, last.start, cand.end, last.sentence, last.confidence, last.source
                )
            continue
        kept.append(cand)
    return kept


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    losers: set[int] = set()
    for i, a in enumerate(candidates):
        beaten = OVERRIDES.get(a.rule_id, ())
        for j, b in enumerate(candidates):
            if i != j and b.rule_id in beaten and a.start < b.end and b.start < a.end:
                losers.add(j)
    return [c for k, c in enumerate(candidates) if k not in losers]


# A sentence this short ("Six?", "Oh, Carmen.") gives the head too little to read a pitfall from; short
# pitfalls ("Calm down.", "Whatever.") are the rules' job.
HEAD_MIN_PITFALL_WORDS = 3
_WORDS = re.compile(r"[A-Za-z0-9']+")


def _model_candidates(
    doc: TextModel,
    probs: NDArray[np.float32] | None,
    labels: tuple[str, ...],
    thresholds: NDArray[np.float32] | None,
    rule_found: list[_Candidate],
    suppressed: set[tuple[str, int]],
) -> list[_Candidate]:
    if probs is None or thresholds is None or not len(labels):
        return []
    out: list[_Candidate] = []
    covered = {(c.rule_id, c.sentence) for c in rule_found}
    move_ids = load_catalogue().moves
    # Characters of each sentence that a rule already read as a helpful move: the head's sentence-level guess
    # of a pitfall there is less reliable than the rule's span (e.g. "I'll do them now" is an offer, not advice).
    move_chars: dict[int, int] = {}
    for c in rule_found:
        if c.rule_id in move_ids:
            move_chars[c.sentence] = move_chars.get(c.sentence, 0) + (c.end - c.start)
    for sentence in doc.sentences:
        if sentence.index >= len(probs):
            break
        for k, label in enumerate(labels):
            p = float(probs[sentence.index, k])
            if (
                p < float(thresholds[k])
                or (label, sentence.index) in covered
                or (label, sentence.index) in suppressed
            ):
                continue
            if label in ("stonewalling", "cliche"):
                continue  # these depend on the whole reply; rules own them
            start, end = sentence.start, sentence.end
            if label not in move_ids and 2 * move_chars.get(sentence.index, 0) >= end - start:
                continue
            if label not in move_ids and len(_WORDS.findall(doc.text, start, end)) < HEAD_MIN_PITFALL_WORDS:
                continue
            while end > start and doc.text[end - 1] in " .,;":
                end -= 1
            out.append(_Candidate(label, start, end, sentence.index, p, "model"))
    return out


def _apply_context(cands: list[_Candidate], reply: TextModel, partner: TextModel | None) -> list[_Candidate]:
    def ids_before(pos: int, wanted: set[str] | frozenset[str]) -> bool:
        return any(c.rule_id in wanted and c.end <= pos + 1 for c in cands)

    advice_asked = partner is not None and ADVICE_REQUEST.search(partner.norm) is not None
    return_time = RETURN_TIME.search(reply.norm) is not None
    # "sure" or "ok" answering an invitation or a question is agreement, not a shut-down.
    answers_question = partner is not None and bool(partner.sentences) and partner.sentences[-1].is_question
    has_substance = any(c.rule_id in MOVES_WITH_SUBSTANCE for c in cands)
    kept: list[_Candidate] = []
    for c in cands:
        if c.rule_id == "advice_giving" and (advice_asked or ids_before(c.start, {"asking_need"})):
            continue
        if (
            c.rule_id == "defensiveness"
            and INTENT.search(reply.norm, c.start, c.end)
            and ids_before(c.start, EMPATHY_FIRST)
        ):
            continue
        if c.rule_id == "stonewalling" and (return_time or (answers_question and _is_agreement(reply, c))):
            continue
        if c.rule_id == "cliche" and c.source == "rule" and has_substance and _is_whole(reply, c):
            continue
        kept.append(c)
    return kept


def _extend_to_clause(doc: TextModel, start: int, end: int, reach: int = 50) -> int:
    """Quote the rest of a clause when it is short: "you should" -> "you should just talk to HR"."""
    clause = doc.clause_at(start)
    if clause is None or clause.end <= end or clause.end - end > reach:
        return end
    stop = clause.end
    while stop > end and not (doc.text[stop - 1].isalnum() or doc.text[stop - 1] in "?!'"):
        stop -= 1
    return max(stop, end)


AGREEMENT = re.compile(
    r"^(?:sure|ok|okay|k|kk|cool|great|yep|yup|yes|yeah|got it|sounds good|right|fine)[.!\s]*$"
)


def _is_agreement(doc: TextModel, cand: _Candidate) -> bool:
    return AGREEMENT.match(doc.norm[cand.start : cand.end + 3].strip()) is not None


def _is_whole(doc: TextModel, cand: _Candidate) -> bool:
    return _covers_sentence(doc, cand.start, cand.end, cand.sentence)


def find_acts(
    reply: TextModel,
    partner: TextModel | None,
    model_probs: NDArray[np.float32] | None = None,
    model_labels: tuple[str, ...] = (),
    model_thresholds: NDArray[np.float32] | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """Find moves and pitfalls in `reply`. Returns (moves, pitfalls), each sorted by position."""
    catalogue = load_catalogue()
    rule_found, suppressed = _match_rules(reply)
    rule_found = _resolve_overlaps(_dedupe(rule_found))
    model_found = _model_candidates(
        reply, model_probs, model_labels, model_thresholds, rule_found, suppressed
    )
    cands = _resolve_overlaps(_dedupe(rule_found + model_found))
    cands = _apply_context(cands, reply, partner)
    moves: list[Finding] = []
    pitfalls: list[Finding] = []
    for c in sorted(cands, key=lambda c: (c.start, c.rule_id)):
        entry = catalogue.entry(c.rule_id)
        end = c.end
        kind: Literal["move", "pitfall"] = "move" if c.rule_id in catalogue.moves else "pitfall"
        finding = Finding(
            id=c.rule_id,
            kind=kind,
            start=c.start,
            end=end,
            quote=reply.text[c.start : end],
            tip=entry.antidote if kind == "pitfall" else entry.tip,
            source="rule" if c.source == "rule" else "model",
            confidence=c.confidence,
            why=entry.why,
        )
        (moves if kind == "move" else pitfalls).append(finding)
    return moves, pitfalls


class ActsAnalyzer:
    """Pipeline step: moves and pitfalls of the reply."""

    name = "acts"
    requires: tuple[str, ...] = ("reply_doc", "features")
    assigns: tuple[str, ...] = ("moves", "pitfalls")

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.reply_doc is None:
            return analysis
        head = analysis.features.get("acts_head")
        probs = analysis.features.get("acts_probs")
        analysis.moves, analysis.pitfalls = find_acts(
            analysis.reply_doc,
            analysis.partner_doc,
            probs,
            tuple(head.labels) if head is not None else (),
            head.thresholds if head is not None else None,
        )
        return analysis
