"""Small text helpers shared by search, the catalogue loader and the models."""

import re
import unicodedata

MAX_QUERY_LENGTH = 100


def normalize_for_search(text):
    """Lowercase, strip accents and punctuation: “Café-Owner” → “cafe owner”."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w]+", " ", text.lower())
    return " ".join(text.split())
