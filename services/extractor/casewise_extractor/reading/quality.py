"""Is a PDF text layer real text? And the one normalisation every page's text goes through.

Broken font maps give text layers of nonsense (``(cid:12)`` runs, symbol soup, consonant strings)
over perfectly readable glyphs. We judge the text itself: the share of its tokens that look like
words, numbers or clinical identifiers (``PD-L1``, ``p.R273H``, ``38%``). A page whose text fails is
OCRed instead.
"""

from __future__ import annotations

import re

#: Fewer letters/digits than this and a text layer is treated as absent (a scan with a stamped footer).
MIN_CONTENT_CHARS = 20
#: Share of characters that must sit in word-like tokens.
MIN_WORDLIKE_SHARE = 0.6
#: English and clinical prose is ~40% vowels (a-e-i-o-u-y) in its lower-case words; a substituted
#: alphabet (a font whose glyphs map to the wrong letters) falls far below.
MIN_VOWEL_SHARE = 0.25
_VOWEL_SAMPLE = 30

_CID = re.compile(r"\(cid:\d+\)")
_TRIM = "\"'()[]{}<>.,;:!?*\u2018\u2019\u201c\u201d\u2022\u00b7"
# Letters with digits, hyphens, dots, slashes, % and a few symbols clinical text uses (p.R273H, T2a, ≥1%).
_WORD_SHAPE = re.compile(r"[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f.,:/%+\-\u2013\u00b0\u00b5]*")
_VOWELS = set("aeiouyAEIOUYàáâäèéêëíïóôöúü")
_CONSONANT_RUN = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{6,}")
_LETTERS = re.compile(r"[A-Za-z]+")
_SYMBOL_OK = set("|-\u2014\u2013=+/%#&<>\u2264\u2265~")


def is_wordlike(token: str) -> bool:
    """A token a human would write: a word with vowels, a number, or a short upper-case code."""
    core = token.strip(_TRIM)
    if not core or _CID.search(token):
        return False
    if all(ch in _SYMBOL_OK for ch in core):
        return True  # table separators, dashes for "none"
    if not _WORD_SHAPE.fullmatch(core):
        return False
    if any(ch.isdigit() for ch in core):
        return True
    letters = [ch for ch in core if ch.isalpha()]
    if len(letters) <= 5 and core.isupper():
        return True  # ALK, HER2-like codes, stage groups
    return any(ch in _VOWELS for ch in letters) and not _CONSONANT_RUN.search(core)


def text_layer_usable(text: str) -> bool:
    """True when ``text`` (a page's text layer) is real text worth keeping instead of OCR."""
    cleaned = _CID.sub("\ufffd", text)
    content = sum(ch.isalnum() for ch in cleaned)
    if content < MIN_CONTENT_CHARS:
        return False
    tokens = cleaned.split()
    total = sum(len(t) for t in tokens)
    good = sum(len(t) for t in tokens if is_wordlike(t))
    if total == 0 or good / total < MIN_WORDLIKE_SHARE:
        return False
    letters = "".join(w for w in _LETTERS.findall(cleaned) if not w.isupper()).lower()
    if len(letters) >= _VOWEL_SAMPLE:
        return sum(ch in "aeiouy" for ch in letters) / len(letters) >= MIN_VOWEL_SHARE
    return True


def clean_text(text: str) -> str:
    """Normalise line ends, drop trailing spaces and blank edges. Page.text is final after this."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")
