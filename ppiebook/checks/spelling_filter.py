"""Spelling: words in other scripts (Urdu, Bengali, Punjabi, Arabic passages) are not
English words to check. Enchant filter for sphinxcontrib-spelling (conf.py
``spelling_filters``)."""

from __future__ import annotations

from enchant.tokenize import Filter


class OtherScriptFilter(Filter):
    """Skip any word with a letter beyond Latin Extended (U+024F)."""

    def _skip(self, word: str) -> bool:
        return any(ord(char) > 0x24F for char in word)
