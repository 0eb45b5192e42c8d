"""One account never reads another's private data; sharing is explicit, partner-only and reversible."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from feelheard.errors import InputError
from feelheard.storage import accounts, repo
from feelheard.storage.db import session_scope
from feelheard.storage.export import export_user

from .conftest import People, make_people


def _seed(engine: Engine, people: People) -> tuple[int, int]:
    with session_scope(engine) as s:
        private = repo.save_item(s, owner_id=people.ana, kind="journal", body="ana's private worry")
        to_share = repo.save_analysis(s, owner_id=people.ana, analysis={"partner": "p", "reply": "r"})
    return private.id, to_share.id


def _visible(engine: Engine, viewer: int) -> set[int]:
    with session_scope(engine) as s:
        return {i.id for i in repo.list_items(s, viewer_id=viewer)}


def test_private_items_are_invisible_to_everyone_else(engine: Engine, people: People) -> None:
    private, other = _seed(engine, people)
    for stranger in (people.ben, people.cam):  # the linked partner too: private means private
        assert _visible(engine, stranger) == set()
        with session_scope(engine) as s:
            for item_id in (private, other):
                with pytest.raises(repo.NotFound):
                    repo.get_item(s, viewer_id=stranger, item_id=item_id)
                with pytest.raises(repo.NotFound):
                    repo.set_shared(s, owner_id=stranger, item_id=item_id, shared=True)
                with pytest.raises(repo.NotFound):
                    repo.update_item(s, owner_id=stranger, item_id=item_id, body="overwritten")
                with pytest.raises(repo.NotFound):
                    repo.forget_item(s, owner_id=stranger, item_id=item_id)
            assert export_user(s, user_id=stranger)["items"] == []
            assert repo.list_items(s, viewer_id=stranger, scope="shared") == []
    assert _visible(engine, people.ana) == {private, other}


def test_sharing_reaches_the_partner_only_and_can_be_undone(engine: Engine, people: People) -> None:
    _, shared = _seed(engine, people)
    with session_scope(engine) as s:
        record = repo.set_shared(s, owner_id=people.ana, item_id=shared, shared=True)
        assert record.shared
    assert _visible(engine, people.ben) == {shared}
    assert _visible(engine, people.cam) == set()
    with session_scope(engine) as s:
        seen = repo.get_item(s, viewer_id=people.ben, item_id=shared)
        assert not seen.mine and seen.owner_id == people.ana
        assert [i.id for i in repo.list_items(s, viewer_id=people.ben, scope="shared")] == [shared]
        assert repo.list_items(s, viewer_id=people.ben, scope="mine") == []
        # Seeing is not owning: the partner cannot change, unshare or delete it.
        with pytest.raises(repo.NotFound):
            repo.forget_item(s, owner_id=people.ben, item_id=shared)
        with pytest.raises(repo.NotFound):
            repo.set_shared(s, owner_id=people.ben, item_id=shared, shared=False)
        # The partner's export holds only the partner's own data.
        assert export_user(s, user_id=people.ben)["items"] == []
    with session_scope(engine) as s:
        repo.set_shared(s, owner_id=people.ana, item_id=shared, shared=False)
    assert _visible(engine, people.ben) == set()


def test_unlinking_makes_everything_private_again(engine: Engine, people: People) -> None:
    _, shared = _seed(engine, people)
    with session_scope(engine) as s:
        repo.set_shared(s, owner_id=people.ana, item_id=shared, shared=True)
        assert accounts.unlink(s, user_id=people.ben)
    assert _visible(engine, people.ben) == set()
    # If ana later links with cam, what she once shared with ben does not leak to cam.
    with session_scope(engine) as s:
        code = accounts.create_invite(s, user_id=people.cam)
        accounts.accept_invite(s, user_id=people.ana, code=code)
        assert repo.partner_id(s, user_id=people.ana) == people.cam
        assert not repo.get_item(s, viewer_id=people.ana, item_id=shared).shared
    assert _visible(engine, people.cam) == set()


def test_encrypted_entries_cannot_be_shared_and_sharing_needs_a_partner(
    engine: Engine, people: People
) -> None:
    with session_scope(engine) as s:
        sealed = repo.save_item(
            s, owner_id=people.ana, kind="journal", body="x", encrypt=True, passphrase="pass phrase"
        )
        with pytest.raises(InputError, match="cannot be shared"):
            repo.set_shared(s, owner_id=people.ana, item_id=sealed.id, shared=True)
        lone = repo.save_item(s, owner_id=people.cam, kind="journal", body="y")
        with pytest.raises(InputError, match="link with your partner"):
            repo.set_shared(s, owner_id=people.cam, item_id=lone.id, shared=True)


def test_invite_codes_are_one_time(engine: Engine) -> None:
    people = make_people(engine, link=False)
    with session_scope(engine) as s:
        code = accounts.create_invite(s, user_id=people.ana)
        assert len(code) == 11 and code[5] == "-"
        with pytest.raises(InputError, match="your own"):
            accounts.accept_invite(s, user_id=people.ana, code=code)
        partner = accounts.accept_invite(s, user_id=people.ben, code=code.lower().replace("-", " "))
        assert partner == people.ana
        assert repo.partner_id(s, user_id=people.ben) == people.ana
        with pytest.raises(InputError, match="not valid"):
            accounts.accept_invite(s, user_id=people.cam, code=code)
        with pytest.raises(InputError, match="already linked"):
            accounts.create_invite(s, user_id=people.ben)
    with session_scope(engine) as s:
        stale = accounts.create_invite(s, user_id=people.cam, ttl=timedelta(seconds=-1))
        with pytest.raises(InputError, match="not valid"):
            accounts.accept_invite(s, user_id=people.ana, code=stale)
        with pytest.raises(InputError, match="not valid"):
            accounts.accept_invite(s, user_id=people.cam, code="AAAAA-BBBBB")


def test_a_third_person_cannot_join_a_couple(engine: Engine, people: People) -> None:
    with session_scope(engine) as s:
        code = accounts.create_invite(s, user_id=people.cam)
        with pytest.raises(InputError, match="already linked"):
            accounts.accept_invite(s, user_id=people.ana, code=code)
