"""Password hashing (argon2id) and the password policy (NIST SP 800-63B)."""

import re
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l

from ..translit import fold

MIN_LENGTH = 12
MAX_LENGTH = 128
COMMON_PASSWORDS = Path(__file__).with_name("data") / "common-passwords.txt"
# Hashed once at import: verifying against it for unknown accounts makes a
# failed login take as long whether or not the address has an account.
_DUMMY_PASSWORD = "not a real password, only used to spend time"  # noqa: S105


def hasher() -> PasswordHasher:
    """argon2-cffi's defaults (argon2id) unless the config gives cheaper test
    parameters; changing them makes old hashes rehash at the next login."""
    params = current_app.config.get("ARGON2_PARAMETERS")
    return PasswordHasher(**params) if params else PasswordHasher()


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    ph = hasher()
    try:
        return ph.verify(stored_hash or _dummy_hash(ph), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return hasher().check_needs_rehash(stored_hash)


_dummy_hashes: dict[tuple, str] = {}


def _dummy_hash(ph: PasswordHasher) -> str:
    key = (ph.time_cost, ph.memory_cost, ph.parallelism)
    if key not in _dummy_hashes:
        _dummy_hashes[key] = ph.hash(_DUMMY_PASSWORD)
    return _dummy_hashes[key]


@cache
def _common_passwords() -> frozenset[str]:
    return frozenset(COMMON_PASSWORDS.read_text(encoding="utf-8").split())


_EDGES = re.compile(r"^[\d\W_]+|[\d\W_]+$")


def password_problem(password: str, *, avoid: tuple[str, ...] = ()) -> str | None:
    """Why a new password is refused, or None. Any characters are allowed;
    length, guessability and closeness to the account's own names are checked."""
    if len(password) < MIN_LENGTH:
        return str(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        return str(_l("Use at most %(n)d characters.", n=MAX_LENGTH))
    folded = password.casefold()
    core = _EDGES.sub("", folded)
    common = _common_passwords()
    if folded in common or (core in common and len(core) * 2 >= len(folded)):
        return str(_l("This password is too common. Choose something harder to guess."))
    if len(set(folded)) < 5:
        return str(_l("This password repeats too few characters. "
                      "Choose something harder to guess."))
    simple = re.sub(r"[^a-z0-9]", "", fold(password))
    for word in avoid:
        word = re.sub(r"[^a-z0-9]", "", fold(word or ""))
        if len(word) >= 4 and word in simple:
            return str(_l("The password must not contain your name, e-mail address or "
                          "organisation's name."))
    return None
