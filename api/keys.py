"""API keys: random, shown once, stored as their SHA-256 (a hash of 256 random bits needs no salt)."""

import hashlib
import secrets

KEY_PREFIX = "fgdm_"


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def display_prefix(key: str) -> str:
    """Enough of the key to tell two apart on a page; far too little to use."""
    return key[: len(KEY_PREFIX) + 6]
