"""Tone: signs that a draft was written in the heat of the moment, and when to pause before sending.

Heat is judged from several signals together (shouting caps, strings of !!!, swearing at the partner,
insults), never from one capitalised word: "OMG I GOT THE JOB" is joy, not anger.
"""

from __future__ import annotations

import re
from datetime import datetime

from feelheard.catalogue import load_catalogue
from feelheard.result import Analysis, Finding, Tone, ToneSignal
from feelheard.text import TextModel

ACRONYMS = frozenset(
    "OK OKAY LOL LMAO LMFAO OMG ASAP TV USA UK NYC BTW IDK FYI DM ETA PM AM BBQ ID PS ATM IRL TBH NGL IMO RSVP "
    "GPS PDF CEO HR IT AC DIY NBA NFL MRI ER ICU UPS DHL TGIF".split()
)
POSITIVE = re.compile(
    r"\b(?:love|amazing|yay|woo+|congrat\w*|happy|proud|excited|great news|can'?t wait|best|awesome|incredible|"
    r"got the job|we did it|so good|beautiful|wonderful|thank|haha|hehe|lol)\b|[\U0001F60D\U0001F389\u2764\U0001F973\U0001F602\U0001F60A\U0001F618]",
    re.IGNORECASE,
)
PROFANITY_AT = re.compile(
    r"\b(?:f+u+c*k+ (?:you|u|off|this|that)|(?:screw|damn) (?:you|u)|go to hell|piss off|get f+u+c*k+ed|"
    r"shut the (?:f+u+c*k+|hell) up|(?:wtf|what the (?:f+u+c*k+|hell)) (?:is wrong with|are|r|were|was) (?:you|u)|"
    r"(?:you|u|ur|you'?re)(?: such an?| a| an)? (?:f+u+c*k+ing |damn |stupid )?(?:bitch|asshole|arsehole|dick|prick|"
    r"bastard|jerk|twat|cunt|dumbass|idiot|moron)|f+u+c*k+ing (?:idiot|moron|selfish|lazy|useless|ridiculous|joke)|"
    r"(?:you|u) f+u+c*k+ing)\b",
    re.IGNORECASE,
)
PROFANITY = re.compile(
    r"\b(?:f+u+c*k+\w*|fck\w*|fuk\w*|sh[i!1]t\w*|wtf|stfu|ffs|bullshit|damn\w*|goddamn\w*|bloody hell|jesus christ|"
    r"for (?:god'?s|christ'?s|fuck'?s|heaven'?s) sake|omfg|crap|pissed)\b",
    re.IGNORECASE,
)
# Swearing in solidarity ("your boss is a fucking idiot, I'm so sorry") is support, not heat.
SUPPORT = re.compile(
    r"\b(?:sorry|proud of you|love you|you deserve|for you|with you|on your side|i'?m here)\b", re.IGNORECASE
)
SARCASM = re.compile(
    r"\b(?:oh,? great|oh,? wonderful|oh,? perfect|yeah,? right|sure,? whatever|wow,? thanks|thanks a lot|"
    r"how nice|must be nice|good for you|nice one|real mature|slow clap)\b|/s\b|\U0001F644|\U0001F612",
    re.IGNORECASE,
)
NEGATIVE = re.compile(
    r"\b(?:never|always|hate|sick of|tired of|stop|again|seriously|ridiculous|unbelievable|selfish|lazy|done|"
    r"worst|why|wrong|can'?t believe|how dare|whatever)\b",
    re.IGNORECASE,
)
EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]")
WALL_WORDS = 250

PAUSE_ADVICE = (
    "This reads as written in the heat of the moment. Consider waiting before you send it: try "
    '"I\'m upset and I want to get this right. Can we talk at 8, after dinner?"',
    'Strong feelings are showing in the wording. A short pause may help: "I need twenty minutes to cool '
    "down, then I'd like to talk this through properly.\"",
    "It may land as anger whatever you mean. Step away for a bit and name when you'll be back: \"Let me "
    'take a walk and call you in half an hour."',
)


def _shouting(doc: TextModel) -> list[ToneSignal]:
    signals: list[ToneSignal] = []
    for match in re.finditer(r"\b[A-Z][A-Z']*[A-Z]\b(?:[ ,]+[A-Z][A-Z']*[A-Z]\b)*", doc.text):
        words = [
            w for w in re.findall(r"[A-Z']+", match.group()) if w.strip("'") not in ACRONYMS and len(w) >= 2
        ]
        if words and max(len(w) for w in words) >= 3:
            signals.append(
                ToneSignal(
                    "shouting", match.start(), match.end(), match.group(), "capital letters read as shouting"
                )
            )
    return signals


def check_tone(doc: TextModel, sent_at: datetime | None = None) -> Tone:
    """Collect tone signals for one message and decide whether it is heated."""
    text = doc.text
    signals = _shouting(doc)
    for match in re.finditer(r"(?:!{2,}|\?{2,}|[?!]*\?![?!]*|!+\?+[?!]*)", text):
        if len(match.group()) >= 2:
            signals.append(
                ToneSignal(
                    "exclamations", match.start(), match.end(), match.group(), "strings of ! or ?! add heat"
                )
            )
    for match in PROFANITY_AT.finditer(text):
        signals.append(
            ToneSignal(
                "profanity", match.start(), match.end(), match.group(), "swearing aimed at your partner"
            )
        )
    for match in SARCASM.finditer(text):
        signals.append(
            ToneSignal("sarcasm", match.start(), match.end(), match.group(), "may be read as sarcasm")
        )
    stripped = EMOJI.sub("", text).strip(" .!?")
    if EMOJI.search(text) and len(stripped.split()) <= 1:
        signals.append(
            ToneSignal("emoji_only", 0, len(text), text, "an emoji in place of words can be read many ways")
        )
    if doc.words > WALL_WORDS:
        signals.append(
            ToneSignal(
                "wall_of_text",
                0,
                len(text),
                text[:40],
                f"{doc.words} words: long messages are hard to take in when upset",
            )
        )
    if sent_at is not None and (sent_at.hour >= 23 or sent_at.hour < 5):
        signals.append(
            ToneSignal(
                "late_night", 0, 0, "", f"written at {sent_at:%H:%M}: late-night messages tend to run hotter"
            )
        )

    for match in PROFANITY.finditer(text):
        if not any(sig.start <= match.start() < sig.end for sig in signals if sig.id == "profanity"):
            signals.append(
                ToneSignal("swearing", match.start(), match.end(), match.group(), "swearing adds heat")
            )
    positive = POSITIVE.search(text) is not None
    supportive = SUPPORT.search(text) is not None
    kinds = {s.id for s in signals}
    heated = "profanity" in kinds or (
        not positive and not supportive and bool(kinds & {"shouting", "exclamations", "swearing"})
    )
    tone = Tone(heated=heated, signals=signals)
    if heated:
        tone.advice = PAUSE_ADVICE[sum(map(ord, text)) % len(PAUSE_ADVICE)]
    return tone


class ToneAnalyzer:
    """Pipeline step: `tone`, plus a `heated_tone` pitfall over the signals that made it heated."""

    name = "tone"
    requires: tuple[str, ...] = ("reply_doc", "pitfalls")
    assigns: tuple[str, ...] = ("tone", "pitfalls")

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.reply_doc is None:
            return analysis
        sent_at = analysis.features.get("sent_at")
        analysis.tone = check_tone(analysis.reply_doc, sent_at if isinstance(sent_at, datetime) else None)
        if analysis.tone.heated:
            entry = load_catalogue().pitfalls["heated_tone"]
            for signal in analysis.tone.signals:
                if (
                    signal.id in ("shouting", "exclamations", "profanity", "swearing")
                    and signal.end > signal.start
                ):
                    analysis.pitfalls.append(
                        Finding(
                            "heated_tone",
                            "pitfall",
                            signal.start,
                            signal.end,
                            signal.quote,
                            entry.antidote,
                            "rule",
                            0.85,
                            entry.why,
                        )
                    )
            analysis.pitfalls.sort(key=lambda f: (f.start, f.id))
        return analysis
