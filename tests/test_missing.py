from feelheard import analyze


def ids(partner: str, reply: str) -> set[str]:
    return {m["id"] for m in analyze(partner, reply).missing}


def test_hurt_partner_and_no_acknowledgement() -> None:
    assert "acknowledge_feeling" in ids("I felt so alone at the party", "I was gone ten minutes")
    assert "acknowledge_feeling" not in ids(
        "I felt so alone at the party", "That sounds lonely, I'm sorry I left you."
    )


def test_unanswered_question() -> None:
    assert "answer_question" in ids("Are you coming to my mom's on Sunday?", "I had such a long day")
    assert "answer_question" not in ids("Are you coming to my mom's on Sunday?", "Yes, I'm coming on Sunday")


def test_advice_welcome_when_asked() -> None:
    assert "advice_welcome" in ids("My boss keeps taking credit, what should I do?", "Talk to HR about it")


def test_venting_and_fixing() -> None:
    assert "offer_choice" in ids(
        "I'm so frustrated with my sister, she never listens", "You should just stop calling her"
    )
