"""Optional encryption at rest for journal and check-in text, keyed by a passphrase only the user knows.

How it works: the passphrase goes through scrypt (n=2**15, r=8, p=1, a random 16-byte salt per account) to make
a 32-byte key, and the text is sealed with Fernet (AES-128-CBC plus an HMAC-SHA256 tag, from the
`cryptography` package). A sealed value is stored as ``fh1$<salt>$<token>``, so it carries its own salt: an
export moved to another computer or account still opens with the same passphrase. The passphrase and the key
are never written anywhere; derived keys are cached in memory for the life of the process only.

What this protects against:
    * someone who gets a copy of the database file, a backup or an export (a lost laptop, a synced folder,
      a server administrator browsing tables) cannot read the sealed journal and check-in text;
    * silent tampering: a changed or truncated token fails its HMAC check and is refused, never half-read.

What it does not protect against:
    * a forgotten passphrase: there is no recovery, the sealed text is gone for good;
    * anything that runs as the user while the text is open (malware, a keylogger, someone at the unlocked
      computer), and the server process itself in server mode, which sees the passphrase when the user types it;
    * metadata: which kinds of items exist, when they were written, their sizes, scores and titles, and every
      analysis or practice result stay readable; only the free text of journal entries and check-ins is sealed;
    * a weak passphrase: scrypt slows guessing down, it cannot make "1234" safe.
"""

from __future__ import annotations

import base64
import os
import threading
from functools import lru_cache

from feelheard.errors import InputError

PREFIX = "fh1"
_SALT_BYTES = 16
_SCRYPT_N = 2**15
_SCRYPT_R = 8
_SCRYPT_P = 1
_lock = threading.Lock()


class WrongPassphrase(InputError):
    """The passphrase does not open this text (or the sealed text was altered)."""


class PassphraseNeeded(InputError):
    """The text is sealed and no passphrase was given."""


def new_salt() -> bytes:
    """A fresh random salt for scrypt."""
    return os.urandom(_SALT_BYTES)


@lru_cache(maxsize=32)
def _derive(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8")))


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """The Fernet key for `passphrase` and `salt` (scrypt; cached per process because scrypt is slow on purpose).

    Raises:
        InputError: the passphrase is empty.
    """
    if not passphrase:
        raise InputError("the passphrase cannot be empty")
    with _lock:
        return _derive(passphrase, bytes(salt))


def is_sealed(value: str | None) -> bool:
    """Whether a stored value is a sealed token made by `seal`."""
    return value is not None and value.startswith(PREFIX + "$")


def seal(text: str, *, passphrase: str, salt: bytes) -> str:
    """Encrypt `text` into a self-describing token ``fh1$<salt>$<fernet token>``."""
    from cryptography.fernet import Fernet

    token = Fernet(derive_key(passphrase, salt)).encrypt(text.encode("utf-8")).decode("ascii")
    return f"{PREFIX}${base64.urlsafe_b64encode(salt).decode('ascii')}${token}"


def unseal(value: str, *, passphrase: str | None) -> str:
    """Decrypt a token made by `seal`.

    Raises:
        PassphraseNeeded: no passphrase was given.
        WrongPassphrase: the passphrase is wrong or the token was altered; nothing partial is returned.
    """
    from cryptography.fernet import Fernet, InvalidToken

    if not passphrase:
        raise PassphraseNeeded("this text is encrypted: give the passphrase to read it")
    try:
        prefix, salt_b64, token = value.split("$", 2)
        if prefix != PREFIX:
            raise ValueError(prefix)
        salt = base64.urlsafe_b64decode(salt_b64.encode("ascii"))
    except ValueError as exc:
        raise WrongPassphrase("this encrypted text is damaged and cannot be opened") from exc
    try:
        return Fernet(derive_key(passphrase, salt)).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeDecodeError) as exc:
        raise WrongPassphrase("that passphrase does not open this text") from exc


CHECK_TEXT = "feelheard passphrase check"


def make_check(passphrase: str, salt: bytes) -> str:
    """A sealed known value stored with the account, so a mistyped passphrase is caught before anything is sealed."""
    return seal(CHECK_TEXT, passphrase=passphrase, salt=salt)


def verify_check(check: str, passphrase: str) -> None:
    """Raise `WrongPassphrase` unless `passphrase` opens the account's check value."""
    if unseal(check, passphrase=passphrase) != CHECK_TEXT:  # pragma: no cover - only if HMAC were broken
        raise WrongPassphrase("that passphrase does not open this text")
