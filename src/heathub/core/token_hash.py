import hashlib


def hash_token(token: str) -> str:
    """What we store of a secret link or API token: its SHA-256. The secret has 256 random bits,
    so a fast hash is safe, and argon2 on every API request would be too slow."""
    return hashlib.sha256(token.encode()).hexdigest()
