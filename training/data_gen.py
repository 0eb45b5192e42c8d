"""Compositional, seeded generator of the project's own training corpora for the learned heads.

Everything here is written by the project (templates and slot fillers in our own words). GoEmotions
(Apache-2.0) optionally supplies Reddit-register *filler* sentences that carry no empathy and no move, so
the heads also see the register of online comments. EPITOME and ESConv are never read here.

Outputs (JSON lines, deterministic for a given seed):
- ``training/data/acts_train.jsonl``: ``{"text", "partner", "labels": [catalogue ids]}`` one sentence each.
- ``training/data/empathy_train.jsonl``: ``{"partner", "sentences": [...], "sent_levels": [[er, ip, ex], ...],
  "levels": [er, ip, ex]}`` one composed reply each; the reply level is the max over its sentences.

Run: ``python training/data_gen.py`` (about a second; no third-party imports).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "training" / "data"
GOEMOTIONS = ROOT.parent / "shared" / "data" / "goemotions" / "train.tsv"

SEED = 20261122

MOVES = (
    "reflection",
    "naming_emotion",
    "validation",
    "open_question",
    "checking_understanding",
    "asking_need",
    "i_statement",
    "apology",
    "repair_attempt",
    "reassurance",
    "self_disclosure",
    "appreciation",
)
PITFALLS = (
    "advice_giving",
    "minimizing",
    "invalidating",
    "defensiveness",
    "criticism",
    "contempt",
    "stonewalling",
    "cliche",
    "self_focus",
    "non_apology",
    "guilt_trip",
    "gaslighting",
    "heated_tone",
    "self_erasure",
)
ACT_LABELS = MOVES + PITFALLS


@dataclass
class Situation:
    """One thing a partner (or a friend, or a stranger online) is going through.

    Fields are second-person or first-person fragments that templates slot in. ``couple`` marks situations
    where the person replying is part of the problem (so apologies, defensiveness, etc. make sense).
    """

    posts: list[str]
    feel: list[str]
    when: list[str]  # clause after "when"/"because", from the replier's point of view
    gist: list[str]  # paraphrase of what the partner said, second person
    topic: list[str]  # noun phrase to ask about
    advice: list[str]  # imperative verb phrases
    disclose: list[str]  # first-person related experience, past tense
    did: list[str] = field(default_factory=list)  # replier's own action (couples only), past tense VP
    couple: bool = False


SITUATIONS: list[Situation] = [
    # ---------------- couples ----------------
    Situation(
        posts=[
            "You were on your phone the entire dinner. I felt like I was eating alone.",
            "honestly dinner last night sucked. you barely looked up from your phone",
            "I planned that whole evening and you spent it scrolling.",
        ],
        feel=["ignored", "invisible", "unimportant", "lonely", "hurt"],
        when=["I was on my phone through the whole dinner", "I kept scrolling while you were talking"],
        gist=[
            "you felt like my phone mattered more than you did",
            "you planned a nice evening and I wasn't really there",
        ],
        topic=[
            "last night's dinner",
            "how the evening went for you",
            "what you were hoping for from that dinner",
        ],
        advice=[
            "just tell me when it bugs you",
            "put your own phone away first",
            "plan something we both like next time",
        ],
        disclose=[
            "when my dad used to read the paper at every meal I felt like I didn't exist",
            "I remember feeling invisible at family dinners as a kid",
        ],
        did=[
            "kept checking my phone at dinner",
            "scrolled through our whole dinner",
            "wasn't present last night",
        ],
        couple=True,
    ),
    Situation(
        posts=[
            "You forgot my birthday. Again.",
            "i can't believe you forgot my birthday",
            "Not one message from you all day on my birthday.",
        ],
        feel=["forgotten", "hurt", "unimportant", "disappointed", "let down"],
        when=["I forgot your birthday", "the whole day went by without a word from me"],
        gist=[
            "it felt like you don't matter to me",
            "this isn't the first time I've let a day like that slip",
        ],
        topic=[
            "how the day went for you",
            "what that day means to you",
            "what it was like waiting to hear from me",
        ],
        advice=[
            "set a reminder for me",
            "don't make such a big deal of birthdays",
            "just plan your own celebration",
        ],
        disclose=["my friends forgot my birthday one year and I spent the night pretending I didn't care"],
        did=["forgot your birthday", "let your birthday slip", "didn't call you on your birthday"],
        couple=True,
    ),
    Situation(
        posts=[
            "I do all the housework and you don't even notice.",
            "Im so tired of being the only one who cleans",
            "Do you know how many times I emptied the dishwasher this week? Every single time.",
        ],
        feel=["exhausted", "unappreciated", "taken for granted", "overwhelmed", "resentful"],
        when=["you end up doing all the chores", "I don't notice how much you do around the house"],
        gist=[
            "you're carrying the house on your own and it's wearing you down",
            "you feel like the chores all land on you and I don't see it",
        ],
        topic=[
            "what a normal week looks like for you",
            "which part of the housework weighs on you most",
            "how long you've been feeling this way",
        ],
        advice=["make a chore chart", "just leave the dishes and see if I notice", "hire a cleaner"],
        disclose=["when I lived with roommates I did all the cleaning and it made me bitter"],
        did=["left the dishes for you again", "didn't pull my weight at home", "ignored the chores all week"],
        couple=True,
    ),
    Situation(
        posts=[
            "You made a joke about my weight in front of your friends.",
            "That comment at the party really embarrassed me.",
            "why would you say that about me in front of everyone",
        ],
        feel=["humiliated", "embarrassed", "hurt", "betrayed", "small"],
        when=["I joked about you in front of my friends", "I made that comment at the party"],
        gist=[
            "you felt exposed when I made fun of you in front of people",
            "that joke made you feel like I was laughing at you, not with you",
        ],
        topic=[
            "what went through your head at the party",
            "how you felt walking out of there",
            "what that comment stirred up for you",
        ],
        advice=[
            "laugh it off next time",
            "tell my friends yourself that it wasn't funny",
            "don't take jokes so seriously",
        ],
        disclose=["my brother used to tease me in front of his friends and I still remember the sting"],
        did=["made that joke about you", "embarrassed you at the party", "said that in front of everyone"],
        couple=True,
    ),
    Situation(
        posts=[
            "You said you'd be home by seven. It's ten and you didn't even text.",
            "I waited up for hours and didn't hear from you",
            "I was worried sick last night. Where were you?",
        ],
        feel=["worried", "scared", "anxious", "hurt", "frustrated"],
        when=["I came home three hours late without texting", "you didn't hear from me all evening"],
        gist=[
            "you spent the evening not knowing if I was okay",
            "you were left waiting and worrying all night",
        ],
        topic=[
            "what the waiting was like for you",
            "what was going through your mind while you waited",
            "what scared you most last night",
        ],
        advice=["just go to sleep if I'm late", "use the location sharing app", "call my friends next time"],
        disclose=["when my sister went missing for a night I couldn't breathe until she called"],
        did=["came home late without texting", "didn't call you last night", "left you waiting all evening"],
        couple=True,
    ),
    Situation(
        posts=[
            "You always take your mom's side.",
            "Your mother criticized my cooking again and you said nothing.",
            "i feel like i'm competing with your mom",
        ],
        feel=["alone", "unsupported", "hurt", "outnumbered", "frustrated"],
        when=["I didn't stand up for you with my mom", "I stayed quiet while my mother criticized you"],
        gist=[
            "you felt like I left you on your own when my mom went after you",
            "you need to know I'm on your side when my family is around",
        ],
        topic=[
            "what happened with my mom",
            "what you needed from me in that moment",
            "how visits with my family feel for you",
        ],
        advice=["ignore my mom", "talk to my mother directly", "just skip the family dinners"],
        disclose=["my ex's family never accepted me and I felt like an outsider at every holiday"],
        did=[
            "didn't back you up with my mom",
            "stayed silent when my mother criticized you",
            "took my mom's side",
        ],
        couple=True,
    ),
    Situation(
        posts=[
            "We never spend time together anymore.",
            "I miss us. We're like roommates lately.",
            "When was the last time we went on a date?",
        ],
        feel=["lonely", "disconnected", "sad", "neglected", "distant"],
        when=["we've barely had any time together lately", "I've been buried in work"],
        gist=["you miss how close we used to be", "it feels to you like we've turned into roommates"],
        topic=[
            "what you miss most about us",
            "what time together would look like for you",
            "when you started feeling this distance",
        ],
        advice=["take up a hobby", "schedule a date night", "spend more time with your friends"],
        disclose=[
            "in my last relationship we drifted apart slowly and I felt lonely even sitting next to him"
        ],
        did=["let work take over", "haven't made time for us", "cancelled our plans again"],
        couple=True,
    ),
    Situation(
        posts=[
            "You spent $800 without talking to me.",
            "We agreed to talk about big purchases first.",
            "i saw the credit card bill. seriously?",
        ],
        feel=["blindsided", "betrayed", "anxious", "angry", "disrespected"],
        when=["I made a big purchase without asking you", "I went back on our deal about spending"],
        gist=[
            "you felt left out of a decision that affects both of us",
            "our agreement about money matters to you and I broke it",
        ],
        topic=[
            "what worries you most about our money",
            "how you felt when you saw the bill",
            "what our spending agreement means to you",
        ],
        advice=["make a budget spreadsheet", "get separate accounts", "relax, we can afford it"],
        disclose=["I grew up with parents who fought about money constantly and it still makes me tense"],
        did=[
            "spent that money without asking",
            "broke our money agreement",
            "bought that without talking to you",
        ],
        couple=True,
    ),
    Situation(
        posts=[
            "You never ask me about my day.",
            "I told you about my big presentation and you didn't even ask how it went.",
            "Sometimes I feel like you don't care what happens to me",
        ],
        feel=["unseen", "uncared for", "hurt", "lonely", "disappointed"],
        when=["I didn't ask about your presentation", "I forget to ask about your day"],
        gist=["you want me to be curious about your life", "you had a big day and I didn't even notice"],
        topic=["how the presentation went", "your day", "what you wish I'd asked"],
        advice=[
            "just tell me about your day without waiting",
            "write it down for me",
            "talk to your coworkers about it",
        ],
        disclose=["I had a boss who never asked me anything and I felt like a piece of furniture"],
        did=[
            "forgot to ask about your presentation",
            "didn't ask about your day",
            "tuned out when you talked",
        ],
        couple=True,
    ),
    Situation(
        posts=[
            "You cancelled on my friends at the last minute again.",
            "I was so embarrassed when you didn't show up.",
            "you promised you'd come this time",
        ],
        feel=["embarrassed", "let down", "disappointed", "frustrated", "alone"],
        when=["I bailed on your friends at the last minute", "I didn't show up after promising"],
        gist=[
            "you had to explain my absence again and it felt like I didn't keep my word",
            "you were counting on me and I didn't come through",
        ],
        topic=[
            "how the evening was without me",
            "what you told your friends",
            "what it meant to you that I'd come",
        ],
        advice=["go without me", "find friends I actually like", "stop planning things with them"],
        disclose=["a friend kept flaking on me last year and eventually I stopped inviting her"],
        did=["cancelled on your friends", "didn't show up", "bailed at the last minute"],
        couple=True,
    ),
    Situation(
        posts=[
            "You yelled at me in front of the kids.",
            "I didn't like how you spoke to me this morning.",
            "The way you snapped at me earlier really stung.",
        ],
        feel=["hurt", "shaken", "disrespected", "scared", "small"],
        when=["I raised my voice at you this morning", "I snapped at you in front of the kids"],
        gist=[
            "the way I talked to you this morning really hurt",
            "being yelled at in front of the kids felt awful",
        ],
        topic=[
            "what that moment was like for you",
            "how the kids seemed afterwards",
            "what you needed in that moment",
        ],
        advice=["walk away when I get like that", "don't push my buttons before coffee", "just ignore it"],
        disclose=["my parents used to shout at each other and I'd hide in my room"],
        did=["yelled at you", "snapped at you this morning", "raised my voice in front of the kids"],
        couple=True,
    ),
    Situation(
        posts=[
            "I feel like you don't find me attractive anymore.",
            "You haven't touched me in weeks.",
            "Do you even want to be with me?",
        ],
        feel=["insecure", "rejected", "unwanted", "lonely", "scared"],
        when=["I've been distant lately", "I haven't been affectionate with you"],
        gist=["you're worried I don't want you anymore", "the distance between us has you doubting us"],
        topic=[
            "what's been on your mind",
            "when you started feeling this way",
            "what would help you feel wanted",
        ],
        advice=["dress up more", "stop overthinking it", "read a book about intimacy"],
        disclose=["I went through a stretch where I felt unattractive and it colored everything"],
        did=["pulled away from you", "been distant lately", "stopped reaching for you"],
        couple=True,
    ),
    Situation(
        posts=[
            "You made plans for the weekend without asking me.",
            "Why do I always find out last about our plans?",
            "I had stuff I wanted to do this weekend too.",
        ],
        feel=["left out", "frustrated", "overlooked", "annoyed", "unimportant"],
        when=["I booked the weekend without checking with you", "I made plans for both of us on my own"],
        gist=["you want a say in how we spend our time", "it felt like your plans didn't count"],
        topic=[
            "what you had in mind for the weekend",
            "how you'd like us to plan things",
            "what bothered you most",
        ],
        advice=[
            "put your plans in the shared calendar",
            "just say no next time",
            "make your own plans first",
        ],
        disclose=["my old roommate used to volunteer me for things and I hated it"],
        did=["made plans without asking you", "booked the weekend on my own", "didn't check with you first"],
        couple=True,
    ),
    Situation(
        posts=[
            "You told your sister about our fight.",
            "That was private and you shared it.",
            "I can't trust you with anything, can I",
        ],
        feel=["betrayed", "exposed", "hurt", "angry", "embarrassed"],
        when=["I told my sister about our fight", "I shared something private between us"],
        gist=[
            "something that was just between us got out because of me",
            "you feel like you can't trust me with private things",
        ],
        topic=["what feels most hurtful about it", "what you need to trust me again", "how you found out"],
        advice=["tell your own side to my sister", "don't tell me things you want private", "let it go"],
        disclose=["a friend once repeated something I told her in confidence and I felt sick"],
        did=["told my sister about our fight", "shared our private stuff", "broke your trust"],
        couple=True,
    ),
    # ---------------- general support (friends, strangers online) ----------------
    Situation(
        posts=[
            "I got laid off today after six years at the company.",
            "lost my job this morning. no warning at all.",
            "They let half the team go and I was one of them.",
        ],
        feel=["shocked", "lost", "scared", "blindsided", "worthless"],
        when=["they let you go with no warning", "you lost a job you gave six years to"],
        gist=[
            "you gave that company six years and it ended in one morning",
            "the layoff came out of nowhere",
        ],
        topic=[
            "the layoff",
            "how you're holding up since the news",
            "what scares you most about what comes next",
        ],
        advice=[
            "update your resume tonight",
            "file for unemployment right away",
            "reach out to your old coworkers",
        ],
        disclose=[
            "I got laid off two years ago and I felt like I'd lost my whole identity",
            "when I lost my job I didn't tell anyone for a week",
        ],
    ),
    Situation(
        posts=[
            "My girlfriend broke up with me last night.",
            "He ended things after three years and I didn't see it coming.",
            "we broke up and i can't stop crying",
        ],
        feel=["heartbroken", "devastated", "lonely", "lost", "crushed"],
        when=["the relationship ended out of nowhere", "someone you loved for three years walked away"],
        gist=[
            "the breakup caught you completely off guard",
            "you're losing someone who was a huge part of your life",
        ],
        topic=["the breakup", "how you're getting through the nights", "what you miss most"],
        advice=["delete their number", "go out with your friends this weekend", "start going to the gym"],
        disclose=[
            "after my breakup I couldn't eat for days and everything reminded me of her",
            "I went through a really similar breakup last year",
        ],
    ),
    Situation(
        posts=[
            "I've been depressed for months and nothing helps.",
            "I can't get out of bed most days.",
            "everything feels pointless lately and i dont know why",
        ],
        feel=["empty", "exhausted", "hopeless", "numb", "stuck"],
        when=["every day feels heavy", "even getting out of bed is a fight"],
        gist=[
            "you've been carrying this heaviness for months and nothing seems to lift it",
            "even the basics of the day take everything you have",
        ],
        topic=["what a typical day feels like", "when this started", "what makes the mornings hardest"],
        advice=["try exercising every morning", "see a doctor about medication", "cut out sugar"],
        disclose=[
            "I struggled with depression through most of college and some days I couldn't shower",
            "I've been in that place too, where nothing feels worth doing",
        ],
    ),
    Situation(
        posts=[
            "My best friend stopped talking to me and I don't know why.",
            "My friends made plans without me again.",
            "i think my friend group is slowly dropping me",
        ],
        feel=["rejected", "confused", "hurt", "left out", "lonely"],
        when=["your friends shut you out", "someone you trusted went silent without explaining"],
        gist=[
            "you're being left out and nobody will tell you why",
            "a friendship that mattered is slipping away",
        ],
        topic=["what happened with your friend", "when things started to change", "what you miss about them"],
        advice=["message her and ask directly", "find new friends", "join a club"],
        disclose=["my closest friend ghosted me in high school and I blamed myself for years"],
    ),
    Situation(
        posts=[
            "I failed my exam and I studied so hard.",
            "Finals are crushing me, I can't keep up.",
            "i have three exams next week and i havent started",
        ],
        feel=["overwhelmed", "stressed", "defeated", "anxious", "discouraged"],
        when=["you studied so hard and it still didn't go your way", "the exams are piling up"],
        gist=[
            "all that work didn't show up in the grade",
            "the pressure of school is crushing you right now",
        ],
        topic=[
            "the exam",
            "how you're sleeping with all this pressure",
            "what worries you most about the results",
        ],
        advice=["make a study schedule", "talk to your professor", "use flashcards"],
        disclose=["I failed a class in my second year and I was sure my life was over"],
    ),
    Situation(
        posts=[
            "My dad is in the hospital and they don't know what's wrong.",
            "My mom was diagnosed with cancer.",
            "We just found out my grandma doesn't have long.",
        ],
        feel=["scared", "helpless", "heartbroken", "terrified", "worried"],
        when=[
            "someone you love is sick and nobody has answers",
            "you're facing the possibility of losing a parent",
        ],
        gist=[
            "you're waiting for answers about someone you love",
            "the news about your family has turned everything upside down",
        ],
        topic=[
            "how your family is coping",
            "what the doctors have said",
            "how you're taking care of yourself",
        ],
        advice=["ask for a second opinion", "research the treatment options", "stay positive for them"],
        disclose=["when my mom was sick I spent weeks in hospital waiting rooms and felt so powerless"],
    ),
    Situation(
        posts=[
            "My dog died this morning.",
            "We had to put our cat down yesterday.",
            "i lost my dog of 14 years",
        ],
        feel=["heartbroken", "devastated", "empty", "sad", "lost"],
        when=["you lost a companion you'd had for so long", "your dog passed away"],
        gist=["you lost a friend who was with you for years", "the house must feel so different now"],
        topic=["your dog", "what you loved most about him", "how the house feels now"],
        advice=["get a new puppy", "donate his things", "keep busy"],
        disclose=["when my cat died I cried for a week and couldn't look at her bowl"],
    ),
    Situation(
        posts=[
            "I have panic attacks every time I have to drive.",
            "My anxiety is out of control lately.",
            "i keep having these panic attacks at work",
        ],
        feel=["scared", "anxious", "out of control", "exhausted", "embarrassed"],
        when=["the panic hits out of nowhere", "your anxiety keeps flaring up"],
        gist=[
            "the panic keeps catching you when you least expect it",
            "your anxiety is getting in the way of everyday things",
        ],
        topic=["what the attacks feel like", "when they tend to start", "what helps even a little"],
        advice=["try breathing exercises", "see a therapist", "avoid caffeine"],
        disclose=[
            "I also get panic attacks and the first few times I thought I was dying",
            "I had anxiety attacks for years and I know how scary they are",
        ],
    ),
    Situation(
        posts=[
            "I moved to a new city and I don't know anyone.",
            "I feel so alone all the time.",
            "nobody would even notice if i disappeared for a week",
        ],
        feel=["lonely", "isolated", "invisible", "homesick", "sad"],
        when=["you don't have anyone around you", "you moved somewhere new on your own"],
        gist=[
            "you're surrounded by people but nobody really knows you",
            "starting over somewhere new has left you isolated",
        ],
        topic=["what your evenings are like", "what you miss from home", "what makes the loneliness worse"],
        advice=["join a meetup group", "download a friend app", "volunteer somewhere"],
        disclose=["when I moved abroad I went weeks without a real conversation"],
    ),
    Situation(
        posts=[
            "My parents keep comparing me to my brother.",
            "My mom said I'm a disappointment.",
            "nothing i do is ever good enough for my parents",
        ],
        feel=["not good enough", "hurt", "frustrated", "invisible", "angry"],
        when=["your parents compare you to your brother", "your mom called you a disappointment"],
        gist=[
            "you keep trying and it never seems to count with your parents",
            "you're being measured against your brother",
        ],
        topic=["what your mom said", "how long it's been like this", "what you wish they understood"],
        advice=["move out as soon as you can", "show them your grades", "just ignore them"],
        disclose=["my dad always compared me to my cousin and I still hear his voice sometimes"],
    ),
    Situation(
        posts=[
            "I can't sleep, I've been up every night this week.",
            "Insomnia is ruining my life.",
            "its 4am and im still awake again",
        ],
        feel=["exhausted", "frustrated", "drained", "desperate", "foggy"],
        when=["you can't sleep night after night", "the insomnia won't let up"],
        gist=["you're running on empty because sleep won't come", "night after night you're lying awake"],
        topic=["what keeps you up", "what the nights are like", "how it's affecting your days"],
        advice=["stop using screens before bed", "try melatonin", "get up at the same time every day"],
        disclose=["I had insomnia for a whole year and I felt like a ghost"],
    ),
    Situation(
        posts=[
            "My coworker took credit for my work in the meeting.",
            "My boss yelled at me in front of everyone.",
            "work has become unbearable",
        ],
        feel=["furious", "humiliated", "undervalued", "frustrated", "powerless"],
        when=["your coworker took credit for your work", "your boss humiliated you in front of the team"],
        gist=[
            "someone else got the credit for what you built",
            "you were embarrassed in front of your whole team",
        ],
        topic=["what happened in the meeting", "how things are with your boss", "what you wish you'd said"],
        advice=["email HR", "document everything", "start looking for a new job"],
        disclose=["a manager once presented my project as his own and I was too stunned to speak"],
    ),
    Situation(
        posts=[
            "I hate how I look.",
            "I can't stop comparing myself to everyone online.",
            "I don't want to go to the party because of how I look",
        ],
        feel=["insecure", "ashamed", "anxious", "self-conscious", "down on yourself"],
        when=["you can't stop comparing yourself to others", "you feel uncomfortable in your own skin"],
        gist=[
            "how you see yourself is keeping you from things you'd enjoy",
            "you're being really hard on yourself about your looks",
        ],
        topic=[
            "what goes through your head when you look in the mirror",
            "when you started feeling this way",
            "what the party means to you",
        ],
        advice=["delete instagram", "start working out", "buy some new clothes"],
        disclose=["I used to skip pool parties because I hated my body"],
    ),
    Situation(
        posts=[
            "I keep putting off everything and I hate myself for it.",
            "I've been procrastinating on my thesis for months.",
            "i have so much to do and i just... don't do it",
        ],
        feel=["stuck", "guilty", "frustrated", "ashamed", "overwhelmed"],
        when=["the work keeps piling up", "you keep putting things off"],
        gist=[
            "you want to get going and something keeps stopping you",
            "the guilt about the delay is making it harder to start",
        ],
        topic=[
            "what happens when you sit down to work",
            "what feels hardest to start",
            "how long it's been like this",
        ],
        advice=["use a pomodoro timer", "break it into tiny tasks", "turn off your phone"],
        disclose=["I put off my dissertation for almost a year and the guilt ate at me"],
    ),
    Situation(
        posts=[
            "My teenage son won't talk to me anymore.",
            "My daughter says she hates me.",
            "i feel like im failing as a parent",
        ],
        feel=["rejected", "helpless", "worried", "sad", "like a failure"],
        when=["your kid is shutting you out", "your daughter said she hates you"],
        gist=[
            "you're trying to stay close to your kid and getting pushed away",
            "you're doubting yourself as a parent",
        ],
        topic=[
            "what things were like between you before",
            "what he's going through",
            "what worries you most",
        ],
        advice=["give him space", "take away his phone", "get family counseling"],
        disclose=["my own kid went silent on me for most of ninth grade and I felt lost"],
    ),
    Situation(
        posts=[
            "I've been drinking way too much lately.",
            "I relapsed after eight months sober.",
            "i can't stop drinking at night",
        ],
        feel=["ashamed", "scared", "disappointed in yourself", "stuck", "guilty"],
        when=["the drinking is getting out of hand", "you relapsed after working so hard"],
        gist=[
            "the drinking has been creeping up and it scares you",
            "you worked hard for those months and it feels undone",
        ],
        topic=["what the nights are like", "what's been going on before you drink", "what support you have"],
        advice=["go to a meeting tonight", "pour it all out", "call your sponsor"],
        disclose=["I'm in recovery too and my first relapse made me feel like a fraud"],
    ),
]

SITUATIONS += [
    Situation(
        posts=[
            "My best friend died last month and I can't function.",
            "I lost my brother in an accident.",
            "my grandpa passed away yesterday",
        ],
        feel=["devastated", "numb", "lost", "heartbroken", "empty"],
        when=["you lost someone so close to you", "the person you leaned on is gone"],
        gist=[
            "you're trying to get through each day without someone who was part of all of them",
            "the loss is still so new and everything feels off",
        ],
        topic=["your friend", "the funeral", "how the days have been since"],
        advice=["join a grief group", "keep busy with work", "write them a letter"],
        disclose=[
            "when my uncle died I couldn't get out of bed for a week",
            "I lost my best friend in high school",
        ],
    ),
    Situation(
        posts=[
            "I feel like a complete failure at 30.",
            "Everyone my age has their life together except me.",
            "i'm such a failure, i can't do anything right",
        ],
        feel=["ashamed", "behind", "worthless", "discouraged", "hopeless"],
        when=["you compare yourself to everyone around you", "nothing seems to be going your way"],
        gist=[
            "you feel like everyone else is ahead and you're stuck",
            "you're measuring yourself against everyone your age",
        ],
        topic=[
            "what success would look like for you",
            "what's been going wrong lately",
            "when you started feeling behind",
        ],
        advice=["make a five-year plan", "stop scrolling social media", "go back to school"],
        disclose=["at 28 I was broke and living with my parents and felt like the biggest failure"],
    ),
    Situation(
        posts=[
            "I found out my husband has been cheating.",
            "My girlfriend has been texting her ex behind my back.",
            "i just found messages on his phone",
        ],
        feel=["betrayed", "crushed", "humiliated", "furious", "lost"],
        when=["you found out you were lied to", "the person you trusted most cheated on you"],
        gist=[
            "someone you trusted completely went behind your back",
            "everything you believed about your relationship got shaken",
        ],
        topic=["how you found out", "what you're going to do", "how you're holding up"],
        advice=["leave him", "get tested", "talk to a lawyer"],
        disclose=["my ex cheated on me and I didn't trust anyone for years"],
    ),
    Situation(
        posts=[
            "I'm drowning in debt and I can't see a way out.",
            "I can't pay rent this month.",
            "money stress is keeping me up every night",
        ],
        feel=["trapped", "panicked", "ashamed", "overwhelmed", "scared"],
        when=["the bills keep piling up", "rent is due and the money isn't there"],
        gist=[
            "the money worries are following you everywhere",
            "you can't see a way to get ahead of the bills",
        ],
        topic=[
            "what worries you most about the money",
            "how long things have been tight",
            "who knows about it",
        ],
        advice=["make a budget", "call your landlord", "sell some stuff"],
        disclose=["I was in credit card debt for years and I used to dread opening the mail"],
    ),
    Situation(
        posts=[
            "Since the lockdown I haven't seen anyone in weeks.",
            "Working from home is making me go crazy.",
            "i havent left my apartment in days",
        ],
        feel=["isolated", "lonely", "restless", "down", "cut off"],
        when=["you've been stuck at home for so long", "you haven't seen anyone in weeks"],
        gist=["being cut off from people is wearing you down", "the days have all started to blur together"],
        topic=["what your days look like now", "who you miss the most", "how you're sleeping"],
        advice=["video call your friends", "go for a walk every day", "get a routine"],
        disclose=["during the lockdown I went almost a month without seeing another person"],
    ),
]

# Feeling-word sets used outside situations (e.g. weak interpretations).
GENERIC_TOPICS = ["that", "all of this", "what happened", "this whole thing", "everything going on"]


def _pick(rng: random.Random, seq: list[str] | tuple[str, ...]) -> str:
    return seq[rng.randrange(len(seq))]


def _fill(rng: random.Random, template: str, s: Situation) -> str:
    """Fill ``{feel}``, ``{when}``, ... slots from a situation."""
    feels = rng.sample(s.feel, 2) if len(s.feel) >= 2 else [s.feel[0], s.feel[0]]
    slots = {
        "feel": feels[0],
        "feel2": feels[1],
        "when": _pick(rng, s.when),
        "gist": _pick(rng, s.gist),
        "topic": _pick(rng, s.topic),
        "advice": _pick(rng, s.advice),
        "disclose": _pick(rng, s.disclose),
        "did": _pick(rng, s.did) if s.did else "wasn't there for you",
        "gtopic": _pick(rng, GENERIC_TOPICS),
    }
    out = template.format(**slots)
    return out[0].upper() + out[1:] if out else out


def _texting(rng: random.Random, text: str, couple: bool) -> str:
    """Sometimes rewrite a sentence the way people text: lowercase, no apostrophes, 'u', fillers."""
    r = rng.random()
    if r < 0.25:
        text = text.lower()
    if rng.random() < 0.15:
        text = text.replace("'", "")
    if rng.random() < 0.05:
        text = re.sub(r"\byou\b", "u", text)
    if rng.random() < 0.2:
        text = text.rstrip(".")
    if rng.random() < 0.07:
        prefix = _pick(
            rng,
            ["babe, ", "hey, ", "honestly ", "ok ", "ugh "] if couple else ["hey, ", "honestly ", "man, "],
        )
        text = prefix + text[0].lower() + text[1:]
    return text


# --------------------------------------------------------------------------------------------
# Act templates: (labels, templates, couple_only). Written by the project; slots come from Situation.
# --------------------------------------------------------------------------------------------
ActSpec = tuple[tuple[str, ...], list[str], bool]

ACT_SPECS: list[ActSpec] = [
    (
        ("reflection",),
        [
            "So {gist}.",
            "So what I'm hearing is that {gist}.",
            "If I've got it, {gist}.",
            "What you're saying is {gist}.",
            "So basically {gist}, right.",
            "Sounds like {gist}.",
            "So {when}, and that's been weighing on you.",
            "So on top of everything, {when}.",
            "You're telling me {gist}.",
            "Let me make sure I follow: {gist}.",
            "So from your side, {gist}.",
            "It sounds like {gist}.",
            "So {gist}, and you've been holding that in.",
            "So you're saying {gist}?",
            "You mentioned that {gist}.",
            "So if I understand you, {gist}.",
            "It seems that {gist}.",
            "So {when}, and now you're not sure what to do next.",
            "In other words, {gist}.",
            "From what you've written, {gist}.",
            "So you've been dealing with this because {when}?",
        ],
        False,
    ),
    (
        ("reflection", "naming_emotion"),
        [
            "It sounds like you felt {feel} when {when}.",
            "So you felt {feel} because {when}.",
            "You felt {feel} when {when}, and {gist}.",
            "Sounds like it left you feeling {feel} when {when}.",
            "So when {when}, you ended up feeling {feel} and {feel2}.",
            "I'm hearing that {when} made you feel {feel}.",
        ],
        False,
    ),
    (
        ("naming_emotion",),
        [
            "You sound really {feel}.",
            "You must be feeling so {feel}.",
            "That must have left you feeling {feel}.",
            "I can hear how {feel} you are.",
            "It sounds like you're {feel} and {feel2}.",
            "You seem so {feel} right now.",
            "I imagine you're feeling pretty {feel}.",
            "That sounds like it left you {feel}.",
            "I bet you felt {feel}.",
            "Sounds like you're feeling {feel}.",
            "You must be {feel}.",
            "That must be so frightening.",
            "That must be incredibly lonely.",
            "That sounds really scary.",
            "That must feel awful.",
            "I can tell you're hurting.",
            "You sound exhausted.",
            "You sound heartbroken.",
            "It seems like you're carrying a lot of sadness right now.",
            "That sounds so frustrating.",
            "It sounds like you are feeling {feel}.",
            "I can tell that you feel {feel} about {topic}.",
            "I understand that you're feeling {feel} right now.",
            "You seem to be feeling really {feel} and {feel2}.",
            "I sense that you're {feel}.",
            "That must make you feel so {feel}.",
            "I can hear the {feel} feeling in what you wrote.",
            "It seems this has left you really {feel}.",
            "You're feeling {feel}, aren't you?",
        ],
        False,
    ),
    (
        ("validation",),
        [
            "Your feelings make total sense.",
            "It's completely okay to feel this way.",
            "I'd feel the same way in your shoes.",
            "That's a very normal reaction.",
            "You're not wrong to feel that way.",
            "It's okay to not be okay right now.",
            "It's fair to be upset about that.",
            "What you're feeling is real and it matters.",
            "I get why that hurt.",
            "That would upset anyone.",
            "It makes sense that this is hard for you.",
            "Anybody would be thrown by that.",
            "Your feelings are valid.",
            "It's totally natural to grieve something like this.",
            "That is a completely reasonable way to feel.",
            "Anyone in your position would struggle with this.",
            "Your reaction makes a lot of sense.",
        ],
        False,
    ),
    # Validation that also names the feeling: both ids by the catalogue's definitions.
    (
        ("validation", "naming_emotion"),
        [
            "It makes sense that you'd feel {feel}.",
            "Anyone would feel {feel} after that.",
            "Of course you're {feel}, that's a lot.",
            "You have every right to be {feel}.",
            "It's understandable that you're {feel} when {when}.",
            "Feeling {feel} about this is completely valid.",
            "No wonder you're {feel}.",
            "I can see why you'd feel {feel}.",
            "You're allowed to feel {feel} about this.",
            "It's normal to feel {feel} after everything you've been through.",
            "I can see how that would make you feel {feel}.",
            "It's okay to feel {feel} and {feel2} right now.",
        ],
        False,
    ),
    (
        ("open_question",),
        [
            "Can you tell me more about {topic}?",
            "How are you feeling about {topic}?",
            "What's been the hardest part of this for you?",
            "What was going through your mind?",
            "How did that feel for you?",
            "What's it been like since then?",
            "Tell me more about {topic}.",
            "What do you think made it so painful?",
            "How has this been affecting you?",
            "What happened after that?",
            "When did you start feeling this way?",
            "What was the worst part?",
            "How are you holding up?",
            "What does a bad day look like for you right now?",
            "Would you tell me about {topic}?",
            "What's been on your mind about {topic}?",
            "How long have you been feeling like this?",
            "What did it feel like when {when}?",
            "Are you feeling alone with this right now?",
            "Is there more you want to share about {topic}?",
            "I'd love to hear more about {topic}, if you want to share.",
            "What happened?",
            "What's going on?",
            "How are you doing with all this?",
        ],
        False,
    ),
    (
        ("checking_understanding",),
        [
            "Did I get that right?",
            "Is that right?",
            "Am I understanding you correctly?",
            "Is that what you meant?",
            "Tell me if I'm off here.",
            "Does that sound right to you?",
            "Did I miss anything?",
            "Correct me if I'm wrong.",
            "Is that close?",
            "Am I hearing that right?",
            "Is that how it felt?",
            "Is that fair to say?",
            "Did I understand that correctly?",
            "Is that the part that hurts most?",
        ],
        False,
    ),
    (
        ("reflection", "checking_understanding"),
        [
            "So {gist}, is that right?",
            "It sounds like {gist}, am I getting that right?",
            "If I'm hearing you, {gist}. Is that it?",
            "So you felt {feel} when {when}, did I get that right?",
        ],
        False,
    ),
    (
        ("asking_need",),
        [
            "What do you need from me right now?",
            "Do you want advice or do you just want me to listen?",
            "How can I support you?",
            "What would help right now?",
            "Is there anything I can do?",
            "What would make this a little easier for you?",
            "Would it help if I came over?",
            "Do you want to vent or do you want ideas?",
            "What can I do to make this better?",
            "How can I help you feel more supported?",
            "What would feel good to you tonight?",
            "Is there something you need from me?",
            "Do you need space or company right now?",
            "What would help you feel {feel2} a bit less?",
            "Would a hug help or do you need some room?",
            "Let me know what you need from me.",
            "Tell me what would help.",
        ],
        False,
    ),
    (
        ("i_statement",),
        [
            "I feel scared when we stop talking like this.",
            "I feel hurt when my effort goes unnoticed.",
            "I get anxious when plans change at the last minute.",
            "I feel lonely when we don't talk in the evenings.",
            "I feel overwhelmed when everything lands on me at once.",
            "I'm feeling sad about how we left things.",
            "When we argue like this I feel really disconnected from you.",
            "I feel embarrassed when jokes are about me.",
            "I felt left out when I found out about the plans.",
            "I feel worried when I don't hear from you.",
            "I need some quiet time when I get home to reset.",
            "I feel frustrated when the chores pile up.",
            "It scares me when voices get raised.",
            "I feel unappreciated when nobody notices what I do.",
        ],
        True,
    ),
    (
        ("apology",),
        [
            "I'm sorry I {did}.",
            "I'm really sorry I {did}, that wasn't fair to you.",
            "I'm sorry I {did}. I can see it made you feel {feel}.",
            "I apologize for how I acted.",
            "You're right, I {did} and that hurt you. I'm sorry.",
            "I was wrong to do that and I'm sorry.",
            "I'm so sorry I {did}; it made you feel {feel}.",
            "That's on me. I'm sorry.",
            "I owe you an apology.",
            "I messed up and I'm sorry.",
            "I'm sorry for {did}... it left you feeling {feel}.",
            "I'm sorry. I {did} and I understand why you're {feel}.",
            "My bad, I {did}. I'm sorry.",
            "I regret how I handled that.",
            "I should have texted. I'm sorry.",
        ],
        True,
    ),
    (
        ("repair_attempt",),
        [
            "Can we pause and start over?",
            "Can we take a breather and try again?",
            "Let's not fight, I love you.",
            "Can we talk about this calmly later tonight?",
            "I don't want to fight with you.",
            "Can we take a step back?",
            "Let's start this conversation over.",
            "We're on the same team here.",
            "Can I try saying that again, better this time?",
            "Let's take ten minutes and come back to this.",
            "I want to understand you, not win this.",
            "Can we hit reset?",
            "Hey, truce? I miss you.",
            "Let's figure this out together instead of arguing.",
        ],
        True,
    ),
    (
        ("reassurance",),
        [
            "I'm here for you.",
            "We'll figure this out together.",
            "You're not alone in this.",
            "I'm not going anywhere.",
            "I've got you.",
            "We'll get through this.",
            "I love you and I'm on your side.",
            "You can always talk to me.",
            "Whatever happens, I'm with you.",
            "I'm right here.",
            "You don't have to go through this alone.",
            "I believe in you.",
            "You're stronger than you think.",
            "Things will get better.",
            "It's going to be okay.",
            "You've got this.",
            "I'm proud of you for getting through this.",
            "Hang in there.",
            "I'm always here if you need to talk.",
            "Sending you a big hug.",
            "You matter.",
            "You're doing the best you can.",
            "This won't last forever.",
            "You will find your way through this.",
            "It's brave of you to reach out.",
            "You are doing better than you think.",
            "Please be gentle with yourself.",
            "You did the right thing by reaching out.",
            "I'm sure you'll find a way through this.",
            "You are a strong person and you've handled hard things before.",
            "You deserve to be happy.",
            "I know you can do this.",
            "You're going to be okay, one step at a time.",
            "There's nothing wrong with you.",
        ],
        False,
    ),
    (
        ("self_disclosure",),
        [
            "I went through something similar: {disclose}.",
            "I know a little of how that feels, {disclose}.",
            "For what it's worth, {disclose}.",
            "I've been there. {disclose}.",
            "Same thing happened to me, {disclose}.",
            "I can relate, {disclose}.",
            "Honestly, {disclose}.",
            "Not the same, but {disclose}.",
            "I've had that happen too, and it really hurt.",
            "I've felt that way before too.",
            "I remember going through something like that myself.",
            "I had the exact same experience a few years ago.",
            "I have been in a similar situation myself.",
            "I went through something like this last year.",
            "When I was in college I felt the same way.",
            "A friend of mine went through the same thing.",
            "I remember feeling {feel} when something similar happened to me.",
            "I've struggled with this too.",
            "I used to feel exactly like you do.",
            "I'm going through the same thing right now.",
            "I also dealt with this for a long time, and it was really hard.",
            "Something similar happened in my family.",
            "I have felt {feel} like that too, so I know a bit of what it's like.",
            "That happened to me once too.",
        ],
        False,
    ),
    (
        ("appreciation",),
        [
            "Thank you for telling me.",
            "Thanks for being honest with me.",
            "I really appreciate you sharing this.",
            "Thank you for trusting me with this.",
            "I'm glad you told me.",
            "Thanks for opening up.",
            "I appreciate you bringing this up.",
            "Thank you for being patient with me.",
            "I appreciate everything you do.",
            "Thank you for reaching out.",
            "I'm grateful you said something.",
            "Thanks for letting me know how you feel.",
            "I really appreciate you.",
        ],
        False,
    ),
    # ---------------- pitfalls ----------------
    (
        ("advice_giving",),
        [
            "You should {advice}.",
            "You should just {advice}.",
            "Just {advice}.",
            "Why don't you {advice}?",
            "Have you tried to {advice}?",
            "Maybe you could {advice}.",
            "I think you need to {advice}.",
            "Try to {advice}.",
            "My advice is to {advice}.",
            "What you need to do is {advice}.",
            "Have you thought about trying to {advice}?",
            "The best thing would be to {advice}.",
            "If I were you I'd {advice}.",
            "You need to {advice} as soon as possible.",
            "Next time, {advice}.",
            "You could {advice}.",
            "It might help to {advice}.",
            "Have you considered talking to a therapist?",
            "Perhaps you could {advice}.",
            "One thing that helped me was to {advice}.",
            "I would suggest that you {advice}.",
            "Maybe it's time to {advice}.",
            "Why not {advice}?",
            "Could you {advice}?",
            "A good first step is to {advice}.",
            "You should see a professional about this.",
            "Try getting more sleep and exercise.",
            "Maybe write a list of pros and cons.",
            "Go for a walk, it always helps.",
            "Have you tried meditation?",
            "You should talk to someone about it.",
            "I'd recommend journaling.",
        ],
        False,
    ),
    (
        ("minimizing",),
        [
            "It's not a big deal.",
            "At least you still have {gtopic} to be thankful for.",
            "It could be worse.",
            "You'll be over it by next week.",
            "It's really not that bad.",
            "At least it wasn't worse.",
            "Lots of people have it worse.",
            "It's just a birthday.",
            "That's nothing to get upset about.",
            "It's only money.",
            "Don't worry about it, it's small stuff.",
            "Look on the bright side.",
            "At least you have a roof over your head.",
            "Plenty of fish in the sea.",
            "It was just a joke.",
            "Everyone goes through this, it's normal.",
            "You'll laugh about this one day.",
            "It's not the end of the world.",
        ],
        False,
    ),
    (
        ("invalidating",),
        [
            "You're overreacting.",
            "You're too sensitive.",
            "Calm down.",
            "You shouldn't feel that way.",
            "There's no reason to be upset.",
            "You're being dramatic.",
            "Stop being so emotional.",
            "Don't be sad.",
            "You're making a big deal out of nothing.",
            "That's a silly thing to be upset about.",
            "Just cheer up.",
            "You need to toughen up.",
            "Stop crying about it.",
            "You're not really {feel}, you're just tired.",
            "Don't feel {feel}, it doesn't help.",
            "Relax, seriously.",
            "Get over it.",
            "Snap out of it.",
        ],
        False,
    ),
    (
        ("defensiveness",),
        [
            "That's not what I meant.",
            "I was just trying to help.",
            "It wasn't my fault.",
            "But you do the same thing all the time.",
            "Well you didn't tell me it mattered.",
            "I had a really long day too, you know.",
            "I only did that because you were ignoring me.",
            "You can't blame this all on me.",
            "I didn't do anything wrong.",
            "That's not fair, I do plenty.",
            "Well what about when you forgot mine?",
            "I was busy, what was I supposed to do?",
            "You're twisting my words.",
            "I had my reasons.",
            "If you'd told me earlier this wouldn't have happened.",
            "But you never said anything!",
            "Don't put this on me.",
        ],
        True,
    ),
    (
        ("criticism",),
        [
            "You always do this.",
            "You never listen to me.",
            "You're so selfish.",
            "You always make everything about you.",
            "You never appreciate anything I do.",
            "What is wrong with you?",
            "You're so lazy.",
            "You always overthink everything.",
            "You're impossible to please.",
            "You never follow through on anything.",
            "You're such a nag.",
            "You always have to complain about something.",
            "You're so needy.",
            "The problem is you're careless.",
        ],
        True,
    ),
    (
        ("contempt",),
        [
            "Oh poor you.",
            "Grow up.",
            "Wow, must be nice to have nothing better to worry about.",
            "Cry me a river.",
            "Here we go again with the drama.",
            "Oh boo hoo.",
            "Are you five?",
            "Seriously? You're pathetic.",
            "Nice job, genius.",
            "Whatever you say, princess.",
            "Sure, you're the victim as usual.",
            "Get a grip.",
            "You're ridiculous.",
            "lol ok",
            "Congratulations, you played yourself.",
        ],
        False,
    ),
    (
        ("stonewalling",),
        [
            "Fine.",
            "Whatever.",
            "I'm done talking about this.",
            "I don't want to talk about it.",
            "K.",
            "Leave me alone.",
            "I'm not discussing this.",
            "Do whatever you want.",
            "I'm going to bed.",
            "Not doing this right now.",
            "Forget it.",
            "Talk to the hand.",
            "We're done here.",
            "I have nothing to say.",
            "ok.",
        ],
        True,
    ),
    (
        ("cliche",),
        [
            "I understand.",
            "I hear you.",
            "Everything happens for a reason.",
            "Time heals all wounds.",
            "It is what it is.",
            "Stay positive.",
            "Good vibes only.",
            "I know how you feel.",
            "It'll all work out.",
            "Things happen.",
            "What doesn't kill you makes you stronger.",
            "Life goes on.",
            "Just be yourself.",
            "Sorry to hear that.",
            "That sucks.",
            "Thoughts and prayers.",
            "Keep your chin up.",
        ],
        False,
    ),
    (
        ("self_focus",),
        [
            "That's nothing, my day was way worse.",
            "You think that's bad? Let me tell you about my week.",
            "Anyway, I had the worst day too.",
            "Ugh, same, and mine was even worse.",
            "That reminds me of my own problems.",
            "I'm the one who should be upset here.",
            "I'm so stressed about my stuff I can't even deal with this.",
            "Speaking of me, guess what happened at work.",
            "When that happened to me it was ten times worse.",
            "Well I've got my own issues right now.",
            "You don't even know what stress is, try my job.",
        ],
        False,
    ),
    (
        ("non_apology",),
        [
            "I'm sorry you feel that way.",
            "Sorry, but you overreacted.",
            "I'm sorry if you were offended.",
            "Sorry, but I did nothing wrong.",
            "I'm sorry you took it like that.",
            "Sorry if that upset you, I guess.",
            "Okay, I'm sorry, happy now?",
            "I'm sorry, but you started it.",
            "Sorry you're so sensitive about it.",
            "I apologize if you misunderstood.",
            "Fine, sorry.",
        ],
        True,
    ),
    (
        ("guilt_trip",),
        [
            "If you loved me you would let this go.",
            "After everything I do for you, this is how you treat me?",
            "I guess I'm just a terrible partner then.",
            "Fine, I'll just never do anything right.",
            "You'd do it if you really cared.",
            "I gave up so much for you.",
            "I guess my feelings don't matter.",
            "Do you know how much I sacrifice for you?",
            "If you cared at all you wouldn't bring this up.",
            "Thanks for making me feel like garbage.",
        ],
        True,
    ),
    (
        ("gaslighting",),
        [
            "That never happened.",
            "You're imagining things.",
            "I never said that.",
            "You're remembering it wrong.",
            "You're crazy, it wasn't like that.",
            "You made that up.",
            "Nobody else thinks that happened.",
            "You always invent these things.",
            "That's all in your head.",
            "I was home on time, you're confused.",
        ],
        True,
    ),
    (
        ("heated_tone",),
        [
            "WHY WOULD YOU DO THAT!!!",
            "THIS IS RIDICULOUS.",
            "Are you kidding me?!?!",
            "STOP.",
            "What the hell is wrong with you!!",
            "I AM SO DONE WITH THIS",
            "Oh my god, seriously!!!",
            "This is such bullshit.",
            "Screw this!!",
            "I can't BELIEVE you right now!!!",
        ],
        True,
    ),
    (
        ("self_erasure",),
        [
            "It's all my fault, I ruin everything.",
            "I'm sorry for existing.",
            "Forget what I need, it doesn't matter.",
            "I'm a horrible person, I'm so sorry for everything.",
            "You're right, I'm the worst.",
            "Never mind my feelings, they're not important.",
            "I'll just stop asking for anything.",
            "Sorry I'm always such a burden.",
            "Everything is my fault, always.",
            "I don't deserve you.",
        ],
        True,
    ),
]

# Sentences that carry none of the act labels: logistics, small talk, facts, neutral sympathy.
NONE_SENTENCES = [
    "I'll be home around six.",
    "Did you pick up the milk?",
    "The car needs an oil change.",
    "My meeting ran late.",
    "I saw a funny video today.",
    "The kids are asleep.",
    "Traffic was terrible this morning.",
    "It's supposed to rain tomorrow.",
    "I'm making pasta tonight.",
    "The landlord called about the heater.",
    "We have the dentist on Friday.",
    "I read about that in the news.",
    "My phone battery died.",
    "Let's order pizza.",
    "I finished the report.",
    "The store closes at nine.",
    "I'm at the gym.",
    "The game starts at eight.",
    "My sister says hi.",
    "Insomnia affects about a third of adults at some point.",
    "Many companies are cutting jobs this year.",
    "Exams usually get curved at my school.",
    "Dogs live around twelve years on average.",
    "I work in IT.",
    "I'm 24 and live with my parents.",
    "This sub has been really active lately.",
    "I read your post twice.",
    "Posting from my phone, sorry for formatting.",
    "Edit: typo.",
    "I'm sorry you're going through this.",
    "I'm so sorry to hear about your dog.",
    "Sorry for your loss.",
    "I'm sorry that happened to you.",
]


EXTRA_NEUTRAL = (
    "I read your post on the bus",
    "I just got home from work",
    "I'm not great with words",
    "long time lurker here",
    "I don't post much",
    "it's late here",
    "I saw this earlier today",
    "my phone is about to die",
)


def act_examples(rng: random.Random, per_template: int = 10) -> list[dict[str, object]]:
    """Sentence-level multi-label examples for the acts head."""
    rows: list[dict[str, object]] = []
    for labels, templates, couple_only in ACT_SPECS:
        pool = [s for s in SITUATIONS if s.couple] if couple_only else SITUATIONS
        for t in templates:
            n = per_template if "{" in t else 3
            seen: set[str] = set()
            for _ in range(n):
                s = _pick(rng, pool)  # type: ignore[arg-type]
                text = _texting(rng, _fill(rng, t, s), s.couple)
                if text in seen:
                    continue
                seen.add(text)
                rows.append({"text": text, "partner": _pick(rng, s.posts), "labels": list(labels)})
    # Composite sentences: two acts joined into one sentence (real replies run moves together).
    combos = [
        ("apology", "naming_emotion"),
        ("validation", "open_question"),
        ("naming_emotion", "asking_need"),
        ("appreciation", "reassurance"),
        ("reflection", "validation"),
        ("self_disclosure", "reassurance"),
        ("validation", "advice_giving"),
        ("minimizing", "advice_giving"),
        ("defensiveness", "criticism"),
        ("naming_emotion", "open_question"),
        ("apology", "repair_attempt"),
        ("reassurance", "asking_need"),
    ]
    by_label: dict[str, list[tuple[list[str], bool]]] = {}
    for labels, templates, couple_only in ACT_SPECS:
        if len(labels) == 1:
            by_label.setdefault(labels[0], []).append((templates, couple_only))
    for a, b in combos:
        for _ in range(40):
            ta, ca = _pick(rng, by_label[a])  # type: ignore[arg-type]
            tb, cb = _pick(rng, by_label[b])  # type: ignore[arg-type]
            pool = [s for s in SITUATIONS if s.couple] if (ca or cb) else SITUATIONS
            s = _pick(rng, pool)  # type: ignore[arg-type]
            x = _fill(rng, _pick(rng, ta), s).rstrip(".")
            y = _fill(rng, _pick(rng, tb), s)
            joiner = _pick(rng, [", ", " and ", " - ", ". "])
            text = _texting(rng, x + joiner + y[0].lower() + y[1:], s.couple)
            rows.append({"text": text, "partner": _pick(rng, s.posts), "labels": [a, b]})
    # Act clauses inside longer sentences, next to a neutral clause (the label stays the act's).
    singles = [r for r in rows if len(r["labels"]) == 1]  # type: ignore[arg-type]
    for r in rng.sample(singles, min(900, len(singles))):
        other = _pick(rng, NONE_SENTENCES + list(EXTRA_NEUTRAL))
        text = str(r["text"])
        merged = _join(rng, other, text) if rng.random() < 0.5 else _join(rng, text, other)
        rows.append({"text": merged, "partner": r["partner"], "labels": list(r["labels"])})  # type: ignore[call-overload]
    for sent in NONE_SENTENCES:
        for _ in range(3):
            s = _pick(rng, SITUATIONS)  # type: ignore[arg-type]
            rows.append({"text": _texting(rng, sent, s.couple), "partner": _pick(rng, s.posts), "labels": []})
    return rows


# --------------------------------------------------------------------------------------------
# Empathy components: (er, ip, ex) levels, templates. Follows the EPITOME definitions in our words:
# ER weak = warmth without naming a feeling (hope, hugs, "sorry to hear"), strong = the replier names
# their own feeling for the seeker; IP weak = generic understanding, strong = specific inference of the
# seeker's feelings/experience or a related experience of one's own; EX weak = generic question,
# strong = specific question about the seeker's feelings or experience.
# --------------------------------------------------------------------------------------------
EmpSpec = tuple[tuple[int, int, int], list[str]]

EMP_SPECS: list[EmpSpec] = [
    (
        (2, 0, 0),
        [
            "I'm so sorry, my heart really goes out to you.",
            "I feel so sad reading this.",
            "This breaks my heart.",
            "I'm heartbroken for you.",
            "I feel awful that you're dealing with this.",
            "Reading this made me tear up.",
            "I'm so, so sorry. I really feel for you.",
            "My heart aches for you.",
            "I'm genuinely so sad for you.",
            "Ugh, I'm so sorry, this makes me so angry on your behalf.",
            "I really feel for you right now.",
            "I'm so deeply sorry about {topic}.",
            "This honestly makes me want to cry for you.",
            "I'm really worried about you.",
            "I care about you so much and I hate that you're hurting.",
            "I'm so sorry you feel so {feel}, that breaks my heart.",
            "Oh no, I'm so sorry. That's heartbreaking.",
            "I'm so sorry you have to go through this, it honestly makes me sad.",
            "That's awful and I'm so sorry.",
            "I'm really sorry man, that's heartbreaking.",
            "Oh my god, I'm so sorry.",
            "This makes me so sad for you.",
            "I'm so sorry for what you're going through, I really am.",
            "It hurts to read this.",
            "I'm so angry that anyone treated you this way.",
            "I'm worried about you and I care.",
        ],
    ),
    (
        (1, 0, 0),
        [
            "Sorry to hear that.",
            "I'm sorry you're going through this.",
            "Hope things get better soon.",
            "Sending hugs.",
            "Hang in there.",
            "I hope you feel better.",
            "Stay strong.",
            "You've got this.",
            "Things will get better, I promise.",
            "Sending you good vibes.",
            "Hugs to you.",
            "Take care of yourself.",
            "I'm sorry that happened.",
            "Wishing you the best.",
            "I hope it gets easier.",
            "Everything will be okay.",
            "You're not alone.",
            "I'm here if you need to talk.",
            "Be kind to yourself.",
            "*hugs*",
            "I hope tomorrow is a better day.",
            "Keep your head up.",
            "I'm rooting for you.",
            "Aww that's rough.",
            "That sucks, sorry.",
            "I'm sorry for your loss.",
            "Good luck, you can do this.",
            "I'm glad you reached out.",
            "That's rough.",
            "Damn, that sucks.",
            "Sorry man.",
            "I wish you the best.",
            "Good luck with everything.",
            "Sending love.",
            "I hope things turn around for you.",
            "You deserve better.",
            "Stay safe.",
            "I'm glad you're still here.",
            "Feel better.",
            "That's awful.",
            "You'll get through this.",
            "Much love.",
            "It will get better.",
            "Don't give up.",
            "I'm proud of you for posting this.",
        ],
    ),
    (
        (0, 2, 0),
        [
            "It sounds like you feel {feel} because {when}.",
            "That must be so hard, especially when {when}.",
            "You must feel so {feel} right now.",
            "That must be terrifying.",
            "That must be exhausting.",
            "It sounds like {gist}.",
            "I can tell you feel {feel} and {feel2}.",
            "It seems like {when} really shook you.",
            "I can imagine how {feel} you must feel after {gist}.",
            "That sounds incredibly lonely.",
            "It must feel like nobody sees how hard you're trying.",
            "That sounds like a really scary place to be.",
            "No wonder you feel {feel}; {gist}.",
            "It sounds like you're carrying a lot on your own.",
            "I went through something similar: {disclose}.",
            "{disclose}, so I know how much that hurts.",
            "I've dealt with the same thing, {disclose}.",
            "Same here, {disclose}.",
            "I also struggle with this and some days it feels impossible.",
            "I had the same thing happen to me and I felt {feel} for months.",
            "I totally get why you'd feel {feel} after {gist}.",
            "Feeling {feel} after that makes complete sense.",
            "You're clearly someone who cares a lot, and that's why this hurts.",
            "I know how it feels to lose someone you love.",
            "I've been dealing with depression for years too.",
            "I know what it's like to feel like a burden.",
            "It's hard when the people closest to you don't get it.",
            "It's hard to keep going when every day feels the same.",
            "It must be hard to feel so alone in this.",
            "That's a lot to deal with at once.",
            "I can only imagine how exhausting that is.",
            "I was in the same place a couple of years ago.",
            "I'm going through the same thing right now.",
            "I used to feel exactly like this.",
            "I know how {feel} that can make you feel.",
            "I also felt {feel} for a long time after something like that.",
            "It's so hard to feel {feel} and not know why.",
            "Being {feel} all the time wears you down.",
            "I know the feeling of lying awake and replaying everything.",
            "It sounds like you've been fighting this on your own for a long time.",
            "That kind of loneliness is brutal.",
        ],
    ),
    (
        (0, 1, 0),
        [
            "I understand how you feel.",
            "I know what you mean.",
            "I get it.",
            "I can relate.",
            "I've been there.",
            "I hear you.",
            "I know the feeling.",
            "I understand.",
            "Been there, man.",
            "That makes sense.",
            "I can see where you're coming from.",
            "I know how that is.",
            "I feel you.",
            "Same.",
        ],
    ),
    (
        (0, 0, 2),
        [
            "What was the hardest part of {topic} for you?",
            "How are you feeling about {topic} right now?",
            "Are you feeling alone with this?",
            "What goes through your mind when {when}?",
            "How has this been affecting your day to day?",
            "What do you miss most?",
            "When did you first start feeling {feel}?",
            "What was it like for you when {when}?",
            "Can you tell me more about {topic}?",
            "How are you coping with {topic}?",
            "Do you feel like you have anyone to talk to about this?",
            "What scares you most about it?",
            "How long have you been feeling this way?",
            "What's been weighing on you the most?",
            "Is it the {feel} feeling that's hardest, or something else?",
            "How did you feel when that happened?",
            "What do you think is making you feel this way?",
            "Do you know what triggered it?",
            "How do you feel about {topic}?",
            "Have you felt like this before?",
            "Is there something specific that's bothering you?",
            "What's making you feel {feel}?",
            "Is this the first time you've felt this way?",
            "What was going through your head at the time?",
            "How are you feeling today?",
        ],
    ),
    (
        (0, 0, 1),
        [
            "What happened?",
            "How are you doing?",
            "What's going on?",
            "Want to talk about it?",
            "How are you now?",
            "What do you mean?",
            "Any update?",
            "Care to share more?",
            "What happened next?",
            "Are you okay?",
            "Where are you at with it now?",
            "How did it go?",
        ],
    ),
    (
        (1, 1, 0),
        [
            "I'm sorry, I know how that feels.",
            "Sorry man, I've been there.",
            "I get it, and I'm sorry you're dealing with it.",
        ],
    ),
    (
        (2, 2, 0),
        [
            "I'm so sorry, it must be terrifying to feel {feel} like this.",
            "My heart breaks for you; {gist} and that's so painful.",
            "I feel so sad for you, it sounds like {gist}.",
        ],
    ),
    (
        (1, 0, 2),
        [
            "I'm sorry you're dealing with this. What's been the hardest part?",
            "Hugs. How are you holding up with {topic}?",
        ],
    ),
    (
        (0, 2, 2),
        [
            "That sounds so lonely; do you feel like anyone around you understands?",
            "It sounds like {gist}. How are you handling it?",
        ],
    ),
    # Level-0 content: advice, information, opinions, tough love, off-topic, advice-as-question.
    (
        (0, 0, 0),
        [
            "You should {advice}.",
            "Just {advice}.",
            "Try to {advice}.",
            "Have you tried to {advice}?",
            "Have you considered therapy?",
            "Why don't you {advice}?",
            "My advice would be to {advice}.",
            "See a doctor.",
            "Exercise helps a lot.",
            "Drink more water and get some sun.",
            "Get off reddit and go outside.",
            "Therapy is expensive but worth it.",
            "Most people feel this way in their twenties.",
            "It's a common problem, there are lots of resources online.",
            "There's a great book about this.",
            "Check the sidebar for resources.",
            "You need to stop feeling sorry for yourself.",
            "Honestly, it's your own fault.",
            "Nobody owes you anything.",
            "This is why I don't date.",
            "Lol same thing happened on my server.",
            "It's not that deep.",
            "Get over it, everyone has problems.",
            "Life is hard, deal with it.",
            "I disagree with the other comments here.",
            "Source?",
            "This.",
            "Medication worked for me after a few weeks.",
            "Depression is a medical condition, not a weakness.",
            "You could {advice} and see what happens.",
            "The job market is rough right now.",
            "What medication are you on?",
            "Have you tried turning it off and on again?",
            "Did you call the police?",
            "Why would you even care what they think?",
            "Is that even legal?",
            "Which city are you in?",
            "{advice}, trust me.",
            "At least you have your health.",
            "Could be worse.",
            "Happy cake day!",
            "Why not just {advice}?",
            "Did you know that exercise is as good as some medication?",
            "Who cares what they think?",
            "Isn't that what everyone does?",
            "Is it possible you're just tired?",
            "Can't you just {advice}?",
            "Have you talked to a doctor about meds?",
            "What would you do if you won the lottery?",
            "Why would anyone do that?",
            "I think you're overthinking this.",
            "You're young, you have plenty of time.",
            "People are the worst.",
            "That's how the system works unfortunately.",
            "Your ex sounds like a jerk.",
            "I'm 30 and still figuring it out.",
            "Upvoted for visibility.",
            "I read this twice.",
            "Welcome to adulthood.",
            "Thanks for sharing.",
        ],
    ),
]


def _goemotions_fillers(rng: random.Random, n: int) -> tuple[list[str], list[str]]:
    """Reddit-register sentences from GoEmotions that plausibly carry no empathy and no act.

    Returns (statements, questions). Filters are keyword heuristics: conservative, so that a caring or
    questioning sentence is not used as a negative.
    """
    if not GOEMOTIONS.exists():
        return [], []
    skip_labels = {"5", "24", "16", "18", "15", "25", "9", "20", "26", "7", "6", "19", "14"}
    # caring, remorse, grief, love, gratitude, sadness, disappointment, optimism, surprise, curiosity,
    # confusion, nervousness, fear
    bad = re.compile(
        r"\b(sorry|feel|felt|understand|hope|hug|hugs|same|been there|know how|must be|sounds|you should|"
        r"try|tried|advice|suggest|help|here for|love|care|proud|relat|glad|pain|hurt|sad|lonely|alone|"
        r"depress|anxi|scar|support|strong|thank|thanks|okay|ok|sucks|rough|condolence|rip)\w*",
        re.I,
    )
    statements: list[str] = []
    questions: list[str] = []
    with GOEMOTIONS.open(encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    rng.shuffle(lines)
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        text, labs = parts[0], set(parts[1].split(","))
        if "[NAME]" in text or len(text.split()) < 4 or bad.search(text):
            continue
        if "?" in text:
            if "7" in labs and not re.search(r"\b(you|your|u)\b", text, re.I) and len(questions) < n // 4:
                questions.append(text)
            continue
        if labs & skip_labels:
            continue
        if len(statements) < n:
            statements.append(text)
        if len(statements) >= n and len(questions) >= n // 4:
            break
    return statements, questions


def _join(rng: random.Random, x: str, y: str) -> str:
    """Run two sentences together the way long comments do (comma splice, 'and', 'but', dash)."""
    x = x.rstrip(" .!")
    if x.endswith("?"):
        return x + " " + y
    joiner = _pick(rng, [", ", " and ", " but ", " - ", "; ", ", so ", " because "])
    if y[:2] not in ("I ", "I'"):
        y = y[0].lower() + y[1:]
    return x + joiner + y


def _merge_some(
    rng: random.Random, parts: list[tuple[str, tuple[int, int, int]]]
) -> list[tuple[str, tuple[int, int, int]]]:
    """Merge some neighbouring sentences into one, so the heads also learn from long mixed sentences
    where the empathic clause is only part of the sentence; the merged label is the max of the two."""
    out: list[tuple[str, tuple[int, int, int]]] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and rng.random() < 0.35:
            (x, lx), (y, ly) = parts[i], parts[i + 1]
            merged = (lx[0] if lx[0] > ly[0] else ly[0], max(lx[1], ly[1]), max(lx[2], ly[2]))
            out.append((_join(rng, x, y), merged))
            i += 2
        else:
            out.append(parts[i])
            i += 1
    return out


def empathy_examples(rng: random.Random, n: int, fillers: list[str]) -> list[dict[str, object]]:
    """Composed replies with per-sentence and per-reply levels for (er, ip, ex)."""
    by_levels: dict[tuple[int, int, int], list[str]] = {}
    for lv, ts in EMP_SPECS:
        by_levels.setdefault(lv, []).extend(ts)
    empathic = [lv for lv in by_levels if lv != (0, 0, 0)]
    rows: list[dict[str, object]] = []
    for _ in range(n):
        s = _pick(rng, SITUATIONS)  # type: ignore[arg-type]
        k_emp = rng.choices([0, 1, 2, 3], weights=[0.3, 0.35, 0.25, 0.1])[0]
        k_zero = rng.choices([0, 1, 2, 3, 4], weights=[0.25, 0.3, 0.25, 0.12, 0.08])[0]
        if k_emp + k_zero == 0:
            k_zero = 1
        parts: list[tuple[str, tuple[int, int, int]]] = []
        for _ in range(k_emp):
            lv = _pick(rng, empathic)  # type: ignore[arg-type]
            parts.append((_fill(rng, _pick(rng, by_levels[lv]), s), lv))
        for _ in range(k_zero):
            if fillers and rng.random() < 0.4:
                parts.append((_pick(rng, fillers), (0, 0, 0)))
            else:
                parts.append((_fill(rng, _pick(rng, by_levels[(0, 0, 0)]), s), (0, 0, 0)))
        rng.shuffle(parts)
        parts = _merge_some(rng, parts)
        sents = [_texting(rng, t, s.couple) for t, _ in parts]
        levels = [max(lv[i] for _, lv in parts) for i in range(3)]
        rows.append(
            {
                "partner": _pick(rng, s.posts),
                "sentences": sents,
                "sent_levels": [list(lv) for _, lv in parts],
                "levels": levels,
            }
        )
    return rows


def main() -> None:
    """Write both corpora under ``training/data/`` (deterministic)."""
    rng = random.Random(SEED)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    statements, questions = _goemotions_fillers(random.Random(SEED + 1), 1500)
    acts = act_examples(rng)
    # Reddit-register negatives for the acts head, a modest share so they don't swamp the positives.
    for t in statements[:600] + questions[:150]:
        acts.append({"text": t, "partner": "", "labels": []})
    emp = empathy_examples(rng, 8000, statements + questions)
    with (OUT_DIR / "acts_train.jsonl").open("w", encoding="utf-8") as fh:
        for r in acts:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with (OUT_DIR / "empathy_train.jsonl").open("w", encoding="utf-8") as fh:
        for r in emp:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"acts_train: {len(acts)} sentences; empathy_train: {len(emp)} replies")


if __name__ == "__main__":
    main()
