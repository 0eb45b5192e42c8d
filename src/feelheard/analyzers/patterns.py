"""Rules for moves and pitfalls: the one place to add a new phrasing.

Each `Rule` is a regular expression over the normalised text (lowercase, straight apostrophes) written with
macros for texting variants (`{YOU}` matches "you", "u", "ya"...). A named group `s` narrows the span
that is quoted back to the user; without it the whole match is the span.

How a rule is applied (see `acts.py`): a match is dropped when a negation cue precedes it in the same clause
(`negatable`), when it sits inside quotation marks or reported speech (`reportable`), or when it must be the
whole sentence and is not (`whole_sentence`). Context rules (the partner asked for advice, an apology came
first, a time to come back was named) live in `acts.py`, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MACROS: dict[str, str] = {
    "YOU": r"(?:you|u|ya|yu|youu)",
    "YOURE": r"(?:you'?re|you are|youre|ur|u r|u'?re|your|you were|u were|you've been|you have been|you been)",
    "YOUR": r"(?:your|ur|yr)",
    "IM": r"(?:i'?m|i am|im)",
    "ITS": r"(?:it'?s|it is|its|that'?s|that is|thats|this is|it was|that was|was)",
    "DONT": r"(?:don'?t|do not|dont)",
    "SORRY": r"(?:(?:(?:so|really|very|truly|deeply|terribly|super|sooo+) )*(?:sorry|sry|soz|sowwy)|my apologies|i apologi[sz]e)",
    "INT": r"(?:(?:so|really|very|way|too|totally|completely|super|kinda|kind of|a bit|a little|being|just|pretty|"
    r"incredibly|extremely|such an?|literally|honestly|seriously|acting|sooo+) )*",
    "FEEL": r"(?:hurt|sad|lonely|alone|angry|mad|frustrated|upset|overwhelmed|exhausted|scared|afraid|frightened|"
    r"anxious|worried|embarrassed|humiliated|ashamed|invisible|unimportant|ignored|disrespected|betrayed|"
    r"disappointed|jealous|insecure|stressed(?: out)?|abandoned|left out|unappreciated|taken for granted|let down|"
    r"dismissed|unheard|unseen|neglected|rejected|heartbroken|devastated|confused|nervous|tired|drained|"
    r"burnt out|burned out|furious|annoyed|irritated|crushed|helpless|stuck|trapped|unloved|unwanted|on edge|"
    r"pissed(?: off)?|hopeless|worn out|uncomfortable|unsafe|blindsided|used|second best|like an afterthought|"
    r"like a burden|like a priority|like you don'?t matter|like you didn'?t matter|unsupported|isolated|"
    r"out of place|awkward|sidelined|forgotten|resentful|guilty|grief|heartsick|miserable|down|low|blue|"
    r"panicked|terrified|shaken|vulnerable|defeated|discouraged|powerless|small|stupid|judged|criticized|"
    r"attacked|cornered|pressured|rushed|smothered|suffocated|excluded|replaced|unattractive|undesired|"
    r"unwelcome|a third wheel|alone in this|on your own|by yourself)",
    "HARD": r"(?:hard|tough|rough|awful|painful|frustrating|exhausting|difficult|horrible|terrible|unfair|stressful|"
    r"scary|upsetting|hurtful|lonely|a lot|heavy|brutal|draining|overwhelming|crushing|heartbreaking|"
    r"disappointing|infuriating|maddening|confusing|embarrassing|humiliating|isolating)",
    "CLOSE": r"(?:[.!?\s\u2026]|\U0001F300-\U0001FAFF)*",
}


def expand(pattern: str) -> str:
    """Replace `{NAME}` macros with their regular expressions."""
    for name, value in MACROS.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


@dataclass(frozen=True)
class Rule:
    """One phrasing of a move or pitfall."""

    id: str
    regex: re.Pattern[str]
    negatable: bool = True
    reportable: bool = True
    whole_sentence: bool = False
    confidence: float = 0.9


def rule(
    finding_id: str,
    pattern: str,
    *,
    negatable: bool = True,
    reportable: bool = True,
    whole_sentence: bool = False,
    confidence: float = 0.9,
) -> Rule:
    return Rule(
        finding_id,
        re.compile(expand(pattern)),
        negatable=negatable,
        reportable=reportable,
        whole_sentence=whole_sentence,
        confidence=confidence,
    )


RULES: tuple[Rule, ...] = (
    # ---- moves -------------------------------------------------------------------------------------------
    rule(
        "reflection",
        r"\b(?:so )?(?:what )?(?:i'?m hearing|i hear|what i hear) (?:is|that|you say|you saying)\b",
    ),
    rule("reflection", r"\bso (?:what )?{YOU}(?:'re| are|r|re) saying\b"),
    rule("reflection", r"\b{YOU}(?:'re| are|r|re) (?:telling me|saying) (?:that )?(?!i'?m|im)"),
    rule("reflection", r"\bif i (?:understand|get|hear) (?:you )?(?:right|correctly)\b"),
    rule("reflection", r"\bwhat i'?m (?:getting|taking away|understanding) (?:is|from)\b"),
    rule(
        "reflection",
        r"\b(?:it|this|that) (?:sounds|seems) like (?:{YOU} |when |what |the |it was |being |having |i )",
    ),
    rule("reflection", r"\b(?:sounds|seems) like (?:{YOU}|when|what|the|it was|being|having|i) "),
    rule(
        "reflection",
        r"\bso (?:basically |when i [\w' ]{2,40}?,? )?{YOU} (?:felt|feel|were|wanted|needed|thought|had|got|ended up)\b",
    ),
    rule(
        "reflection",
        r"\b{YOU} (?:felt|feel|were feeling|must have felt|probably felt) (?:like )?[\w' ]{0,30}?\b(?:when|because|after|since|while) i\b",
    ),
    rule(
        "reflection",
        r"\b{YOU} (?:needed|wanted|were hoping|hoped|expected) (?:me|to|us)\b[\w' ]{0,30}\b(?:and i|but i|when i)\b",
    ),
    rule("reflection", r"\bi (?:can )?(?:see|get|understand) (?:that|how) (?:when i|me|my|i)\b"),
    rule(
        "reflection",
        r"\b(?:being|getting) (?:left|stuck|ignored|forgotten|dismissed|interrupted|cancelled on) [\w' ]{0,30}(?:sounds|must|seems)\b",
    ),
    rule(
        "naming_emotion",
        r"\b(?:{YOU}(?:'re| are|r|re| were| was| must be| must have been| must'?ve been| seem| seemed| sound| sounded| look| looked| feel| felt| might feel| might have felt| may have felt| probably felt| probably feel| are feeling| were feeling|'re feeling|'ve been feeling| have been feeling|'ve been| have been| got| get| sound like| seem like| felt like| feel like)|made {YOU} feel|left {YOU} feeling|makes {YOU} feel|leaving {YOU} feeling) (?:so |really |very |pretty |super |kind of |kinda |a bit |a little |totally |completely |incredibly |quite |deeply |understandably |like |more |even |)*(?:{FEEL})\b",
    ),
    rule(
        "naming_emotion",
        r"\b(?:that|it|this) (?:must|would|might|probably|may|could) (?:have )?(?:felt|feel|made you feel|been|be) (?:so |really |very |pretty |super |incredibly |deeply |kind of |kinda |)*(?:{FEEL})\b",
    ),
    rule(
        "naming_emotion",
        r"\b(?:sounds|seems|looks) like {YOU}(?:'re| are|r| were| felt| feel|'ve been) (?:so |really |very |pretty |super |incredibly |kind of |kinda |)*(?:{FEEL})\b",
    ),
    rule(
        "naming_emotion",
        r"\bi can (?:hear|see|tell|imagine|feel) (?:how |that |you'?re |ur )(?:so |really |very |much |)*(?:{FEEL})\b",
    ),
    rule(
        "naming_emotion",
        r"\bi can (?:hear|see|tell|imagine) how (?:much )?(?:{FEEL}|hurt|hurtful|lonely|hard|frustrat\w+|scar\w+|upset\w*) (?:you|u|that|it|this)\b",
    ),
    rule(
        "naming_emotion",
        r"\b{YOUR} (?:frustration|hurt|anger|sadness|disappointment|loneliness|fear|worry|stress|pain|grief|anxiety|exhaustion|embarrassment|jealousy|feelings of \w+)\b",
        negatable=False,
    ),
    rule(
        "naming_emotion",
        r"\bhow (?:{FEEL}|hurtful|lonely|frustrating|scary|upsetting|exhausting|embarrassing|humiliating|isolating) (?:that|it|this) (?:was|is|must|felt|would)\b",
    ),
    rule(
        "validation",
        r"\b(?:that|it|this|{YOUR} (?:feeling|reaction|anger|frustration|hurt|feelings))(?:'s| is| are| makes| totally makes| completely makes| would make| makes so much| all)? (?:totally |completely |so |really |perfectly |100% |absolutely |)*(?:makes? (?:total |complete |so much |perfect )?sense|understandable|valid|fair|reasonable|legit|natural|human|normal)\b",
    ),
    rule(
        "validation",
        r"\bmakes (?:total |complete |so much |perfect )?sense (?:that )?{YOU}(?:'d| would| feel| felt| are| were|'re)\b",
    ),
    rule(
        "validation",
        r"\bi (?:can |totally |completely |really |fully |definitely |absolutely |)*(?:see|get|understand|get it|know|imagine|realize|realise) why (?:{YOU}|that|it|this)\b",
    ),
    rule("validation", r"\bof course {YOU} (?:feel|felt|were|are|'re|would|got|get|did)\b"),
    rule("validation", r"\b(?:no|any|small|little) wonder {YOU}\b"),
    rule("validation", r"\banyone (?:would|'d) (?:feel|be|have|get)\b"),
    rule(
        "validation",
        r"\bi(?:'d| would) (?:feel|be|have been|have felt|feel the same|be just as) [\w' ]{0,25}?\b(?:too|as well|in your shoes|in your position|if i were you)\b",
    ),
    rule(
        "validation",
        r"\b{YOU}(?:'re| are|r|re| were) not (?:overreacting|being (?:dramatic|silly|unreasonable|too sensitive|crazy|petty|irrational|needy|too much|ridiculous)|crazy|wrong (?:to|for)|silly|too sensitive|dramatic|unreasonable|too much|asking (?:too much|for too much)|being too much)\b",
        negatable=False,
    ),
    rule(
        "validation",
        r"\b{YOU}(?:'re| are|r)? (?:totally |completely |absolutely )?(?:right|allowed|entitled) to (?:feel|be|want|need|ask|expect)\b",
    ),
    rule("validation", r"\b{YOU} have every right to\b"),
    rule(
        "validation",
        r"\b{YOUR} (?:feelings?|reaction|hurt|anger) (?:is|are) (?:valid|real|okay|ok|important|fair|legit)\b",
    ),
    rule(
        "validation",
        r"\b(?:it'?s|its|it is) (?:totally |completely |perfectly |)*(?:okay|ok|alright|fine|normal|natural|understandable|valid|human) (?:to (?:feel|be|want|need|cry|get)|that you (?:feel|felt|are|were|got))\b",
    ),
    rule(
        "validation",
        r"\bthat (?:sounds|seems|must be|must have been|must'?ve been|was|is|sounded) (?:so |really |incredibly |genuinely |honestly |super |very |pretty |such |)*(?:{HARD})\b",
    ),
    rule(
        "validation", r"\bthat'?s (?:so |really |incredibly |genuinely |honestly |super |very |)*(?:{HARD})\b"
    ),
    rule("validation", r"\bfair enough\b|\bfair point\b|\bthat'?s fair\b"),
    rule(
        "open_question",
        r"\b(?:can|could|would|will) {YOU} (?:tell|walk|help) me (?:more |a bit more |a little more )?(?:about|through|understand|what|how|why)\b",
    ),
    rule("open_question", r"\btell me (?:more|what|how|about|everything|the whole)\b"),
    rule("open_question", r"\bwhat (?:was|is|'s|were) (?:it|that|this) like\b"),
    rule("open_question", r"\bhow (?:are|r) {YOU} (?:feeling|doing|holding up|coping)\b"),
    rule(
        "open_question",
        r"\bhow (?:did|does|do) (?:that|it|this|all that|all this) (?:feel|make {YOU} feel|go|sit with you|land)\b",
    ),
    rule(
        "open_question",
        r"\bwhat (?:part|bit|was the (?:hardest|worst)|is the (?:hardest|worst)|hurt|upset|bothered|got to|stung|made)\b[^?.!]*\?",
    ),
    rule(
        "open_question",
        r"\b(?:do|would) {YOU} (?:want|wanna|like) to (?:talk|tell me|vent|share) (?:about|more)\b",
    ),
    rule(
        "open_question",
        r"(?:^|[.!?]\s+|\b(?:so|and|ok|okay|hey|babe|hun),?\s+)(?!what (?:do you want|else|is (?:your|ur|wrong)|'s (?:your|ur|wrong)|the (?:hell|fuck|heck)|did you expect|were you thinking|am i supposed|was i supposed|more do you want)\b)(?:what|how)\b(?! (?:many times|was i supposed|am i supposed|could you|dare|come|is that my|about you|about me))[^?.!]{2,120}\?",
    ),
    rule(
        "open_question",
        r"\bwhat(?:'s| is| has been) (?:going on|on your mind|been going on|weighing on you|bothering you)\b",
    ),
    rule(
        "checking_understanding",
        r"\b(?:did|do|have) i (?:get|understand|have|got) (?:that|this|it|you|everything) (?:right|correct|correctly)\b",
    ),
    rule(
        "checking_understanding",
        r"\bis that (?:right|correct|it|true|accurate|fair|what you (?:mean|meant|'re saying|are saying|were saying|felt)|how (?:you|it) (?:felt|feel))\b(?! (?:thing|one))",
    ),
    rule(
        "checking_understanding",
        r"\bam i (?:getting|understanding|reading) (?:that|this|it|you|this situation) (?:right|correctly)\b",
    ),
    rule("checking_understanding", r"\b(?:did|have) i miss (?:anything|something)\b"),
    rule(
        "checking_understanding",
        r"\b(?:is|was) that (?:close|about right|more or less it)\b|\bam i close\b|\bam i right\b(?! to)",
    ),
    rule(
        "checking_understanding",
        r"\bdo i have (?:that|it|this) right\b|\bdoes that (?:sound|feel) (?:right|accurate|about right)\b",
    ),
    rule(
        "checking_understanding",
        r"\bcorrect me if i'?m (?:wrong|off|missing)\b|\btell me if i'?m (?:wrong|off|missing|getting)\b",
    ),
    rule(
        "checking_understanding", r"\b(?:is that|was it) (?:more|mostly|really) (?:about|that|the)\b[^?.!]*\?"
    ),
    rule(
        "checking_understanding",
        r"\bdid i understand\b|\bdid i hear (?:you|that) right\b|\bmake sure i (?:understand|get|got|heard)\b",
    ),
    rule(
        "asking_need",
        r"^(?:so |ok |okay |babe,? )?(?:do {YOU} )?(?:want|wanna|would {YOU} like|should i|shall i) (?:me to|me|i) (?:\w+)",
    ),
    rule(
        "asking_need",
        r"\bwhat (?:do|would|did) {YOU} (?:need|want|wish) (?:from me|right now|rn|me to|most|tonight|in that moment|at that moment|to happen)?\b",
    ),
    rule(
        "asking_need",
        r"\bwhat (?:can|could|should) i do\b|\bwhat (?:would|might) (?:help|make (?:it|this|things|you feel) (?:better|easier))\b",
    ),
    rule(
        "asking_need",
        r"\bhow (?:can|could|should) i (?:help|support|make (?:it|this|that) (?:up|right|better|easier)|be there|do better|show you)\b",
    ),
    rule(
        "asking_need",
        r"\b(?:do|would) {YOU} (?:want|like|prefer|need|rather)(?: me)? (?:to (?:just )?(?:listen|vent|come|help|call|be there|stay|give you|talk)|advice|ideas|suggestions|solutions|a hug|some space|space|company|help|me to|to be alone)\b",
    ),
    rule(
        "asking_need",
        r"\bor (?:do {YOU} )?(?:just )?(?:want|need) (?:me to|someone to|to) (?:just )?(?:listen|vent|be heard)\b",
    ),
    rule(
        "asking_need",
        r"\bis there (?:anything|something) i can do\b|\btell me what {YOU} need\b|\blet me know (?:what|how|if) (?:{YOU} need|i can|{YOU} want|there'?s)\b",
    ),
    rule(
        "asking_need",
        r"\bwhat would (?:feel|be) (?:good|helpful|best|right) (?:to|for) {YOU}\b|\bwhat do {YOU} need\b",
    ),
    rule(
        "i_statement",
        r"\bi (?:feel|felt|am feeling|was feeling|'m feeling|get|got|'m|am|was|have been|'ve been|feel like|felt like|was so|'m so) (?:so |really |very |pretty |super |kind of |kinda |a bit |a little |quite |honestly |just |)*(?:{FEEL})\b(?! (?:for you|that you))",
    ),
    rule(
        "i_statement",
        r"\b(?:im|i'm|i am) (?:so |really |very |pretty |kind of |kinda |a bit |a little |)*(?:{FEEL})\b(?! (?:for you|that you))",
    ),
    rule(
        "i_statement",
        r"\bi (?:need|would like|'d like|want|really need|just need|just want|would love|'d love) (?:us to|you to|some|a little|to feel|more|to talk|to be able|a bit|time|help|a minute|a moment|to know|to hear)\b",
    ),
    rule(
        "i_statement",
        r"\bit (?:hurt|hurts|stung|stings|scared|scares|upset|upsets|bothered|bothers|worried|worries|frustrated|frustrates|made) me (?:feel |when|that|to|a lot|because)\b",
    ),
    rule(
        "i_statement",
        r"\bfor me,? (?:it|this|that) (?:was|is|felt|feels)\b|\bwhat i need is\b|\bmy (?:need|worry|fear|hope) is\b",
    ),
    rule(
        "apology",
        r"\b(?:i'?m|im|i am|i'?m really|i'?m so) (?:so |really |very |truly |deeply |terribly |super |just |)*sorry\b(?! to hear)(?!,? (?:but|bt|however)\\b)(?![,.]? (?:if |that )?(?:you|u) (?:feel|felt|think|took|are|were|had|have|went|'re|got|lost|'ve|'re going|are going)\\b)(?![,.]? (?:about|for) (?:your|ur) (?:loss|day|week|mom|dad|grandma|friend))(?! (?:that|this) happened)(?![,.]? (?:it|this|that|things|work|life)(?:'s| is| has| was|s)? (?:been|so|such|weighing|happening|hard|rough|awful|relentless|a lot|sounds|must))(?:(?![,.]\\s*that sounds)|(?=[,.]\\s*that sounds[^.]*\\bi\\b))",
    ),
    rule(
        "apology",
        r"(?:^|[.!?]\s+|\b(?:ok|okay|hey|babe|look|and|god|ahh?|oh|ugh),?\s+)(?:so |really |very |sooo+ )?(?:sorry|sry|soz)\b(?! to hear)(?!,? (?:but|bt|however)\\b)(?![,.]? (?:if |that )?(?:you|u) (?:feel|felt|think|took|are|were|had|have|went|'re|got|lost|'ve|'re going|are going)\\b)(?![,.]? (?:about|for) (?:your|ur) (?:loss|day|week|mom|dad|grandma|friend))(?! (?:that|this) happened)(?![,.]? (?:it|this|that|things|work|life)(?:'s| is| has| was|s)? (?:been|so|such|weighing|happening|hard|rough|awful|relentless|a lot|sounds|must))(?:(?![,.]\\s*that sounds)|(?=[,.]\\s*that sounds[^.]*\\bi\\b))",
    ),
    # An apology owns something: "sorry I...", "sorry for...". "I'm sorry it's been so hard" is sympathy.
    rule(
        "apology",
        r"\b(?:(?:i'?m|im|i am|i was) )?(?:so |really |very |truly |deeply |terribly |super |just |sooo+ )*(?:sorry|sry|soz)\b(?! to hear)(?:[,.!\u2026]*\s*(?:babe|love|hun|honey|baby)?[,.!]*\s*)(?:(?:for|about) (?!(?:your|ur) (?:loss|day|week|mom|dad|grandma|friend)|what happened\b|whatever\b|everything\b|existing\b|being\b|asking\b|bothering\b)|(?:that )?i\b(?!'?m (?:like this|so (?:needy|sensitive|emotional))| guess)|that my\b|i'?ve\b|i'?d\b|if i\b(?! was)|(?:that )?(?:it|this) (?:was|is) (?:my|on me)|to have (?:put|made|left|kept))",
    ),
    rule(
        "apology",
        r"\b{YOU}(?:'re| are|r|re)? (?:totally |completely |absolutely |so )?right\b,?(?: and)? (?:i |i'?ve |i'?m |i was |that was |that'?s on me|my )",
    ),
    rule(
        "apology",
        r"\b(?:i apologi[sz]e|my apologies|i owe you an apology|i want to apologi[sz]e|please forgive me|forgive me)\b(?! if)",
    ),
    rule(
        "apology",
        r"\bmy bad\b|\bi (?:messed|screwed|fucked|effed) (?:up|that up|this up)\b|\bi dropped the ball\b",
    ),
    rule(
        "apology",
        r"\bi (?:was|have been|'ve been) (?:wrong|out of line|unfair|a jerk|an idiot|thoughtless|careless|rude|selfish|insensitive|a jerk|a dick|harsh|short with you|mean|dismissive)\b",
    ),
    rule(
        "apology",
        r"\b(?:that'?s|that is|it'?s|thats|this is|it was|that was) on me\b|\b(?:that'?s|it'?s|that was|it was) my fault\b|\bmy fault\b(?! (?:for|that you))",
    ),
    rule(
        "apology",
        r"\bi (?:shouldn'?t|should not|shouldnt) have\b|\bi should(?:'ve| have) (?:told|asked|called|texted|said|checked|been|listened|thought|come|waited|included|stayed|remembered|introduced|let|given|made|kept|gone|taken|looked|done)\b",
        negatable=False,
    ),
    rule(
        "apology",
        r"\bi take (?:full |complete )?responsibility\b|\bi own (?:that|it|my part)\b|\bi hurt you\b|\bi let you down\b",
    ),
    rule(
        "repair_attempt",
        r"\bcan we (?:please |maybe |just )?(?:pause|take (?:a|a quick) (?:breath|break|minute|second|step back|beat|breather)|start (?:over|again)|try (?:again|that again|this again)|reset|slow down|back up|rewind|hit pause|not fight|stop fighting|call a truce|figure (?:this|it) out|come back to|hug|talk (?:about (?:it|this) )?(?:later|tonight|tomorrow|when|after|calmly|properly|in person|face to face|tonight|this evening|at)|do (?:this|that) (?:over|again)|sit down|have a do-over|make up|be okay|be ok)\b",
    ),
    rule(
        "repair_attempt",
        r"\blet'?s (?:please |just |maybe )?(?:take (?:a|a quick) (?:breath|break|minute|step back|beat|breather)|start (?:over|again)|try (?:again|that again)|not fight|slow down|pause|talk (?:later|tonight|tomorrow|in person|when|after|about it (?:later|tonight|tomorrow|when|after|calmly))|figure (?:this|it) out|reset|rewind|hit pause|take a beat|come back to|sit down|hug|make up|work (?:this|it) out|sort (?:this|it) out)\b",
    ),
    rule(
        "repair_attempt",
        r"\bi (?:don'?t|dont|do not) want (?:us )?to (?:fight|argue|keep fighting|fight about this)\b",
        negatable=False,
    ),
    rule(
        "repair_attempt",
        r"\bi(?:'d| would) (?:like|love|rather) (?:to )?(?:start over|try again|talk about this calmly|not fight|hear you out)\b|\b(?:can|let) (?:i|me) (?:try|say) (?:that|this) again\b|\bdo-?over\b|\btruce\b",
    ),
    rule(
        "repair_attempt",
        r"\bi want us to (?:be okay|be ok|figure|work|fix|get through|talk)\b|\bwe(?:'re| are) on the same (?:team|side)\b|\bi miss us\b|\bcome here\b",
    ),
    rule(
        "repair_attempt",
        r"\bi(?:'m| am) (?:getting )?(?:overwhelmed|flooded|too heated|too angry|too upset)[\w',. ]{0,40}\b(?:break|breather|minute|pause|come back|talk later|cool off|calm down)\b",
    ),
    rule(
        "reassurance",
        r"\b{IM} (?:always |right |still |)*(?:here|not going anywhere|on your side|with you|in your corner|here for you|not leaving|not mad at you|not angry with you)\b",
    ),
    rule(
        "reassurance", r"\bi(?:'ve| have)? got (?:you|u|your back)\b|\bi (?:always )?(?:have|got) your back\b"
    ),
    rule(
        "reassurance",
        r"\bwe(?:'ll| will| are going to| are gonna|'re gonna|'re going to) (?:figure|get through|work|sort|handle|deal|find|make it|be (?:ok|okay|alright|fine))\b",
    ),
    rule(
        "reassurance", r"\b(?:we'?re|we are) (?:in this together|a team|together on this)\b|\btogether,? we\b"
    ),
    rule("reassurance", r"\bi (?:love|adore) (?:you|u|ya)\b|\blove (?:you|u|ya)\b(?! but)"),
    rule(
        "reassurance",
        r"\b{YOU}(?:'re| are|r)? (?:not|never) (?:alone|a burden|too much|on your own|going through this alone)\b",
        negatable=False,
    ),
    rule(
        "reassurance",
        r"\b{YOU} can (?:always )?(?:count on|lean on|talk to|come to|call) me\b|\b{YOU} matter (?:to me|so much|more)\b|\b{YOU}(?:'re| are) (?:my priority|what matters|important to me)\b",
    ),
    rule(
        "reassurance",
        r"\b(?:everything|we|it|things)(?:'ll| will| is going to| is gonna|'s gonna) (?:be|turn out) (?:ok|okay|alright|all right)\b",
    ),
    rule(
        "reassurance",
        r"\bwhatever (?:you need|happens),? (?:i'?m|im|i am|we)\b|\bnothing (?:will |could )?change(?:s)? how (?:much )?i (?:feel|love)\b|\bi(?:'m| am) (?:proud of you|lucky to have you)\b",
    ),
    rule(
        "self_disclosure",
        r"\bi(?:'ve| have) been there\b|\b(?:the )?same (?:thing )?happened to me\b|\bi went through (?:something|the same|that|this|a similar)\b",
    ),
    rule(
        "self_disclosure",
        r"\bi (?:remember|know) (?:when i|how it felt when|what it'?s like (?:to|when))\b|\bwhen i was (?:a kid|younger|little|in school|in college|your age|growing up|at my old|at my last|in my)\b",
    ),
    rule(
        "self_disclosure",
        r"\bi(?:'ve| have)? (?:felt|been through|had|dealt with|struggled with) (?:that|the same|something similar|similar|this) (?:too|before|myself|as well|when)\b",
    ),
    rule(
        "self_disclosure",
        r"\bi (?:felt|feel) (?:the same|that way|like that|that) (?:too|once|before|when)\b|\b(?:it|that|this) reminds me of when i\b|\bi used to (?:feel|get|be) (?:like that|that way|the same|so)\b",
    ),
    rule(
        "self_disclosure",
        r"\bmy (?:mom|dad|mum|parents|family|ex|boss|sister|brother) used to\b[\w' ]{0,40}\b(?:too|so i|and i)\b|\bi had (?:a|the) (?:similar|same) (?:thing|experience)\b",
    ),
    rule(
        "appreciation",
        r"\bthank(?:s|ks| you| u|x|ya|s so much| you so much)\b(?! (?:a lot|for nothing|a bunch for nothing))(?!,? i guess)",
    ),
    rule(
        "appreciation",
        r"\bi (?:really |truly |so |genuinely |do |)*appreciate (?:you|u|that|it|how|the way|your|this|what|everything|all)\b",
    ),
    rule(
        "appreciation",
        r"\b{IM} (?:so |really |very |truly |)*(?:grateful|thankful|glad (?:you|u) (?:told|said|shared|brought|came|trust|talked|reached|texted|called|spoke|opened))\b",
    ),
    rule(
        "appreciation",
        r"\bi (?:love|admire|respect) (?:how|that|the way) {YOU}\b|\b{YOU}(?:'re| are|r) (?:so |really |such |)(?:amazing|wonderful|the best|a great|an amazing|such a good|so good at|brave|strong)\b(?!,? (?:huh|aren'?t you|right))",
    ),
    rule(
        "appreciation",
        r"\b(?:it|that) (?:took|takes) (?:a lot of )?(?:courage|guts)\b|\bthat means a lot\b|\bmeans (?:so much|a lot|the world) to me\b",
    ),
    # ---- pitfalls ----------------------------------------------------------------------------------------
    rule(
        "advice_giving",
        r"^(?:just |maybe |honestly |seriously |babe,? )?(?:try (?!me\b)|talk to (?!me\b)|tell (?:him|her|them|your|ur)\b|ask (?:him|her|them|your|ur|for)\b|call (?:him|her|them|your|ur)\b|quit\b|ignore (?:him|her|them|it)\b|stop (?:worrying|letting|thinking|caring)\b|make sure\b|remember to\b|don'?t forget to\b|go (?:talk|see|to (?:the|a|bed))\b|get (?:a|some|help|more)\b|write (?:it|down|a)\b|set (?:a|some|an)\b|focus on\b|think about\b|consider\b|look (?:into|for)\b|see (?:a|if)\b|block (?:him|her|them)\b|report (?:him|her|it|them)\b|email (?:him|her|them|your)\b|book (?:a|an)\b|apply\b|sleep on it\b|drink (?:some|more)\b)",
    ),
    rule(
        "advice_giving",
        r"\b{YOU} (?:should|shoulda|should'?ve|should have|need to|needa|have to|gotta|ought to|might want to|could just|could always|could try|better just|just need to|just have to|really need to|really should|just gotta)\b(?! (?:know|understand|hear|believe|see|remember|feel|be (?:so )?(?:upset|mad|sad|hurt|proud|happy|pleased)|be!|not have to|never have|be in charge|stop (?:pushing|yelling|nagging|doing that)|get over)\b)",
    ),
    rule(
        "advice_giving",
        r"(?:^|[.!?,]\s*|\b(?:so|then|and|ok|okay|well|honestly|babe),?\s+)just (?:ignore|tell|talk to|quit|leave|go|do|let it go|get|relax|move on|stop|try|ask|call|text|say|forget|block|email|report|book|buy|take|put|send|write|skip|cancel|use|eat|sleep|make|set)\b",
    ),
    rule(
        "advice_giving",
        r"\bwhy (?:don'?t|dont|do not|not) (?:{YOU} )?(?:just )?(?:try|talk|ask|tell|call|go|take|get|quit|leave|look|stop|make|write|sleep|book|send|text|do)\b",
    ),
    rule(
        "advice_giving",
        r"\b(?:have {YOU} (?:tried|thought about|considered)|did {YOU} try|maybe (?:try|{YOU} should|{YOU} could|just)|next time,? (?:just |{YOU} |try |maybe |tell |ask )|the (?:solution|answer|trick|fix|key) (?:is|here is)|what {YOU} (?:need|should do|gotta do|have to do) is|if i were {YOU}|my advice|i(?:'d| would) just|the best thing (?:to do|{YOU} can do) is|it'?s (?:simple|easy)(?:,|\.|:| really)|easy fix|simple fix|here'?s what {YOU}|{YOU} can always)\b",
    ),
    rule(
        "minimizing",
        r"\b(?:no|not (?:a|that|such a|that big a|that much of a)|isn'?t a|wasn'?t a|\w+'?s not a|\w+nt a|not really a|nothing like a) (?:big|huge|massive) deal\b|\bno biggie\b",
        negatable=False,
    ),
    rule(
        "minimizing",
        r"(?:^|[.!?,;]\s*|\b(?:but|well|hey|and|i mean|come on|look|still)\s+)at least (?:{YOU}|it|he|she|they|we|nobody|no one|the|your|ur|its|it'?s|that|there)\b",
    ),
    rule(
        "minimizing",
        r"\b(?:could|could'?ve|could have|it could be|things could be) (?:been |be )?(?:a lot |way |so much |much |far )?worse\b",
    ),
    rule(
        "minimizing",
        r"\b(?:it'?s|its|that'?s|thats|it was|that was|it is|that is|this is|it wasn'?t|it isn'?t|that isn'?t) (?:not |n'?t |really not |honestly not |)(?:that|so|all that|really that) (?:bad|serious|big|important|terrible|awful|deep|dramatic)\b",
        negatable=False,
    ),
    rule(
        "minimizing",
        r"\b(?:not|n'?t|hardly) (?:the end of the world|a tragedy|a disaster|worth (?:getting upset|crying|fighting|stressing|being upset|getting worked up|the drama|it)|a crisis)\b",
        negatable=False,
    ),
    rule(
        "minimizing",
        r"\b(?:{DONT}|dnt|no need to) (?:worry|stress|sweat|fret|overthink|dwell)(?: about it| so much| over it| too much| about that)?\b(?!,? (?:i'?ll|i will|i'?ve got|i got|we'?ll))",
        negatable=False,
    ),
    rule(
        "minimizing",
        r"\b(?:it'?s|its|it was|that'?s|that was|it is|we'?re talking about) (?:just|only) (?:a|one|some|the|ten|\d+|a few|a couple|like|dinner|money|a game|a movie|a party|a joke|words|stuff|hair|work)\b",
    ),
    rule(
        "minimizing",
        r"\b(?:only|just|barely) (?:\d+|a few|a couple(?: of)?|ten|five|two|three|twenty|fifteen|thirty|like \d+) (?:min(?:ute)?s?|seconds|secs|hours|hrs|days|dollars|bucks|times)\b",
    ),
    rule(
        "minimizing",
        r"\b(?:let it go|move on|cheer up|look on the bright side|it happens|these things happen|shit happens|stuff happens|everyone (?:goes through|feels|deals with|has) (?:this|that|it)|happens to everyone|you'?ll (?:be )?(?:fine|ok|okay|get over it)|it'?s nothing|could be worse)\b",
    ),
    rule(
        "invalidating",
        r"\b{YOURE} {INT}(?:over ?reacting|overeacting|overreactin|too sensitive|so sensitive|oversensitive|hyper ?sensitive|dramatic|paranoid|hysterical|irrational|unreasonable|ridiculous|making (?:a big deal|something out of nothing|a mountain|this (?:a )?(?:bigger|into))|blowing (?:this|it|things|everything) (?:way |so |totally )?out of proportion|exaggerating|projecting|a bit much|silly|too emotional|so emotional|being emotional|petty|overthinking|over ?thinking|acting crazy|crazy|being a baby|too much|making it about|making a scene|reading (?:too much|into)|taking (?:this|it|things) (?:too|way too|so) (?:personally|seriously)|insecure)\b",
    ),
    rule(
        "invalidating",
        r"\b(?:calm|cool) (?:down|it)\b|\b(?:relax|chill)(?: out)?\b(?! (?:together|with|at|on|tonight|this weekend))|\btake a chill pill\b",
    ),
    rule(
        "invalidating",
        r"\bstop (?:being (?:so )?(?:dramatic|sensitive|emotional|a baby|childish|crazy|paranoid)|overreacting|crying|freaking out|making (?:a big deal|a scene|such a fuss)|getting so worked up|whining|complaining|with the drama|with the attitude|nagging)\b",
    ),
    rule(
        "invalidating",
        r"\b(?:there'?s|theres|there is) (?:no|nothing to) (?:reason|need|be (?:upset|sad|mad|jealous|worried) about)\b|\bno (?:reason|need) (?:to|for you to) (?:be|get|feel|cry)\b",
    ),
    rule(
        "invalidating",
        r"\b{YOU} (?:shouldn'?t|should not|shouldnt|don'?t need to|dont need to) (?:feel|be|get) (?:so |that |this )?(?:upset|sad|mad|angry|hurt|bad|jealous|worried|that way|like that|offended|worked up|anxious|stressed)\b",
    ),
    rule(
        "invalidating",
        r"\b{DONT} (?:be (?:so |such a )?(?:upset|sad|mad|dramatic|sensitive|silly|ridiculous|like that|a baby|childish|crazy|paranoid|jealous)|overreact|make (?:a big deal|this a thing|it a thing|a scene)|start|cry)\b",
        negatable=False,
    ),
    rule(
        "invalidating",
        r"\bwhy (?:are|r|do|would) {YOU} (?:so|getting so|being so|even|always so|acting so)? ?(?:upset|mad|worked up|emotional|sensitive|dramatic|angry|jealous|bothered|care)\b[^?]*\?",
    ),
    rule(
        "invalidating",
        r"\b{YOU} have no (?:reason|right) to\b|\bget a grip\b|\btoughen up\b|\bman up\b|\bsnap out of it\b|\bget over it\b|\bsuck it up\b|\bdeal with it\b|\b{YOU}(?:'re| are) fine\b|\bit'?s not that serious\b|\bnot that deep\b",
    ),
    rule(
        "defensiveness",
        r"\bwhat (?:else |more )?(?:do|did) {YOU} (?:want|expect) me to (?:say|do)\b(?:[^.]*[?!]{2,}|(?= (?:about it|here|now)\b)|[?!]*$)",
        negatable=False,
    ),
    rule(
        "defensiveness",
        r"\b(?:that'?s|thats|that is|it'?s|it is|its|that was|it was|that wasn'?t|it wasn'?t)(?: not|n'?t)? what i (?:meant|mean|said|was saying|was trying to (?:say|do)|intended)\b",
        negatable=False,
    ),
    rule(
        "defensiveness",
        r"\bi (?:didn'?t|didnt|did not|never|dont|don'?t) (?:mean|meant|intend|intended|want|wanted|try|plan|realize|realise|know) (?:it|to|that|for|any|anything|you)\b",
        negatable=False,
    ),
    rule(
        "defensiveness",
        r"\b(?:wasn'?t|wasnt|was not|not|isn'?t|is not) my (?:intention|intent|fault|plan|idea|problem|job|responsibility)\b",
        negatable=False,
    ),
    rule(
        "defensiveness",
        r"\bi was (?:just|only) (?:trying|joking|kidding|being honest|saying|asking|helping|tired|busy|stressed|being|playing|messing|teasing)\b|\bit was (?:just|only) a joke\b|\bcan'?t (?:you|u) take a joke\b",
    ),
    rule(
        "defensiveness",
        r"\bhow (?:was|am|could|would|should) i (?:supposed|meant|have|possibly|be expected)? ?(?:to )?(?:know|have known|guess|read your mind)\b|\bi'?m not a mind ?reader\b|\bi can'?t read (?:your|ur) mind\b",
    ),
    rule(
        "defensiveness",
        r"\bit'?s not like i\b|\bwhat (?:was|am|else was|else am) i supposed to do\b|\bi did (?:nothing|not do anything) wrong\b|\bi didn'?t do anything wrong\b|\bi (?:had|have) no choice\b|\bin my defen[cs]e\b|\bto be fair,? (?:i|you)\b",
    ),
    rule(
        "defensiveness",
        r"(?:^|[.!?,;]\s*|\b)(?:but|well|and|yeah but|ok but|okay but) {YOU} (?:also|too|were|did|said|do|always|never|started|forgot|weren'?t|didn'?t|don'?t|haven'?t|literally|yourself|were the one)\b",
    ),
    rule(
        "defensiveness",
        r"\b{YOU} (?:do|did|were doing|say|said) (?:it|that|the same(?: thing)?|this) (?:too|all the time|constantly|yourself|every time|last week|to me)\b|\bwhat about (?:when )?(?:{YOU}|{YOUR})\b|\b{YOU}(?:'re| are) one to talk\b|\blook who'?s talking\b",
    ),
    rule(
        "defensiveness",
        r"\b{DONT} (?:blame|put (?:this|it|that) on|make (?:this|it) (?:about|my fault)) me\b|\bi(?:'m| am) not the (?:one|only one) who\b|\bthat'?s not (?:fair|true)\b|\bi can'?t (?:help|control) (?:it|that|how)\b|\bi (?:was|got) (?:stuck|held up|caught up|tied up)\b|\bi already (?:said|told you|apologi[sz]ed)\b|\bi had (?:a|my) (?:good )?reasons?\b|\b{YOU} know i (?:didn'?t|would never|wouldn'?t|never)\b|\bi was (?:only |just |barely )?(?:gone|away|out|there|late) (?:for )?(?:only |just |like )?(?:\d+|ten|five|two|twenty|fifteen|a few)\b",
        negatable=False,
    ),
    rule(
        "criticism",
        r"(?<!\bso )(?<!\bso that )(?<!\bthat way )\b{YOU} (?:always|never|constantly|continually|forever|keep|literally always|literally never|just never|just always|ALWAYS|NEVER) (?!(?:make|made|makes) me (?:laugh|smile|feel (?:better|safe|loved|good|happy))|know how to make|look (?:good|great|amazing|beautiful)|manage to (?:make me smile|surprise)|have my back|support|help me|cheer me|come through|remember)\w+",
    ),
    rule(
        "criticism",
        r"\b{YOURE} (?:so |such an? |always |just |really |being (?:so |such an? |really )?|a |an |the most |literally |incredibly |unbelievably |completely |totally |honestly |)*(?:selfish|lazy|inconsiderate|careless|hopeless|immature|irresponsible|thoughtless|rude|childish|unreliable|clueless|self-?cent(?:er|re)d|self-?absorbed|narcissistic|narcissist|mean|cold|heartless|impossible|controlling|needy|clingy|annoying|ungrateful|difficult|a slob|a mess|a nag|negative|toxic|manipulative|a hypocrite|hypocritical|a liar|stubborn|spoiled|entitled|incompetent|unbearable|exhausting|insensitive|disrespectful|useless|bossy|cheap|greedy|flaky|fake|two-?faced|passive aggressive|obsessed|jealous|lying|unfair|oblivious|neglectful|distant|always late|never on time|never there|such a (?:child|kid)|just like your (?:mother|father|mom|dad))\b",
    ),
    rule(
        "criticism",
        r"(?:^|[.!?,]\s*)(?:typical|classic|as usual|every (?:single )?time|once again|yet again|same old)\b(?! (?:of me|me))",
    ),
    rule(
        "criticism",
        r"\bhow many (?:more )?times (?:do|have|did|must) i (?:have to |got to |gotta |need to )?(?:tell|ask|say|remind|explain)\b",
    ),
    rule(
        "criticism",
        r"\bi feel (?:like|that) {YOU} (?:always|never|only care|are (?:so )?(?:selfish|lazy)|just don'?t|don'?t (?:care|listen|love|respect|try))\b",
    ),
    rule(
        "criticism",
        r"\b{YOU} (?:don'?t|dont|do not|never|didn'?t even|don'?t even) (?:care|listen|think|help|appreciate|respect|pay attention|try|give a|consider|notice|bother)\b(?! (?:if|whether|about (?:the|that|it)))",
    ),
    rule(
        "criticism",
        r"\bthe problem is (?:{YOU}|that {YOU})\b|\b{YOU} only (?:care|think) about (?:yourself|urself|you)\b|\b{YOU} can'?t (?:even|ever|just) (?!imagine|believe)\w+|\b{YOU} make everything about (?:you|yourself)\b|\bwhy (?:can'?t|cant) {YOU} (?:ever|just|even)\b",
    ),
    rule(
        "contempt",
        r"\boh,? poor (?:you|baby|thing|little)\b|\bboo+ ?hoo+\b|\bgrow up\b|\bget (?:a life|over yourself|real)\b|\bcry me a river\b|\bspare me\b|\bgive me a break\b|\byeah,? right\b|\bsure you (?:did|do|were|are)\b|\bnewsflash\b|\bwhatever you say\b|\bheaven forbid\b|\bhow (?:mature|original|shocking|surprising)\b",
    ),
    rule(
        "contempt",
        r"\b(?:wow|oh|sure|yeah|great|well|real|so|very),? (?:real |really |so |how |very )?(?:mature|nice one|great job|original|helpful|smart|brilliant|classy|genius|shocking)\b(?![\w ]*(?:thank|love|proud))",
    ),
    rule(
        "contempt",
        r"\bwhat(?:'s| is) wrong with (?:you|u)\b|\bare (?:you|u) (?:stupid|serious|kidding me|insane|dumb|an idiot|deaf|five|twelve|blind|mental)\b|\bwhat are (?:you|u),? (?:five|twelve|a child|a kid)\b",
    ),
    rule(
        "contempt",
        r"\b{YOURE} (?:such an? |so |a |an |being an? |just |really |literally |the |)*(?:idiot|moron|joke|loser|pathetic|stupid|dumb|disgusting|clown|child|baby|crybaby|drama queen|brat|embarrassment|psycho|lunatic|princess|pig|slob|waste of (?:space|time)|nightmare|piece of work|unbelievable|ridiculous|a freak|freak|nuts)\b(?! (?:for me|about))",
    ),
    rule(
        "contempt",
        r"\bshut up\b|\bstfu\b|\bwhat a (?:joke|baby|child|drama queen|surprise|shock)\b|\bbig surprise\b|\bnice try\b|\bmust be nice\b|\bthanks (?:a lot )?for nothing\b|\bgood for (?:you|u)\b(?!,? (?:babe|honey|love)|!)|\bsure,? jan\b|\bhere we go again\b|\bcongrat(?:ulation)?s,? (?:you|u)\b",
        negatable=False,
    ),
    rule(
        "contempt",
        r"\U0001F644|\U0001F612|\*\s*(?:eye ?roll|rolls eyes|sigh)\s*\*|\beye ?roll\b|\brolls? (?:my )?eyes\b|\bomg,? (?:here we go|seriously|again)\b|\bi(?:'m| am) (?:so )?(?:sick|tired) of (?:your|ur|you|hearing)\b",
        negatable=False,
    ),
    rule(
        "contempt",
        r"\b(?:lol|lmao|haha)\b[\w' ]{0,20}\b(?:ur|you'?re|you are|so) (?:over ?reacting|dramatic|sensitive|crazy|ridiculous|pathetic)\b|\b(?:ur|you'?re|you are) (?:over ?reacting|dramatic|sensitive|crazy|ridiculous)\b[\w' ]{0,10}\b(?:lol|lmao|haha)\b",
        negatable=False,
    ),
    rule(
        "stonewalling",
        r"^(?:fine|whatever|whatevs|k|kk|ok|okay|sure|noted|cool|great|if you say so|do what you want|do whatever you want|suit yourself|forget it|never ?mind|nvm|i don'?t care|idc|w/e|wtv|yeah ok|ok then|fine then|fine whatever|ok fine|okay fine|sure whatever|ok whatever|yep|yup|mhm|right|wow|ok cool|got it|i guess|done|bye|talk later|later|leave it)(?:[.!\u2026 ]*)$",
        whole_sentence=True,
        reportable=False,
        negatable=False,
    ),
    rule(
        "stonewalling",
        r"\b(?:i'?m|im|i am) (?:so )?(?:done|finished|not doing this|not having this conversation|not discussing this|out)\b(?! (?:with work|eating|cooking|soon|in|at|by))",
    ),
    rule(
        "stonewalling",
        r"\b(?:end of (?:discussion|story|conversation)|this (?:conversation|discussion) is over|conversation over|we'?re done here|i have nothing (?:more |else )?to say|nothing (?:more |else )?to (?:say|talk about)|leave me alone|stop (?:texting|messaging|calling) me|drop it|talk to the hand|i'?m not (?:discussing|talking about|arguing about) this|i (?:don'?t|dont) (?:want to|wanna) talk about (?:it|this|that)(?: anymore| again| ever)?|i(?:'m| am) not going to (?:discuss|talk about|argue about|engage)|not talking about this|i(?:'m| am) going to bed\b(?! (?:early|now,? (?:but|and)))|don'?t (?:text|talk to|call|message) me|we'?ll see|not now)\b",
    ),
    rule(
        "cliche",
        r"^(?:i understand|i totally understand|i hear you|i hear ya|i get it|i know|i see|i feel you|i feel ya|that'?s life|everything happens for a reason|it is what it is|it'?s all good|that sucks|sorry to hear that|i'?m sorry to hear that|my thoughts are with you|i know how you feel|i know exactly how you feel|these things happen|time heals(?: all wounds)?|it'?ll (?:all )?work out|things will get better|stay strong|hang in there|it'?s okay|it'?s ok|that'?s too bad|bummer|sounds rough|i feel your pain|been there|chin up|same|relatable|big hugs|hugs)(?:[.!\u2026 ]*)$",
        whole_sentence=True,
        negatable=False,
    ),
    rule(
        "cliche",
        r"\b(?:everything happens for a reason|it is what it is|time heals(?: all wounds)?|that'?s life|what doesn'?t kill you|plenty of fish|look on the bright side|when life gives you|it'?s all part of the plan|god'?s plan|it'?s meant to be|stay positive|good vibes only|hang in there|chin up)\b",
        negatable=False,
    ),
    rule(
        "self_focus",
        r"\b(?:that'?s|thats|that is|it'?s|its) nothing\b(?! to (?:be ashamed|apologi))(?:[\w' ,]{0,30})(?:\bmy\b|\bi\b|\bme\b)|\b(?:my|mine) (?:day|week|job|situation|life|boss|commute|family|mom|mum|dad) (?:was|is|has been|'s been|s been) (?:way |so much |even |a lot |much |far )?(?:worse|harder|crazier|more stressful|more tiring)\b",
    ),
    rule(
        "self_focus",
        r"\b{YOU} think (?:that'?s|thats|that is|you have it|you'?ve got it|your day was) (?:bad|hard|rough|tough)\b|\btry (?:having|being|dealing with|living with|working|doing) (?:my|mine|me|what i)\b|\bwhat about me\b|\bi have it (?:way |so much |even |much )?(?:worse|harder)\b",
    ),
    rule(
        "self_focus",
        r"\bi (?:also |too |)(?:had|have|'ve had|'ve got) (?:a |an )?(?:bad|rough|hard|terrible|awful|shit|crap|crappy|long|horrible|stressful) (?:day|week|time|night|month)(?: too| as well)?\b|\bat least {YOU} (?:don'?t|didn'?t|do not|did not|aren'?t|weren'?t) (?:have to|stuck|dealing)\b",
    ),
    rule(
        "self_focus",
        r"(?:^|[.!?,]\s*|\b)(?:well|but|and|yeah|yea|so),? (?:i|me)(?:'m| am|m)? (?:also |too |)(?:tired|stressed|busy|exhausted|upset|hurt|sad|overwhelmed|struggling)(?: too| also| as well)?\b|\blet me tell you about (?:my|what)\b|\b{YOU} should (?:see|hear|try) (?:my|what i|mine)\b|\banyways?,? (?:guess what|did i tell you|so i|i|my|back to me)\b|\bspeaking of me\b|\bsame here,? (?:but|my|i)\b|\bme too,? (?:but|my|i)\b|\benough about (?:that|you|this),? (?:my|i|let me)\b|\bi(?:'m| am) the one who\b",
    ),
    rule(
        "non_apology",
        r"\b{SORRY} (?:if |that )?(?:{YOU}|anyone) (?:feel|felt|think|thought|took (?:it|that)|were|are|'re|got|get|was|see it|saw it|took) (?:that way|like that|so |offended|upset|hurt|bad|it that way|it wrong|it the wrong way|that badly|it so personally|it personally)\b",
        negatable=False,
    ),
    rule(
        "non_apology",
        r"\b{SORRY}(?: (?:about|for) (?:that|it|this|everything|whatever))?(?:[,.\u2026 ]*|\s*(?:-|ok|okay)\s*)(?:but|bt|however)\b",
        negatable=False,
    ),
    rule(
        "non_apology",
        r"\b{SORRY}(?: (?:for|about) (?:whatever|everything|anything|that|it))?,? (?:i guess|ok\?|okay\?|happy now|alright\?|geez|jeez|gosh|god|ffs|jesus|ugh|sheesh|satisfied)\b|\bi said (?:i'?m |i was |im )?sorry(?:,| ok| okay| already| what more| what else| didn'?t i| so)\b|\bsorry for (?:existing|breathing|being alive|living)\b",
        negatable=False,
    ),
    rule(
        "non_apology",
        r"\bmistakes were made\b|\bi apologi[sz]e if\b|\b{SORRY} if (?:{YOU}|anyone|that|it|my|i) (?:were|was|got|felt|feel|are|'re|offended|upset|hurt|came across|sounded|seemed|made)\b|\b{SORRY} (?:that )?{YOURE} (?:so )?(?:sensitive|upset|mad|offended|angry|annoyed|taking it this way)\b|\bsorry,? not sorry\b|\bfine,? (?:i'?m )?sorry\b|\bok(?:ay)?,? sorry,? jeez\b",
        negatable=False,
    ),
    rule(
        "guilt_trip",
        r"\bif {YOU} (?:really |actually |truly |even |)*(?:loved|love|cared about|cared for|care about|respected|respect|trusted|trust|valued|value|wanted to be with) me\b|\bif {YOU} (?:really |actually |truly )?cared\b",
    ),
    rule(
        "guilt_trip",
        r"\bafter (?:everything|all|all that|all the things) (?:i(?:'ve| have)? (?:done|did|sacrificed|gave|given|put up with)|i do|i did)\b|\bafter all i do\b|\bi (?:gave|give|sacrificed|gave up) (?:up )?(?:everything|so much|my \w+) for {YOU}\b|\bi do everything (?:for you|around here|for this family)\b",
    ),
    rule(
        "guilt_trip",
        r"\bi guess i(?:'m| am)? (?:just )?(?:not|don'?t|dont) (?:important|matter|enough|a priority|worth it)\b|\bi guess {YOU} (?:don'?t|dont|do not|just don'?t) (?:care|love me|need me|want me)\b|\b(?:nice|good|great) to know (?:where i stand|how much i matter|i matter|what i'?m worth)\b|\bguess i know where i stand\b",
    ),
    rule(
        "guilt_trip",
        r"\b(?:go|have fun|enjoy(?: yourself)?|do what you want)(?:,|\.|!)? (?:i(?:'ll| will) (?:just )?(?:be|stay|sit|sit here|wait) (?:here|alone|home|by myself)|(?:{DONT}|dont) worry about me|i'?ll manage (?:alone|by myself|on my own))\b|\b{DONT} worry about me\b|\bi(?:'ll| will) just (?:sit|stay|be|eat) (?:here|home|alone)(?: alone| by myself)?\b|\b(?:see|look at) (?:what|how much) {YOU}(?:'re| are|'ve| have)? (?:doing|done|do) to me\b|\bafter everything we'?ve been through\b|\bwhat kind of (?:partner|boyfriend|girlfriend|husband|wife) (?:would|does)\b|\bi thought {YOU} (?:loved|cared about) me\b",
    ),
    rule(
        "gaslighting",
        r"\b(?:that|it|this) (?:never|didn'?t|did not|never even) happen(?:ed)?\b|\bi never said that\b|\bi (?:never|didn'?t|did not) (?:say|do|said|did) (?:that|anything like that|any such thing|this)\b|\bthat'?s not (?:what happened|how it (?:happened|went))\b",
    ),
    rule(
        "gaslighting",
        r"\b{YOURE} (?:just |totally |clearly |obviously |)*(?:imagining (?:things|it|stuff|that)|making (?:it|that|things|this|stuff|shit) up|remembering (?:it |that |this |things )?wrong|misremembering|confused|delusional|hearing things|seeing things|inventing (?:things|stuff)|losing your mind|making a story)\b",
    ),
    rule(
        "gaslighting",
        r"\b{YOU} (?:always |just |)*(?:twist|twisting|make up|exaggerate|invent|rewrite) (?:things|everything|my words|stuff|what happened|history)\b|\bno one else (?:thinks|sees|would think|remembers|noticed)\b|\bit'?s (?:all )?in (?:your|ur) head\b|\b{YOUR} memory is\b|\b{YOU} (?:need|should get) (?:help|therapy|your head checked)\b|\bi was (?:never|not even) (?:rude|on my phone|gone that long|flirting)\b|\b{YOU}(?:'re| are) remembering (?:it|that|this|things) wrong\b|\bthat'?s not how i remember it\b",
        reportable=True,
    ),
    rule(
        "self_erasure",
        r"\b(?:it'?s|its|it is|this is|everything is|it was|everything'?s|that'?s|all of this is|this was) (?:all |entirely |totally |completely |always |100% )(?:my fault|on me)\b|\ball my fault\b|\bi (?:always )?(?:ruin|mess up|wreck|screw up|destroy|ruined|messed up) everything\b|\bi(?:'m| am|m) (?:always )?the problem\b|\bi(?:'m| am) (?:always )?(?:the one )?to blame for everything\b",
    ),
    rule(
        "self_erasure",
        r"\bsorry (?:for|about) (?:even )?(?:existing|being (?:upset|annoying|a burden|so needy|needy|like this|me|so sensitive|sensitive|emotional|so emotional|too much|difficult|a mess)|having (?:feelings|needs|an opinion)|feeling (?:this way|like this|that way|hurt|upset)|bringing (?:it|this|that) up|asking|saying anything|wanting (?:things|anything|that|something))\b|\bsorry i(?:'m| am) (?:like this|so (?:needy|sensitive|emotional|annoying|difficult|much)|too much|such a burden)\b",
        negatable=False,
    ),
    rule(
        "self_erasure",
        r"\b(?:forget|never ?mind|ignore|scratch) (?:what|about what|that|everything) i (?:said|wanted|asked|need|needed|want)\b|\bmy (?:feelings|needs|wants) (?:don'?t|dont|do not) matter\b|\bit doesn'?t matter what i (?:want|need|think|feel)\b|\bwhat i (?:want|need|feel|think) (?:doesn'?t|does not|don'?t) matter\b|\bi(?:'ll| will) (?:never|stop) (?:ask(?:ing)?|bring(?:ing)? (?:it|this|that) up|complain(?:ing)?|mention(?:ing)? it) (?:again|about)\b",
        negatable=False,
    ),
    rule(
        "self_erasure",
        r"\b{IM} (?:such |so |)(?:a |an )?(?:terrible|horrible|awful|the worst|useless|worthless|bad|pathetic|failure of a|disappointment of a) (?:person|partner|girlfriend|boyfriend|husband|wife|human|human being|spouse|fiance|fiancee|parent|failure)\b|\bi (?:don'?t|dont|do not) deserve (?:you|u|better|to be|anything|your)\b|\b{YOU}(?:'re| are) (?:right|always right)(?:,)? (?:about everything|i(?:'m| am) (?:always wrong|the problem|wrong about everything))\b|\bi(?:'ll| will) do (?:whatever|anything) {YOU} (?:want|say)\b|\bi(?:'m| am) (?:so )?sorry (?:for|about) everything\b|\byou deserve (?:so much )?better (?:than me)?\b",
    ),
)

# Phrases in the partner's message that ask for suggestions: advice is welcome then.
ADVICE_REQUEST = re.compile(
    expand(
        r"\bwhat (?:should|do|can|would|could) i (?:do|say|tell|try|text)\b|\bany (?:ideas|advice|suggestions|tips|thoughts)\b"
        r"|\bwhat would {YOU} do\b|\bhelp me (?:figure|decide|think|with|out|plan|choose)\b|\b(?:i need|i want|give me|can {YOU} give me"
        r"|i could use|i'?d love|i would love|i'?d like) (?:your |some )?(?:advice|ideas|suggestions|input|opinion|help)\b"
        r"|\bshould i\b|\bwhat do {YOU} (?:think|suggest|recommend) (?:i |we )?(?:should|do)\b|\bhow (?:do|should|can|could) i\b"
        r"|\bwhat'?s the best way\b|\bdo {YOU} think i should\b|\bwhat would be (?:best|smart|better)\b|\bideas\?"
    )
)

# A time to come back turns "I need a break" into a repair rather than a shut-down.
RETURN_TIME = re.compile(
    r"\b(?:later|tonight|tomorrow|in (?:an|a few|\d+|a couple(?: of)?|half an|ten|twenty|thirty|five) (?:hour|minute|min|hr)s?"
    r"|after (?:dinner|work|lunch|the kids|i|we)|at \d|by \d|when i'?m (?:calmer|calm|home|back)|when we'?re both|in the morning"
    r"|this (?:evening|afternoon|weekend)|once i(?:'ve| have)?|come back|pick (?:this|it) up|circle back|talk about (?:it|this) (?:when|after))\b"
)

# Reported speech: words someone else said, not the user's own ("my mom said I should just relax").
REPORTING = re.compile(
    r"\b(?!i\b)(?:\w+) (?:said|says|told me|tells me|was like|is like|keeps saying|kept saying|would say|used to say|"
    r"always says|claimed|claims|wrote|texted|asked me|yelled)\b|\baccording to\b|\b(?:people|they|someone) (?:say|said)\b"
)

# Broader phrasings, added after reading how people actually write these moves (dev set misses).
RULES = (
    *RULES,
    rule(
        "reflection",
        r"\b(?:it|that) (?:felt|feels|must have felt|must feel|came across|landed|looked|sounded) (?:like|as)\b",
    ),
    rule(
        "reflection",
        r"\blet me (?:see if i|make sure i|check i) (?:follow|understand|get|got|heard)\b|\bif i'?m following\b",
    ),
    rule(
        "reflection",
        r"\bi (?:also )?(?:hear|see|know|get) (?:how much|that|how) {YOU}(?:'ve| have|'re| are| were| felt| feel| really| miss| love| want| need| wanted| needed)\b",
    ),
    rule(
        "reflection",
        r"\bso (?:what )?(?:{YOU}(?:'d| would) (?:like|rather|prefer)|{YOU} want|{YOU} need|the (?:thing|part|problem) is)\b",
    ),
    rule(
        "reassurance",
        r"\bi(?:'ll| will|'m going to|'m gonna|'m gna| promise(?: to)?| can) (?!never\b|not\b|just (?:sit|stay|be)\b|be in my\b|leave\b|stop talking\b)(?:be|stay|come|go|do|call|take|handle|drive|help|pick|sort|make|get|talk|hold|sit|cook|book|fix|clean|tell|ask|check|find|bring|text|wait|listen|try|start|keep|put|block|cover|look|set|work|plan|stop|spend|skip|cancel|drop|change|show|learn|figure|pay|move)\b",
    ),
    rule(
        "reassurance",
        r"\bwe (?:can|could|'ll|will) (?!not\b)(?:\w+)\b[^.?!]{0,40}\btogether\b|\b(?:together|with you)[,.]? (?:whatever|no matter)\b|\bi(?:'m| am) (?:coming with you|behind you|in this with you|with you on this|yours|all yours)\b",
    ),
    rule(
        "reassurance",
        r"\bi believe in {YOU}\b|\bi (?:chose|choose|pick|want) {YOU}\b|\bwe(?:'re| are) (?:okay|ok|good|fine|solid|alright)\b|\btake (?:all )?the time {YOU} need\b|\bno rush\b|\bno pressure\b",
    ),
    rule(
        "defensiveness",
        r"\bwhat (?:more |else )?do {YOU} want from me\b|\bso (?:what )?{YOU}(?:'re| are|r) saying (?:that )?(?:i'?m|i am|im|i)\b|\bso (?:my|i'?m|i am|im) [\w' ]{0,30}(?:not good enough|the bad guy|the problem|the villain|wrong|a bad)\b",
        negatable=False,
    ),
    rule(
        "defensiveness",
        r"\bi(?:'m| am) allowed to\b|\bthere'?s a difference\b|\bdo {YOU} (?:understand|know|realize|have any idea) how (?:much|hard|busy)\b|\bnow {YOU} want me to\b|\b{YOU} want me to [\w' ]{2,40}(?:too|also|as well)\?|\bif {YOU} (?:didn'?t|hadn'?t|wouldn'?t|weren'?t|would just|just)\b[^.?!]{0,60}\bi (?:wouldn'?t|would not|won'?t)\b",
        negatable=False,
    ),
    rule(
        "defensiveness",
        r"\b{YOU}(?:'ve| have) been (?:going through|reading|checking|snooping)\b|\b{YOU} (?:embarrass|ignore|nag|interrupt|criticize|criticise) me\b|\bi (?:work|worked) (?:\d+|all|so|hard|late|overtime|every)\b|\bwould(?:'ve| have) (?:found out|happened) anyway\b|\bi (?:do|did|cook|clean|pay|handle) (?:the|all|everything|most)\b[^.?!]{0,40}(?:and|,)",
    ),
    rule(
        "self_disclosure",
        r"\bi(?:'ve| have) (?:been|felt) (?:so |really |a bit |a little |kind of |kinda |pretty |quite |)*(?:{FEEL}|scared|ashamed|hiding|struggling|insecure|a wreck|afraid|worried|checking|distant|thinking)\b",
    ),
    rule(
        "self_disclosure",
        r"\bi was (?:so |really |pretty |totally |such |a |an |)*(?:ashamed|a wreck|terrified|miserable|mess|wreck|embarrassed|heartbroken|devastated|nervous|lonely|scared)\b(?! (?:for|that you))|\bi froze\b|\bi (?:get|got|feel) (?:anxious|insecure|scared|jealous) when\b",
    ),
    rule(
        "self_disclosure",
        r"\bwhen (?:my|i) [\w' ]{2,40}\b(?:i|i'd|i was|i couldn'?t|i felt|i had)\b(?! (?:want|need|think))|\bi had (?:it|that|the same|one|something like (?:it|that)) (?:after|when|in|during)\b|\b(?:that|it|this) (?:scares|scared|worries|worried|hurts|hurt|gets|got) (?:to )?me too\b|\bi think about (?:it|that|this|the \w+) (?:a lot|all the time|too)\b",
    ),
    rule(
        "contempt",
        r"^(?:thanks a lot|wow|great|perfect|lovely|brilliant|cool story|k then|okay then)[.!\u2026]*$",
        negatable=False,
    ),
    rule(
        "contempt",
        r"\blearn to\b|\beven for {YOU}\b|\bnew low\b|\bsuch a (?:buzzkill|killjoy|martyr|diva|child|baby)\b|\b{YOU}(?:'re| are|r) an adult\b|\bwell,? (?:i'?m )?sorry (?:that )?i (?:have|had|exist|breathe)\b|\bnot this again\b|\bof course {YOU} (?:are|did|would|do)\b(?=[^.?!]*(?:\?|\.)$)|\bdo {YOU} get it now\b|\bget your facts right\b|\b(?:sure|yeah|right),? (?:let'?s|because|like)\b",
        negatable=False,
    ),
    rule(
        "minimizing",
        r"\bit'?s not like (?:we|you|i|anyone|he|she|they)(?:'re| are| were| was|'ll| will|'d| would)?\b|\b(?:it|that) was (?:one|just one|only one|a single) \w+\b|\bproblem solved\b|\b{YOU}(?:'ll| will) get (?:over|used to) it\b|\b(?:they|she|he)(?:'s| is| are|'re) (?:probably|prolly) just\b|\bwe(?:'re| are) fine\b|\bit'?s a \w+,? not a \w+\b|\bit'?s (?:just )?a (?:dog|cat|car|phone|game|tv|job|party|dinner|movie|show|shirt|text)\b|\bwe can (?:just )?(?:get|buy) (?:another|a new) (?:one)?\b|\b(?:they|she|he)(?:'s| is| are) (?:\d+|old|fine)\b|\babout (?:a|one|some) (?:tv|show|game|holiday|dinner|text|comment|joke)\b",
        negatable=False,
    ),
    rule(
        "repair_attempt",
        r"\bcan we (?:please )?(?:stop for|talk (?:for|about what|tonight|later|tomorrow|properly)|do a (?:reset|redo|do-?over)|start (?:that|this|the) (?:conversation )?over|look at [\w' ]{1,30} together|try (?:that|this) (?:conversation )?again|do [\w' ]{1,30} as ours)\b|\btime ?out\b|\b(?:can|could|let) (?:i|me) (?:try|start|plan|have) (?:that|this|a) (?:again|over|redo|conversation again|do-?over)\b|\bi'?m not trying to (?:fight|argue|start)\b|\binstead of (?:arguing|fighting)\b|\b(?:give me|i need) (?:\w+ )?(?:minutes?|a minute|a moment|some time|an hour|a bit) to (?:cool off|calm down|think|breathe)\b|\bi'?ll come (?:find|get|back to) {YOU}\b|\bstart over with me\b|\bwe'?ll finish this\b",
        negatable=False,
    ),
    rule(
        "criticism",
        r"\b{YOURE} (?:always|constantly|forever|literally always|so|such an?|just) (?:so |such an? )?(?:mad|angry|upset|annoyed|grumpy|moody|uptight|negative|cranky|complaining|nagging|whining|late|on your phone|glued to|busy|tired|critical|picky|dramatic)\b(?:[\w' ]{0,20}\b(?:about everything|at everyone|all the time|lately))?|\b{YOU} have (?:zero|no) (?:respect|consideration|idea|clue|empathy|sense|patience|self-?control)\b|\b(?:like|as) (?:always|usual)\b|\bi told {YOU} (?:to|so)\b|\bevery single (?:night|day|time|week)\b|\b{YOU} want me to do everything\b",
    ),
    rule(
        "self_focus",
        r"\b(?:it was|was) (?:way|so much|even) worse\b|\b{YOU} have no idea\b|\bnobody (?:even )?(?:asks|asked|noticed|notices|cares) (?:how i|about me|when i|if i)\b|\bdid i tell {YOU} (?:my|about|that my)\b|\bmy (?:team|manager|boss|job|week|life) is (?:a nightmare|killing me|hell|worse|insane)\b|\bthis job is killing me\b|\bi(?:'ve| have) cried\b",
    ),
    rule(
        "non_apology",
        r"{SORRY}\b[^.!?]{0,60}?,? but\b|{SORRY}\b[^.!?]{0,50}?,? i guess\b|\bsorry (?:that )?i'?m not (?:perfect|a mind ?reader|you)\b|\bmy apologies for not\b|\bsorry for (?:asking|breathing|caring|trying)\b",
        negatable=False,
    ),
    rule(
        "guilt_trip",
        r"\bafter (?:all )?(?:the|everything|i|all that) [\w' ]{0,40}\bfor (?:you|your|u|us)\b|\b(?:it'?ll|it will|that'?ll) be (?:your|ur) fault\b|\bhow much (?:that|it|this) (?:would|will|does) hurt me\b|\bi can'?t believe {YOU}(?:'d| would) do (?:that|this) to me\b|\bnot that anyone (?:noticed|cares|asked)\b|\bnobody ever (?:comes|asks|helps|notices)\b|\bmaking me feel (?:crazy|bad|guilty|selfish) for\b|\bwhatever {YOU} want,? (?:like always|as usual)\b",
    ),
    rule(
        "gaslighting",
        r"\b{YOU} hear what {YOU} want to hear\b|\b{YOU} (?:must have|must'?ve) (?:dreamed|dreamt|imagined|misheard)\b|\b(?:we|i) never (?:said|promised|agreed|talked about|discussed|told)\b|\bmaking (?:stuff|things|it|that) up\b|\brewriting history\b|\b{YOU}(?:'re| are) the one who'?s (?:confused|crazy|wrong)\b|\bi (?:haven'?t|havent) been [\w ]{1,15} at all\b|\bthat'?s not what (?:i|you) (?:said|heard)\b",
        negatable=False,
    ),
    rule(
        "self_erasure",
        r"\bmy fault,? (?:all of it|really|entirely|completely|lately)\b|\beverything'?s my fault\b|\bmy (?:opinion|feelings|needs|wants|vote) (?:doesn'?t|don'?t|do not|does not) (?:really )?matter\b|\bi shouldn'?t have (?:even )?(?:asked|said anything|brought (?:it|this) up|mentioned it)\b|\bsorry for (?:bothering|being a bother|annoying|troubling) (?:you|u)\b|\bit'?s (?:selfish|stupid|silly) of me\b|\bit'?s all me\b|\bi'?m (?:just )?a burden\b|\bi don'?t matter\b|\bi'?ll go (?:wherever|anywhere)\b|\bi can'?t be trusted\b|\bi don'?t need anything\b|\bi'?m (?:so )?(?:terrible|hopeless|useless|worthless|pathetic)\b|\bi always let (?:you|u|everyone) down\b|\bi(?:'ll| will) let {YOU} decide everything\b",
        negatable=False,
    ),
    rule(
        "open_question",
        r"\b(?:are|r) {YOU} (?:ok|okay|alright|all right|feeling|doing) ?\b[^.!]*\?|\btell me the (?:latest|rest|whole|story)\b|\bwhat has it been like\b",
    ),
)
