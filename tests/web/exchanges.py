"""Exchanges shared by the web tests."""

from __future__ import annotations

# Hurtful drafts the coach should offer a rewrite for. The composer varies its wording and avoids phrasings it
# used lately (and sometimes finds no rewrite that passes its own check), so tests try these in turn until one
# gets a rewrite: a run where none does is a real failure.
CANDIDATES = (
    ("I'm anxious about the interview tomorrow", "You'll be fine, stop worrying so much."),
    ("I'm really worried about my mum's test results", "You worry too much, it'll be fine. Calm down."),
    ("I'm sad that we never spend time together anymore", "That's not true, you're being ridiculous."),
    (
        "I felt embarrassed when you joked about me in front of your friends",
        "You're too sensitive, it was just a joke.",
    ),
    ("I'm so stressed about the move, I can't sleep", "Stop being dramatic, it's just boxes."),
    ("I felt ignored at dinner with your parents", "Calm down, you always exaggerate."),
    ("I'm exhausted, work was brutal and nobody helped me all day", "Just calm down, everyone has bad days."),
    ("I felt hurt that you didn't call when you said you would", "You're overreacting. I was busy."),
)
