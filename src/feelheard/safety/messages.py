"""What the coach says instead of coaching when the safety layer finds a sign of danger.

The words are the project's own: short, warm and plain, without clinical labels. For the partner's message the
coach tells the user what it noticed and what may help; for the user's own draft it names what the draft does
(a threat, an order, pressure through self-harm) without polishing it, and it still cares about the writer.
"""

from __future__ import annotations

from typing import Literal

from feelheard.safety.detector import SafetyResult

Author = Literal["partner", "user"]

_PARTNER: dict[str, str] = {
    "self_harm": (
        "Their message sounds like they may be thinking about hurting themselves or not wanting to be alive. "
        "That matters more than finding the perfect words. If you can, reach out now, ask them gently and "
        "directly how they are, and stay with them while they talk."
    ),
    "violence": (
        "This message talks about physical harm or a threat of it. Your safety, and theirs, comes before "
        "any conversation about feelings."
    ),
    "abuse": (
        "What is described here sounds like someone being hurt, put down or pushed into things they did not "
        "want. Nobody deserves that, and it is not the kind of problem better listening can fix."
    ),
    "coercive_control": (
        "This message describes one person controlling another: who they see, where they go, their phone "
        "or their money. That is not ordinary jealousy, and it is worth talking to someone outside the "
        "relationship about it."
    ),
}

_USER: dict[str, str] = {
    "self_harm": (
        "Your draft mentions hurting yourself or not wanting to be here. If that is how you feel, you deserve "
        "support right now, from someone you trust or from one of the lines below."
    ),
    "violence": (
        "Your draft reads as a threat of physical harm. Even said in anger, words like these can frighten the "
        "person who reads them, so this is not a message we can help polish."
    ),
    "abuse": (
        "Your draft puts the other person down in a way that can do real harm, or pressures them with "
        "something private. However hurt you are, this will not help them hear you."
    ),
    "coercive_control": (
        "Your draft tells the other person what they may or may not do, or attaches a threat to their "
        "choice. Even from fear of losing them, that takes their freedom away instead of inviting them closer."
    ),
}

_USER_SELF_HARM_AS_PRESSURE = (
    "Your draft ties your own safety to what they do. If you are truly at risk, please reach out for help now. "
    "Either way, a message like this puts the weight of your life on them, and they cannot carry it."
)

_OPENING = {
    "concern": "We've paused the coaching for this message.",
    "urgent": "We've paused the coaching for this message, because someone may be in danger right now.",
}

_CLOSING = {
    "concern": "If you'd like to talk it through with someone, the lines below are free and confidential.",
    "urgent": (
        "If anyone is in immediate danger, call your emergency number now. The lines below can also help, "
        "day or night."
    ),
}


def explanation(result: SafetyResult, *, author: Author = "partner") -> str:
    """Returns a short, warm explanation of why the coach stopped, to show above the resources.

    Args:
        result: The safety result of the text (or of several texts, merged).
        author: Whose text it was: ``partner`` (their message) or ``user`` (the user's own draft).

    Returns:
        A few sentences; an empty string when `result.level` is ``none``.
    """
    if result.level == "none":
        return ""
    texts = _USER if author == "user" else _PARTNER
    parts = [_OPENING[result.level]]
    categories = list(result.categories)
    if author == "user" and "self_harm" in categories and "coercive_control" in categories:
        parts.append(_USER_SELF_HARM_AS_PRESSURE)
        categories = [c for c in categories if c not in ("self_harm", "coercive_control")]
    # Abuse and violence often come together; one explanation of physical harm is enough.
    if "violence" in categories and "abuse" in categories and author == "partner":
        categories.remove("abuse")
    parts.extend(texts[c] for c in categories if c in texts)
    parts.append(_CLOSING[result.level])
    return " ".join(parts)
