"""The safety rules: regular expressions over the normalised view, one table per category.

Every rule names the category it signals, the level it starts at, and how context may change it:

* ``hyperbole``: the phrase is also everyday exaggeration ("I'll kill you if you spoil it", "I want to die,
  this meeting"), so a joke marker or a trivial topic in the same sentence cancels it;
* ``negatable``: a negation just before it in the same clause cancels it ("he has never hit me");
* ``past_ok``: a report of something that happened, which a calm, resolved past story cancels ("years ago my
  ex hit me; I'm safe now"); threats, intentions and plans are never cancelled that way;
* ``upgrade``: which context lifts the finding to ``urgent`` ("recent" violence, self-harm "plan"/"intent").

Patterns are written against normalised text (lower case, straight apostrophes, texting forms expanded), so
they say "don't" and "you" once instead of "dont", "u", "ur".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Level = Literal["none", "concern", "urgent"]
Upgrade = Literal["", "recent", "plan", "intent", "always"]

# Building blocks -------------------------------------------------------------------------------------------
_REL = (
    r"(?:husband|wife|partner|boyfriend|girlfriend|fiance|fiancee|fiancé|fiancée|spouse|ex|ex-husband|ex-wife|"
    r"ex-boyfriend|ex-girlfriend|dad|father|stepdad|stepfather|mom|mother|stepmom|stepmother|brother|sister|"
    r"son|daughter|uncle|aunt|cousin|roommate|flatmate|housemate|friend|bestie|boss|landlord|other half)"
)
# Someone who can be harmed: pronouns, relatives, children, pets.
_VICTIM = (
    r"(?:me|her|him|them|us|you|my (?:little |baby |older |younger |best |own |step|step-)?"
    r"(?:son|daughter|kids?|children|child|baby|babies|mom|dad|mother|father|sister|brother|friend|wife|husband|"
    r"partner|girlfriend|boyfriend|fiancee?|dog|cat|puppy|kitten|grandma|grandmother|grandpa|nan|family|"
    r"sibling|siblings)|(?:the|our|his|her|their) (?:kids?|children|baby|dog|cat|puppy|wife|husband|girlfriend|"
    r"boyfriend|partner|son|daughter|mom|mother)|mom|mother|dad|father)"
)
_SELF = r"(?:myself|himself|herself|themselves|themself|yourself|ourselves)"
_I_WILL = (
    r"(?:i'll|i will|ill|i'm going to|i am going to|i'm gonna|i'm about to|i'm gunna|i'd|i would|i swear i'll|"
    r"i swear i will|i'm gonna|i'm just going to|i'll just|i might|i want to|i wanna|i'm ready to)"
)
_THEY_WILL = (
    r"(?:he|she|they)(?:'ll| will|'d| would| is going to| was going to| are going to| were going to|'s going to|"
    r"'s gonna| might| could)"
)
_REPORT = (
    r"(?:said|says|say|told me|tells me|texted|texts|threatened|threatens|threatening|keeps saying|kept saying|"
    r"screamed|screams|yelled|yells|swore|swears|promised|warned me|wrote)"
)
_SOCIAL = (
    r"(?:(?:my|her|his|your|their) (?:own )?(?:friends?|family|families|sister|sisters|brother|brothers|mom|dad|"
    r"parents|mother|father|kids|children|son|daughter|cousins?|best friend|bestie|colleagues|coworkers|"
    r"grandma|grandmother|grandpa|nan|nana|aunt|uncle|therapist|doctor|people|girls|mates|boys)|friends|family|"
    r"anyone|anybody|people|him|her|them|other (?:guys|men|women|girls|people)|the girls|the boys|the guys)"
)
_DO_SOCIAL = (
    r"(?:see|visit|call|phone|ring|text|message|talk to|speak to|meet(?: up with)?|hang out(?: with)?|go out(?: with)?"
    r"|spend time with|go see|have|keep in touch with|be friends with|contact)"
)
_INDEPENDENT = (
    r"(?:go out|go anywhere|go outside|go (?:to|into) (?:work|the gym|church|class|uni|college|school|the doctor|"
    r"the shops|the store|town)|leave (?:the house|home|the flat|the apartment|the room|him|her|them|the bedroom)|"
    r"leave|work|get a job|have a job|keep my job|have (?:my own|a) (?:money|bank account|card|phone|car|friends|"
    r"job|life|key)|have (?:money|friends|a phone|my phone|my keys|the car|access)|drive|use the (?:car|phone)|"
    r"wear|dress|spend|eat|sleep|lock the door|close the door|be alone|see a doctor|see my|see the|have a "
    r"(?:life|phone|car)|use my (?:phone|car|card|money))"
)
_DEVICE = (
    r"(?:phone|messages|texts|emails?|e-mails?|dms|chats|whatsapp|instagram|facebook|snapchat|inbox|call log|"
    r"browser history|search history|bank(?: account| statements?)?|accounts?|purse|bag|wallet|diary|journal|"
    r"laptop|computer|location|mail|receipts|social media|notifications|photos|pictures|gallery)"
)
_PLAY = (
    r"\b(?:pillow fight|play[- ]?fight\w*|tickl\w*|snowball|water balloon|nerf|wrestl\w*|sparring|spar|boxing|"
    r"martial arts|karate|judo|jiu[- ]?jitsu|mma|rugby|football|soccer|hockey|basketball|netball|paintball|laser "
    r"tag|dodgeball|tag|game|match|practice|training|tournament|video game|in the game|kids? (?:game|play)|"
    r"toddler|baby|by accident|accidentally|in (?:his|her|my) sleep|sleepwalk\w*|dream|while dancing|mosh pit)\b"
)
_GAMES = (
    r"\b(?:mario|kart|fifa|chess|cards|poker|games?|match|tennis|golf|scrabble|monopoly|uno|fortnite|smash bros|"
    r"tournament|rematch|round|ping ?pong|pool|darts|bowling|trivia|quiz|board game|catan|xbox|playstation|ps5|"
    r"minecraft|call of duty|cod|overwatch|valorant|league)\b"
)
_KID_OR_PET = (
    r"(?:the kids|our kids|my kids|the children|the baby|the dog|our dog|my dog|the cat|our cat|my cat)"
)


@dataclass(frozen=True)
class Rule:
    """One pattern and what it means."""

    name: str
    categories: tuple[str, ...]
    level: Level
    pattern: re.Pattern[str]
    reason: str
    hyperbole: bool = False
    negatable: bool = True
    past_ok: bool = True
    upgrade: Upgrade = ""
    requires: re.Pattern[str] | None = None
    excludes: re.Pattern[str] | None = None
    gate: tuple[str, ...] = ()


def _r(
    name: str,
    categories: str,
    level: Level,
    pattern: str,
    reason: str,
    *,
    hyperbole: bool = False,
    negatable: bool = True,
    past_ok: bool = True,
    upgrade: Upgrade = "",
    requires: str | None = None,
    excludes: str | None = None,
) -> Rule:
    return Rule(
        name=name,
        categories=tuple(categories.split("+")),
        level=level,
        pattern=re.compile(pattern),
        reason=reason,
        hyperbole=hyperbole,
        negatable=negatable,
        past_ok=past_ok,
        upgrade=upgrade,
        requires=re.compile(requires) if requires else None,
        excludes=re.compile(excludes) if excludes else None,
    )


# Self-harm ---------------------------------------------------------------------------------------------------
SELF_HARM: tuple[Rule, ...] = (
    _r(
        "kill_self",
        "self_harm",
        "concern",
        rf"\b(?:kill|killing|killed|end|ending|ended|take|taking|took|off|offing) (?:{_SELF}|(?:my|his|her|their|your)"
        r" (?:own )?life)\b(?! back| seriously| over (?:it|this))|\bend (?:it all|everything)\b|\bend my(?:self| life)\b",
        "talks about ending a life",
        hyperbole=True,
        upgrade="intent",
    ),
    _r(
        "suicide_word",
        "self_harm",
        "concern",
        r"\bsuicid(?:e|al|ality)\b(?! (?:squad|doors?|mission|run|runs|sprints?|bomber|bombing|rates?|statistics|"
        r"prevention|awareness|hotline|helpline|lines?|research|attack|pact in the))|\bsewer slide\b",
        "mentions suicide",
        upgrade="plan",
    ),
    _r(
        "want_die",
        "self_harm",
        "concern",
        r"\b(?:want(?:s|ed)?|wanna|ready|wanting|like|prefer|deserve|deserves|going|gonna) to die\b|\bwish(?:ed|ing)? "
        r"(?:i|he|she)(?: was| were| could be|'d been| had been) dead\b|\bwish(?:ed|ing)? (?:i|he|she)(?: could| "
        r"would|'d) (?:just )?(?:die|disappear forever|stop existing|not exist|not wake up)\b|\bwish(?:ed|ing)? "
        r"(?:i|he|she)?(?: had|'d) never been born\b|\bwish(?:ed|ing)? i (?:wasn't|was not|weren't) (?:alive|born|"
        r"here anymore)\b|\bhope i (?:die|don't wake up|never wake up)\b|\bjust (?:let me|want to) die\b|\b(?:why "
        r"(?:do )?i (?:even )?bother|no point (?:in )?|point (?:in|of) (?:me )?) ?(?:existing|being alive|living|"
        r"waking up)\b|\b(?:easier|better|happier|simpler|lighter|fine|okay) (?:\w+ ){0,3}if i (?:just )?(?:wasn't|"
        r"weren't|was not|were not) (?:here|around|alive|in the picture|in your life|born|in anyone's way)\b|"
        r"\b(?:easier|better|happier|simpler|lighter|freer)(?: off)? without me\b(?! (?:there|at (?:the|this|that)|on "
        r"(?:the|this|that)|tonight|today|this (?:time|week|weekend)|for (?:a|the|one) (?:bit|while|night|day|week|"
        r"weekend)))|\b(?:easier|better|happier|simpler) (?:\w+ ){0,3}if i (?:just )?(?:died|disappeared|was gone|were gone|"
        r"was dead|were dead|didn't exist|never existed)\b|\b(?:care|notice|miss me|cry|matter|sad)\b[^.?!]{0,25}"
        r"\bif i (?:died|was dead|were dead|killed myself|was gone|were gone|wasn't here|wasn't around|disappeared)"
        r"\b|\b(?:planning|plan|at|attend|attending|organi[sz]ing|paying for|come to|coming to|speak at) my funeral"
        r"\b|\byou(?:'ll| will) (?:find|see) (?:me|my body) (?:dead|hanging|gone)\b|\byou(?:'ll| will) (?:be )?"
        r"(?:sorry|happy|regret it) when i'm (?:gone|dead)\b|\bwhen i'm (?:dead|gone) you(?:'ll| will)\b",
        "says they want to die or would be better gone",
        hyperbole=True,
        upgrade="plan",
    ),
    _r(
        "not_want_live",
        "self_harm",
        "concern",
        r"\b(?:don't|do not|doesn't|does not|didn't|no longer|dont|never) (?:really |even |honestly |actually )?"
        r"(?:want|wanna|wish|feel like|see a reason) (?:to )?(?:be alive|live|living|exist|existing|wake up|go on|keep "
        r"going|keep living|be here anymore|be here any more|be around anymore|be in this world|be on this earth|"
        r"carry on|be here at all|be here now|be here)\b(?! for (?:this|that|the)| with (?:you|him|her))(?!.{0,20}\b(?:in|at) "
        r"(?:this|that|the) (?:house|apartment|flat|city|town|job|place|party|company|country|neighbou?rhood|office|"
        r"school|relationship|marriage|meeting|wedding|club|bar|family)\b)",
        "says they do not want to be alive",
        negatable=False,
        upgrade="plan",
    ),
    _r(
        "no_point",
        "self_harm",
        "concern",
        r"\b(?:don't|do not|can't|cannot|can not|no longer|dont) see (?:the|any|a) (?:point|reason)(?: in (?:living|life|"
        r"anything|going on|being here|any of (?:it|this)|carrying on|trying|waking up|existing|it all)| of (?:living|"
        r"anything|life|going on|it all)| anymore| any more| to (?:anything|living|go on|keep going|life))|\bwhat'?s "
        r"(?:even )?the point (?:of|in) (?:living|life|anything|going on|me|being alive|being here|existing|any of it|"
        r"it all|waking up|trying anymore)|\bwhat'?s (?:even )?the point anymore|\b(?:there's|there is|see) no "
        r"(?:point|reason) (?:in |to )?(?:living|going on|being alive|being here|life|keep going|anything anymore|"
        r"carrying on|wake up|existing)|\bnothing (?:left )?to live for\b|\bno reason (?:for me )?to (?:live|go on|keep going|"
        r"wake up|be here|stay alive)|\b(?:lost|losing|lose) (?:the|my|his|her) will to live\b|\b(?:tired|sick|done) of "
        r"(?:living|being alive|existing|life|this life|being here)\b|\bdone with (?:life|living|everything and everyone)\b(?! admin| insurance| coaching| lessons| stuff| "
        r"skills| hacks)"
        r"|\blife (?:isn't|is not|isnt|ain't) worth (?:living|it)\b|\bnot worth living\b|\bpointless to (?:live|go on)|"
        r"\b(?:no|running out of|ran out of|can't find (?:any|a)|can't think of (?:any|a)|lost (?:all )?(?:my )?|out "
        r"of) reasons? to (?:live|stay alive|be alive|keep going|go on|keep living|be here|wake up|stay)\b|\bwant "
        r"(?:it all|everything|all of (?:it|this)|my life|life) to (?:be over|end|stop)\b|\b(?:i|i'd|if i) (?:just )?"
        r"(?:didn't|did not|wouldn't|don't|could stop|stopped) exist(?:ing)?(?: anymore| any more| at all)?\b",
        "sounds like life feels pointless",
        negatable=False,
        upgrade="plan",
    ),
    _r(
        "better_off",
        "self_harm",
        "concern",
        r"\bbetter off (?:dead|without me|if i (?:was|were|wasn't|weren't|was not|were not|'m not|am not|died|"
        r"disappeared|was gone|were gone|never existed)|if i wasn't (?:here|around|alive)|with me gone|when i'm gone"
        r"|if i'm gone)|\b(?:everyone|everybody|you|they|the kids|my family|the world) (?:would|'d|will) (?:be )?"
        r"(?:happier|better) (?:without me|if i (?:was|were) gone)",
        "says others would be better off without them",
        negatable=False,
        upgrade="plan",
    ),
    _r(
        "never_wake",
        "self_harm",
        "concern",
        r"\b(?:go to sleep|fall asleep|sleep|close my eyes) and (?:never|not|don't|didn't) wake up\b|\bnot wake up "
        r"(?:again|tomorrow|ever)\b|\bnever wake up again\b|\b(?:disappear|vanish|stop existing|cease to exist)"
        r"(?: forever| for good| permanently| and never come back)\b|\b(?:want|need|wish) (?:it all|everything|"
        r"the pain|all of this|this) to (?:stop|end) (?:forever|for good|permanently)\b|\bwant (?:it all|everything"
        r"|all of it) to end\b|\bcan'?t (?:go on|keep going|do this) (?:anymore|any more|any longer)?\s*(?:living|"
        r"like this)?\b(?=.*\b(?:die|dead|end it|live|living|alive|exist)\b)",
        "talks about not waking up or disappearing for good",
        upgrade="plan",
    ),
    _r(
        "nobody_miss",
        "self_harm",
        "concern",
        r"\b(?:nobody|no one|noone|no-one) (?:would|will|'d|is going to|even) (?:even )?(?:miss me|notice if i "
        r"(?:was|were|'m) gone|notice if i (?:died|disappeared)|care if i (?:died|was gone|were gone|disappeared|"
        r"was dead|killed myself|wasn't here|wasn't around)|notice i'm gone|come to my funeral)",
        "says nobody would miss them",
        negatable=False,
        upgrade="plan",
    ),
    _r(
        "hurt_self",
        "self_harm",
        "concern",
        rf"\b(?:hurt|hurting|hurts|harm|harming|harmed|cut|cutting|cuts|burn|burning|burnt|burned|starve|starving|"
        rf"punish|punishing|scratch|scratching|hit|hitting|bang|banging) {_SELF}\b(?! (?:at|on|with|while|by|when|"
        r"during|doing|playing|lifting|running|shaving|cooking|chopping|slicing|opening|climbing|working out|"
        r"training|skating|skiing|falling|tripping|laughing|in the|accidentally|badly on|pretty bad on|on the|up"
        r"|off|out|over the|down|trying to open|fixing))|\bself[- ]?(?:harm|harming|harmed|injur(?:y|e|ed|ing)|"
        r"mutilat\w*)\b|\b(?:started|start|starting|back to|been|went back to|relapsed (?:and|into)?) (?:cutting|"
        r"self[- ]?harming)\b|\bcutting again\b|\b(?:relapsed|relapse|relapsing)\b(?=.{0,30}\b(?:cut|cutting|"
        r"self[- ]?harm\w*|burn\w*|hurt\w*)\b)|(?<!hair )(?<!finger )(?<!hand )\b(?:cut|burned|burnt) (?:myself )?"
        r"(?:again|last night|tonight|deeper)\b|\b(?:cut|cutting|slit|slitting|slice|slicing) (?:my|his|her|their)"
        r" (?:wrists?|arms?|thighs?|legs?|skin)\b",
        "mentions hurting themselves on purpose",
        upgrade="plan",
    ),
    _r(
        "burden",
        "self_harm",
        "concern",
        r"\b(?:i'm|i am|im|i feel like|i feel|i've become|feel like i'm) (?:just |such |nothing but |only )?(?:a |an )"
        r"?(?:burden|waste of (?:space|oxygen|air|life))\b(?! of| on (?:your|our|the|this|that) (?:\w+ )?(?:plans|weekend|"
        r"evening|day|schedule|budget|trip|holiday|party|night|morning|afternoon|time)| when i (?:ask|need))",
        "feels like a burden",
        negatable=True,
        upgrade="plan",
    ),
    _r(
        "not_around",
        "self_harm",
        "concern",
        r"\b(?:won't|will not|wont|am not going to|i'm not going to) be (?:around|here|alive) (?:much longer|for much "
        r"longer|for long|tomorrow|by (?:tomorrow|morning|the morning|monday|the weekend)|to see|after tonight|"
        r"anymore to|to bother)\b|\byou(?:'ll| will) (?:never|not) (?:have to )?(?:see|hear from|deal with|worry about)"
        r" me (?:again|ever again|anymore)\b(?=.*\b(?:gone|die|dead|end|goodbye|sorry|pain|forever|world)\b)|\byou "
        r"won't have to (?:deal with|worry about|put up with|see) me (?:much longer|for much longer|ever again)\b|"
        r"\b(?:this is|these are) my (?:last|final) (?:message|words|text|goodbye)\b|\b(?:tell|say goodbye to|say bye "
        r"to|kiss) (?:the kids|the children|everyone|my (?:mom|dad|family|kids|sister|brother)|mom|dad) (?:goodbye )?"
        r"for me\b|\bgoodbye (?:forever|for good|everyone)\b|\b(?:said|saying|say) (?:my )?(?:last )?goodbyes\b",
        "says goodbye as if they won't be here",
        negatable=False,
        past_ok=False,
        upgrade="always",
    ),
    _r(
        "means_pills",
        "self_harm",
        "urgent",
        r"\b(?:took|take|taken|taking|swallowed|swallow|swallowing|downed|ate|popped|gonna take|going to take) "
        r"(?:a |an )?(?:bunch|handful|handfull|load|lot|lots|bottle|box|pack|packet|whole (?:bottle|box|pack|"
        r"packet|strip)|all|too many|way too many|\d+|twenty|thirty|forty|fifty|ten|fifteen)(?: of)?(?: (?:my|the|his|her|"
        r"those|these|them))? ?(?:sleeping |pain ?|blood pressure |anxiety )?(?:pills|tablets|meds|medication|"
        r"medicine|painkillers|paracetamol|tylenol|ibuprofen|xanax|sleeping pills|insulin|antidepressants|"
        r"panadol|aspirin|oxy|oxys|percs|benzos)\b|\b(?:overdose|overdosed|overdosing|od'd|od'ed|od ing)\b|"
        r"\b(?:stockpil\w+|saving up|saving|saved up|hoard\w*|collecting|stashing|stashed|counting|counted out) (?:all )?"
        r"(?:my |the |his |her |up )?(?:sleeping |pain ?|anxiety |old )?(?:pills|tablets|meds|medication|painkillers)\b|"
        r"\b(?:pills|tablets|meds|razor|blades?|rope|gun)\b (?:are |is )?(?:all )?(?:counted(?: out)?|lined up|ready|"
        r"laid out|in front of me|in my hand|next to me|sorted out|on the table)\b|\b(?:have|got|counted|lined up|laid"
        r" out) (?:the|my|all the|all my|enough) (?:pills|tablets|meds|sleeping pills|painkillers)(?: counted| out| "
        r"ready| lined up| here)\b",
        "mentions taking a dangerous amount of medicine",
        upgrade="always",
    ),
    _r(
        "means_other",
        "self_harm",
        "urgent",
        r"\b(?:bought|buy|buying|got|have|tied|tying|made|making) (?:a |some )?(?:rope|noose)\b|\bnoose\b|"
        r"\b(?:know|knows|worked out|figured out|decided|planned|planning) (?:exactly )?(?:how|when|where) (?:i|he|she)"
        r"(?:'d|'ll|'m going to| would| will| am going to| is going to)? (?:do it|end it|go|kill)\b|\b(?:razor|blade|blades)\b(?=.*\b(?:myself|wrists?|arms?|cut|cutting|skin|bleed)\b)|"
        r"\b(?:gun|pistol|rifle) to my (?:own )?head\b|\benough (?:pills|tablets|meds|painkillers|sleeping pills|"
        r"insulin)\b|\b(?:engine|car) (?:running|on)\b(?=.{0,40}\b(?:garage|closed|hose|exhaust)\b)|\bin the "
        r"garage with the (?:engine|car) (?:running|on)\b|\b(?:hose|pipe) (?:on|to|from|into) the exhaust\b|"
        r"\b(?:googl\w*|search\w*|look\w* up|research\w*|read\w* about|find|found|looking for) (?:for )?"
        r"(?:painless |easy |quick |the best |good )?(?:ways|way|methods?|how) to (?:die|kill (?:myself|yourself)|"
        r"end (?:it|my life|it all)|commit suicide|overdose|od)\b|\b(?:suicide|goodbye) (?:note|letter)s?\b|\b(?:wrote|written|writing|left|leaving|finished) (?:a |my |"
        r"the )?(?:suicide |goodbye |last )?(?:note|letter)s? (?:for|to) (?:everyone|you all|my family|the kids|"
        r"my kids|my parents|mom|you)\b|\b(?:giving|gave|given|give) (?:away )?(?:all )?(?:of )?(?:my|her|his|their) "
        r"(?:stuff|things|belongings|possessions)(?: away)?\b|\b(?:giving|gave|given) away (?:all )?(?:my|of my) "
        r"(?:stuff|things|belongings|possessions)\b|\b(?:have|got|made|making) (?:a|the) plan\b(?=.*\b(?:die|"
        r"myself|end|dead|suicide|life|tonight|pills|it all)\b)",
        "mentions a way or a plan to end their life",
        upgrade="always",
    ),
    _r(
        "third_self_threat",
        "self_harm",
        "concern",
        rf"\b(?:{_REPORT}|threatened|threatens|threatening|keeps threatening|kept threatening) (?:to |that )?"
        r"(?:(?:he|she|they|he's|she's|they're)(?:'ll| will|'d| would| is going to| was going to| is gonna| 's "
        r"going to)? ?)?(?:kill|hurt|harm|end|cut) (?:himself|herself|themselves|themself|his (?:own )?life|her "
        r"(?:own )?life|their (?:own )?life)\b",
        "reports someone threatening to harm themselves",
        negatable=True,
        upgrade="intent",
    ),
)

SELF_HARM_EXTRA: tuple[Rule, ...] = (
    _r(
        "jump_or_stand",
        "self_harm",
        "urgent",
        r"\b(?:jump|jumping|throw myself|throwing myself|step|stepping|walk|walking|drive|driving) (?:off|from|in front of|"
        r"under|onto|into) (?:a |the |this |my car off )?(?:bridge|roof|building|train|tracks|balcony|cliff|bus|truck|"
        r"car|ledge|overpass|tower|top floor|river|sea|traffic|oncoming traffic|motorway|highway)\b|\b(?:standing|"
        r"sitting|i'm|i am|up|stood) on (?:the |a |top of (?:the|a) )?(?:bridge|roof|ledge|edge of the (?:roof|"
        r"bridge|cliff)|railing|tracks|balcony edge)\b|\b(?:going to|gonna|will|'ll|about to|want to|wants to|"
        r"thinking of|thinking about|might) jump\b(?! (?:in|into|on|at|to|ship|start|the|rope|for|around|up|out "
        r"at|through|over|back|high|right|straight|onto the|aboard|off the sofa))",
        "mentions jumping or a high place",
        hyperbole=True,
        past_ok=False,
    ),
    _r(
        "euphemism",
        "self_harm",
        "concern",
        r"\b(?:do|did|doing|done) (?:something|things|stuff) (?:bad |stupid |drastic |terrible )?to myself\b|"
        r"\b(?:i'll|i will|i might|i'm going to|i'm gonna|going to|gonna|afraid i'll|scared i'll|worried i'll|"
        r"might|could) (?:end up )?(?:do|doing) something (?:stupid|drastic|dangerous|permanent|i can't take "
        r"back)\b|\b(?:don't|do not) (?:try to |even try to |bother trying to )?(?:stop|find|look for|save) me\b"
        r"|\btonight'?s the night\b|\b(?:it|this) (?:will|'ll) all be over (?:soon|tonight|tomorrow)\b|"
        r"\b(?:i'm|i am) (?:so )?(?:ready|tired) to (?:go|leave this world|be gone|give up on life)\b|\bend "
        r"(?:the|my) pain (?:for good|forever|permanently)\b",
        "uses words that often hint at self-harm",
        hyperbole=True,
        upgrade="plan",
    ),
)

# Violence ----------------------------------------------------------------------------------------------------
# Inanimate or idiomatic subjects that make "hit me", "bit me", "pushed me" harmless.
_NOT_PERSON = (
    r"(?<!\bit )(?<!\bthat )(?<!\bthis )(?<!\breality )(?<!\bnews )(?<!\bidea )(?<!\bthought )(?<!\bsong )"
    r"(?<!\bcar )(?<!\bball )(?<!\bdoor )(?<!\bwave )(?<!\bdog )(?<!\bcat )(?<!\bpuppy )(?<!\bkitten )"
    r"(?<!\bmosquito )(?<!\bspider )(?<!\bhorse )(?<!\bbus )(?<!\bbike )(?<!\btruck )(?<!\bgrief )(?<!\bwhich )"
    r"(?<!\bjoke )(?<!\bline )(?<!\bmovie )(?<!\bshow )(?<!\bbook )(?<!\bsadness )(?<!\bloneliness )"
    r"(?<!\btruth )(?<!\bnostalgia )(?<!\bwhat )(?<!\bbranch )(?<!\bbaby )(?<!\btoddler )(?<!\bkid )"
    r"(?<!\bhangover )(?<!\bheat )(?<!\bwind )(?<!\bsun )(?<!\bbug )(?<!\bsnake )(?<!\bbee )(?<!\bwasp )"
)
VIOLENCE: tuple[Rule, ...] = (
    _r(
        "physical_act",
        "violence+abuse",
        "concern",
        rf"{_NOT_PERSON}\b(?:hit|hits|hitting|punch|punched|punches|punching|slap|slapped|slaps|slapping|kick|kicked|"
        r"kicks|kicking|smack|smacked|smacks|smacking|beat|beats|beating|beaten|shove|shoved|shoves|shoving|whack|"
        r"whacked|headbutt|headbutted|elbowed|stomped on|stomps on|tackled|spat on|spit on|spits on|pinched|socked|"
        r"clocked|thumped|battered|assaulted|attacked|kneed|body ?slammed|manhandled|roughed up|struck|strikes|"
        r"bit|bites|bitten|scalded) "
        rf"{_VICTIM}\b(?! back (?:later|when|soon|tomorrow|asap|in a|tonight|after)| later\b| asap\b| in a "
        r"(?:bit|sec|min)\b| with (?:a|the|some|that|this|his|her|those) (?:joke|question|news|truth|link|song|"
        r"pun|idea|fact|line|request|bill|guilt|surprise|compliment)| on (?:the|instagram|twitter|tiktok|facebook|"
        r"snapchat|social)| out of (?:bed|the (?:bed|room|group|chat|game|team|kitchen)|(?:my|our|his|her) (?:bed|room|seat|spot|chair))"
        r"| at (?:chess|cards|poker|scrabble|tennis|the game|mario|fifa|monopoly|arm|uno|pool|"
        r"darts|golf|pong|video games|everything|racing|running)| to (?:it|the punch)| in (?:a |the )?(?:race|game|"
        r"match|chess|argument|debate)| out of (?:the|a) (?:tournament|game|competition|group|chat|team|round))",
        "describes someone being hit or attacked",
        upgrade="recent",
        excludes=_PLAY,
    ),
    _r(
        "physical_act_mixed",
        "violence+abuse",
        "concern",
        r"\b(?:pushed|pushes|push|pushing|shoved|slammed|slams|threw|throws|dragged|drags|pinned|pins|shook|shakes|"
        rf"grabbed|grabs|yanked|yanks|kicked|kicks) {_VICTIM} (?:into|against|down(?! to)|onto|to the (?:floor|ground"
        r"|wall|bed)|off (?:the|a)|across|over the|out of (?:the )?(?:car|bed by|house by|window)\b|by (?:the|my|her|his) (?:throat|neck|hair|arms?|"
        r"wrists?|collar|shoulders?|face|jaw|legs?)|so hard|really hard|hard enough|until|around|so violently|"
        r"violently|roughly|and (?:shook|hit|punched|slapped|kicked|choked|screamed|threw|pinned|held))\b|"
        r"\b(?:grabbed|grabs|grabbing|twisted|twists|squeezed|yanked|pulled) (?:me |her |him )?(?:by )?(?:my|her|his) "
        r"(?:arm|arms|wrist|wrists|hair|throat|neck|face|jaw|shoulders?|collar) (?:so |really )?(?:hard|tight|"
        r"tightly|roughly|and|until|so|that|to)\b|\b(?:pulled|yanked|dragged) (?:me|her) (?:by|across|down)|"
        r"\b(?:threw|throws|throwing|hurled|chucked|flung) (?:a |the |his |her |my |an )?(?:\w+ ){0,2}(?:at|to"
        r"wards) (?:me|my head|my face|her|him|us|the kids)\b(?<!shade at me)(?<!a fit at me)(?<!party at me)"
        r"(?<!look at me)",
        "describes being pushed, grabbed or thrown at",
        upgrade="recent",
        excludes=_PLAY,
    ),
    _r(
        "hurt_physically",
        "violence+abuse",
        "concern",
        rf"\b(?:physically (?:hurt|hurts|hurting|harmed|attacked|abused|assaulted)|(?:hurt|hurts|hurting|harmed) "
        rf"{_VICTIM} physically|put (?:his|her|their) hands? on (?:me|her|him|you|the kids)|laid (?:a )?hands? on "
        r"(?:me|her|him|you|the kids)|lay (?:a )?(?:hand|finger) on (?:me|her|him|you|the kids)|raised (?:his|her|"
        r"their) (?:hand|fist|arm) (?:at|to|against|toward|towards|like he|like she) ?(?:me|her|him|you|the kids|"
        r"was going)?|get(?:s|ting)? physical with (?:me|her|him|you)|gets? (?:rough|violent) with (?:me|her|him|you"
        r")|(?:got|gets|getting|became|becomes|is|was|can be|gets really) (?:physically )?violent(?! (?:video|"
        r"games?|movies?|films?|shows?|storm|weather)))\b",
        "describes physical harm",
        upgrade="recent",
    ),
    _r(
        "strangle_weapon",
        "violence+abuse",
        "urgent",
        rf"\b(?:chok(?:e|ed|es|ing)|strangl(?:e|ed|es|ing)|throttl(?:e|ed|es|ing)|suffocat(?:e|ed|es|ing)|smother"
        rf"(?:ed|s|ing)?) {_VICTIM}\b(?! (?:up|on|with))|\b(?:hands?|fingers|arm) (?:around|round|on|across|"
        r"against) (?:my|her|his|your) (?:throat|neck)\b|\bby (?:the|my|her) (?:throat|neck)\b|\bcouldn't breathe\b"
        r"(?=.*\b(?:he|she|hands|neck|throat|pinned|held|choke|sat on)\b)|\b(?:pulled|held|pointed|waved|aimed|"
        r"brandished|came at (?:me|her|him) with|grabbed|got out|came at me with|threatened (?:me|her|him) with|"
        r"swung|picked up) (?:a|his|her|the|their|my|our|that) (?:gun|knife|knives|blade|kitchen knife|weapon|"
        r"bat|baseball bat|hammer|machete|pistol|rifle|shotgun|axe|crowbar|screwdriver|broken bottle)\b|\b(?:gun|"
        r"knife|blade) (?:to|at|against) (?:my|her|his|your) (?:head|throat|neck|chest|face|back|stomach)\b|"
        r"\b(?:stabbed|stab|stabs|stabbing|shot|shoot|shooting) (?:at )?(?:me|her|him|us|my (?:mom|dad|sister|"
        r"brother|son|daughter))\b(?! (?:a |an |down|up|dead|a look|a text|a message|an email|a glance|a dm))|"
        r"\btried to (?:kill|drown|strangle|choke|suffocate|smother|stab|shoot|run over|poison|burn) (?:me|her|him"
        r"|us|you|the kids)\b|\btried to run (?:me|her|him) (?:over|off the road)\b",
        "describes choking, a weapon or an attempt to kill",
        past_ok=False,
    ),
    _r(
        "threat_kill",
        "violence",
        "urgent",
        rf"\b{_I_WILL} (?:fucking |actually |literally |really |just |seriously |go |come (?:over|home) and )?"
        rf"(?:kill|murder|strangle|choke|stab|shoot|end|slit your throat|bury|drown) (?:you|u|her|him|them|that "
        rf"(?:\w+)|the (?:bitch|bastard|guy|girl|kids|baby)|your (?:\w+ )?(?:boyfriend|girlfriend|husband|wife|"
        r"mom|dad|family|sister|brother|friend|kids|new (?:boyfriend|girlfriend|man|woman))|everyone|us all|"
        r"all of you|{_KID_OR_PET})\b|\byou(?:'re| are| will be|'ll be) (?:a )?dead(?: (?:man|woman|meat))?\b"
        r"(?= (?:if|when|the moment|once|tonight|for this|after)|\s*$|\s*[.!])",
        "threatens to kill",
        excludes=_GAMES,
        hyperbole=True,
        past_ok=False,
    ),
    _r(
        "threat_hurt",
        "violence",
        "concern",
        rf"\b{_I_WILL} (?:fucking |actually |literally |really |just |seriously |come (?:over|home) and )?"
        rf"(?:hurt|hit|beat|smack|slap|punch|kick|break|smash|bash|batter|stab|deck|knock|cut|burn|beat the "
        rf"(?:shit|crap|hell) out of|rip|wreck) (?:you|u|her|him|them|(?:your|his|her|their|that \w+'s) (?:\w+ )?(?:face|head|skull|legs?|arms?|"
        r"neck|jaw|teeth|nose|fingers|bones|boyfriend|girlfriend|husband|wife|car|stuff|things|phone)|that \w+|"
        rf"{_KID_OR_PET}|everyone)\b(?! (?:at|in) (?:chess|cards|the game|fifa|mario|tennis|poker|golf|scrabble|"
        r"monopoly|pool|darts)| up\b| back (?:later|when|soon|tomorrow|asap|in a|tonight|after)| later\b| asap\b| in "
        r"a (?:bit|sec|min)\b| with (?:a|the|some|that|my) (?:text|call|message|email|question|joke|pillow|snowball)|"
        r" on (?:it|that|this)\b| off\b)|\b(?:see|watch) what happens to (?:you|your \w+|her|him)\b|"
        r"\bdon't make me (?:hurt|hit|slap|smack|punch|kill|come over there)\b|\byou(?:'re| "
        r"are) going to get (?:hurt|hit|what's coming)\b|\bwatch your back\b|\bi know where you (?:live|work|sleep|"
        r"are staying)\b|\byou (?:won't|will not) see (?:it|me) coming\b|\bi(?:'ll| will) make (?:you|him|her) "
        r"(?:pay|bleed|suffer|regret (?:it|this|that|ever))\b|\b(?:you're|you are) going to (?:regret|pay for) "
        r"(?:this|that|it)\b(?=.*\b(?:hurt|hit|kill|make sure|if you|face|door|find you)\b)|\b(?:you'll|you will|"
        r"you're going to) (?:wish you (?:were|was) dead|get what's coming)\b",
        "threatens to hurt someone",
        excludes=_GAMES,
        hyperbole=True,
        past_ok=False,
    ),
    _r(
        "threat_report",
        "violence",
        "concern",
        rf"\b(?:{_REPORT}|threatened|threatens|threatening|keeps threatening|kept threatening|warned) (?:me |her |him "
        rf")?(?:to |that )?(?:(?:he|she|they)(?:'d| would|'ll| will| is going to| was going to|'s going to|'s "
        rf"gonna| was gonna| might| could)? )?(?:kill|murder|hurt|hit|beat|stab|shoot|strangle|choke|break|smash|"
        rf"burn|slap|punch|kick|get|end|bury|destroy|drown|crash|run over|poison|shoot) (?:me|her|him|you|us|them|my (?:\w+ )?\w+|the (?:kids|"
        rf"baby|dog|cat|children)|{_KID_OR_PET}|everyone)\b(?! (?:at|in) (?:chess|cards|the game|tennis|golf|"
        r"pool|mario|fifa))|\b(?:threatened|threatens|threatening|threats) (?:to (?:hurt|kill|hit|beat|harm)|me|my (?:\w+ )?\w+|"
        r"her|him|my life|violence)\b|\bdeath threats?\b|\bthreatened (?:to|me) with (?:a )?(?:knife|gun|"
        r"violence|weapon)\b",
        "reports a threat of violence",
        negatable=True,
        hyperbole=True,
        upgrade="intent",
    ),
    _r(
        "going_to_kill_me",
        "violence",
        "concern",
        rf"\b(?:he|she|they|he's|she's|they're|he'll|she'll|they'll|he'd|she'd|my (?:husband|wife|partner|"
        rf"boyfriend|girlfriend|ex|fiance|fiancee))(?:'s| is| will|'ll| would|'d| was| are| might| could| is going "
        rf"to|'s going to|'s gonna| is gonna| was going to| were going to| actually| really)?(?: going to| gonna)? "
        rf"(?:actually |really |one day |probably |definitely )?(?:(?:find|track|hunt) (?:me|us|her) (?:down )?and "
        rf"|come (?:back |over |home |here )?(?:and|to) )?(?:kill|murder|hurt|seriously hurt|strangle|end|shoot|hit|"
        rf"stab) (?:me|us|her|him|the kids|{_KID_OR_PET})(?: one day| someday| eventually| this time| if| when| "
        r"next time|\b)",
        "fears someone will kill or hurt them",
        hyperbole=True,
        upgrade="intent",
    ),
    _r(
        "weapon_access",
        "violence",
        "urgent",
        r"\b(?:has|got|bought|keeps|owns|carries|hides|hid|keeps) (?:a |his |her )?(?:gun|guns|knife|knives|"
        r"weapon|weapons|pistol|rifle)\b",
        "mentions a weapon alongside a threat",
        requires=r"\b(?:use it on|threat\w*|kill|shoot|scared|afraid|terrified|point\w*|wav\w*|showed me|said "
        r"(?:he|she)'d|told me|on me|at me|under (?:his|her|the) pillow|by the bed|when (?:he|she)'s angry|"
        r"drunk|hurt)\b",
        past_ok=False,
    ),
    _r(
        "suffocation",
        "violence",
        "urgent",
        r"\b(?:pillow|hand|hands|bag|plastic bag|towel|blanket) (?:over|on|against) (?:my|her|his) (?:face|mouth|nose"
        r"|head)\b(?=.{0,40}\b(?:couldn't|can't|breathe|held|pressed|pushed|until|hard)\b)|\b(?:held|holds|holding|"
        r"pushed|pushes|pressed) (?:a |the |his |her )?(?:pillow|hand|bag|towel) (?:over|on|against) (?:my|her|his)"
        r" (?:face|mouth|nose)\b|\b(?:held|holds|holding|pushed|pushes) (?:me|her|my head|her head) (?:under|"
        r"down under) (?:the )?water\b",
        "describes stopping someone's breathing",
        past_ok=False,
    ),
    _r(
        "spit_degrade",
        "violence+abuse",
        "concern",
        r"\b(?:spat|spit|spits|spitting) (?:at|in|on) (?:me|my face|her face|her|him|his face)\b",
        "describes being spat on",
        upgrade="recent",
    ),
    _r(
        "hide_injuries",
        "violence+abuse",
        "concern",
        r"\b(?:hide|hiding|hid|cover|covering|covered|conceal|concealing|lie about|lied about|lying about) (?:up )?"
        r"(?:the |my |her |his )?(?:bruises?|marks|black eye|injuries|cuts on my (?:face|arms?))\b",
        "describes hiding injuries",
        upgrade="recent",
    ),
    _r(
        "blocked_exit",
        "violence+coercive_control",
        "concern",
        r"\b(?:blocked|blocks|blocking|stood in|stands in|stand in) (?:the )?(?:door|doorway|exit|front door|my way|"
        r"her way)\b(?! (?:in|at) (?:the )?(?:game|chess|traffic|meeting|shop))|\b(?:wouldn't|won't|didn't|doesn't|"
        r"refused to|refuses to) let (?:me|her) (?:leave|out|go)(?: of)?(?: the)?(?: (?:room|house|car|bathroom|"
        r"bedroom|kitchen|flat|apartment))?\b(?!.{0,20}\b(?:until (?:i|we) (?:finished|said|hugged|promised|"
        r"tried)|without (?:a hug|a kiss|breakfast|lunch|eating|dessert|a coat)))",
        "describes being kept from leaving",
    ),
    _r(
        "fear_of_partner",
        "abuse",
        "concern",
        r"\b(?:scared|afraid|terrified|frightened|fear|petrified) (?:of )?(?:what (?:he|she|they)(?:'ll|'d| will| "
        r"would| might| could) do(?: to (?:me|us|the kids|her|him))?|(?:he|she|they)(?:'ll|'d| will| would| might| "
        r"could| is going to|'s going to|'s gonna) (?:hurt|hit|kill|attack|snap|lose it|come back|find me|do "
        r"something)|to go home|to be (?:alone|home) with (?:him|her|them)|(?:of )?(?:my own )?(?:husband|wife|"
        r"partner|boyfriend|girlfriend|ex|stepdad|dad|father)(?!'s (?:reaction|health|job|family))|(?:of )?(?:him|her)"
        r"\b(?=\s*(?:[.,!;]|$|and\b|because\b|when\b|so\b|now\b|sometimes\b|too\b|honestly\b|lately\b|these days\b|"
        r"if\b|but\b|at times\b|[😢😔😞😟😰😨😭]))(?! (?:leaving|finding|getting|being|going|cheating|losing|thinking|not|dying|seeing|judging|breaking|"
        r"reading|knowing|hearing|moving|meeting|saying|telling|feeling|worrying|quitting|ending|calling|"
        r"forgetting|making|doing|missing|realizing|realising|noticing|changing|taking|drinking|relapsing|"
        r"spending|falling|drifting))|for my (?:life|safety)|for (?:my|our) kids'? safety|to (?:tell|leave) (?:him|"
        r"her|them))\b|\b(?:(?:i|we) (?:don't|do not|never|no longer) feel safe|(?:i'm|i am|we're|we are|i'm "
        r"not) (?:not )?safe) (?:at home|in my (?:own )?(?:home|house|bed)|with (?:him|her|them|my (?:husband|"
        r"wife|partner|boyfriend|girlfriend))|around (?:him|her|them)|in (?:this|our|my) (?:house|home|"
        r"relationship|marriage|flat|apartment)|here anymore)\b|\bunsafe (?:at home|with (?:him|her)|around "
        r"(?:him|her))\b|\b(?:walk|walking|walks) on eggshells\b(?=.*\b(?:scared|afraid|fear|terrified|hit|"
        r"temper|rage|explode|snap|violent|hurt)\b)|\b(?:hid|hide|hiding|locked myself) (?:from (?:him|her)|in "
        r"the (?:bathroom|bedroom|car|closet))\b",
        "describes being afraid of a partner or unsafe at home",
        negatable=True,
        upgrade="recent",
    ),
    _r(
        "intimidation",
        "violence",
        "concern",
        r"(?<!\bi )(?<!\bi've )\b(?:punched|punches|punching|kicked|kicks|smashed|smashes|smashing|broke|breaks|"
        r"breaking|threw|throws|throwing|slammed (?:his|her) fist (?:into|through)|put (?:his|her|a) fist through|"
        r"destroyed|destroys|ripped|tore|hit|hits|hitting|banged|banging|pounding|pounded|kicking down|kicked down|"
        r"broke down|broke in|busted) (?:a |the |my |our |his |her |a hole in the |holes in the |on the |on my )?"
        r"(?:wall|walls|door|doors|window|windows|bedroom door|bathroom door|front door|phone|laptop|tv|"
        r"plates|dishes|glass|glasses|mirror|furniture|stuff|things|everything|belongings|clothes|table)\b"
        r"(?!.{0,30}\b(?:by accident|accidentally|when (?:i|it) (?:dropped|fell)|while (?:moving|cleaning)|"
        r"lol|haha|playing|football|game))|\b(?:cornered|corners|blocked|blocks|blocking|stood in) (?:me|her|the "
        r"door|the doorway|my way)\b(?! (?:in|at) (?:the )?(?:game|chess|traffic|meeting))|\b(?:wouldn't|won't|"
        r"didn't|doesn't) let (?:me|her) (?:leave|out of) (?:the )?(?:room|house|car|bathroom|bedroom|kitchen)\b",
        "describes intimidating, destructive behaviour",
        upgrade="recent",
    ),
    _r(
        "injury",
        "violence",
        "concern",
        r"\b(?:bruises?|bruised|black eye|black eyes|split lip|fat lip|broken (?:rib|ribs|nose|arm|wrist|jaw|"
        r"finger|tooth|teeth|collarbone)|fractured|concussion|stitches|marks on my (?:neck|arms?|face|wrists?|"
        r"throat|legs?))\b(?=.*\b(?:he|she|they|him|her|his|husband|wife|partner|boyfriend|girlfriend|ex|dad|"
        r"stepdad|hide|cover|concealer|long sleeves|make-?up|lie about|lied about|tell people|pretend)\b)"
        r"(?!.{0,60}\b(?:football|soccer|rugby|hockey|gym|bike|skiing|skating|climbing|fell|fall|trip|tripped|"
        r"slipped|accident|match|game|training|surgery|sport|practice|tackle)\b)|\b(?:hide|hiding|hid|cover|"
        r"covering|covered|conceal|concealing) (?:up )?(?:the |my |her |his )?(?:bruises?|marks|black eye|"
        r"injuries)\b",
        "mentions injuries that may come from violence",
        upgrade="recent",
    ),
    _r(
        "pet_harm",
        "violence+abuse",
        "concern",
        rf"\b{_NOT_PERSON}(?:kicked|kicks|hit|hits|hurt|hurts|threw|throws|beat|beats|strangled|choked|drowned|"
        r"killed|poisoned|tortured) (?:the|my|our|her|his) (?:dog|cat|puppy|kitten|pet|pets|rabbit|hamster)\b",
        "describes harm to a pet",
        upgrade="recent",
    ),
    _r(
        "police_called",
        "violence",
        "concern",
        r"\b(?:neighbou?rs?|someone|they|i|we|my (?:mom|dad|sister|friend)) (?:called|had to call|rang|phoned) "
        r"(?:the )?(?:police|cops|911|999|000|112)\b(?=.*\b(?:he|she|him|her|screaming|fight|hit|yelling|shouting|"
        r"threw|hurt|door)\b)|\b(?:restraining|protection|protective) order\b|\b(?:banging|pounding|kicking|"
        r"smashing) (?:on )?(?:the|my|our) (?:door|window|windows)\b(?=.*\b(?:he|she|won't|scared|afraid|let "
        r"(?:him|her) in|open)\b)|\bbroke (?:down|into) (?:the|my|our) (?:door|house|flat|apartment|place)\b",
        "describes police, protective orders or someone breaking in",
        upgrade="recent",
    ),
)

# Abuse -------------------------------------------------------------------------------------------------------
_SEVERE_INSULT = (
    r"(?:worthless|a worthless \w+|useless|pathetic|disgusting|a whore|whore|a slut|slut|a cunt|cunt|a waste of "
    r"(?:space|oxygen|air|skin)|nothing|trash|garbage|unlovable|damaged goods|used goods|a fat pig|fat pig|a pig|retarded|a retard|"
    r"a piece of shit|a piece of garbage|a bitch|bitch|ugly|fat and ugly|a freak|vermin|a parasite|a failure|"
    r"a mistake|unlovable|filth|a dog|dirt)"
)
_MILD_INSULT = r"(?:stupid|dumb|an idiot|idiot|crazy|insane|a psycho|psycho|fat|a loser|loser|a moron|moron|mental|hysterical|an embarrassment)"
ABUSE: tuple[Rule, ...] = (
    _r(
        "abuse_word",
        "abuse",
        "concern",
        r"(?<!\bsubstance )(?<!\bdrug )(?<!\balcohol )(?<!\banimal )(?<!\bracial )(?<!\bonline )(?<!\bverbal "
        r"abuse from )\b(?:abus(?:e|es|ed|ing|ive|er|ers)|domestic violence|domestic abuse|intimate partner "
        r"violence|battered (?:wife|woman|women)|coercive control)\b(?! (?:of (?:power|the system|trust|"
        r"privilege|authority|process|position|alcohol|drugs|substances)|(?:the|my|your|his|her|their) "
        r"(?:system|power|position|privileges?|generosity|kindness|patience|credit card|trust|goodwill|hospitality|"
        r"phone|body with|authority)|alcohol|drugs|substances|statistics|awareness|charity|shelter (?:volunteer|"
        r"fundraiser)))",
        "names abuse directly",
        upgrade="recent",
    ),
    _r(
        "degrading_report",
        "abuse",
        "concern",
        rf"\b(?:calls|called|calling|call|tells|told|telling|says|said|saying|keeps calling|keeps telling|"
        rf"keeps saying|reminds|reminded|(?:screams|screamed|yells|yelled|shouts|shouted|texts|texted|screaming|"
        rf"yelling|shouting) at) (?:me|her|him|us|everyone|people|everybody|his friends|her friends|the kids|my "
        rf"(?:friends|family|kids))(?: that)? (?:i'm|i am|she's|she is|he's|he is|that i'm|that "
        rf"she's|that i am|that i was|i was|she was|we're|that we're)? ?(?:a |an |so |just |nothing but |such a |"
        rf"completely |totally )?{_SEVERE_INSULT}\b(?! (?:of|about|at|to|but)\b)",
        "reports being called degrading names",
        upgrade="recent",
    ),
    _r(
        "degrading_report_frequent",
        "abuse",
        "concern",
        rf"\b(?:calls|called|calling|tells|told|says|keeps calling|keeps telling|reminds) (?:me|her|him) (?:i'm |"
        rf"she's |he's |that i'm |i am )?(?:a |an |so |just )?{_MILD_INSULT}\b(?=.*\b(?:every (?:day|night|time|"
        r"single)|all the time|constantly|always|in front of|daily|nonstop|non-stop|whenever|over and over|"
        r"(?:\w+ )?times a (?:day|week)|no one|nobody|won't believe|crazy)\b)",
        "reports being put down again and again",
        upgrade="recent",
    ),
    _r(
        "degrading_direct",
        "abuse",
        "concern",
        r"\b(?:you're|you are|your|youre|she's|she is|he's|he is) (?:absolutely |completely |totally |fucking |"
        r"just |nothing but |such )?(?:nothing|worthless|a waste of (?:space|oxygen|air|skin)|unlovable|damaged goods|"
        r"used goods|a "
        r"worthless \w+|a mistake|vermin|a parasite)(?: without me)?\b(?! (?:to worry|compared|like|of|to "
        r"(?:be|me|do))\b)|\bno (?:one|man|woman|guy|girl|body)(?: else)? (?:will|would|could|is going to|is "
        r"ever going to)? ?(?:ever )?(?:want|love|believe|put up with|date|hire|marry|touch|care about) (?:you|her|"
        r"him|me)\b(?!.{0,20}\b(?:like (?:i do|me)|the way i do|more than i do|as much)\b)|\bnobody (?:will|"
        r"would|could)? ?(?:ever )?(?:want|love|believe|put up with) (?:you|her|him|me)\b|\byou(?:'re| are) "
        r"lucky (?:i|anyone) (?:even )?(?:puts? up with|stays? with|stay|want|love|touch)\b|\b(?:i'm|i am|"
        r"she's|he's) lucky (?:he|she|they|anyone) (?:even )?(?:puts up with|stays with|wants|loves|put up with)"
        r" me\b",
        "puts someone down so they feel worthless or trapped",
        upgrade="recent",
    ),
    _r(
        "blame_violence",
        "abuse",
        "concern",
        r"\b(?:look what you made me do|you made me (?:do (?:it|this|that)|hit|hurt|push|slap|punch|lose it|snap)|"
        r"you (?:deserved|deserve|deserves|asked for) (?:it|that|what you got|to be (?:hit|hurt|slapped|punished"
        r"|beaten)|a beating|a slap|to get (?:hit|hurt|slapped))|(?:he|she) (?:says|said|tells me|told me) i "
        r"(?:deserved|deserve|asked for|made (?:him|her) do) (?:it|that|this)|i deserved (?:it|what (?:he|she) "
        r"did)|(?:it's|its|it was) my fault (?:he|she) (?:hit|hits|hurt|hurts|pushed|slapped|gets angry|got "
        r"violent|lost it))\b",
        "blames the victim for violence",
        upgrade="recent",
    ),
    _r(
        "tell_die",
        "abuse",
        "concern",
        r"\b(?:kill yourself|kill urself|go kill yourself|go die|go and die|drop dead(?! gorgeous| sexy| "
        r"beautiful)|(?:i|we) hope you (?:die|get hit|rot|suffer|get cancer|choke)|you should (?:die|kill "
        r"yourself|just die|go die)|(?:the )?world (?:would be|is) better (?:off )?without you|do us all a favou?r "
        r"and die|nobody would miss you|no one would miss you|(?:i|we) wish you (?:were|was) dead)\b",
        "tells someone to die or harm themselves",
        hyperbole=True,
        past_ok=False,
    ),
    _r(
        "sexual",
        "abuse",
        "concern",
        r"\b(?:rap(?:e|ed|es|ing|ist)|sexually (?:assaulted|abused|harassed|coerced)|sexual (?:assault|abuse|"
        r"coercion|violence)|molest(?:ed|s|ing|ation)?|grop(?:e|ed|es|ing)|marital rape|non-?consensual|"
        r"without (?:my|her|his) consent|(?:didn't|did not|never|couldn't) (?:give |gave )?consent|didn't "
        r"consent)\b(?! (?:seed|field|kit (?:volunteer|training)|awareness))|\b(?:forced|forces|forcing|"
        r"pressured|pressures|pressuring|coerced|coerces|guilted|guilts|guilt-trips|made|makes|making) (?:me|her|"
        r"him) (?:into |to )?(?:have sex|sex|sleep with|do (?:sexual |stuff |things |it )(?:(?:things|stuff) )?(?:that )?(?:i|she|"
        r"he) (?:didn't|don't|doesn't|did not|do not) want|do (?:sexual|intimate) (?:things|stuff|acts)|(?:into )?(?:doing )?(?:sexual|oral)|do it when "
        r"(?:i|she)|perform|watch porn|send (?:nudes|pics|naked)|touch (?:him|her))|\bforced (?:himself|herself)"
        r" (?:on|onto) (?:me|her|him)\b|\b(?:touched|touches|touching|had sex with|sex with|groped|undressed) "
        r"(?:me|her|him)? ?(?:while|when) (?:i|she|he) (?:was|were|am|is) (?:asleep|sleeping|passed out|drunk|"
        r"unconscious|blacked out|too drunk|out of it)\b|\b(?:didn't|did not|wouldn't|would not|won't|doesn't|"
        r"does not|never) (?:stop|listen)(?: even)? (?:when|after|though|even though) (?:i|she|he) (?:said|say|"
        r"says|told (?:him|her)|begged|cried|screamed|asked) (?:no|stop|to stop|(?:him|her) to stop)\b|\b(?:won't|"
        r"doesn't|didn't|wouldn't) take no for an answer (?:about|when it comes to|in bed|with) (?:sex|it)\b|"
        r"\bsex (?:when|even when|even though) i (?:said|say|don't want|didn't want|was crying)\b|\b(?:did|does|do|"
        r"doing|done) (?:things|stuff|something|sexual things) to (?:me|her|him) (?:while|when) (?:i|she|he) (?:was|"
        r"were|am|is) (?:asleep|sleeping|drunk|passed out|unconscious|out of it|too drunk)\b|\b(?:touched|touches|"
        r"touching|fondled|fondles|abused|interfered with) (?:me|her|him)(?: inappropriately)? (?:when|while) "
        r"(?:i|she|he) (?:was|were) (?:little|a kid|a child|young|small|younger|\d+|eight|nine|ten|eleven|twelve|"
        r"thirteen|fourteen|a teenager|a teen)\b|\btouch(?:ed|es|ing)? (?:me|her|him) inappropriately\b",
        "describes sexual harm or sex without consent",
        upgrade="recent",
    ),
    _r(
        "image_abuse",
        "abuse+coercive_control",
        "concern",
        r"\b(?:post|posts|posted|posting|share|shares|shared|sharing|send|sends|sent|sending|leak|leaks|leaked|"
        r"leaking|show|shows|showed|showing|spread|spreads|release|upload|uploaded|put up|expose) (?:all )?"
        r"(?:of )?(?:my|your|her|his|the|our|those|them|these|that) ?(?:private |intimate |naked |nude |sexy |"
        r"explicit |sex )?(?:nudes|naked (?:pics|photos|pictures|videos?|selfies)|nude (?:pics|photos|pictures|"
        r"videos?)|intimate (?:pics|photos|pictures|videos?|images)|sex tape|sex video|private (?:pics|photos|"
        r"pictures|videos?)|explicit (?:pics|photos|pictures|videos?))\b|\brevenge porn\b|\b(?:threaten(?:s|ed|"
        r"ing)?|blackmail(?:s|ed|ing)?) (?:me |her |him )?(?:to|with) (?:post|share|send|leak|show|spread|"
        r"release|expose|upload)? ?(?:my|her|his|the|our|your|those|these|them|some)? ?(?:private |intimate |naked |"
        r"nude |sexy |sex )?(?:nudes|pics|photos|pictures|videos?|sex tape|recordings?)\b",
        "mentions sharing intimate images without consent",
        negatable=True,
        past_ok=False,
    ),
)

_BLACKMAIL_MEDIA = (
    r"\b(?:i'll|i will|i'm going to|i'm gonna|ill|i can|i could) (?:send|post|show|share|leak|forward|upload|"
    r"spread) (?:those|these|the|your|my|all the|all your|all those|that|our) (?:\w+ )?(?:pics|photos|pictures|"
    r"videos?|screenshots|messages|texts|nudes|recordings?|chats)\b|\b(?:i'll|i will|i'm going to|i'm gonna|ill) "
    r"(?:share|send|post|leak|show|forward|spread|upload) (?:the ones|them|those ones|the rest|it all|everything) "
    r"(?:i have|i've got|i saved|i kept)\b"
)

# Coercive control --------------------------------------------------------------------------------------------
CONTROL: tuple[Rule, ...] = (
    _r(
        "not_allowed",
        "coercive_control",
        "concern",
        rf"\b(?:won't|will not|wont|doesn't|does not|don't|do not|didn't|did not|never|wouldn't|would not|refuses to|"
        rf"refused to|stopped|stops|can't|cannot) (?:ever |even |really |always )?(?:let|allow|permit|lets|"
        rf"allows|letting) (?:me|her|him|you|us) (?:to )?(?:{_DO_SOCIAL} {_SOCIAL}|{_INDEPENDENT}|out\b|go\b|have "
        rf"(?:a |my |any |her |his |your )?(?:own )?(?:money|friends|phone|car|job|bank account|card|keys|"
        r"passport|space|privacy|password|life)|see (?:anyone|anybody|my|her|his|your|them|friends|family)|talk "
        r"to (?:anyone|anybody|other|my|her|his|your|friends|family|men|women|guys|girls))|\b(?:"
        # "I'm allowed to see people" claims a freedom; only "not / only / barely / never allowed" denies one.
        rf"(?:i'm|i am|she's|she is|he's|he is|we're|we are|you're|you are|your|i was|she was|he was|i'm still) "
        rf"(?:(?:even|ever|really|still|just) )?(?:not|only|barely|never|no longer) |"
        rf"(?:i'm no longer|wasn't|isn't|aren't|ain't|am not|i've never been|never) "
        rf"(?:not |even |ever |really |still |only |just |barely )?)allowed "
        rf"(?:to )?(?:{_DO_SOCIAL} {_SOCIAL}|{_INDEPENDENT}|out\b|have (?:a |my |any |her |his |your )?(?:own )?"
        r"(?:money|friends|phone|car|job|bank account|card|keys|passport|password|life|social media)|see "
        r"(?:anyone|anybody|my|her|his|your|them|friends|family|him|her)|talk to (?:anyone|anybody|other|my|her|"
        r"his|your|friends|family|men|women|guys|girls)|(?:go|be) anywhere|leave|look at|post|wear|spend|work|"
        r"drive|lock|text|call)\b(?!.{0,30}\b(?:at work|at school|in class|by "
        r"(?:the|my) (?:doctor|boss|school|teacher|landlord|company|hospital|airline|gym|policy)|because of "
        r"(?:covid|the|my) (?:lockdown|rules|policy|surgery|doctor|contract)|during (?:the )?(?:exam|test|"
        r"lockdown|flight)|in (?:the )?(?:hospital|building|library|museum|office|exam|lab))\b)",
        "describes someone being stopped from seeing people or living their own life",
        negatable=False,
        excludes=r"\b(?:doctor'?s?|orders|diet|allergic|allergy|building|landlord|lease|policy|nda|contract|rules|"
        r"hr|company|school|teacher|coach|hospital|airline|flight|exam|pool|museum|library|prescription|medication"
        r"|surgery|pets?|covid|quarantine|lockdown|visa|court|judge|probation|my (?:kids|son|daughter|toddler)|"
        r"as a (?:kid|child|teen|teenager)|growing up|when i was (?:a kid|little|young|younger|a teen)|sleepovers?|"
        r"the (?:kids|baby)|test|blood test|fasting|appointment|procedure|scan|operation|braces|until i was|my "
        r"(?:mom|dad|mother|father|parents) (?:never|wouldn't|didn't|won't)|trainer|physio|instructor)\b",
    ),
    _r(
        "permission",
        "coercive_control",
        "concern",
        r"\b(?:need|needs|have to|has to|had to|must|make me|makes me|made me|making me) (?:to )?(?:(?:ask|get|beg) "
        r"(?:for )?)?(?:his|her|their) (?:permission|approval|ok|okay|consent|sign-off)\b(?! (?:for|on) (?:the )?"
        r"(?:budget|project|report|leave request|holiday request|design|invoice|proposal|expenses?))|(?:ask|asking|asked|beg|"
        r"begging) (?:him|her|them) (?:for )?(?:permission|for money) (?:to|before|for|every)|\byou (?:need|have "
        r"to|must) (?:get |ask for |ask )?my permission\b|\bwithout my permission\b(?=.*\b(?:you|you're)\b)(?=.*\b"
        r"(?:go|see|leave|spend|talk|text|wear|out)\b)|\b(?:i|he|she) forbid(?:s|de)? (?:you|me|her|him)\b|\b"
        r"(?:forbids|forbade|forbidden|bans|banned) (?:me|her|him|you) (?:from|to)\b|\byou're forbidden\b|\bdecides?"
        r" (?:who|what|where|when|how much) (?:i|she|he) (?:can|get to|am allowed|is allowed|see|wear|eat|go|"
        r"spend|talk)\b|\btells? me (?:what|who) (?:to wear|i can (?:wear|see|talk|eat|text)|i'm allowed|to eat|"
        r"i can and can't)\b|\bpicks (?:out )?(?:my|her) clothes\b(?=.*\b(?:every|won't|makes|allowed|let)\b)|"
        r"\b(?:gives|gave|set|sets) (?:me|her) a curfew\b",
        "describes needing permission to live one's own life",
        negatable=True,
    ),
    _r(
        "monitoring",
        "coercive_control",
        "concern",
        rf"(?<!\bi )(?<!\bi always )(?<!\bi sometimes )(?<!\bi just )(?<!\bi kept )(?<!\bi keep )(?<!\bi was )"
        rf"(?<!\bi'm )(?<!\bi've been )(?<!\bi'd )\b(?:goes|go|going|went|gone|looks|looking|"
        rf"looked|checks|check|checking|checked|reads|read|reading|searches|searched|search|snoops|snooped|"
        rf"snooping|scrolls|scrolled|scrolling|combs|combed|inspects|inspected|monitors|monitored|monitoring|"
        rf"demands to see|demanded to see|wants to see|makes me show (?:him|her)|made me show (?:him|her)|insists "
        rf"on (?:seeing|checking|reading)|goes thru|go thru) (?:through |at |in )?(?:all )?(?:of )?(?:my|her|his|"
        rf"your) {_DEVICE}\b",
        "describes someone checking a partner's phone or messages",
        negatable=True,
        requires=r"\b(?:every|always|constantly|all the time|whenever|each|nightly|daily|while (?:i|she|he) "
        r"(?:was|is|sleep|shower)|demands?|makes?|made|insists?|passcode|password|unlock|hand it over|(?:won't|"
        r"wouldn't) let|again|not allowed|no privacy|night|morning|before bed|keeps|kept|still|obsessively|"
        r"secretly|behind my back|without asking|or else|from now on|i'll be|i will be|going to be|checks|goes|"
        r"reads|searches|snoops|monitors|combs|scrolls)\b",
        excludes=r"\b(?:can you|could you|would you|please|for me\?|died|dead|battery|lost|broken|found my)\b",
    ),
    _r(
        "confinement",
        "abuse+coercive_control",
        "concern",
        r"\b(?:locked|locks|locking) (?:me|her|him) (?:in|inside|out of the house|out all night|in the|out in the)"
        r"\b(?! (?:the )?(?:group|chat|account|game|server|loop))|\bkept (?:me|her) (?:locked )?(?:in|inside) "
        r"(?:the|my|our) (?:house|room|flat|apartment|bedroom|basement)\b|\b(?:makes|made|forces|forced) (?:me|her|"
        r"him) (?:to )?(?:sleep|stand|kneel|sit|stay|wait|eat)\b[^.!?]{0,40}\b(?:as (?:a )?punishment|to punish|"
        r"for hours|outside|on the floor|in the car|in the cold)\b|\b(?:to punish me|as (?:a )?punishment)\b"
        r"(?=.{0,40}\b(?:he|she|makes|made|locks|locked|won't|silent|food|sleep|floor)\b)",
        "describes being confined or punished",
    ),
    _r(
        "tracking",
        "coercive_control",
        "concern",
        r"\b(?:track|tracks|tracking|tracked|monitor|monitors|monitoring|monitored|spy|spies|spying|spied|stalk|"
        r"stalks|stalking|stalked|watches|watched|watching) (?:on )?(?:me|her|him|my|where i|where she|everywhere i"
        r"|every(?:thing)? i|who i|my every)\b(?! (?:on (?:instagram|twitter|tiktok|facebook|social|insta|"
        r"snapchat|youtube)|play|cook|sleep|dance|grow|while i (?:cook|sleep|play|work out)|do (?:my )?(?:makeup|"
        r"hair|yoga)|(?:stories|story)))(?=.*\b(?:location|phone|app|move|moves|movements|go|goes|every|all the "
        r"time|car|work|where|who|spending|always|constantly|messages|texts|calls|steps|minute|gps|camera|"
        r"cameras)\b)|\b(?:airtag|air tag|tracker|tracking app|tracking device|spyware|stalkerware|keylogger|"
        r"hidden camera|find my (?:iphone|friends|phone)|life360|gps tracker)\b(?=.*\b(?:my|her|his|your|car|bag|"
        r"phone|put|installed|hid|found|secretly|without)\b)|\b(?:share|sharing|shares|shared|turn on|turn "
        r"(?:your|my) location (?:back )?on|keep) (?:my|your|her|his) (?:live )?location\b(?=.*\b(?:make|makes|made|"
        r"have to|has to|demand|demands|always|all the time|or else|at all times|24/7|or|must|need to|needs to|"
        r"insist|insists|every|won't|freaks out|gets angry)\b)|\b(?:why (?:is|did you turn|did you switch)|you "
        r"turned) (?:your|ur) location (?:off|is off)\b|\blocation (?:is )?off\b(?=.*\b(?:why|or else|better|"
        r"turn it)\b)|\bfollow(?:s|ed|ing)? (?:me|her) (?:to work|to (?:my|her) (?:work|job|office|class|"
        r"friend's|friends|gym)|home from|everywhere|around town|when i go out)\b|\b(?:shows?|showed|showing|"
        r"turns?|turned|turning) up (?:at|to) (?:my|her) (?:work|job|office|gym|school|friend's|friends'?|"
        r"parents'|class|house)(?: \w+)? (?:uninvited|unannounced|to check|to see (?:who|if|what)|to make sure|"
        r"every|again|all the time|without)\b|\b(?:texts|calls|rings|phones|messages|texting|calling|ringing|messaging|texted|called|rang) (?:me|her) (?:\d{2,}|"
        r"dozens of|fifty|a hundred|hundreds of|twenty|thirty|forty|nonstop|non-stop|constantly|every (?:\d+|"
        r"few|five|ten|fifteen|twenty|thirty) (?:minutes|mins|min)|over and over)\b(?=.*\b(?:where|who|why|"
        r"times|answer|pick up|until|if i|when i|out|check|minutes|mins)\b)|\b(?:wants|needs|has|have|demands|"
        r"insists|expects|needs|must|got) (?:me )?to know (?:where i am|where i'm going|where you are|who i'm with|"
        r"who you're with|who i'm (?:talking|texting)|who you're (?:talking|texting)|where she is|where she's "
        r"going|every move|my every move|everything i do|everywhere i go)(?: \w+){0,2} ?(?:at all times|every "
        r"(?:second|minute|hour)|all the time|constantly|24/7|always|or else|every time)\b|\bchecks? (?:up )?on "
        r"(?:me|her) (?:every (?:\d+ |few |five |ten |half )?(?:minutes?|mins?|hours?|hour)|constantly|all day|"
        r"nonstop|\d+ times)\b|\b(?:times|timing|timed) (?:me|her|how long (?:i|she))\b(?=.*\b(?:shop|store|"
        r"out|gone|home|work|bathroom|shower|minutes)\b)",
        "describes tracking, stalking or constant checking",
        negatable=True,
        excludes=r"\b(?:budget|fitness|steps|sleep tracker|period|calorie|strava|fitbit|watch|flight|flights|package|"
        r"parcel|delivery|order|spending app|app tracks my spending|habit|mood|workouts?)\b",
    ),
    _r(
        "passwords",
        "coercive_control",
        "concern",
        r"\b(?:wants|want|demands|demand|demanded|asks for|asked for|made me give (?:him|her)|makes me give (?:him|"
        r"her)|has|knows|took|takes|changed|changes|insists on having|needs|need|have) (?:all )?(?:of )?(?:my|your|"
        r"her|his|ur) (?:passwords|passcodes|password|passcode|pin|pins|logins?|login details)\b(?=.*\b(?:every|"
        r"all|won't|check|checks|demand|make|makes|made|or|because|so (?:he|she|i) can|need|needs|now|right "
        r"now|accounts|changed)\b)|\bgive me (?:your|ur|all your) (?:phone|passwords?|passcodes?|pin|logins?)\b"
        r"(?=.*\b(?:now|or|right|check|see|so i can|unlock|who)\b)|\b(?:unlock|hand over|hand me) (?:your|ur) "
        r"phone\b(?=.*\b(?:now|or|right|check|see|so i can|who)\b)|\b(?:i'll|i will|i'm going to|i'm gonna) "
        r"(?:be )?(?:checking|check|go through|read|going through) (?:your|ur) (?:phone|messages|texts|emails|"
        r"dms|email)\b|\bi need to (?:see|check) (?:your|ur) (?:phone|messages|texts)\b",
        "describes demanding passwords or a partner's phone",
        negatable=True,
    ),
    _r(
        "money_control",
        "coercive_control",
        "concern",
        r"\b(?:takes|took|taking|steals|stole|keeps|kept) (?:all |the whole |her whole |my whole |every penny of )?(?:of )?"
        r"(?:my|her) (?:paycheck|paycheque|wages|salary|earnings|benefits|income|pay|whole paycheck|student loan)\b|"
        r"\b(?:controls|control|controlled|controlling|manages all|takes|took|taking|keeps|kept|holds|has|confiscated"
        r"|confiscates) (?:all )?(?:of )?(?:my|her|his|the|our) (?:money|finances|paycheck|paycheque|pay|payslip|"
        r"wages|salary|earnings|bank cards?|debit cards?|credit cards?|cards|bank account|benefits|savings|"
        r"income)\b(?=.*\b(?:have to ask|won't|doesn't let|not allowed|allowance|every|all|ask|permission|"
        r"beg|can't|i have no|access|without|so i can't|so she can't|gives me|explain|justify|account for|"
        r"receipts?|penny|cent|dollar|pound)\b)|\b(?:gives|gave|give) (?:me|her) (?:an|a weekly|a monthly|"
        r"a small|a tiny) (?:allowance|pocket money)\b|\b(?:have|has|had) to (?:ask|beg) (?:him|her|them) for "
        r"(?:money|cash|every|the car|gas money|grocery money)\b|\baccount for every (?:penny|cent|dollar|pound|"
        r"euro|rupee|purchase|receipt)\b|\bchecks? every (?:receipt|purchase|transaction|penny)\b|\bmade (?:me|"
        r"her) (?:quit|leave|give up) (?:my|her) (?:job|work|studies|course|degree|career)\b|\b(?:cut|cuts|"
        r"cutting) off (?:my|her) (?:card|cards|money|access to|phone|allowance|credit)\b|\b(?:took|takes|"
        r"taken|hid|hides|hiding|hidden|keeps|kept|destroyed|confiscated|locked up) (?:away )?(?:my|her) "
        r"(?:car keys|keys|passport|phone|id|documents|visa|papers|birth certificate|medication|meds|"
        r"charger|sim card)(?: away)?\b(?!.{0,15}\b(?:by accident|accidentally|by mistake|lol|haha|again\?))"
        r"(?=.*\b(?:so|can't|couldn't|won't|wouldn't|to stop|to keep|from|until|every|when|if|because|"
        r"punish)\b)|\byou're not getting (?:any )?(?:money|a penny|a cent|the car|your phone|your keys)\b",
        "describes control over money, documents or keys",
        negatable=True,
    ),
    _r(
        "isolation",
        "coercive_control",
        "concern",
        r"\b(?:cut|cuts|cutting) (?:me|her|him) off from (?:my|her|his|all|everyone|everybody|friends|family)|"
        r"\bisolat(?:e|es|ed|ing) (?:me|her|him)\b|\b(?:had|have|'ve had|has|having) to stop (?:seeing|talking "
        r"to|going out with|visiting|calling|texting|hanging out with) (?:my|her|his|all my|all her) (?:friends|family|"
        r"sister|brother|mom|dad|parents|mates|best friend)\b|\b(?:made|makes|making|forced|forces|pressured) (?:me|her|him) "
        r"(?:to )?(?:stop (?:seeing|talking to|going)|cut off|cut ties with|block|unfriend|unfollow|delete|drop|"
        rf"choose between (?:him|her) and|move away from|leave) {_SOCIAL}|\b(?:gets|got|get|becomes|goes) "
        r"(?:really |so |super )?(?:angry|mad|furious|violent|crazy|nasty|scary|cold|jealous and mean) (?:every "
        r"time|whenever|when|if) (?:i|she|he) (?:see|sees|talk|talks|text|texts|go|goes|hang|hangs|visit|visits|"
        r"call|calls|spend|spends|meet|meets|want to see) (?:to )?(?:out with )?(?:with )?(?:time with )?(?:my|her|his|a|"
        r"any|other|another) (?:friends?|family|sister|brother|mom|dad|parents|mates|girls|guys|coworkers|colleagues|"
        r"male friends|female friends|women|men|woman|man|guy|girl)\b(?=.*\b(?:so|stopped|don't|anymore|punish|silent|scared|can't|won't|weeks|days|never|"
        r"isolat\w*|rage|screams|smash|threat|hurt)\b)|\b(?:i|she|he) (?:don't|doesn't|can't|never|barely|hardly)"
        r" (?:get to )?(?:see|talk to|speak to) (?:my|her|his) (?:friends|family|sister|brother|mom|dad|parents|"
        r"mates) (?:anymore |any more )?(?:because|since|cause) (?:of )?(?:him|her|he|she|my (?:husband|wife|"
        r"partner|boyfriend|girlfriend))\b|\b(?:moved|moving) (?:me|us) (?:away|far away|hours away) from "
        r"(?:my|everyone|all my) (?:\w+ )?(?:friends|family)\b(?=.*\b(?:so|on purpose|made|insisted|alone|no one"
        r")\b)|\b(?:locked|locks|locking) (?:me|her|him) (?:in|out|inside)\b(?! of (?:the )?(?:group|chat|account|"
        r"game|server))|\bkept (?:me|her) (?:locked )?(?:in|inside) (?:the|my|our) (?:house|room|flat|apartment|"
        r"bedroom)\b",
        "describes being cut off from other people",
        negatable=True,
    ),
    _r(
        "threat_control",
        "coercive_control",
        "concern",
        r"\b(?:threaten(?:s|ed|ing)?|keeps threatening|kept threatening|says (?:he|she)(?:'ll| will)|said "
        r"(?:he|she)(?:'d| would)) (?:to )?(?:take (?:the kids|my kids|the children|the baby|our kids|custody|"
        r"everything|my kids away|the kids away)|call (?:immigration|ice|the home office|cps|social services|the "
        r"police on me)|(?:have|get) me deported|report me|kick (?:me|us|her) out|throw (?:me|us|her) out|leave me"
        r" with nothing|tell (?:everyone|my (?:family|boss|parents|work|friends|kids))|out me|ruin (?:me|my "
        r"life|my career|her)|hurt (?:the (?:dog|cat|kids)|my (?:dog|cat|family|kids))|take away (?:my|the)|"
        r"leave (?:me )?if i (?:see|go|talk|text|don't)|cut me off|stop paying|get rid of (?:the|my) "
        r"(?:dog|cat))\b|\b(?:i'll|i will|i'm going to|i'm gonna|ill) (?:take|keep) (?:the kids|the children|"
        r"the baby|our kids|my kids)(?: away)?(?: and| so)? (?:you(?:'ll| will)? (?:never|not) see|from you|you "
        r"won't see)|\byou(?:'ll| will) never see (?:the kids|your kids|the children|the baby|your children|"
        r"them) again\b|\b(?:i'll|i will|i'm going to|i'm gonna|ill) (?:tell|show|send|post|expose|forward|"
        r"out) (?:everyone|everybody|your (?:boss|family|parents|mom|dad|kids|wife|husband|friends|work)|the "
        r"(?:screenshots|messages|texts|photos|pics|pictures|video|recordings?)|your (?:secret|messages|texts))\b"
        r"(?=.*\b(?:if|unless|or|until|don't|didn't|won't)\b)|\b(?:i'll|i will|i'm going to) (?:make your life"
        r"|make sure your life is) (?:a )?(?:living )?hell\b|\bi(?:'ll| will) (?:report you|call (?:immigration|"
        r"ice|the home office)|have you deported|get you deported)\b",
        "describes threats used to control someone",
        negatable=True,
        past_ok=False,
    ),
    _r(
        "ultimatum",
        "coercive_control",
        "concern",
        r"\bif you (?:ever )?(?:even )?(?:go out|go (?:to|out with|see)|leave (?:this house|the house|me|tonight|"
        r"now)?|walk out|see|talk to|speak to|text|call|visit|meet|hang out with|spend time with|don't (?:come "
        r"home|answer|pick up|reply|do what i say|delete|block|stop seeing)|do not (?:come home|answer)|won't "
        r"(?:come home|answer)|wear|break up with me|try to leave|dare)(?: \S+){0,8}?,? (?:then )?(?:don't "
        r"(?:bother|even bother|you dare|think about)(?: coming back| coming home| to come back| to come home)?|"
        r"(?:we're|we are|i'm|i am) (?:done|over|through|finished)|you(?:'ll| will) (?:regret|be sorry|pay|see|"
        r"never)|you(?:'re| are) (?:dead|done|out|finished)|i(?:'ll| will) (?:make you|hurt|kill|leave|throw|"
        r"kick|take|tell|make sure|come|show up|find)|i(?:'m| am) (?:leaving|done|gone|changing the locks)|"
        r"(?:your|ur) (?:stuff|things|bags|clothes) (?:will be|are going|is going|go) (?:out|on the)|the locks "
        r"(?:will be )?changed|(?:don't|never) come (?:back|home)|you can (?:forget|pack|find|sleep)|"
        r"there(?:'ll| will) be consequences)|\b(?:don't|do not) (?:bother|even bother|you dare) (?:coming|to come|come) "
        r"(?:back|home)\b(?=.*\b(?:if|go|out|tonight|leave|see|with)\b)|\b(?:it's|its|it is|choose|pick)"
        r"(?: either)? (?:me or (?:them|your|him|her|the|my|those)|between me and (?:your|them|him|her))\b|\byou "
        r"don't need (?:your |any )?(?:friends|family|anyone (?:else|but me)|them|anybody else|other people|"
        r"a job|your own money)\b|\b(?:you're|you are|your|youre) not (?:going out|going anywhere|going to (?:that|the|this|your|his|her) "
        r"(?:party|club|bar|pub|wedding|dinner|concert|festival|trip|event|gym|thing|game|meetup|reunion|drinks|"
        r"work do|office party)|leaving (?:this|the) "
        r"(?:house|room|flat|apartment)|seeing (?:him|her|them|that \w+|your (?:friends|family|sister|brother|"
        r"mom|dad|ex))|allowed to (?:go|see|leave|talk|text|wear|have))\b|\byou (?:can't|cannot|can not|won't|"
        r"will not|aren't going to) (?:see|talk to|speak to|go out with|hang out with|text|visit|call) "
        r"(?:your|him|her|them|that|those|any|anyone)(?: \w+)?(?: \w+)? (?:anymore|any more|again|ever|from now on)"
        r"\b|\b(?:delete|block|unfollow|unfriend) (?:his|her|their|that \w+'s|your \w+'s|them|him|her|all of them)"
        r"(?: \w+)? (?:right )?(?:now|or|tonight)\b(?=.*\b(?:or|else|done|over|leave|regret)\b)|\b(?:from now on|"
        r"starting now|starting today) you (?:will |must |have to |need to |are going to )?(?:ask|tell|check "
        r"with|text|call|send|show|give) me\b|\byou (?:don't|do not|won't|will not) (?:go|leave) (?:anywhere|"
        r"this house|the house|out) without (?:me|telling me|asking me|my permission|checking with me)\b|\byou"
        r"(?:'ll| will) do (?:what|as|whatever) i (?:say|tell you)\b|\b(?:come|get) (?:home|back here) (?:right "
        r")?now or (?:else|i'll|i will|don't|we're)\b|\byou\b[^.!?]{0,60}\bor else\b",
        "reads as an ultimatum or an order that controls the other person",
        negatable=False,
        past_ok=False,
        excludes=r"\b(?:coat|jacket|umbrella|scarf|sunscreen|breakfast|freezing|raining|snowing|cold out|a kiss|a hug|"
        r"ice cream|milk|snacks|pizza|cake|your vegetables|homework|helmet|seatbelt)\b",
    ),
    _r(
        "controlling_word",
        "coercive_control",
        "concern",
        r"\b(?:he's|she's|he is|she is|they're|you're|you are|your|is|was|been|being|so|really|very|super|"
        r"extremely|incredibly|too|very) (?:so |really |very |super |extremely |too |incredibly |getting |more |"
        r"always )?controlling\b(?<!boss is so controlling)(?<!mom is so controlling)(?! about (?!(?:who|where|what i wear|my (?:phone|money|friends|family|clothes|"
        r"spending|body|food))))(?! (?:about (?:the )?(?:temperature|thermostat|remote|music|playlist|heating|"
        r"dishes|kitchen|plans|holiday|vacation|trip|menu|wedding|seating|restaurant|lego|schedule|calendar)|"
        r"(?:the|my|your|his|her) (?:temperature|thermostat|remote|music|playlist|heating|diabetes|blood sugar|"
        r"anxiety|weight|temper|breathing|urges|portions|budget for the trip)))|\bcontrolling (?:relationship|"
        r"partner|husband|wife|boyfriend|girlfriend|behaviou?r|ex)\b|\bcontrols (?:everything|every aspect of|"
        r"my (?:life|every)|who i|where i|what i)\b",
        "names controlling behaviour",
        negatable=True,
    ),
    _r(
        "photo_proof",
        "coercive_control",
        "concern",
        r"\b(?:send|sends|sent|sending|have to send|has to send|make me send|makes me send|made me send|send me)"
        r" (?:him |her |me )?(?:a |an )?(?:photo|picture|pic|selfie|video|live location|screenshot)s? (?:to "
        r"prove|of (?:where|who|what) (?:i|you|she|he)|every (?:hour|\d+|few|time)|so (?:he|she|i) (?:knows|know|"
        r"can see|can check)|of (?:the room|everyone|the people|who you're with|the bar|where you are)|right now "
        r"(?:of|to|or|so|showing))",
        "describes demands for proof of where someone is",
        negatable=True,
    ),
)

CONTROL_EXTRA: tuple[Rule, ...] = (
    _r(
        "blackmail_media",
        "abuse+coercive_control",
        "concern",
        _BLACKMAIL_MEDIA,
        "threatens to expose private pictures or messages",
        requires=r"\b(?:if|unless|or else|or i'll|or i will|until)\b",
        past_ok=False,
    ),
)


EXTRA: tuple[Rule, ...] = (
    _r(
        "doing_it",
        "self_harm",
        "urgent",
        r"\b(?:i'm|i am|i'll|i will|i'm going to|going to|gonna) (?:really |actually |finally |just )?(?:do|doing) it"
        r" (?:tonight|today|now|this time|for real|soon|tomorrow)\b|\b(?:i'll|i will|i'm going to|i'm gonna) end (?:it|"
        r"things|everything)\b(?!.{0,25}\b(?:with (?:you|him|her)|between us|us)\b)",
        "hints at a plan to end their life",
        requires=r"\b(?:if you|unless you|or else|goodbye|pills|sorry|don't try|swear|leave|break up|pick up|answer|"
        r"last|forever|mean it)\b",
        negatable=False,
        hyperbole=True,
        past_ok=False,
    ),
    _r(
        "final_goodbye",
        "self_harm",
        "urgent",
        r"\btell (?:mom|dad|my (?:mom|dad|kids|family|sister|brother|parents|husband|wife)|the kids|everyone) (?:i'm "
        r"sorry|i love (?:them|her|him|you)|i said goodbye|goodbye|i'm sorry for everything)\b|\b(?:going|heading|"
        r"driving|walking|on my way) to the (?:bridge|roof|cliff|cliffs|tracks|train tracks|top floor)\b",
        "says goodbye or heads somewhere dangerous",
        hyperbole=True,
        past_ok=False,
    ),
    _r(
        "body_harm",
        "violence+abuse",
        "concern",
        r"(?<!\bi )\b(?:twisted|twists|twisting|bent|bends|squeezed|squeezes|yanked|yanks|wrenched|pulled|pulls) "
        r"(?:my|her|his) (?:arm|arms|wrist|wrists|fingers?|hair|neck|ear|ears)\b(?! (?:muscle|playing|at|during|"
        r"while|lifting))|\b(?:got|get|gets|getting|been|was|were|being|am) (?:hit|beaten|beat up|punched|slapped|"
        r"kicked|choked|strangled|attacked|assaulted|shoved|smacked|battered|thrown (?:against|into|down))\b(?= "
        r"(?:again|by (?:him|her|my|his|them|my \w+)|last|yesterday|today|tonight|every|at home|because|for "
        r"(?:talking|answering|asking|saying|being|not))|\s*[.!?]|\s*$)",
        "describes being hurt by someone",
        upgrade="recent",
        excludes=_PLAY,
    ),
    _r(
        "chokehold",
        "violence+abuse",
        "urgent",
        r"\b(?:put|puts|had|has|got|held|holds) (?:me|her|him) in (?:a )?(?:chokehold|choke hold|sleeper hold|"
        r"stranglehold)\b|\bchokehold\b(?=.{0,30}\b(?:me|her|couldn't|until)\b)",
        "describes a chokehold",
        excludes=r"\b(?:wrestl\w*|jiu[- ]?jitsu|mma|judo|bjj|training|class|movie|game|match)\b",
    ),
    _r(
        "survive_without",
        "abuse",
        "concern",
        r"\byou(?:'d| would|'ll| will)? (?:can't|couldn't|won't|wouldn't|will never|would never|never)(?: even)? "
        r"(?:survive|cope|manage|function|last a (?:day|week|month)|make it|do anything|be anything) without me\b|"
        r"\b(?:says|tells me|told me|said|reminds me|keeps saying) (?:that )?i(?:'m| am| would| will|'d|'ll)? (?:\w+ )?"
        r"(?:can't|couldn't|won't|wouldn't|would never|will never|too \w+ to) (?:survive|cope|manage|function|"
        r"last|make it|do anything|live)(?: \w+)? without (?:him|her|them)\b|\b(?:you're|you are|your|you'd be|"
        r"you would be) (?:a |an )?(?:worthless|useless|pathetic|disgusting) (?:waste of (?:space|oxygen|air|skin)|"
        r"piece of (?:shit|garbage|trash|crap)|excuse for a \w+|sack of \w+)\b",
        "makes someone feel they are worthless or can't cope alone",
    ),
    _r(
        "hand_over",
        "coercive_control",
        "concern",
        r"\b(?:makes|made|forces|forced|has|have|had|got) (?:me|her|him)? ?(?:to )?(?:hand|give|turn|sign) over "
        r"(?:all )?(?:of )?(?:my|her|his) (?:wages|paycheck|paycheque|pay|salary|money|earnings|cards?|bank card|"
        r"phone|keys|car keys|passport|benefits|savings|passwords?)\b|\b(?:took|takes|taken|keeps|confiscated) "
        r"(?:away )?(?:my|her) (?:bank card|debit card|credit cards?|cards|wallet|purse)\b",
        "describes having to hand over money, cards or keys",
    ),
    _r(
        "spyware",
        "coercive_control",
        "concern",
        r"\b(?:installed|put|downloaded|hid|added|set up|puts|installs) (?:something|an app|a app|an application|"
        r"software|spyware|stalkerware|a tracker|a tracking \w+|tracking|a program|an airtag|a camera|cameras|a "
        r"keylogger|a gps) (?:on|in|to|into|under) (?:my|her|his|our) (?:phone|laptop|computer|car|bag|bedroom|"
        r"room|tablet|ipad)\b",
        "describes secret tracking or spying software",
        excludes=r"\b(?:for me|to help|update|game|antivirus|so i can find it|when i lost)\b",
    ),
    _r(
        "allowed_thing",
        "coercive_control",
        "concern",
        r"\b(?:i'm|i am|she's|she is|he's|he is|i was|she was|i wasn't|i'm not|not|never) (?:even |ever )?allowed "
        r"(?:a|my own|any|my|her own|her) (?:phone|job|car|key|keys|bank account|bank card|card|money|friends|life|"
        r"privacy|password|social media|say|opinion|night out)\b",
        "describes not being allowed basic things",
        negatable=False,
    ),
    _r(
        "response_demand",
        "coercive_control",
        "concern",
        r"\b(?:if|when|whenever|unless|every time) (?:i|she|you|he) (?:don't|doesn't|do not|can't|didn't|dont) "
        r"(?:answer|reply|respond|pick up|text back|call back|answer (?:his|her|my|the) (?:calls|texts|phone))\b"
        r"[^.!?]{0,30}\b(?:within|in|straight away|immediately|right away|instantly|fast enough|first ring|"
        r"quickly)\b|\b(?:answer|pick up) (?:your|the) phone (?:when i call )?or (?:else|i'll|i will|there)\b",
        "describes being punished for not answering at once",
        requires=r"\b(?:mad|angry|furious|rage|loses it|lose it|freaks out|screams|punish\w*|consequences|or else|"
        r"explode\w*|accus\w*|blows up|yells|or i'll|or i will|comes (?:home|looking|to find)|shows up|threat\w*)\b",
    ),
    _r(
        "demands",
        "coercive_control",
        "concern",
        r"\b(?:i want|i need|i expect|i demand|keep) (?:your|ur) location (?:on|shared|turned on|visible)\b|\b(?:your|"
        r"ur) location (?:stays? )?on (?:at all times|all the time|24/7|always)\b|"
        r"\b(?:you're|you are|your|you) (?:not|can't|cannot|aren't|are not) (?:going|go|leaving|leave|going out|"
        r"stepping out)(?: out| outside| anywhere| the house)? (?:dressed|looking) like that\b|\bor (?:there(?:'ll| "
        r"will) be|you(?:'ll| will) face) (?:consequences|hell to pay|trouble)\b|\bthere(?:'ll| will) be (?:serious "
        r")?(?:consequences|hell to pay)\b(?=.*\byou\b)|\b(?:i|we) forbid (?:it|that|this)\b|\b(?:text|send|snap|"
        r"message|facetime|video ?call) (?:him|her|me) (?:a )?(?:photo|picture|pic|selfie|video|your location)s? "
        r"every (?:hour|\d+|few|half hour|time)\b",
        "reads as an order or a demand that controls the other person",
        negatable=False,
        past_ok=False,
        excludes=r"\b(?:freeze|freezing|cold|raining|snowing|coat|jacket|sunscreen|kidding|lol|haha)\b",
    ),
    _r(
        "surveillance_threat",
        "coercive_control",
        "concern",
        r"\bi(?:'ll| will)(?: always)? (?:know|find out|see|hear about it) (?:if|when|where|who|what) you\b|\bi always "
        r"find out\b|\bi(?:'m| am) (?:always )?watching (?:you|everything you do)\b|\bi see everything you do\b|\bi "
        r"(?:want|need|am going) to (?:read|see|check|go through) (?:everything|all (?:of )?your (?:messages|texts|"
        r"chats|dms|emails))\b|\b(?:hand|give|turn) over (?:your|ur) (?:phone|passwords?|passcode|laptop|keys|"
        r"wallet|cards?)\b|\bnot getting (?:it|that|them|the (?:password|wifi|car|keys|money)|your (?:phone|keys|"
        r"car|money|cards?|passport)|any money)(?: back)? (?:until|unless) you\b",
        "watches over or withholds to control the other person",
        negatable=False,
        past_ok=False,
    ),
    _r(
        "delete_contacts",
        "coercive_control",
        "concern",
        r"(?<!\bi )\b(?:deleted|deletes|blocked|blocks|removed|removes|unfriended|unfriends) (?:all )?(?:of )?"
        r"(?:my|her) (?:\w+ )?(?:friends|contacts|numbers|family|followers|mates)\b",
        "describes someone cutting a partner's contacts",
    ),
    _r(
        "kept_going",
        "abuse",
        "concern",
        r"\b(?:said|say|says|told (?:him|her)|begged|screamed|cried|asked (?:him|her) to stop)(?: no| stop| "
        r"to stop)?\b[^.!?]{0,30}\b(?:kept going|didn't stop|wouldn't stop|did it anyway|carried on|forced|ignored "
        r"me and|held me down|went ahead anyway)\b",
        "describes someone not stopping when told no",
        requires=r"\b(?:no|stop)\b",
    ),
    _r(
        "humiliation",
        "abuse",
        "concern",
        r"(?<!\bi )\b(?:humiliat\w*|degrad\w*|belittl\w*|mocks|mocked|ridicul\w*) (?:me|her|him)\b",
        "describes being humiliated again and again",
        requires=r"\b(?:constantly|always|every|in front of|in public|all the time|daily|everyone|nonstop|keeps)\b",
    ),
    _r(
        "threat_misc",
        "violence",
        "concern",
        r"\byou(?:'ll| will|'re going to|'re gonna| are going to) get (?:hurt|hit|it|what's coming|smacked|slapped|a "
        r"beating|knocked out)\b|\bsomeone(?:'s| is) going to get hurt\b|\b(?:burn|set fire to|torch) (?:the|our|my|"
        r"your|this) (?:house|flat|apartment|place|car) (?:down )?(?:with (?:me|us|you|her|him) (?:in|inside) it)?",
        "threatens harm",
        requires=r"\b(?:you|me|us|her|him|if|or|keep|with|threat\w*|said|says)\b",
        excludes=r"\b(?:accident|candle|toast|cooking|oven|lol|haha|kidding)\b",
        hyperbole=True,
        past_ok=False,
        upgrade="intent",
    ),
    _r(
        "sh_euphemism2",
        "self_harm",
        "concern",
        r"\bnothing (?:left )?(?:for me|to live for|to stay for|holding me here)\b|\b(?:fighting|struggling|trying|"
        r"fight) to (?:stay alive|keep living|keep myself alive)\b|\b(?:tonight|today) is the (?:night|day)\b|"
        r"\bsomething (?:bad |terrible )?(?:happens|happened|will happen) to me\b(?=.{0,40}\b(?:fault|surprised|"
        r"regret|sorry|blame)\b)|(?<=surprised )if something (?:bad )?happens to me\b|\b(?:knife|blade|razor|pills|"
        r"gun|rope|bottle of pills) (?:is |are )?(?:in my hand|in my hands|next to me|in front of me|on my lap)\b|"
        r"\b(?:holding|have|got|i'm holding) (?:a|the|my) (?:knife|blade|razor|gun) (?:in my hand|to my|against "
        r"my)\b",
        "uses words that often hint at self-harm",
        negatable=False,
        upgrade="plan",
        past_ok=False,
    ),
    _r(
        "leave_threat",
        "coercive_control",
        "concern",
        r"\b(?:don't|do not) expect (?:me|us|the kids|your (?:stuff|things)|anything) to be (?:here|there|around|"
        r"waiting)\b|\b(?:i'll|i will) be gone (?:when|before|by the time) you (?:get|come) (?:back|home)\b",
        "threatens to leave as a way to stop the other person",
        requires=r"\bif you (?:go|see|leave|walk|visit|talk|text|meet|spend|hang|choose|pick|take|keep|don't)\b",
        negatable=False,
        past_ok=False,
    ),
)

_DESIRE = (
    r"(?:want|wanna|wants|wanted|wish|wishing|wished|rather|'d rather|hope|hoping|thinking about|think about|"
    r"thought about|thinking of|ready to|planning|plan to|tempted|urge to|feel like|feels like|considering|keep "
    r"thinking|dream of|dreaming of|longing to|long to|need to|just want|would love to)"
)
_DEATH_SELF = (
    r"(?:die|be dead|dead|death|end it|ending it|end my life|ending my life|kill myself|killing myself|not be here|"
    r"not being here|not wake up|not waking up|never wake up|fade away|vanish forever|disappear forever|"
    r"disappear for good|disappear and (?:never|not) come back|fade away and not come back|stop existing|not "
    r"exist|not existing|be gone for good|sleep forever|end it all|make it (?:all )?stop|make it (?:all )?end|"
    r"make everything stop|not be around|hurt myself|hurting myself|harm myself|cut myself|cutting myself|"
    r"overdose|give up on life|leave this world|not be alive|stop breathing|stop living|be with (?:my )?(?:grandma|"
    r"grandpa|mum|mom|dad) in heaven)"
)
_VIOLENT_VERB = (
    r"(?:hit|hits|punched|punches|kicked|kicks|slapped|slaps|slammed|slams|smashed|smashes|shoved|shoves|scratched|"
    r"scratches|clawed|bit|bites|"
    r"pushed|pushes|threw|throws|choked|chokes|strangled|strangles|grabbed|grabs|dragged|drags|stabbed|stabs|"
    r"burned|burns|headbutted|beat|beats|battered|bashed|bashes|knocked|whacked|cracked)"
)
_BODY = (
    r"(?:my|her|his) (?:head|face|arm|arms|neck|throat|back|chest|stomach|leg|legs|ribs|jaw|nose|eye|eyes|mouth|"
    r"wrist|wrists|hair|body|skull|hand|hands|shoulder|shoulders|ear|ears)"
)

GENERAL: tuple[Rule, ...] = (
    _r(
        "desire_death",
        "self_harm",
        "concern",
        rf"\b{_DESIRE}\b(?: \S+){{0,5}}? (?:to |of |about |i could |i'd |i would |i was |i were |if i )?(?:just )?"
        rf"{_DEATH_SELF}\b",
        "talks about wanting to die or disappear for good",
        hyperbole=True,
        upgrade="plan",
    ),
    _r(
        "better_off_gone",
        "self_harm",
        "concern",
        r"\b(?:better off|easier|happier) (?:if i'm |if i was |if i were |with me )?(?:gone|not here|not around|dead|"
        r"out of the picture|not existing)\b|\b(?:tired|sick|exhausted|done) (?:of|with) (?:being alive|living|"
        r"existing|life|being here|waking up|breathing)\b(?! admin| insurance| coaching| lessons| stuff| skills| hacks| "
        r"drawing| class| classes)",
        "talks about being better off gone",
        hyperbole=True,
        upgrade="plan",
    ),
    _r(
        "means_self",
        "self_harm",
        "urgent",
        r"\b(?:gun|pistol|rifle|pills|knife|blade|razor|rope|noose)\b(?: \S+){0,8}? (?:on myself|to my (?:head|"
        r"wrists?|throat)|myself|end it|end my life|kill myself)\b|\busing it on myself\b",
        "mentions a means of self-harm",
        past_ok=False,
    ),
    _r(
        "violent_body",
        "violence+abuse",
        "concern",
        rf"(?<!\bi )\b{_VIOLENT_VERB} (?:\S+ ){{0,2}}?{_BODY}\b(?! (?:on|against) (?:the )?(?:cupboard|door|shelf|"
        r"ceiling|table|wall|car) by accident)|\b(?:put|threw|throw|smashed|slammed|shoved) (?:you|me|her|him) "
        r"(?:through|into|against) (?:a|the) (?:wall|window|door|floor|table|mirror)\b",
        "describes physical violence",
        upgrade="recent",
        excludes=_PLAY,
    ),
    _r(
        "threat_generic",
        "violence",
        "urgent",
        r"\b(?:i'll|i will|i'm going to|i'm gonna|gonna|i swear i'll|or i'll|imma|i'm about to) (?:\S+ ){0,4}?"
        r"(?:kill|murder|stab|shoot|strangle) (?:him|her|them|you|that \w+|your \w+)\b",
        "threatens to kill",
        hyperbole=True,
        past_ok=False,
        excludes=_GAMES,
    ),
    _r(
        "names_and_sex",
        "abuse",
        "concern",
        r"\b(?:calls|called|calling|call) (?:me|her|him) (?:horrible |awful |disgusting |vile |nasty |all sorts of |"
        r"every )?names\b|\b(?:have|has|having) sex (?:with (?:him|her) )?(?:whenever (?:he|she) wants|even when "
        r"(?:i'm|i am|i don't|i said|she's|she doesn't)|when i don't want)\b|\bif (?:i|you) (?:really )?loved? "
        r"(?:him|her|me) (?:i'd|you'd|i would|you would) (?:have sex|sleep with|do it)\b",
        "describes name-calling or pressure into sex",
        upgrade="recent",
    ),
    _r(
        "third_blackmail",
        "abuse+coercive_control",
        "concern",
        r"\b(?:he|she|they)(?:'ll| will|'s going to| is going to| would|'d) (?:post|share|send|leak|show|upload|"
        r"release) (?:it|them|the (?:video|videos|pics|photos|pictures|recording|tape))\b",
        "describes a threat to expose private images",
        requires=r"\b(?:if|unless|or|until)\b",
        past_ok=False,
    ),
    _r(
        "control_generic",
        "coercive_control",
        "concern",
        r"\b(?:won't|doesn't|refuses to|never) give (?:me|her) (?:a|my own|one|any|the|her own) (?:key|keys|money|"
        r"card|access|password|car keys|allowance)\b|\bthe only key\b|\b(?:see|visit|meet|go out with|go out|go anywhere|leave the house|talk to)\b[^.!?]{0,40}"
        r"\bunless (?:he|she|him|her) (?:comes|is there|tags along|comes with me|says (?:it's|i can))\b|\b(?:to see|to check|to know|to find out|so "
        r"(?:he|she) (?:knows|can see|can check)) (?:exactly )?(?:where i(?:'ve been| went| go| am| was| have "
        r"been)|who i(?:'m| was| have been|'ve been) (?:with|talking to|texting|seeing))\b|"
        r"\bwithout (?:him|her) (?:reading|checking|seeing|knowing|asking|listening|tracking|"
        r"getting angry|going through|finding out)\b|\bso (?:i|she|he) (?:couldn't|can't|cannot|wouldn't be able "
        r"to|won't be able to) (?:call|contact|text|reach|talk to|see|leave|get help|tell|phone|message) "
        r"(?:anyone|anybody|my|her|his|the police|for help|help|out)\b|\bbecause i said so\b|\byou(?:'ll| will) "
        r"stay (?:home|in|here|inside)\b",
        "describes control over contact, movement or keys",
        negatable=False,
    ),
    _r(
        "conditional_threat",
        "coercive_control",
        "concern",
        r"\bif (?:i (?:ever )?(?:find out|catch you|see you|hear|learn)|you (?:ever )?\w+)\b[^.!?]{0,60}\byou(?:'ll| "
        r"will|'re going to) (?:regret|be sorry|pay|see what happens|wish)\b|\b(?:tell me|answer|reply|text me|call "
        r"me|come (?:home|back)|send me|pick up|show me|give me)\b[^.!?]{0,50}\bor (?:else|i'm|i'll|i will|i am|i "
        r"swear|we're)\b",
        "attaches a threat to the other person's choices",
        hyperbole=True,
        negatable=False,
        past_ok=False,
    ),
)

_PARTNER_SUBJ = (
    r"\b(?:he|she|they|he's|she's|they're|my (?:husband|wife|partner|boyfriend|girlfriend|fiance|fiancee|ex|"
    r"spouse|dad|father|stepdad|mom|mother)|her (?:husband|boyfriend|partner)|his (?:wife|girlfriend|partner))\b"
)

GENERAL2: tuple[Rule, ...] = (
    _r(
        "sh_lexicon",
        "self_harm",
        "concern",
        r"\bcan't (?:keep going|go on|take (?:it|this|much more)|cope) (?:anymore|any more|any longer|much longer)\b|"
        r"\bwon't be (?:a problem|a burden|in (?:your|anyone's) way|around|here|bothering you) (?:for you |to anyone |"
        r"for anyone )?(?:much longer|for long|for much longer|soon)\b|\b(?:you|they|everyone|nobody|no one) "
        r"(?:won't|will not|will never|wont) have to (?:worry about|deal with|put up with|see|hear from|think about) "
        r"me (?:anymore|any more|again|much longer|soon|for long|ever again)\b|\bmake sure i'm not (?:a problem|a "
        r"burden|around|here)\b|\b(?:after|when|once) i'm gone\b|\b(?:driving|drive|drove|crash|crashing|steer|"
        r"steering) (?:my car |the car )?(?:into|off) (?:a|the) (?:tree|wall|bridge|road|cliff|river|lake|truck|"
        r"lorry|traffic|barrier|motorway)\b|\bscratch\w* (?:my|her|his) (?:arms?|skin|legs?|wrists?) (?:until|till|"
        r"til) (?:they|it) bleed\w*|\bi deserve to (?:die|suffer|be dead|feel pain|hurt|be punished|disappear)\b|"
        r"\b(?:life|everything|my life) (?:is|feels) (?:so )?(?:pointless|meaningless|hopeless|not worth it)\b|"
        r"\b(?:there's|there is|i see) no (?:way out|hope left|future for me|light at the end)\b|\bhow many "
        r"(?:pills|tablets|paracetamol|painkillers) (?:it would take|would it take|to take|it takes|would kill)\b|"
        r"\b(?:edge|ledge) of (?:the|a) (?:platform|roof|bridge|cliff|building|balcony)\b|\b(?:sleep|rest) forever"
        r"\b|\bpermanent solution\b|\b(?:final|last) goodbye\b|\bgoodbye,? (?:everyone|all|world|forever|cruel "
        r"world)\b|\bthis is goodbye\b(?=.{0,40}\b(?:forever|everyone|love you all|world|sorry)\b)|\b(?:my|this is "
        r"my) last (?:message|text|time you'll hear from me)\b|\b(?:thinking|thought|think|thinks) (?:a lot )?about "
        r"(?:death|dying|not being here|not existing|killing (?:myself|himself|herself)|suicide|disappearing "
        r"forever|ending my life|ending it all|not waking up)\b|\bhate (?:myself|my life) so much (?:i|that i) "
        r"(?:want|wish|can't)\b|\b(?:don't|do not) (?:want|wanna) to (?:be around|live) (?:anymore|any more)\b|"
        r"\bno (?:will|reason|point) (?:to|in) (?:live|living|carry on|go on|keep going)\b",
        "uses words that often hint at thoughts of suicide",
        hyperbole=True,
        upgrade="plan",
    ),
    _r(
        "hurts_me",
        "violence+abuse",
        "concern",
        rf"{_PARTNER_SUBJ} (?:\w+ )?(?:hurts|hurt|is hurting|keeps hurting|has hurt|was hurting) (?:me|her|him|the "
        r"kids|us)\b(?! (?:feelings|by|with (?:words|what))\b)",
        "describes someone hurting another person",
        requires=r"\b(?:drunk|drinks|drinking|angry|mad|again|badly|physically|every|when (?:he|she)|bruis\w*|"
        r"marks?|scared|afraid|bleed\w*|hospital|rough|hard|punish\w*|temper|rage)\b",
        upgrade="recent",
    ),
    _r(
        "broke_bone",
        "violence+abuse",
        "concern",
        r"(?<!\bi )\b(?:broke|fractured|dislocated|split|busted|cracked) (?:my|her|his) (?:arm|nose|rib|ribs|jaw|wrist|"
        r"finger|fingers|lip|tooth|teeth|collarbone|cheekbone|eye socket)\b",
        "describes an injury someone caused",
        upgrade="recent",
        excludes=_PLAY,
    ),
    _r(
        "third_make_pay",
        "violence",
        "concern",
        r"\b(?:he|she|they)(?:'ll|'d| will| would| is going to|'s going to) make (?:me|us|her|him) (?:pay|suffer|"
        r"regret|sorry|bleed)\b",
        "reports a threat",
        past_ok=False,
    ),
    _r(
        "abuse_lexicon",
        "abuse",
        "concern",
        rf"{_PARTNER_SUBJ} (?:\w+ )?(?:forced|forces|forcing) (?:me|her|him) (?:to|into)\b|\bmakes? me feel (?:so )?"
        r"(?:worthless|like (?:nothing|dirt|garbage|trash|i'm nothing|i'm worthless|i'm crazy|i'm going crazy|a "
        r"prisoner)|crazy|insane|disgusting|unlovable)\b|\b(?:insults|belittles|degrades|demeans|mocks|screams at|"
        r"yells at|shouts at|swears at) (?:me|her|him)\b(?=.{0,40}\b(?:constantly|all the time|every|in front of|"
        r"daily|nonstop|always|until)\b)|\b(?:touch(?:ed|es|ing)?|grab(?:bed|s)?) (?:me|her) (?:without (?:my|her)"
        r" (?:consent|permission)|when (?:i|she) (?:said|say|says) no|even (?:though|when|after) (?:i|she) "
        r"(?:said|say|says) no)\b|\bpressur\w* (?:me |her )?(?:for|into) (?:sex|sleeping with|doing it)\b|"
        rf"{_PARTNER_SUBJ} (?:\w+ )?(?:gaslights|gaslit|gaslighting|manipulates|manipulated) (?:me|her|him)\b",
        "describes emotional or sexual abuse",
        upgrade="recent",
    ),
    _r(
        "control_lexicon",
        "coercive_control",
        "concern",
        r"\b(?:won't|doesn't|never|wouldn't|didn't|will not|does not) let (?:me|her|him) (?!finish|explain|speak|talk|"
        r"get a word|help|pay|cook|apologi|forget|win|lose|sleep in|take the blame|do the dishes|carry|treat|"
        r"down|go of|in\b|off|know|have the last)\w+|\b(?:have|has|had) to (?:tell|text|call|update|report to|"
        r"check in with|message|send) (?:him|her) (?:where|who|when|before|every|whenever|what|each)\b|\b(?:makes|"
        r"made|forces|forced) (?:me|her|him) (?:to )?(?:quit|stop seeing|stop talking|cut off|leave (?:my|her) "
        r"job|give up|delete|block|change (?:my|her) (?:clothes|number|password)|stay home|stay in|ask (?:him|"
        r"her))\b|\b(?:gets|got|goes) (?:so |really )?(?:angry|mad|jealous|upset|furious|crazy|cold|silent) "
        r"(?:if|when|whenever|every time) (?:i|she|he) (?:go|goes|see|sees|talk|talks|text|texts|wear|wears|leave|"
        r"leaves|spend|spends|visit|visits|hang|hangs|don't|doesn't)\b|\baccuses (?:me|her|him) of (?:cheating|"
        r"flirting|lying)\b(?=.{0,40}\b(?:every time|whenever|constantly|all the time|if i|when i)\b)|\bi (?:don't|"
        r"do not) want you (?:seeing|talking to|texting|going out with|hanging out with|to see|to talk to|to text|"
        r"to go out|to hang out|near|around) (?:him|her|them|your|that|those|any|other|anyone)\b|\byou (?:need|"
        r"have|'ve got|got) to (?:stop|quit) (?:seeing|talking to|texting|going out with|hanging out with) "
        r"(?:him|her|them|your|that|those|any)\b|\b(?:send|show) me (?:proof|your messages|screenshots|your phone|"
        r"your location|your texts|who you're with)\b|\b(?:isolated|cut off) from (?:my|her|his|all my|everyone|"
        r"friends|family)\b",
        "describes controlling behaviour",
        negatable=False,
        excludes=r"\b(?:doctor|nurse|hospital|teacher|school|boss|manager|work rules|policy|as a (?:kid|child)|"
        r"growing up|mom wouldn't let|dad wouldn't let|parents|mom never|dad never|mother|father|trainer|coach|physio|"
        r"instructor|until i was|skip)\b",
    ),
    _r(
        "not_allowed_generic",
        "coercive_control",
        "concern",
        r"\b(?:i'm|i am|she's|she is|he's|he is|i was|she was|we're|you're|you are|your) (?:not|never) (?:even |ever |"
        r"really )?allowed to \w+",
        "describes not being allowed to do things",
        negatable=False,
        requires=r"\b(?:he|she|him|her|husband|wife|partner|boyfriend|girlfriend|fiance|fiancee|says|said|because "
        r"of|you)\b",
        excludes=r"\b(?:doctor'?s?|orders|diet|allergic|building|landlord|lease|policy|nda|contract|rules|hr|"
        r"company|school|teacher|coach|hospital|airline|flight|exam|pool|museum|library|prescription|medication|"
        r"surgery|pets?|covid|quarantine|lockdown|visa|court|judge|probation|test|fasting|appointment|cute|"
        r"adorable|sad|leave me|give up|quit on me|as a (?:kid|child)|growing up|parents|mom|dad|allowed to be|pay|treat|"
        r"apologi[sz]e|worry|thank|be sorry|say sorry|trainer|physio|instructor|until i was)\b",
    ),
)

GENERAL3: tuple[Rule, ...] = (
    _r(
        "violence_misc",
        "violence+abuse",
        "concern",
        r"\b(?:held|holds|holding|pinned|pins) (?:me|her|him) (?:down|against|to the (?:floor|ground|bed|wall))\b|"
        r"\b(?:knocked|knocks|knocking) (?:me|her|him) (?:down|over|out|unconscious|to the (?:ground|floor))\b|"
        r"\b(?:drove|drives|driving|swerved) (?:the car )?(?:at|towards|into) (?:me|her|him|us)\b|\bweighs "
        r"(?:me|her) (?:every|each|daily)\b",
        "describes someone being physically hurt",
        upgrade="recent",
        excludes=_PLAY,
    ),
    _r(
        "threat_hospital",
        "violence",
        "concern",
        r"\b(?:put|send|land) (?:me|you|her|him) in (?:the )?(?:hospital|a&e|the er|a wheelchair|the ground|a "
        r"grave)\b|\bend up in (?:the )?(?:hospital|a&e|the er)\b|\byou (?:want|wanna) (?:to )?see what happens "
        r"when\b|\b(?:he's|she's|he is|she is) going to (?:\w+ ){1,3}and (?:hurt|hit|kill) (?:me|us|her)\b",
        "threatens serious harm",
        hyperbole=True,
        past_ok=False,
        upgrade="intent",
    ),
    _r(
        "control_misc",
        "coercive_control",
        "concern",
        r"\b(?:keeps|kept|locks|locked|hides|hid|holds|has) (?:my|her) (?:passport|id|visa|documents|papers|birth "
        r"certificate|residence permit)\b|\b(?:threatens|threatened|threatening) to leave (?:me )?(?:if|every time|"
        r"whenever|when) (?:i|she)\b|\b(?:check in|checks in) with (?:me|him|her) every\b|\bfrom now on you "
        r"(?:check in|report)\b|\b(?:cancel(?:l)?ed|froze|frozen|blocked|stopped) (?:your|ur|my|her) (?:card|cards|"
        r"bank card|account|phone plan)\b(?=.{0,60}\b(?:until|unless|trust|earn|behave|if|so)\b)|\b(?:set up|"
        r"opened|moved) (?:my|our|the) (?:bank )?account so (?:only )?(?:he|she)\b",
        "describes controlling behaviour",
        negatable=False,
    ),
    _r(
        "self_harm_misc",
        "self_harm",
        "concern",
        r"\b(?:can't|cannot) do this (?:much longer|any longer)\b|\b(?:don't|do not) think i can (?:do this|keep going|go "
        r"on|take (?:it|this|much more)|cope) (?:much longer|any longer|anymore|any more)\b|\b(?:thinking|thought|think) about how (?:i'd|i "
        r"would|i'll|i will|i could) do it\b|\bwant (?:it all|everything) to go away\b|\bhow many (?:of (?:my|"
        r"these|the) )?(?:pills|tablets|paracetamol|painkillers) (?:it would take|would it take|to take|it takes|"
        r"would kill)\b",
        "hints at thoughts of ending their life",
        negatable=False,
        hyperbole=True,
        upgrade="plan",
    ),
    _r(
        "abuse_misc",
        "abuse",
        "concern",
        r"\blucky (?:anyone|anybody|someone|he|she) (?:would|will|could) (?:ever )?(?:want|love|have|touch|put up "
        r"with) (?:me|her|you)\b|\bmakes? (?:me|her) kneel\b|\b(?:told|asked|begged) (?:him|her) to stop\b(?! (?!touching|"
        r"grabbing|hurting|hitting|choking|pushing|kissing)\w+ing\b)[^.!?]{0,20}"
        r"\b(?:and|but) (?:he|she) (?:didn't|wouldn't|kept going|laughed|carried on)\b|\b(?:shared|posted|sent|"
        r"leaked|showed) (?:private|intimate|naked|nude|explicit) (?:photos|pics|pictures|videos?) of (?:me|her)\b",
        "describes abuse",
        upgrade="recent",
    ),
)


GENERAL4: tuple[Rule, ...] = (
    _r(
        "self_harm_signs",
        "self_harm",
        "concern",
        r"\bwon't need (?:it|them|this|that|these|my \w+|any of (?:it|this|my \w+)) (?:anymore|any more|where i'm "
        r"going|after (?:tonight|this week|tomorrow))\b|\bmade (?:my )?peace with (?:it|dying|my decision|"
        r"everything|leaving)\b|\b(?:can't|cannot) see (?:a|any) (?:way forward|future|way out)\b|\bnothing (?:will "
        r"ever|is ever going to) get better\b|\b(?:unbearable|can't bear (?:it|this|the pain) (?:anymore|any "
        r"longer))\b|\b(?:think|thinking|thought|imagine|imagining|planning|plan) (?:about |of )?my (?:own )?funeral\b|"
        r"\b(?:talking|talks|talked|posting|posts|posted|writing|writes|wrote) (?:a lot )?about (?:death|dying|"
        r"suicide|killing (?:himself|herself|themselves|myself)|wanting to die|not being here|ending (?:it|his life|"
        r"her life|my life))\b|\b(?:goodbye|farewell) (?:message|post|video|text|letter)\b|\bwish(?:es|ed)? (?:i|he|"
        r"she) could (?:just )?disappear\b(?! (?:to|for|into|under|on|somewhere|off|from (?:work|the party)))|\b(?:don't|doesn't) care (?:what happens to (?:me|him|her)|if i (?:die|"
        r"live|wake up|make it)|whether i (?:live|die|wake up))\b",
        "shows warning signs of suicide",
        hyperbole=True,
        negatable=False,
        upgrade="plan",
    ),
    _r(
        "self_harm_means2",
        "self_harm",
        "urgent",
        r"\bmore (?:pills|tablets|meds|painkillers|sleeping pills) than (?:i|he|she) should\b|\b(?:with|and) (?:my|"
        r"his|her|the) (?:pills|meds|tablets|sleeping pills)\b(?=.{0,30}\b(?:vodka|wine|alcohol|drink|drank|beer|"
        r"whiskey|bottle)\b)|\b(?:vodka|wine|alcohol|whiskey|drink|drank)\b[^.!?]{0,30}\b(?:with|and) (?:my|his|her|"
        r"the|all the|all my) (?:pills|meds|tablets|sleeping pills)\b",
        "mentions a dangerous overdose",
        past_ok=False,
    ),
    _r(
        "harm_child",
        "violence+abuse",
        "concern",
        r"(?<!\bi )\b(?:hurt|hurts|hit|hits|shook|shakes|shaking|slapped|slaps|kicked|kicks|threw|throws|beat|beats) "
        r"(?:my|the|our|his|her) (?:baby|babies|kids|son|daughter|toddler|children|child|newborn)\b",
        "describes harm to a child",
        upgrade="recent",
        excludes=_PLAY,
    ),
    _r(
        "ownership",
        "coercive_control",
        "concern",
        r"\b(?:you|she|he|i)(?:'re| are| is|'m| am)? (?:his|her|my) property\b|\byou belong to me\b|\b(?:i|she|he) "
        r"(?:belong|belongs) to (?:him|her)\b(?=.{0,40}\b(?:says|said|told|tells|reminds|like)\b)|\byou're mine and "
        r"(?:nobody|no one|no other)\b",
        "treats a partner as property",
        negatable=True,
    ),
    _r(
        "deprivation",
        "abuse",
        "concern",
        r"\bkeeps? (?:me|her) (?:awake|up) (?:all night )?(?:yelling|screaming|arguing|shouting)\b|\b(?:throws|threw|"
        r"throwing) (?:my|her) (?:things|clothes|stuff|belongings) (?:out|away|in the (?:bin|trash|street))\b",
        "describes cruel treatment",
        upgrade="recent",
    ),
)


GENERAL5: tuple[Rule, ...] = (
    _r(
        "threats_property_life",
        "violence+coercive_control",
        "concern",
        r"\b(?:i'll|i will|i'm going to|i'm gonna|ill) (?:burn|destroy|smash|break|cut up|rip up|throw out|bin|trash|"
        r"sell) (?:all )?(?:your|ur) (?:clothes|stuff|things|phone|car|guitar|laptop|belongings|books|photos)\b|"
        r"\bdon't make me (?:lose (?:my temper|it)|angry|do something)\b|\b(?:i'll|i will|i'm going to|he'll|she'll|"
        r"he will|she will) (?:ruin|destroy) (?:you|your life|your career|your reputation|my life|my career|my "
        r"reputation)\b|\bmake (?:my|your|her) life (?:a )?(?:living )?hell\b",
        "threatens harm to push the other person",
        hyperbole=True,
        past_ok=False,
    ),
    _r(
        "stalking",
        "coercive_control",
        "concern",
        r"\b(?:he|she|they)(?:'ll| will| is going to|'s going to| would|'d) (?:find|track|hunt) (?:me|us|her) "
        r"(?:down )?(?:wherever|no matter|if|when|anywhere)\b|\b(?:showing|shows|showed|turning|turns|turned) up "
        r"(?:outside|at) (?:my|her|our) (?:flat|house|home|work|door|window|apartment|job|parents')\b(?=.{0,40}\b"
        r"(?:won't stop|keeps|again|every|uninvited|blocked|scared|after)\b)|(?<=won't stop )(?:showing|turning) up\b"
        r"|\b(?:calling|texting|messaging|calls|texts) (?:me )?from (?:different|new|unknown|other|fake) (?:numbers|"
        r"accounts|profiles)\b|\bafter i blocked (?:him|her|them)\b",
        "describes stalking or harassment",
        negatable=False,
    ),
    _r(
        "misc_control2",
        "coercive_control",
        "concern",
        r"\b(?:send|show) me (?:a )?screenshots? of\b|\bshow (?:him|her) (?:my|the|all my|every) receipts?\b|"
        r"\bexplain every (?:purchase|expense|penny)\b|\b(?:your|ur) (?:friends|family|sister|brother|mom|mum|dad|"
        r"job|mates) or me\b|\bi(?:'ll| will) tell everyone (?:you're|you are|that you|what you)\b",
        "describes controlling demands",
        negatable=False,
        past_ok=False,
    ),
    _r(
        "misc_self_harm2",
        "self_harm",
        "concern",
        r"\b(?:i'm|i am) (?:going to|gonna) end it (?:tonight|today|now|this weekend)\b|\b(?:what|the thing) i'm "
        r"(?:about|going) to do\b(?=.{0,40}\b(?:sorry|forgive|angry|blame|hate me|love you)\b)|\b(?:forgive me|"
        r"sorry|angry at me|angry with me|hate me) (?:for|about) what i'm (?:about|going) to do\b|\bthoughts (?:of|about) "
        r"(?:not being here|dying|death|suicide|ending (?:it|my life)|killing myself|hurting myself|disappearing)\b",
        "hints at a plan to end their life",
        negatable=False,
        upgrade="plan",
    ),
    _r(
        "deserved_hit",
        "abuse+violence",
        "concern",
        r"\b(?:deserved|deserve|deserves) to be (?:hit|hurt|punished|beaten|slapped|smacked|punched|kicked)\b|\b(?:he|"
        r"she) (?:says|said|tells me|told me) i (?:made|make) (?:him|her) (?:do it|hit me|hurt me|lose it)\b",
        "blames the victim for violence",
        upgrade="recent",
    ),
)


ALL_RULES: tuple[Rule, ...] = (
    SELF_HARM
    + SELF_HARM_EXTRA
    + VIOLENCE
    + ABUSE
    + CONTROL
    + CONTROL_EXTRA
    + EXTRA
    + GENERAL
    + GENERAL2
    + GENERAL3
    + GENERAL4
)

# Gates ---------------------------------------------------------------------------------------------------------
# A rule only runs when some word of the text starts with one of its gate prefixes. The gates are a cheap
# pre-check (most messages contain none of them) and never change what a rule matches: every pattern needs
# at least one of its gate words to match at all.
_GATES: dict[str, str] = {
    "threats_property_life": "i'll i'm ill don't he'll she'll he she make",
    "stalking": "he'll she'll they'll he she they he's she's showing shows showed turning turns turned up "
    "calling texting messaging calls texts after",
    "misc_control2": "send show explain your ur i'll i",
    "misc_self_harm2": "i'm i what the forgive sorry angry thoughts",
    "deserved_hit": "deserved deserve deserves he she",
    "self_harm_signs": "won't made can't cannot nothing unbearable can't think thinking thought imagine imagining "
    "planning plan talking talks talked posting posts posted writing writes wrote goodbye farewell wish wishes "
    "wished don't doesn't",
    "self_harm_means2": "more with and vodka wine alcohol whiskey drink drank",
    "harm_child": "hurt hurts hit hits shook shakes shaking slapped slaps kicked kicks threw throws beat beats",
    "ownership": "property belong belongs mine",
    "deprivation": "keeps keep throws threw throwing",
    "violence_misc": "held holds holding pinned pins knocked knocks knocking drove drives driving swerved weighs",
    "threat_hospital": "put send land end want wanna he's she's he she",
    "control_misc": "keeps kept locks locked hides hid holds has threatens threatened threatening check checks from "
    "cancel cancelled canceled froze frozen blocked stopped set opened moved",
    "self_harm_misc": "can't cannot don't do thinking thought think want how",
    "abuse_misc": "lucky make makes told asked begged shared posted sent leaked showed",
    "kill_self": "myself himself herself themselves themself yourself ourselves life all everything",
    "suicide_word": "suicid sewer",
    "want_die": "die dead born exist alive living wake funeral gone died disappear without wasn't weren't was were "
    "point",
    "not_want_live": "alive live living exist wake go going carry here world earth around",
    "no_point": "point reason live alive exist life living will over end stop pointless nothing",
    "better_off": "better happier",
    "never_wake": "wake disappear vanish exist cease stop end go keep do",
    "nobody_miss": "nobody no noone no-one",
    "hurt_self": "myself himself herself themselves themself yourself ourselves self cut relaps burn harm slit "
    "slic wrist",
    "burden": "burden waste",
    "not_around": "around here alive see hear deal worry put last final goodbye tell say kiss said saying",
    "means_pills": "pill tablet meds medic painkill paracet tylenol ibuprof xanax insulin antidep panadol aspirin "
    "oxy perc benzo overdos od od'd od'ed",
    "means_other": "rope noose know knows exactly figured worked decided planned planning gun pistol rifle  "
    "enough garage engine hose exhaust googl search research ways way methods method suicide  "
    "goodbye note notes letter letters giving gave given give plan",
    "third_self_threat": "himself herself themselves themself his her their",
    "jump_or_stand": "jump throw step walk drive bridge roof ledge railing tracks balcony stood standing sitting up",
    "euphemism": "myself something stop find look save tonight's tonights over ready tired pain stupid drastic "
    "dangerous permanent",
    "physical_act": "hit punch slap kick smack beat shov whack headbutt elbow stomp tackl spat spit pinch sock "
    "clock thump batter assault attack knee body slam manhandl rough struck strike bit bite scald",
    "physical_act_mixed": "push shov slam threw throw drag pin shook shake grab yank kick twist squeez pull hurl "
    "chuck flung",
    "hurt_physically": "physical hands hand finger raised rough violent",
    "strangle_weapon": "chok strangl throttl suffocat smother throat neck breathe gun knife kniv blade weapon bat "
    "baseball hammer machete pistol rifle shotgun axe crowbar screwdriver broken stab shot shoot tried by",
    "threat_kill": "kill murder strangle choke stab shoot end slit bury drown dead",
    "threat_hurt": "hurt hit beat smack slap punch kick break smash bash batter stab deck knock cut burn rip  "
    "wreck make back live work sleep staying coming pay bleed suffer regret dead happens",
    "threat_report": "threat said says say told tells texted texts keeps kept screamed screams yell swore swears "
    "promised warned wrote death",
    "going_to_kill_me": "kill murder hurt strangle end shoot stab hit",
    "weapon_access": "gun knife kniv weapon pistol rifle",
    "suffocation": "pillow hand bag plastic towel blanket held holds holding pushed pushes pressed",
    "spit_degrade": "spat spit",
    "hide_injuries": "bruis marks black injur cuts",
    "blocked_exit": "block stood stands stand let",
    "fear_of_partner": "scared afraid terrified frightened fear petrified safe unsafe walk eggshell hid hide hiding "
    "locked",
    "intimidation": "punch kick smash broke break threw throw slammed fist destroy ripped tore hit bang pound "
    "busted corner block stood wouldn't won't didn't doesn't",
    "injury": "bruis black split fat broken fractur concussion stitches marks hide hiding hid cover conceal",
    "pet_harm": "dog cat puppy kitten pet rabbit hamster",
    "police_called": "police cops 911 999 000 112 restraining protection protective bang pound kicking smashing "
    "broke",
    "abuse_word": "abus domestic intimate battered coercive",
    "degrading_report": "worthless useless pathetic disgusting whore slut cunt waste nothing trash garbage "
    "unlovable pig retard piece bitch ugly freak vermin parasite failure mistake filth dog dirt fat",
    "degrading_report_frequent": "stupid dumb idiot crazy insane psycho fat loser moron mental hysterical "
    "embarrassment",
    "degrading_direct": "nothing worthless waste unlovable mistake vermin parasite no nobody lucky",
    "blame_violence": "made deserve asked fault look",
    "tell_die": "kill die drop hope world should favor favour nobody no wish",
    "sexual": "rap sexual molest grop consent forc pressur coerc guilt made makes making touch sex stop listen "
    "take did does do doing done fondl abused interfered marital non nonconsensual without",
    "image_abuse": "nude nudes naked intimate sex private explicit revenge threaten blackmail",
    "not_allowed": "let lets letting allow allowed allows permit",
    "permission": "permission approval ok okay consent sign forbid forbids forbade forbidden ban bans banned "
    "decide decides tell tells pick picks curfew gives gave set sets",
    "monitoring": "phone message text email e-mail dms chat whatsapp instagram facebook snapchat inbox call "
    "history bank account purse bag wallet diary journal laptop computer location mail receipt social "
    "notification photo picture gallery",
    "confinement": "lock kept punish",
    "tracking": "track monitor spy spies spied stalk watch airtag air tracker spyware stalkerware  "
    "keylogger hidden find life360 gps location follow show showed showing turn turned turns  "
    "text call ring phone message know check time timing timed",
    "passwords": "password passcode pin login phone",
    "money_control": "money financ paycheck paycheque pay wages salary earning card bank benefit saving income "
    "allowance ask beg account check receipt purchase transaction penny quit leave give cut key passport id "
    "document visa papers certificate medication meds charger sim not took takes taken hid hides hiding hidden "
    "keeps kept destroyed confiscat locked controls control controlled controlling manages holds has gives gave "
    "give have had made cut cuts cutting you're steals stole",
    "isolation": "cut isolat stop block unfriend unfollow delete drop choose move angry mad furious violent  "
    "crazy nasty scary cold jealous because since cause moved moving locked",
    "threat_control": "threat says said take keep tell show send post expose forward out make report call "
    "deport never",
    "ultimatum": "if don't do me between you delete block unfollow unfriend from starting without come get or "
    "it's its it choose pick your youre",
    "controlling_word": "controll controls",
    "photo_proof": "photo picture pic selfie video live screenshot",
    "blackmail_media": "pics photos pictures video screenshots messages texts nudes recording chats ones them rest "
    "everything",
    "doing_it": "do doing end",
    "final_goodbye": "tell bridge roof cliff tracks train top",
    "body_harm": "twist bent bend squeez yank wrench pull hit beat punch slap kick chok strangl attack assault "
    "shov smack batter thrown",
    "chokehold": "chokehold choke sleeper stranglehold",
    "survive_without": "without worthless useless pathetic disgusting",
    "hand_over": "over card cards bank debit credit wallet purse",
    "spyware": "install put download hid added set puts",
    "allowed_thing": "allowed",
    "response_demand": "answer reply respond pick text call",
    "demands": "location expect dressed looking consequences hell trouble forbid every",
    "leave_threat": "expect gone",
    "sh_lexicon": "anymore longer soon long again sure gone tree wall bridge road cliff river lake truck  "
    "lorry traffic barrier motorway scratch deserve pointless meaningless hopeless way hope  "
    "future light pills tablets paracetamol painkillers edge ledge forever permanent goodbye  "
    "last death dying existing suicide killing ending disappearing waking hate live living",
    "hurts_me": "hurts hurt is keeps has was",
    "broke_bone": "broke fractured dislocated split busted cracked",
    "third_make_pay": "he'll she'll they'll he'd she'd they'd he she they he's she's",
    "abuse_lexicon": "forced forces forcing makes make insults belittles degrades demeans mocks screams yells "
    "shouts swears touch grab pressur gaslights gaslit gaslighting manipulates manipulated",
    "control_lexicon": "let lets tell text call update report check message send quit stop cut leave give delete  "
    "block change stay ask angry mad jealous upset furious crazy cold silent accuses want  "
    "proof screenshots isolated",
    "not_allowed_generic": "allowed",
    "desire_death": "die dead death end ending kill killing fade vanish disappear existing exist wake waking  "
    "forever stop hurt hurting harm cut cutting overdose alive around gone heaven world  "
    "breathing living here",
    "better_off_gone": "better easier happier tired sick exhausted done",
    "means_self": "gun pistol rifle pills knife blade razor rope noose using",
    "violent_body": "scratch clawed bit bites hit punch kick slap slam smash shov push threw throw chok strangl grab drag stab burn "
    "headbutt beat batter bash knock whack crack put",
    "threat_generic": "kill murder stab shoot strangle",
    "names_and_sex": "call calls called calling have has having if",
    "third_blackmail": "he'll she'll they'll he she they he's she's",
    "control_generic": "give key where who unless without couldn't can't cannot wouldn't won't said stay",
    "conditional_threat": "regret sorry pay happens wish or",
    "surveillance_threat": "i'll will always watching everything read check over until",
    "delete_contacts": "deleted deletes blocked blocks removed removes unfriended unfriends",
    "kept_going": "said say says told begged screamed cried asked",
    "humiliation": "humiliat degrad belittl mocks mocked ridicul",
    "threat_misc": "get someone's someone burn set torch",
    "sh_euphemism2": "nothing alive living tonight today happens happened happen knife blade razor pills gun  "
    "rope bottle myself",
}


def _gate(rule: Rule) -> Rule:
    prefixes = tuple(_GATES[rule.name].split())
    return Rule(**{**rule.__dict__, "gate": prefixes})


ALL_RULES = tuple(_gate(rule) for rule in ALL_RULES)
