"""Reference numbers: short enough to read out on the phone, too many to guess."""

import secrets

# Crockford's base 32: no I, L, O or U, so nothing is misread as 1, 0 or V.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 3, 4  # 12 symbols: 60 bits


def new_reference() -> str:
    """E.g. 7KQ4-M2XZ-9HTB."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(symbols[i : i + GROUP_LENGTH] for i in range(0, len(symbols), GROUP_LENGTH))
