"""
Matching editors' skill names across careers. Editors write the same skill in different
ways (“Problem Solving”, “Problem-solving”), and some lists use a plain word where another
uses O*NET's name (“Coding”, “Programming”). Two names are the same skill when their keys
are equal: the name normalised (case, accents, punctuation, “and”/“&”), then looked up in
the small alias table below. Keep the table explicit and short; every entry is tested.
"""

from careers.text import normalize_for_search

# alias key → the key it stands for. Both sides are normalised keys.
SKILL_ALIASES = {
    # O*NET calls writing code “Programming”.
    "coding": "programming",
    # O*NET's “Complex Problem Solving” is what editors mean by problem solving.
    "problem solving": "complex problem solving",
    # Cloud work named briefly or in full.
    "cloud": "cloud platforms",
    "cloud computing": "cloud platforms",
    # Automating builds, tests and releases is the automation these lists mean.
    "ci cd automation": "automation",
    "ci cd": "automation",
}

STOP_WORDS = {"and"}


def normalise_skill(name):
    """“HTML & CSS” and “HTML and CSS” → “html css”; “Problem-solving” → “problem solving”."""
    words = normalize_for_search(name.replace("&", " and ")).split()
    return " ".join(word for word in words if word not in STOP_WORDS)


def skill_key(name):
    """The key two names of one skill share."""
    key = normalise_skill(name)
    return SKILL_ALIASES.get(key, key)


def own_field_key(title):
    """
    The key of a skill named after the job itself: “DevOps” for a DevOps Engineer. Anyone
    doing the job has that skill, so switching advice never asks them to learn it.
    """
    words = normalise_skill(title).split()
    return " ".join(words[:-1]) if len(words) > 1 else ""
