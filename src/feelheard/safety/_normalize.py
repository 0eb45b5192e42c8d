"""A lower-cased, spelling-repaired view of a text that maps back to the original characters.

Safety rules are written once against tidy English ("you", "i'm", "don't", "kill myself"), while people write
"u", "im", "dont", "kms" or "killll". This module rewrites the text word by word and keeps, for every
character of the rewritten view, the span of original characters it came from, so a rule match can be
turned back into `start`/`end` offsets into what the person actually wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Texting forms and contractions written without an apostrophe. Only forms that are very unlikely to be a
# different ordinary word in a message between partners are listed ("ill", "wont" and "id" are left alone
# and handled inside the rules, because "I'm ill" and "my id" are real).
_TEXTING: dict[str, str] = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "yoo": "you",
    "ur": "your",
    "yr": "your",
    "urself": "yourself",
    "yourslef": "yourself",
    "im": "i'm",
    "ive": "i've",
    "iam": "i am",
    "dont": "don't",
    "dnt": "don't",
    "dun": "don't",
    "wont": "won't",
    "sed": "said",
    "sez": "says",
    "wud": "would",
    "wld": "would",
    "cud": "could",
    "shud": "should",
    "b": "be",
    "c": "see",
    "w/o": "without",
    "w/": "with",
    "sumtimes": "sometimes",
    "shell": "she'll",
    "gna": "going to",
    "gunna": "going to",
    "gon": "going to",
    "ma": "my",
    "kno": "know",
    "knw": "know",
    "thnk": "think",
    "evry": "every",
    "sometims": "sometimes",
    "agen": "again",
    "agn": "again",
    "agian": "again",
    "becoz": "because",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "aint": "ain't",
    "youre": "you're",
    "youll": "you'll",
    "youd": "you'd",
    "youve": "you've",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "thats": "that's",
    "whats": "what's",
    "theres": "there's",
    "itll": "it'll",
    "hed": "he'd",
    "shed": "she'd",
    "theyll": "they'll",
    "itd": "it'd",
    "lets": "lets",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gona": "going to",
    "finna": "going to",
    "gotta": "got to",
    "hafta": "have to",
    "lemme": "let me",
    "gimme": "give me",
    "imma": "i'm going to",
    "ima": "i'm going to",
    "tryna": "trying to",
    "kinda": "kind of",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "bc": "because",
    "bcuz": "because",
    "becuz": "because",
    "becasue": "because",
    "tho": "though",
    "thru": "through",
    "ppl": "people",
    "rn": "right now",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tomoz": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tonite": "tonight",
    "2nite": "tonight",
    "2night": "tonight",
    "2day": "today",
    "b4": "before",
    "pls": "please",
    "plz": "please",
    "abt": "about",
    "bout": "about",
    "wat": "what",
    "wut": "what",
    "wen": "when",
    "wit": "with",
    "jus": "just",
    "jst": "just",
    "everyday": "every day",
    "everytime": "every time",
    "nite": "night",
    "luv": "love",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubby": "husband",
    "bae": "partner",
    "mum": "mom",
    "mam": "mom",
    "mummy": "mom",
    "anymor": "anymore",
    "nemore": "anymore",
    "anymre": "anymore",
    "no1": "no one",
    "noone": "no one",
    "some1": "someone",
    "sum1": "someone",
    "any1": "anyone",
    "every1": "everyone",
    "idk": "i don't know",
    "idc": "i don't care",
    "idek": "i don't even know",
    "smth": "something",
    "sth": "something",
    "nothin": "nothing",
    "somethin": "something",
    "kms": "kill myself",
    "kys": "kill yourself",
    "unalive": "kill",
    "unalived": "killed",
    "unaliving": "killing",
    "sewerslide": "suicide",
    "suicde": "suicide",
    "sucide": "suicide",
    "suiside": "suicide",
    "suicid": "suicide",
    "suicidel": "suicidal",
    "sucidal": "suicidal",
    "suicdal": "suicidal",
    "myslef": "myself",
    "mysef": "myself",
    "myselfe": "myself",
    "meself": "myself",
    "hisself": "himself",
    "threatend": "threatened",
    "thretened": "threatened",
    "threatned": "threatened",
    "threten": "threaten",
    "threatning": "threatening",
    "alowed": "allowed",
    "allowd": "allowed",
    "aloud": "aloud",
    "hurst": "hurts",
    "hitt": "hit",
    "hitted": "hit",
    "kil": "kill",
    "kiled": "killed",
    "killd": "killed",
    "ded": "dead",
    "dyin": "dying",
    "wnt": "want",
    "waant": "want",
    "wnna": "want to",
    "freinds": "friends",
    "frends": "friends",
    "frnds": "friends",
    "fam": "family",
    "famly": "family",
    "passwrd": "password",
    "pasword": "password",
    "paswords": "passwords",
    "passwords": "passwords",
    "locaton": "location",
    "lokation": "location",
    "messeges": "messages",
    "msgs": "messages",
    "msg": "message",
    "txts": "texts",
    "txt": "text",
    "fone": "phone",
    "phn": "phone",
    "evrything": "everything",
    "everythin": "everything",
    "evry1": "everyone",
    "nobdy": "nobody",
    "nobody's": "nobody is",
    "wanted2": "wanted to",
    "want2": "want to",
    "going2": "going to",
    "pils": "pills",
    "strangeled": "strangled",
    "stranggled": "strangled",
    "chocked": "choked",
    "punchd": "punched",
    "slaped": "slapped",
    "slapd": "slapped",
    "shoved": "shoved",
    "thretening": "threatening",
    "wrists": "wrists",
    "wrist": "wrist",
    "cuttin": "cutting",
    "hurtin": "hurting",
    "killin": "killing",
    "livin": "living",
    "tryin": "trying",
    "goin": "going",
    "doin": "doing",
    "nothng": "nothing",
    "pointless": "pointless",
}

# Key words whose letter-stretched spellings ("killlll", "diiie", "hurrrt") should still match. Their
# single-letter skeletons are indexed so a token with a run of repeated letters can be mapped back.
_STRETCH_TARGETS: tuple[str, ...] = (
    "kill",
    "killing",
    "killed",
    "die",
    "dead",
    "dying",
    "hurt",
    "hurting",
    "myself",
    "yourself",
    "hit",
    "hate",
    "suicide",
    "please",
    "help",
    "scared",
    "so",
    "want",
    "end",
    "life",
    "never",
    "leave",
    "stop",
    "going",
    "you",
    "me",
    "no",
    "not",
    "dont",
    "don't",
    "anymore",
    "alone",
    "sorry",
    "too",
    "good",
    "all",
)
_URL_LIKE = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_TOKEN = re.compile(r"[wW]/[oO]|[wW]/|[^\W_]+(?:['’][^\W_]+)*|\S")
_LEET = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s", "!": "i"})


def _skeleton(word: str) -> str:
    """Collapses every run of a repeated character to one ("killl" -> "kil")."""
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=1)
def _stretch_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for word in _STRETCH_TARGETS:
        index.setdefault(_skeleton(word), word)
    return index


@lru_cache(maxsize=8192)
def normalize_token(token: str) -> str:
    """Returns the tidy form of one lower-cased token (possibly several words, e.g. "kms")."""
    word = token.replace("’", "'").replace("‘", "'")
    if word in _TEXTING:
        return _TEXTING[word]
    # "k1ll", "d13", "su1c1de": digits inside letters are leetspeak, pure numbers are left alone.
    if any(ch.isdigit() or ch in "@$" for ch in word) and any(ch.isalpha() for ch in word):
        de_leet = word.translate(_LEET)
        if de_leet != word and de_leet.isalpha():
            word = _TEXTING.get(de_leet, de_leet)
    # Stretched letters: three or more of the same letter never occur in English words.
    if re.search(r"(.)\1\1", word):
        squeezed = re.sub(r"(.)\1{2,}", r"\1\1", word)
        if squeezed in _TEXTING:
            return _TEXTING[squeezed]
        target = _stretch_index().get(_skeleton(word))
        return target if target is not None else squeezed
    if len(word) > 2 and word not in _STRETCH_TARGETS:
        target = _stretch_index().get(_skeleton(word))
        # "diee", "hurtt", "killd": a doubled letter on a short key word.
        if target is not None and len(word) - len(target) == 1 and word.startswith(target[:2]):
            return target
    if word.endswith("in") and word + "g" in _DROPPED_G:
        return word + "g"
    fuzzy = _fuzzy(word)
    return fuzzy if fuzzy is not None else word


# Long key words whose one-letter typos ("thretens", "suicde", "passwrod") should still match. Tokens are only
# compared with words of the same first letter and similar length, and only when they are not themselves
# one of these words.
_FUZZY_TARGETS: tuple[str, ...] = (
    "threaten",
    "threatens",
    "threatened",
    "threatening",
    "suicide",
    "suicidal",
    "myself",
    "yourself",
    "himself",
    "herself",
    "themselves",
    "strangle",
    "strangled",
    "strangles",
    "strangling",
    "overdose",
    "overdosed",
    "password",
    "passwords",
    "location",
    "allowed",
    "controlling",
    "controls",
    "abusive",
    "abused",
    "bruises",
    "worthless",
    "disappear",
    "existing",
    "anymore",
    "everyone",
    "everything",
    "punched",
    "slapped",
    "kicked",
    "choked",
    "pushed",
    "shoved",
    "hitting",
    "beating",
    "hurting",
    "killing",
)
_FUZZY_GUARD: frozenset[str] = frozenset(
    {
        "cooked",
        "licked",
        "ticked",
        "picked",
        "locked",
        "rocked",
        "socked",
        "kisses",
        "pushes",
        "rushed",
        "hushed",
        "shoves",
        "beams",
        "bears",
        "beans",
        "beach",
        "heats",
        "bits",
        "hats",
        "huts",
        "kits",
        "kilt",
        "skill",
        "still",
        "till",
        "will",
        "fill",
        "hill",
        "mill",
        "pill",
        "bill",
        "gill",
        "sill",
        "kiln",
        "hints",
        "hots",
        "hurling",
        "hunting",
        "hurrying",
        "billing",
        "filling",
        "milling",
        "willing",
        "killjoy",
        "locations",
        "everyones",
        "disappears",
        "allowing",
        "alloyed",
        "slapper",
        "punches",
        "pusher",
        "kickers",
        "chokes",
        "choker",
        "choked",
        "beaten",
        "beater",
        "beating",
        "bruised",
        "abuser",
        "abuses",
        "threat",
        "threats",
        "showed",
        "shaved",
        "shovel",
        "slipped",
        "slopped",
        "clapped",
        "pinched",
        "amused",
        "exiting",
        "overdoes",
        "bearing",
        "beaming",
        "beading",
        "hinting",
        "hitching",
        "existent",
        "controller",
        "controled",
        "strangely",
        "herselves",
        "chocked",
    }
)


def _one_edit_apart(a: str, b: str) -> bool:
    """True when `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


@lru_cache(maxsize=8192)
def _fuzzy(word: str) -> str | None:
    if len(word) < 6 or word in _FUZZY_GUARD or word in _FUZZY_TARGETS or not word.isalpha():
        return None
    for target in _FUZZY_TARGETS:
        if target[0] == word[0] and _one_edit_apart(word, target):
            return target
    return None


# "checkin", "hittin", "goin": a dropped final g, repaired for the verbs the rules care about.
_DROPPED_G: frozenset[str] = frozenset(
    {
        "checking",
        "going",
        "looking",
        "reading",
        "hitting",
        "killing",
        "cutting",
        "hurting",
        "texting",
        "calling",
        "tracking",
        "following",
        "watching",
        "saying",
        "telling",
        "trying",
        "doing",
        "nothing",
        "something",
        "living",
        "dying",
        "punching",
        "slapping",
        "kicking",
        "choking",
        "beating",
        "pushing",
        "shoving",
        "screaming",
        "yelling",
        "threatening",
        "controlling",
        "stalking",
        "spying",
        "bleeding",
        "leaving",
        "thinking",
        "planning",
        "starving",
        "burning",
        "drinking",
        "talking",
        "seeing",
        "letting",
        "making",
        "forcing",
        "taking",
        "keeping",
        "coming",
        "getting",
        "throwing",
        "grabbing",
        "hiding",
        "crying",
        "being",
    }
)


@dataclass(frozen=True)
class NormalizedText:
    """The rewritten view plus, per view character, the original span it stands for."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Maps a `[start, end)` span of the view back to a span of the original text."""
        if not self.text:
            return 0, 0
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        orig_start = self.starts[start]
        orig_end = self.ends[end - 1]
        # Trim outer whitespace of the original slice so the quote reads cleanly.
        while orig_start < orig_end and self.original[orig_start].isspace():
            orig_start += 1
        while orig_end > orig_start and self.original[orig_end - 1].isspace():
            orig_end -= 1
        return orig_start, orig_end


# A capitalised name right after one of these words is a person ("he hit Sarah", "threatened Tom"); the view
# says "them" there so the rules, written with pronouns, also cover named people.
_BEFORE_NAME: frozenset[str] = frozenset(
    {
        "hit",
        "hits",
        "hitting",
        "punched",
        "punches",
        "slapped",
        "slaps",
        "kicked",
        "kicks",
        "choked",
        "chokes",
        "strangled",
        "strangles",
        "shoved",
        "shoves",
        "pushed",
        "pushes",
        "beat",
        "beats",
        "beating",
        "attacked",
        "attacks",
        "stabbed",
        "shot",
        "hurt",
        "hurts",
        "hurting",
        "raped",
        "abused",
        "abuses",
        "grabbed",
        "grabs",
        "threatened",
        "threatens",
        "threatening",
        "controls",
        "controlled",
        "tracks",
        "isolates",
        "isolated",
        "forced",
        "forces",
        "makes",
        "made",
        "calls",
        "called",
        "lets",
        "let",
        "kill",
        "killed",
        "murder",
        "strangle",
        "choke",
        "slap",
        "punch",
        "kick",
        "smack",
        "smacked",
        "bit",
        "spat",
        "locked",
        "follows",
        "followed",
        "stalks",
        "stalked",
        "scared",
        "terrified",
        "afraid",
        "harassed",
        "harasses",
    }
)


def normalize(text: str) -> NormalizedText:
    """Builds the normalised view of `text`.

    Tokens are rewritten with `normalize_token`; whitespace runs become one space; URLs are masked so their
    letters never trigger a rule. Every view character remembers the original span of its token.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    masked = _URL_LIKE.sub(lambda m: " " * len(m.group(0)), text)
    last_end = 0
    previous = ""
    for match in _TOKEN.finditer(masked):
        if match.start() > last_end and out and not out[-1].endswith(" "):
            out.append(" ")
            starts.append(last_end)
            ends.append(match.start())
        last_end = match.end()
        raw = match.group(0)
        lowered = raw.lower()
        if (
            raw[:1].isupper()
            and raw[1:].islower()
            and raw.isalpha()
            and raw != "I"
            and previous in _BEFORE_NAME
        ):
            tidy = "them"
        elif raw.isalpha() or "'" in raw or "’" in raw or "/" in raw or any(ch.isdigit() for ch in raw):
            tidy = normalize_token(lowered)
        else:
            tidy = lowered.replace("’", "'").replace("‘", "'")
        out.append(tidy)
        previous = tidy
        if len(tidy) == len(raw):
            # Same length: keep a one-to-one map so spans stay as precise as possible.
            starts.extend(range(match.start(), match.end()))
            ends.extend(range(match.start() + 1, match.end() + 1))
        else:
            starts.extend([match.start()] * len(tidy))
            ends.extend([match.end()] * len(tidy))
    return NormalizedText(text, "".join(out), tuple(starts), tuple(ends))
