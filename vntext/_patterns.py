"""Regular-expression building blocks that keep the hot searches fast.

Python's ``re`` can skip ahead at C speed to the next candidate position only when a
pattern starts with a single character or character class. An alternation such as
``[aeAE][âá]|[oO][âå]|\\b[ñÑ]...`` does not, so every position of the text runs the
full matcher. :func:`first_char_alternation` writes the same alternation as one class
of all first characters followed by the branches, each re-checking its own first
character with a one-character look-behind: the same matches (start, end and branch
order), found many times faster.
"""

from __future__ import annotations

import re


def first_char_alternation(*branches: tuple[str, str]) -> str:
    """Pattern equal to ``first1 rest1 | first2 rest2 | ...``.

    Each ``first`` is a positive character class ``"[...]"`` or one literal character
    that matches exactly one character; ``rest`` is the remainder of the branch (it may
    look behind, e.g. ``(?<!\\w[ñÑ])`` for a word boundary before the first character).
    """
    classes: list[str] = []
    for first, _ in branches:
        if len(first) == 1:
            classes.append(re.escape(first))
        elif first.startswith("[") and first.endswith("]") and not first.startswith("[^"):
            classes.append(first[1:-1])
        else:
            raise ValueError(f"not a single-character class: {first!r}")
    alternatives = "|".join(
        f"(?<=[{cls}]){rest}" for cls, (_, rest) in zip(classes, branches, strict=True)
    )
    return f"[{''.join(classes)}](?:{alternatives})"
