"""Serial numbers and verification codes (pure helpers; allocation is in certificates.services)."""

import secrets

# No look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V.
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
CODE_LENGTH = 12  # 23**12 ≈ 2**54 codes


def verification_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def verification_code_normalise(raw: str) -> str:
    """What people type: lower case, spaces and dashes are forgiven."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def serial_format(*, year: int, number: int) -> str:
    return f"CE-{year}-{number:06d}"
