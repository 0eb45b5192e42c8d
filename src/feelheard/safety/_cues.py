"""A second, looser layer: weighted cues that add up across a message.

The rules in `_rules` need a phrase in a known shape; people describe danger in endless shapes. Here each
category has short cues with a weight (2 for a cue that points at danger on its own, 1 for one that only
adds to others). When the cues of a category in one message reach the threshold, and at least one strong
cue is present, the category is flagged at ``concern`` (``urgent`` when an urgent cue is among them). The
same context checks as for rules apply to each cue (idioms, negation, jokes, trivial topics, fiction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """One weighted cue; cues with the same `group` count once."""

    category: str
    weight: int
    group: str
    pattern: re.Pattern[str]
    urgent: bool = False
    negatable: bool = True


def _c(
    category: str, weight: int, group: str, pattern: str, *, urgent: bool = False, negatable: bool = True
) -> Cue:
    return Cue(category, weight, group, re.compile(pattern), urgent, negatable)


THRESHOLD = 3

CUES: tuple[Cue, ...] = (
    # Self-harm: death, disappearance or a means (strong), plus longing, hopelessness or timing (weak).
    _c(
        "self_harm",
        2,
        "death",
        r"\b(?:die|be dead|suicid\w*|end (?:it|my life|it all|everything)|ending (?:it|my life)|overdos\w*|"
        r"not (?:be )?(?:here|around|alive) (?:anymore|any more|much longer|tomorrow)|not here anymore|stop existing|not exist|disappear(?:ing)? (?:forever|for good|permanently)|"
        r"never wake up|not wake up|sleep (?:forever|for a (?:very )?long time|and never)|when i'm gone|if i (?:was|"
        r"were|'m) gone|if i (?:wasn't|weren't) (?:here|around)|(?:do|did|doing) (?:\w+ )?to myself|want out\b(?! of (?:this|the|our) "
        r"(?:relationship|marriage|lease|contract|deal|plan|trip|group))|no way out|before i do something|do "
        r"something (?:stupid|drastic|i can't take back)|(?:hurt|harm|cut|scratch\w*|punish|burn)(?:ing|ed|s)? "
        r"myself)\b",
    ),
    _c(
        "self_harm",
        2,
        "done",
        r"\b(?:gone through with it|go through with it|going through with it)\b",
        urgent=True,
    ),
    _c(
        "self_harm",
        2,
        "means",
        r"\b(?:pills|tablets|sleeping pills|painkillers|razor|blade|noose|rope|bridge|ledge|platform|train tracks|"
        r"rooftop|the roof|bled|bleed|bleeding|stepping (?:forward|off|out)|step (?:forward|off|out in front)|"
        r"jump(?:ing)? (?:off|from|in front))\b",
        urgent=True,
    ),
    _c(
        "self_harm",
        1,
        "longing",
        r"\b(?:want|wanna|wish|wishing|rather|hope|thinking about|think about|thought about|keep thinking|looking "
        r"at|staring at|ready|tempted|can't stop thinking)\b",
        negatable=False,
    ),
    _c(
        "self_harm",
        1,
        "hopeless",
        r"\b(?:can't (?:take|cope|go on|keep going|do this)|how much (?:more|longer)|no (?:reason|point|hope|future)|"
        r"pointless|hopeless|a burden|waste of|worthless|nobody (?:cares|would|needs)|no one (?:cares|would|needs)|"
        r"easier for everyone|better for everyone|better off|relieved|tired of|numb|empty inside|sorry for "
        r"everything|i'm sorry for|stop feeling|permanently|forever|for good|you'll be sorry|don't know what i'll "
        r"do|i don't know what i'll)\b",
        negatable=False,
    ),
    _c(
        "self_harm",
        1,
        "timing",
        r"\b(?:tonight|today|now|right now|this weekend|tomorrow|soon|lately|again)\b",
        negatable=False,
    ),
    # Violence: an act or a weapon (strong), plus a target, an injury or intent to frighten (weak).
    _c(
        "violence",
        2,
        "act",
        r"\b(?:rammed|rams|run me off|ran me off|nails into|dig\w* (?:her|his) nails|choked|choking|strangl\w*|"
        r"hands (?:around|round) my|punch\w*|slapp?\w*|kick(?:ed|s|ing)? (?:me|her|him)|shov\w*|pushed (?:me|her)|"
        r"threw \w+ at|throws \w+ at|beat (?:me|her|him)|beats (?:me|her|him)|attack\w* (?:me|her|him)|stabb?\w*|"
        r"shot (?:at )?(?:me|her|him)|hurt (?:me|her|him) (?:bad|badly|physically)|bruis\w*|black eye|broke my)\b",
    ),
    _c(
        "violence",
        2,
        "weapon",
        r"\b(?:gun|guns|knife|knives|weapon|machete|baseball bat|rifle|pistol)\b",
        urgent=True,
    ),
    _c(
        "violence",
        1,
        "fear",
        r"\b(?:to scare me|scare me|scared|terrified|afraid|coming over|on his way|on her way|outside my|with his|"
        r"with her|threat\w*|bleed\w*|blood|hospital)\b",
    ),
    _c(
        "violence",
        3,
        "dare",
        r"\b(?:touch|say|do|try|call|text|look at)\b(?: \S+){0,3} again,? (?:and|&) (?:you'll )?see what happens\b|"
        r"\byou(?:'d| had) better (?:not|watch)\b(?=.{0,40}\b(?:hurt|sorry|regret|or|face|mouth)\b)",
        negatable=False,
    ),
    # Abuse: degradation, sexual pressure, punishment, making someone doubt their mind.
    _c("abuse", 2, "beg", r"\b(?:beg(?:ging)? (?:for|him|her|me)|grovel\w*)\b"),
    _c("abuse", 2, "knees", r"\b(?:on my knees|on (?:her|his) knees)\b"),
    _c("abuse", 2, "deprive", r"\b(?:not letting me (?:eat|sleep)|won't let me (?:eat|sleep)|starv\w* me)\b"),
    _c(
        "abuse",
        2,
        "punish",
        r"\b(?:punish\w* (?:me|her)|silent "
        r"treatment for (?:days|weeks)|as (?:a )?punishment)\b",
    ),
    _c(
        "abuse",
        2,
        "touch",
        r"\b(?:won't stop touching|keeps touching|touch(?:es|ing|ed)? me (?:even )?when)\b",
    ),
    _c(
        "abuse",
        2,
        "refusal",
        r"\b(?:push(?:ed)? (?:him|her) away|(?:said|say|told (?:him|her)) no|didn't want (?:it|to)|don't want "
        r"(?:it|to) and)\b",
        negatable=False,
    ),
    _c(
        "abuse",
        2,
        "crazy",
        r"\b(?:(?:says|tells me|told me|calls me) (?:i'm |that i'm )?(?:crazy|insane|mental|psycho)|i imagine "
        r"(?:things|everything|it)|imagining (?:things|it))\b",
        negatable=False,
    ),
    _c(
        "abuse",
        2,
        "doubt",
        r"\b(?:making it (?:all )?up|nobody (?:will|would) believe|starting to believe (?:him|her)|doubt (?:my "
        r"own|myself)|losing my mind)\b",
        negatable=False,
    ),
    _c(
        "abuse",
        2,
        "degrade",
        r"\b(?:disgusting|(?:a |fat )?pig|worthless|useless \w+|pathetic)\b",
    ),
    _c(
        "abuse",
        2,
        "grateful",
        r"\b(?:grateful (?:i|that i) even|lucky (?:i|that i|anyone) even|no (?:man|woman|one|body) (?:would|will|"
        r"could) (?:ever )?(?:touch|want|love))\b",
    ),
    _c(
        "abuse",
        1,
        "degrade_weak",
        r"\b(?:you're|you are|your|he says i'm|she says i'm|calls me|called me|tells me i'm)\b",
        negatable=False,
    ),
    # Coercive control: accounting for time or money, constant calls, logins, demands, ultimatums.
    _c(
        "coercive_control",
        3,
        "account",
        r"\baccount for every (?:minute|hour|penny|cent|pound|dollar|euro)\b|\b(?:better not|if i) catch you "
        r"(?:talking|texting|with|messaging|calling|seeing)\b|\b(?:it's|its) (?:them|him|her|your friends|your "
        r"family) or me\b",
        negatable=False,
    ),
    _c(
        "coercive_control",
        2,
        "surveil",
        r"\b(?:(?:calls|texts|rings) me (?:over and over|nonstop|non-stop|constantly|again and again)|log(?:s|ged)? "
        r"(?:into|in to|onto) my|to check who|who i(?:'ve| have)? (?:talked|texted|spoken|messaged|seen)|my "
        r"location|location on|my passwords|your passwords|your paycheck|my paycheck|i'll decide what you|cut off "
        r"your friends|bad influence|unlock your phone|hand it (?:to me|over)|give me your phone)\b",
    ),
    _c(
        "coercive_control",
        1,
        "pressure",
        r"\b(?:24/7|every night|every day|all the time|screams|yells|if i'm (?:\w+ )?late|now\b|from (?:now on|"
        r"today)|wants|demands|makes me)\b",
    ),
)

# One pattern for all strong cues: a message with none of them cannot reach the threshold.
STRONG = re.compile("|".join(f"(?:{cue.pattern.pattern})" for cue in CUES if cue.weight >= 2))
