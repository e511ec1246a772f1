"""Small text helpers shared by search, the catalogue loader and the models."""

import re
import unicodedata

MAX_QUERY_LENGTH = 100

# Words that carry no meaning in a job title or a search for one. Search drops them from
# queries and documents alike, so “Build and Release Engineer” and “build release engineer”
# are the same words on every database (PostgreSQL's own English list is not used: it
# would also drop “it”, as in “IT manager”).
STOP_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)


def normalize_for_search(text):
    """Lowercase, strip accents and punctuation: “Café-Owner” → “cafe owner”."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\W_]+", " ", text.lower())
    return " ".join(text.split())


def search_words(text):
    """The words search looks at: normalised, without stop words, in order."""
    return [word for word in normalize_for_search(text).split() if word not in STOP_WORDS]
