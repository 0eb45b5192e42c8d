"""Finds signs of danger in a message: self-harm, violence, abuse and coercive control.

How a decision is made, in order:

1. The text is normalised (`_normalize`): lower case, texting forms and common typos repaired, stretched
   letters squeezed, with a map back to the original characters.
2. Every rule of `_rules` runs over the normalised view. A match becomes a finding unless its context cancels
   it:
   * an everyday idiom covers it ("this commute is killing me", "I'm dead 😂", "hit me up");
   * it is negated in its own clause ("he has never hit me", "I'd never hurt myself");
   * for exaggeration-prone phrases, the text jokes (lol, 😂, jk) or the sentence is about something trivial
     ("I'll kill you if you spoil the finale");
   * the sentence (or the one before) is about fiction, games or the news, and the match itself does not
     involve the writer ("me", "my");
   * the sentence is a general or hypothetical statement ("if someone hits you, leave") or a yes/no question
     about someone else ("did he hurt you?");
   * it is a report of something long past and the text says it is resolved ("years ago...; I'm safe now").
3. The level is lifted to ``urgent`` by context: recent violence or injuries, weapons or choking, a threat to
   kill, and for self-harm a plan, a means, a time or a stated intention.
4. A threat of self-harm or violence made conditional on the other person's choices ("I'll hurt myself if you
   leave") is also coercive control.
5. For categories no rule found, the weighted cues of `_cues` are added up over the message (a strong cue
   such as a means or an act, plus weaker ones such as longing, hopelessness or timing), so danger told in an
   unexpected shape can still reach ``concern``.

Rules only run when one of their gate words occurs in the message (`_rules._GATES`); a test checks that the
gates never change a result on the dev set.

Negation choice (documented on purpose): a plain denial such as "I'm not going to hurt myself" or "he'd never
hit me" is ``none``; the same text with any other sign ("I'm not suicidal but I don't see the point anymore")
is flagged through that other sign. A denial followed by "yet", "for now" or "today" is not a denial.

Who wrote it (`author`) does not change what counts as dangerous: a threat is a threat in the partner's
message and in the user's draft. `author` is recorded so the explanation can speak to the right person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from feelheard.safety._cues import CUES
from feelheard.safety._cues import STRONG as STRONG_CUES
from feelheard.safety._cues import THRESHOLD as CUE_THRESHOLD
from feelheard.safety._normalize import NormalizedText, normalize
from feelheard.safety._rules import ALL_RULES, Level, Rule

Author = Literal["partner", "user"]
CATEGORIES: tuple[str, ...] = ("self_harm", "violence", "abuse", "coercive_control")
_LEVEL_RANK: dict[str, int] = {"none": 0, "concern": 1, "urgent": 2}


@dataclass(frozen=True)
class SafetyFinding:
    """One sign of danger, located in the text it was found in.

    Attributes:
        category: One of `CATEGORIES`.
        level: ``concern`` or ``urgent``.
        start: Offset of the first character of the evidence in the original text.
        end: Offset just past the evidence.
        quote: ``text[start:end]``.
        reason: A short plain-words description of what the rule saw.
    """

    category: str
    level: Level
    start: int
    end: int
    quote: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        """Returns the JSON form used by the CLI, the REST API and the web page."""
        return {
            "category": self.category,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class SafetyResult:
    """What the safety layer concluded about one text (or several, after `merge`)."""

    level: Level
    categories: tuple[str, ...]
    findings: tuple[SafetyFinding, ...]

    def to_dict(self) -> dict[str, object]:
        """Returns ``{"level", "categories", "findings"}`` as plain JSON types."""
        return {
            "level": self.level,
            "categories": list(self.categories),
            "findings": [finding.to_dict() for finding in self.findings],
        }


NONE_RESULT = SafetyResult(level="none", categories=(), findings=())

# Context ----------------------------------------------------------------------------------------------------
_WORD = re.compile(r"[\w'-]+")
_SENTENCE_END = re.compile(r"[.!?\n]+(?=\s|$)|\n")
_CLAUSE_BREAK = re.compile(
    r"[,;:()\"]|\s[-–—]\s|\b(?:but|and|so|because|though|although|then|yet|after|before|until|since|unless|"
    r"while|when|whenever|which|who|if|or)\b"
)
_NEGATOR = re.compile(
    r"\b(?:not|never|no|don't|doesn't|didn't|won't|wouldn't|can't|cannot|couldn't|isn't|wasn't|aren't|weren't|"
    r"haven't|hasn't|hadn't|shouldn't|ain't|nobody|nothing|neither|nor|stopped|quit|refuse|refused|"
    r"hardly|barely)\b"
)
# Words right after a negator that undo the negation ("can't stop thinking about...", "don't know why he hit me").
_NEGATION_UNDONE = re.compile(
    r"^\s*(?:make|makes|let|leave|stop|help|know|care|longer|matter|remember|understand|get why|see why|tell|mind|even know|"
    r"believe|think i can|want to (?:tell|talk|say)|one knows|body knows|one believes|body believes|idea)\b"
)
_NEW_SUBJECT = re.compile(
    r"\b(?:i|i'll|i'm|i'd|i've|he|he'll|he's|he'd|she|she'll|she's|she'd|they|they'll|we|we'll)\b"
)
_NEGATION_RAISING = re.compile(r"^\s*(?:think|believe|reckon|feel|imagine|expect|suppose|see)\b")
_DENIAL_UNDONE = re.compile(r"^.{0,25}\b(?:yet|for now|today|tonight|right now|this time|i promise\?)\b")
_FICTION = re.compile(
    r"\b(?:movie|movies|film|films|tv show|the show|this show|that show|a show|tv series|the series|season \d+|"
    r"episode|episodes|book|books|novel|novels|chapter|characters?|villain|protagonist|antagonist|podcast|"
    r"documentary|docuseries|on the news|in the news|the news (?:said|reported|about|story)|news (?:story|"
    r"report|article)|article|headline|headlines|newspaper|journalist|true crime|video ?games?|the game|a game|"
    r"this game|in game|in-game|gaming|gameplay|boss fight|anime|manga|netflix|hbo|hulu|plot|trailer|song|songs|"
    r"lyrics|album|rapper|the play|a play|theatre|theater|musical|opera|actor|actress|fiction|fanfic|comic|"
    r"comics|sitcom|soap opera|thriller|horror|murder mystery|whodunit|crime drama|cartoon|fortnite|minecraft|"
    r"call of duty|valorant|overwatch|gta|elden ring|zelda|among us|d&d|dnd|npc|respawn|sims|skyrim|poem|"
    r"poetry|lecture|reading about|read about|a post about|a thread about|textbook|wikipedia|youtuber|"
    r"in my dream|had a dream|a dream|dreamt|nightmare|screenplay|audiobook|storyline|finale|sequel|prequel|"
    r"spoilers?|serial killer|kdrama|k-drama|telenovela|zombies?|vampires?|dragon|killstreak|headshot|my rogue|"
    r"my squad|campaign tonight|book club)\b"
)
_PERSONAL = re.compile(r"\b(?:me|my|myself|us|our|ourselves|mine)\b")
_FIRST_PERSON = re.compile(r"\b(?:me|my|myself|us|our|ourselves|mine|i|i'm|i've|i'd|i'll)\b")
_HYPOTHETICAL = re.compile(
    r"\b(?:if (?:someone|anyone|somebody|a person|people|your partner|a partner|a guy|a man|a woman|a friend|"
    r"a boyfriend|a girlfriend|a husband|a wife|one)|(?:people|anyone|someone|those|men|women|partners) who|"
    r"what would you do if|imagine if|hypothetically|statistically|warning signs?|the signs|red flags? "
    r"(?:like|such as|include)|signs of|what counts as|the definition of|is (?:it|that) (?:considered|"
    r"called)|awareness (?:week|month|campaign|training)|a charity|the charity|volunteer\w*|training on|"
    r"workshop|seminar|new law|the law|laws|legislation|researchers|a survey|abusers)\b"
)
_QUESTION_START = re.compile(
    r"^\s*(?:and |so |but )?(?:did|do|does|have|has|had|would|will|are|were|is|was|could|should|can) "
    r"(?:you|he|she|they|anyone|someone|somebody|your|his|her)\b"
)
_JOKE = re.compile(
    r"\b(?:lol+|lmao+|lmfao|rofl|ha(?:ha)+h?|he(?:he)+|jk|j/k|just kidding|xd|jajaja|kek)\b|[😂🤣😆💀☠😹😜😝]"
)
# Trivial topics that make a threat or a wish to die read as exaggeration ("I'll kill you if you spoil the
# finale", "this heat, I want to die"). Kept to things nobody is endangered by.
_TRIVIAL = re.compile(
    r"\b(?:spoil\w*|finale|the ending|episode|fries|chips|pizza|cake|chocolate|snacks?|leftovers|dessert|"
    r"ice cream|cookies?|coffee|last slice|burger|tacos?|noodles|popcorn|the remote|charger|hoodie|sweater|"
    r"jumper|socks|shoes|homework|exams?|assignment|essay|deadline|meetings?|monday|mondays|commute|traffic|"
    r"queue|heat|humidity|hangover|my feet|workout|gym|leg day|marathon|squats|cringe|embarrass\w*|awkward|"
    r"boring|bored|puns?|outfit|haircut|karaoke|dishes|laundry|towels?|taxes|paperwork|spreadsheet|printer|"
    r"wifi|ikea|in-laws|suspense|cliffhanger|plot twist|late|lateness|sunburn|mosquito\w*|thermostat|"
    r"playlist|presentation|interview|recital|audition|boredom|hiccups|snooze|crossword|wordle|netflix|"
    r"lasagna|pasta|sandwich|nuggets|curry|xbox|playstation|ps5|lego|mud|on read|ghost\w*|ate my|drank my|"
    r"stole my|used my|borrowed my|wore my|vase|parking ticket|speeding ticket|grades|report card|"
    r"mario kart|board game|monopoly|plants?|houseplants?|laugh\w*)\b"
)
# Sadness words that must not make a wish to die look trivial.
# Everyday idioms: a rule match that overlaps one of these spans is not a finding.
_IDIOMS = re.compile(
    r"\b(?:kill|kills|killed|killing) (?:it|time|the (?:vibe|mood|lights|engine|music|conversation|battery|"
    r"bottle|joke|game|competition|buzz|party)|two birds|off the|me softly|the interview|the presentation)\b|"
    r"\b(?:is|are|'s|'re|was|were|keeps|keep|been|be|stop|quit) (?:\w+ )?killing (?:me|us|him|her|my)\b|"
    r"\b(?:this|that|it|the|my|these|those|work|traffic|heat|suspense|wait|waiting|commute|job|boss|week|"
    r"day|hangover|back|feet|knees|cold) (?:\w+ )?(?:is|are|was|were|'s|'re|been) (?:\w+ )?killing\b|"
    r"\bkilling me\b(?=\s*(?:lol|haha|😂|🤣|💀|!|,|\.|$))|"
    r"\b(?:die|died|dying) (?:happy|old|of old age|in your arms|together|peacefully|a happy (?:man|woman)|"
    r"laughing|with you|next to you|holding your hand|in my sleep at)\b|"
    r"\b(?:i'm|i am|we're|i was|omg|literally|i'm literally|i'm so|i'm actually|i just|we are|dead) dead\b"
    r"(?! (?:serious|inside))|\bdead (?:tired|serious|on|wrong|right|set|end|battery|phone|zone|weight|"
    r"ringer|beat|sexy|cute|funny|gorgeous|quiet)\b|\bdying (?:to|of|for|laughing|inside lol|over)\b|\bto die "
    r"for\b|\b(?:die|died|dying) (?:of|from) (?:embarrassment|shame|boredom|cringe|laughter|laughing|"
    r"curiosity|jealousy|envy|heat|thirst|hunger|cuteness|happiness|excitement)\b|\b(?:could have|could've|"
    r"could|nearly|almost) (?:just )?died (?:laughing|of|from)\b|\bi could (?:just )?die\b|\b(?:kill|shoot)"
    r" me now\b|\bjust shoot me\b|\bsomeone (?:please )?(?:kill|shoot) me\b|\bbeat(?:ing)? (?:myself|"
    r"yourself|himself|herself) up\b|\bkick(?:ing)? (?:myself|yourself)\b|\bdrop dead gorgeous\b|\bover my"
    r" dead body\b|\bkiller (?:app|deal|outfit|view|heels|workout|playlist|abs|smile|idea|track|song|look)\b|"
    r"\bmurder(?:ed)? (?:a|some|this|that|the) (?:burger|pizza|pint|curry|drink|coffee|beer|taco|steak|"
    r"sandwich|song|karaoke)\b|\bhit (?:me|you|him|her|us) up\b|\bhits? different\b|\b(?:it|that|this|"
    r"which|reality|the news)(?:'s| has| had| must have| must've| would have| would've| will| might have| may have|"
    r" probably| really| finally| just| suddenly)* (?:hit|hits) (?:me|you|her|him|us|them|home)\b|"
    r"\bcut (?:me|myself|yourself|him|her) (?:some )?slack\b|\b(?:hits?|hitting) (?:me|you|him|her|us) up\b|"
    r"\b(?:mom|dad|mum|parents|grandma|grandpa|nan|teacher|coach|boss) (?:used to say|would say|always said|"
    r"said|says|used to threaten) (?:she'd|he'd|they'd|she would|he would|they would|she'll|he'll) (?:kill|"
    r"murder) (?:us|me)\b|\bkilled me\b(?=\s*(?:lol|haha|😂|🤣|💀))|"
    r"\b(?:you're|you are|your) killing me\b|\bknock (?:him|her|them|'em|em) dead\b|\bbreak a leg\b|"
    r"\b(?:cutting|cut) (?:myself|me) off from (?:social media|caffeine|sugar|coffee|alcohol|booze|tiktok|"
    r"instagram|twitter|the news)\b|\bi(?:'ll| will) kill (?:you|him|her) (?:with|for) (?:kindness|love)\b|"
    r"\bi could (?:have |'ve )?(?:kill|killed|murder|murdered|strangle|strangled|throttle|throttled) (?:you|"
    r"him|her|them)\b|\b(?:she'll|he'll|they'll|mom'll|mom will|mom's going to|dad will|dad's going to|"
    r"boss will|boss is going to|parents will|parents are going to|teacher will|coach will|mom is going "
    r"to|dad is going to|mom's gonna|dad's gonna|boss's going to) (?:literally |actually |absolutely )?"
    r"(?:kill|murder) me\b(?=.{0,60}\b(?:when|if|for)\b)(?!.{0,60}\b(?:scared|afraid|terrified|really|hurt|"
    r"hit|beat|threatened|gun|knife)\b)|\b(?:suicide|career suicide|social suicide|political suicide|"
    r"suicide mission|suicide squad|suicide run)\b(?=.{0,40}\b(?:lol|haha|game|squad|mission|job|career|"
    r"politically)\b)"
)
_RECENT = re.compile(
    r"\b(?:last night|yesterday|this morning|this afternoon|this evening|earlier today|earlier tonight|today|"
    r"tonight|just now|an hour ago|(?:a few |few |two |three |\d+ )?(?:hours|minutes|mins) ago|right now|"
    r"again|this weekend|last weekend|last week|this week|the other (?:night|day)|on (?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|just (?:hit|punched|slapped|choked|pushed|threatened|"
    r"attacked|kicked|strangled|grabbed|shoved|beat|hurt|raped)|bleeding|blood|bruises?|bruised|black eye|"
    r"hospital|a&e|emergency room|stitches|broken|concussion|couldn't breathe|can't breathe|passed out|"
    r"blacked out|knocked out|unconscious|knife|gun|weapon|locked in|help me|please help|he's coming|she's "
    r"coming|on his way|on her way|outside my door|banging on)\b"
)
# Self-harm with a means, a plan or fresh injuries is urgent on its own...
_MEANS = re.compile(
    r"\b(?:pills|tablets|overdose|rope|noose|gun|knife|blade|razor|bridge|roof|ledge|tracks|note|letter|plan|planned|"
    r"goodbye|goodbyes|stockpil\w*|bottle|wrists?|bleeding|blood|hospital|figured out how|method|"
    r"when everyone's asleep|i've decided|decided|said goodbye|deep|stitches|giving (?:away )?(?:all )?(?:of )?"
    r"(?:my|her|his|their) (?:stuff|things|belongings)|given away)\b"
)
# ... and a time or a stated intention makes talk of ending one's life urgent.
_TIMING = re.compile(
    r"\b(?:tonight|today|this weekend|tomorrow|ready|this time|for real|last time|won't stop me|can't stop me|"
    r"nobody can stop|will|going to|'ll|gonna|about to|soon|i mean it|i swear)\b|'ll\b"
)
_ACCIDENT = re.compile(
    r"\b(?:chopping|cooking|shaving|by accident|accidentally|slicing|opening|kitchen|knife slipped|onions?|"
    r"at the gym|lifting|playing|fell|tripped|slipped)\b"
)
_COMPARATIVE = re.compile(
    r"\b(?:i'd rather|i would rather|rather than|sooner|than (?:go|watch|sit|listen|spend|eat|do|have|attend|"
    r"work|be seen|admit)|before (?:i(?:'d)? (?:go|watch|eat|sit|listen|admit|wear|attend|apologi[sz]e)|watching|"
    r"going|eating|sitting|listening|admitting))\b"
)
_INTENT = re.compile(
    r"\b(?:going to|gonna|will|'ll|ill|about to|decided|plan to|planning to|ready to|tonight|today|doing it|"
    r"i'm going|threaten\w*|threats?|swore|swears|promised|warned|says|said|told|texted|would)\b|'ll\b|'d\b"
)
_KILL = re.compile(
    r"\b(?:kill\w*|murder\w*|end (?:my|his|her|their|your) (?:own )?life|end it all|take (?:my|his|her|their) "
    r"(?:own )?life|stab\w*|shoot|shot|strangl\w*|suicid\w*|dead|die|end (?:me|her|him|you|us)|crash (?:us|"
    r"the car)|burn \w+ (?:\w+ )?down with|break (?:my|your|her|his) neck|slit (?:my|your|her|his) throat|bury (?:me|you|her|him))\b"
)
_DISTANT_PAST = re.compile(
    r"\b(?:years ago|a year ago|year ago|long time ago|long ago|ages ago|decades? ago|when i was (?:a kid|"
    r"little|younger|a child|a teen|a teenager|in (?:school|high school|college|uni|my twenties|my teens)|"
    r"\d+|eighteen|nineteen|twenty|sixteen|seventeen|fifteen)|as a (?:kid|child|teen|teenager)|growing up|in "
    r"high school|in college|at uni|in uni|back then|back in (?:\d+|the day|school|college|high school)|in my "
    r"(?:twenties|teens|last relationship|first marriage|previous relationship)|my last relationship|a "
    r"previous relationship|my (?:first|previous|old|last) (?:marriage|relationship|partner|boyfriend|"
    r"girlfriend|husband|wife)|my ex|ex-husband|ex-wife|ex-boyfriend|ex-girlfriend|in (?:19|20)\d\d|"
    r"used to)\b"
)
_RESOLVED = re.compile(
    r"\b(?:safe now|i'm safe|we're safe|okay now|ok now|fine now|better now|good now|good place|happy now|"
    r"therapy|therapist|counsell?ing|counsell?or|healed|healing|moved on|got out|left (?:him|her|them|that "
    r"relationship)|behind me|behind us|worked through|recovered|recovery|no longer|not anymore|years clean|"
    r"clean for|haven't (?:self-harmed|cut|hurt myself|had|felt|seen (?:him|her)|talked to|spoken|"
    r"thought)|over it|made peace|forgiven|forgave|long over|in the past|doesn't define|past now|never again"
    r"|no contact|restraining order|out of my life|don't talk to (?:him|her) anymore|divorced|wouldn't go "
    r"back|survived|survivor|proud of|so far from|grateful|today i'm|now i'm|i'm doing well|doing well|"
    r"doing great|stronger now|stronger|it's over|that's over|that chapter|life is good|much happier|never looked "
    r"back|walked away|got away|escaped|left that (?:night|day|week)|remarried|really happy|happy now|so happy|"
    r"i'm happy|i am happy|out of that relationship|been out|years out|got out of|not with (?:him|her) anymore|"
    r"cherish|how free|feel free|feel so free|i'm free|good relationship|get along|close now|fine for years|been "
    r"fine|been okay|been ok|good now)\b"
)
_STILL_ONGOING = re.compile(
    r"\b(?:right now|today|lately|this week|still|again|started|lately|recently|these days|anymore\?|keeps|keep|every (?:day|night|week)|"
    r"now (?:he|she)|back in touch|texting me|showed up|last night|yesterday|this morning|tonight)\b"
)
_CONDITIONAL_CONTROL = re.compile(
    r"^\s*(?:leave|walk out on|break up with|dump|cheat on|go|walk out|go out)(?: me)? and\b|\byou(?:'ll| will) "
    r"(?:be sorry|regret (?:it|this))\b|\bdon't you dare\b|\b(?:fine,? go|go "
    r"then|go ahead then)\b|\b(?:be|is|it's) (?:all )?(?:your|on your) (?:fault|conscience)\b|\bor (?:i swear )?i(?:'ll| "
    r"will)\b|\b(?:if|unless) (?:you|u) (?:ever |even |really |actually )?(?:leave|go|break|walk|end|see|talk|text|"
    r"call|tell|don't|do not|won't|stop|say no|move|try|dare|choose|pick|cheat|block|ignore|keep|walk out|"
    r"get|look|answer|won't)\b|\bthe (?:moment|day|second|minute) you (?:leave|walk out|go)\b|\bif i "
    r"(?:ever )?(?:leave|go|break up|end (?:it|this|things)|talk|text|see|speak|call|go out|hang out|tell|told|"
    r"report|don't|do not|didn't|try)\b|\bor (?:else )?i(?:'ll| will) (?:kill|hurt|end)\b"
)


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str


def _sentences(norm: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    pos = 0
    for match in _SENTENCE_END.finditer(norm):
        end = match.end()
        if end > pos:
            out.append(_Sentence(pos, end, norm[pos:end]))
        pos = end
    if pos < len(norm):
        out.append(_Sentence(pos, len(norm), norm[pos:]))
    return out or [_Sentence(0, len(norm), norm)]


def _sentence_index(sentences: list[_Sentence], position: int) -> int:
    for i, sentence in enumerate(sentences):
        if sentence.start <= position < sentence.end:
            return i
    return len(sentences) - 1


def _is_negated(norm: str, sentence: _Sentence, start: int, end: int) -> bool:
    """True when a negator governs the match: within its clause and at most four words before it."""
    prefix = norm[sentence.start : start]
    breaks = list(_CLAUSE_BREAK.finditer(prefix))
    clause = prefix[breaks[-1].end() :] if breaks else prefix
    words = clause.split()[-5:]
    window = " ".join(words)
    for negator in _NEGATOR.finditer(window):
        between = window[negator.end() :]
        after = between + " " + norm[start:end]
        if _NEGATION_UNDONE.match(after):
            continue
        # "if you don't come back I'll hurt myself": a new subject starts a new clause the negation does not
        # reach, except after verbs that carry the negation over ("I don't think he'd hurt me").
        if _NEW_SUBJECT.search(between) and not _NEGATION_RAISING.match(between):
            continue
        # "I'm not going to hurt myself... yet": a denial that keeps the door open is no denial.
        return not _DENIAL_UNDONE.match(norm[end : end + 30])
    return False


def _level_for(rule: Rule, norm: str, sentence: _Sentence, start: int, end: int, recent_text: bool) -> Level:
    level: Level = rule.level
    matched = norm[start:end]
    window = norm[max(sentence.start, start - 30) : end]
    if rule.upgrade == "always":
        return "urgent"
    if rule.upgrade == "recent" and recent_text and rule.categories[0] in ("violence", "abuse"):
        return "urgent"
    self_harm = rule.categories[0] == "self_harm"
    if (
        rule.upgrade in ("plan", "intent")
        and self_harm
        and (_MEANS.search(norm) or (_KILL.search(norm) and _TIMING.search(sentence.text)))
    ):
        return "urgent"
    # A threat to kill is urgent whoever reports it; self-talk about it needs an intention.
    if rule.upgrade == "intent" and _KILL.search(matched) and (not self_harm or _INTENT.search(window)):
        return "urgent"
    return level


def _context_cancels(
    rule: Rule,
    norm: str,
    sentences: list[_Sentence],
    index: int,
    start: int,
    end: int,
    *,
    joking: bool,
    resolved_past: bool,
) -> bool:
    sentence = sentences[index]
    matched = norm[start:end]
    personal = _PERSONAL.search(matched) is not None
    if rule.negatable and _is_negated(norm, sentence, start, end):
        return True
    if rule.requires is not None and not rule.requires.search(sentence.text):
        return True
    if rule.excludes is not None and rule.excludes.search(sentence.text):
        return True
    if rule.hyperbole and (joking or _TRIVIAL.search(sentence.text) or _COMPARATIVE.search(sentence.text)):
        return True
    previous = sentences[index - 1].text if index > 0 and rule.categories[0] != "self_harm" else ""
    if not personal and (_FICTION.search(sentence.text) or _FICTION.search(previous)):
        return True
    if _FIRST_PERSON.search(matched) is None and _HYPOTHETICAL.search(sentence.text):
        return True
    if (
        not personal
        and sentence.text.rstrip().endswith("?")
        and _QUESTION_START.search(sentence.text)
        and not _RECENT.search(sentence.text)
    ):
        return True
    return rule.past_ok and resolved_past


@lru_cache(maxsize=1)
def _gate_index() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = {}
    for position, rule in enumerate(ALL_RULES):
        for prefix in rule.gate:
            index.setdefault(prefix, set()).add(position)
    return {prefix: frozenset(rules) for prefix, rules in index.items()}


@lru_cache(maxsize=1)
def _ungated() -> frozenset[int]:
    return frozenset(i for i, rule in enumerate(ALL_RULES) if not rule.gate)


@lru_cache(maxsize=1)
def _gate_sizes() -> tuple[int, ...]:
    return tuple(sorted({len(prefix) for prefix in _gate_index()}))


@lru_cache(maxsize=16384)
def _rules_for_word(word: str) -> frozenset[int]:
    index = _gate_index()
    hits: set[int] = set()
    for size in _gate_sizes():
        if size > len(word):
            break
        found = index.get(word[:size])
        if found is not None:
            hits |= found
    return frozenset(hits)


def _gated_rules(norm: str) -> list[Rule]:
    """The rules whose gate words occur in the text, in table order (a rule without a gate always runs)."""
    selected = set(_ungated())
    for word in set(_WORD.findall(norm)):
        selected |= _rules_for_word(word)
    return [ALL_RULES[i] for i in sorted(selected)]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def detect_safety(text: str, *, author: Author = "partner") -> SafetyResult:
    """Looks for signs that someone may be in danger or that the message itself threatens or controls.

    Args:
        text: The message as written (any length, any characters).
        author: ``partner`` for the partner's message, ``user`` for the user's own draft. Detection is the same
            for both; the value is there so callers can pass it along to `explanation`.

    Returns:
        A `SafetyResult`; ``level`` is ``none`` when nothing was found.
    """
    del author  # same rules for both; see the module docstring
    if not text or not text.strip():
        return NONE_RESULT
    view = normalize(text)
    norm = view.text
    candidates = [
        (rule, match.span()) for rule in _gated_rules(norm) for match in rule.pattern.finditer(norm)
    ]
    if not candidates and not STRONG_CUES.search(norm):
        return NONE_RESULT
    # Context is only worked out when something matched: most messages stop above.
    sentences = _sentences(norm)
    idiom_spans = [(m.start(), m.end()) for m in _IDIOMS.finditer(norm)]
    joking = _JOKE.search(norm) is not None
    resolved_past = bool(
        _DISTANT_PAST.search(norm) and _RESOLVED.search(norm) and not _STILL_ONGOING.search(norm)
    )
    recent_text = _RECENT.search(norm) is not None
    raw: list[tuple[str, Level, int, int, str]] = []
    for rule, (start, end) in candidates:
        if end <= start or _overlaps(idiom_spans, start, end):
            continue
        index = _sentence_index(sentences, start)
        if _context_cancels(
            rule, norm, sentences, index, start, end, joking=joking, resolved_past=resolved_past
        ):
            continue
        level = _level_for(rule, norm, sentences[index], start, end, recent_text)
        for category in rule.categories:
            raw.append((category, level, start, end, rule.reason))
        if rule.categories[0] in ("self_harm", "violence") and _CONDITIONAL_CONTROL.search(
            sentences[index].text
        ):
            raw.append(
                ("coercive_control", level, start, end, "uses a threat to control what the other does")
            )
    raw.extend(_cue_findings(norm, sentences, idiom_spans, {c for c, *_ in raw}, joking, resolved_past))
    if not raw:
        return NONE_RESULT
    return _build(view, raw)


def _cue_findings(
    norm: str,
    sentences: list[_Sentence],
    idiom_spans: list[tuple[int, int]],
    found: set[str],
    joking: bool,
    resolved_past: bool,
) -> list[tuple[str, Level, int, int, str]]:
    """Adds up the weighted cues of `_cues` for the categories the rules did not find."""
    if resolved_past:
        return []
    groups: dict[str, dict[str, tuple[int, int, int, bool]]] = {}
    for cue in CUES:
        if cue.category in found:
            continue
        for match in cue.pattern.finditer(norm):
            start, end = match.span()
            if end <= start or _overlaps(idiom_spans, start, end):
                continue
            sentence = sentences[_sentence_index(sentences, start)]
            if cue.negatable and _is_negated(norm, sentence, start, end):
                continue
            exaggeration_prone = cue.category in ("self_harm", "violence")
            if (
                (
                    exaggeration_prone
                    and (_TRIVIAL.search(sentence.text) or _COMPARATIVE.search(sentence.text))
                )
                or (cue.category == "self_harm" and _ACCIDENT.search(sentence.text))
                or _FICTION.search(sentence.text)
                or _HYPOTHETICAL.search(sentence.text)
            ):
                continue
            groups.setdefault(cue.category, {}).setdefault(cue.group, (cue.weight, start, end, cue.urgent))
            break
    out: list[tuple[str, Level, int, int, str]] = []
    for category, by_group in groups.items():
        total = sum(weight for weight, *_ in by_group.values())
        strong = [item for item in by_group.values() if item[0] >= 2]
        if total < CUE_THRESHOLD or not strong or joking:
            continue
        _, start, end, _ = min(strong, key=lambda item: item[1])
        urgent = any(item[3] for item in by_group.values())
        level: Level = "urgent" if urgent else "concern"
        out.append((category, level, start, end, _CUE_REASONS[category]))
        if category == "violence" and "act" in by_group:
            out.append(("abuse", level, start, end, "describes someone being physically hurt"))
        if category in ("self_harm", "violence") and _CONDITIONAL_CONTROL.search(norm):
            out.append(
                ("coercive_control", level, start, end, "uses a threat to control what the other does")
            )
    return out


_CUE_REASONS: dict[str, str] = {
    "self_harm": "several signs together suggest thoughts of self-harm",
    "violence": "several signs together suggest physical danger",
    "abuse": "several signs together suggest abuse",
    "coercive_control": "several signs together suggest controlling behaviour",
}


def _build(view: NormalizedText, raw: list[tuple[str, Level, int, int, str]]) -> SafetyResult:
    # Worst first, then longest, so overlapping weaker evidence of the same category is dropped.
    raw.sort(key=lambda item: (-_LEVEL_RANK[item[1]], -(item[3] - item[2]), item[2]))
    kept: dict[str, list[tuple[int, int]]] = {}
    findings: list[SafetyFinding] = []
    for category, level, start, end, reason in raw:
        spans = kept.setdefault(category, [])
        if _overlaps(spans, start, end):
            continue
        spans.append((start, end))
        orig_start, orig_end = view.to_original(start, end)
        findings.append(
            SafetyFinding(
                category=category,
                level=level,
                start=orig_start,
                end=orig_end,
                quote=view.original[orig_start:orig_end],
                reason=reason,
            )
        )
    findings.sort(key=lambda f: (f.start, CATEGORIES.index(f.category)))
    return _result_from(findings)


def _result_from(findings: Sequence[SafetyFinding]) -> SafetyResult:
    if not findings:
        return NONE_RESULT
    level: Level = max((f.level for f in findings), key=lambda lv: _LEVEL_RANK[lv])
    present = {f.category for f in findings}
    categories = tuple(c for c in CATEGORIES if c in present)
    return SafetyResult(level=level, categories=categories, findings=tuple(findings))


def merge(results: Sequence[SafetyResult]) -> SafetyResult:
    """Combines the results for several texts (e.g. the partner's message and the user's draft).

    The merged level is the worst level, categories are the union in catalogue order, and findings are kept
    in input order (their offsets still refer to the text each came from).
    """
    findings = [finding for result in results for finding in result.findings]
    if all(r.level == "none" for r in results):
        return NONE_RESULT
    level: Level = max((r.level for r in results), key=lambda lv: _LEVEL_RANK[lv])
    present = {c for r in results for c in r.categories}
    return SafetyResult(
        level=level,
        categories=tuple(c for c in CATEGORIES if c in present),
        findings=tuple(findings),
    )
