"""What the coach keeps, and the controls over it.

Modules:
    db        where the database is (SQLite file by default, PostgreSQL via FEELHEARD_DATABASE_URL), engines,
              `session_scope`.
    migrate   Alembic migrations; `upgrade_to_head` runs automatically the first time an engine is used.
    orm       the schema (SQLAlchemy 2 models).
    repo      items and settings: save, list, show, share/unshare, forget. Every read is owner-filtered.
    accounts  server mode: argon2 passwords, invite codes that link a couple, login rate limiting.
    crypto    optional passphrase encryption of journal and check-in text, with its threat model.
    export    export to one JSON file, import, delete everything.
    recorder  `StorageRecorder`, the web layer's ExchangeRecorder (never keeps safety-flagged exchanges).

Typical use::

    from feelheard.storage.db import session_scope
    from feelheard.storage import repo

    with session_scope() as session:
        me = repo.local_user(session)
        item = repo.save_analysis(session, owner_id=me.id, analysis=result)
"""
