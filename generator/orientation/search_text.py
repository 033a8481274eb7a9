"""What the search reads of an offer's description: its distinct words that the name and the
summary do not already carry, without the small words of French (« de », « pour »…).

The browser tokenises, folds and stems these words with the name and the summary; shipping the
whole description would triple the index for words that rarely decide a search."""
from __future__ import annotations

import re
import unicodedata

# Words that carry no meaning on their own in a query or a text; shipped in the index so the
# browser drops the same ones (one list).
STOPWORDS = tuple(sorted(set("""
a à au aux avec ce ces cet cette chez comme d dans de des du elle elles en est et être eux il ils je j l la le les
leur leurs lui m ma mais me mes moi mon n ne nos notre nous on ou où par pas pour qu que qui s sa sans se ses son
sur t ta te tes toi ton tu un une vos votre vous y ça faire fait veux voudrais besoin aide aider comment
""".split())))
MAX_WORDS = 30
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def fold(text: str) -> str:
    """Lower case without accents, as the browser folds (œ → oe, æ → ae)."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return [w for part in _WORD.findall(text or "") for w in re.split(r"['’-]", part) if w]


def description_words(description: str | None, already: str) -> str:
    """Up to MAX_WORDS distinct words of the description, in order, absent from `already`."""
    seen = {fold(w) for w in words(already)}
    stop = set(STOPWORDS)
    out = []
    for w in words(_LINK.sub(r"\1", description or "")):
        f = fold(w)
        if len(f) < 3 or f in stop or f in seen or f.isdigit():
            continue
        seen.add(f)
        out.append(w.lower())
        if len(out) == MAX_WORDS:
            break
    return " ".join(out)
