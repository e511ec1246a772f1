"""
Career search: the one ranking behind the search page, the header autocomplete, the
comparison picker and “did you mean”.

A query is cut into words: case, accents and punctuation are ignored and stop words
dropped (careers.text). A career matches when every word is found in its title, its other
names (common titles and aliases), its skills or its workplaces, by stem (“nursing”,
“nurses” → nurse), the last word also as the start of a word, as it is typed. The
database matches: PostgreSQL with its full-text search over `CareerSearch.vector` (an
English Snowball stemmer without stop words, GIN-indexed), SQLite with an FTS5 table
(Porter stemmer). Everything else (which words, the ranks, the order) is decided here,
the same way on both, so that both give the same results.

Ranks, best first:

    0  the words are the title or one of the other names (“rn”), or all of the title
    1  every word is in the title
    2  the same, the last word only as the start of a title word (“data” → Database …)
    3  every word is in the title and other names
    4  with skills and workplaces

Within a rank: titles ending with a word of the query first (“nurse” → Registered Nurse
before Nurse Practitioner), then shorter titles (not in rank 1, where every word
typed is in the title: “truck driver” → heavy truck drivers before light ones), then the
occupations with more jobs, then the title in code-point order.

Typos: when nothing matches, each word of four letters or more that no document uses is
replaced by the closest words that documents do use: at most one edit away for words of
four to seven letters, two from eight (an edit adds, drops or changes a letter, or swaps
two neighbours). Ties go to the word with the most trigrams in common (pg_trgm's
similarity on PostgreSQL, the same formula in Python on SQLite), then alphabetical.
"""

from dataclasses import dataclass, field, replace

from django.db import connections
from django.db.models import Value
from django.db.models.functions import Collate, Length

from careers.models import Career, CareerSearch, SearchWord
from careers.text import MAX_QUERY_LENGTH, search_words

MAX_WORDS = 8
MAX_COMPLETIONS = 10
MIN_COMPLETION = 3  # shorter beginnings are left to the database's own prefix search
MIN_TYPO = 4
MAX_CORRECTIONS = 3

# The database side: made by migration careers 0005.
FTS_TABLE = "careers_search_fts"
PG_CONFIG = "careers_search"
PG_WEIGHTS = {"title": "A", "names": "B", "extra": "C", "head": "D"}


@dataclass(frozen=True)
class Terms:
    """A query, ready to match."""

    words: tuple  # the words typed, normalised, without stop words
    alternatives: tuple  # for each word, the words that count as it (itself, corrections)
    completions: tuple = ()  # known words that begin with the last word
    phrase: str = ""  # the words meant, for exact matches of a title or other name

    @property
    def corrected(self):
        return any(len(options) > 1 for options in self.alternatives)


@dataclass
class Found:
    careers: list
    corrected: str = ""  # what was searched for instead, when the words typed found nothing
    nearby: list = field(default_factory=list)  # “did you mean”, when nothing was found


def _collation(vendor):
    return "C" if vendor == "postgresql" else "BINARY"


def terms_for(text, using="default"):
    """The Terms of a query, or None when it has no words to search for."""
    words = tuple(search_words((text or "")[:MAX_QUERY_LENGTH])[:MAX_WORDS])
    if not words:
        return None
    completions = ()
    if len(words[-1]) >= MIN_COMPLETION:
        known = (
            SearchWord.objects.using(using)
            .filter(word__startswith=words[-1])
            .order_by(Length("word"), Collate("word", _collation(connections[using].vendor)))
        )
        completions = tuple(
            word
            for word in known.values_list("word", flat=True)[:MAX_COMPLETIONS]
            if word != words[-1]
        )
    return Terms(
        words=words,
        alternatives=tuple((word,) for word in words),
        completions=completions,
        phrase=" ".join(words),
    )


# Matching: the one part that differs between the databases ---------------------------------

# A last word of one or two letters, as the start of a word, is looked for only in titles
# and other names: as the start of any skill it matches most of a large catalogue.
SHORT_PREFIX_FIELDS = ("title", "names")
SHORT_PREFIX_WEIGHTS = "".join(PG_WEIGHTS[field] for field in SHORT_PREFIX_FIELDS)


def _short(terms):
    return len(terms.words[-1]) < MIN_COMPLETION


def _match_sqlite(terms, fields, every, prefix):
    groups = []
    for i, options in enumerate(terms.alternatives):
        quoted = [f'"{word}"' for word in options]
        if prefix and i == len(terms.alternatives) - 1:
            beginning = f'"{terms.words[-1]}"*'
            if _short(terms) and not fields:
                beginning = "{" + " ".join(SHORT_PREFIX_FIELDS) + "} : " + beginning
            quoted += [beginning, *(f'"{word}"' for word in terms.completions)]
        groups.append("(" + " OR ".join(quoted) + ")")
    expression = (" AND " if every else " OR ").join(groups)
    if fields:
        expression = "{" + " ".join(fields) + "} : (" + expression + ")"
    sql = f"career_id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
    return sql, [expression]


def _match_postgresql(terms, fields, every, prefix):
    weights = "".join(PG_WEIGHTS[field] for field in fields)
    whole = f":{weights}" if weights else ""
    groups = []
    for i, options in enumerate(terms.alternatives):
        parts = [word + whole for word in options]
        if prefix and i == len(terms.alternatives) - 1:
            where = weights or (SHORT_PREFIX_WEIGHTS if _short(terms) else "")
            parts += [f"{terms.words[-1]}:*{where}", *(w + whole for w in terms.completions)]
        groups.append("(" + " | ".join(parts) + ")")
    expression = (" & " if every else " | ").join(groups)
    return "vector @@ to_tsquery(%s::regconfig, %s)", [PG_CONFIG, expression]


def match(terms, fields=(), *, every=True, prefix=True, vendor="sqlite"):
    """
    A condition on the search documents (SQL and its parameters): their `fields` (all
    when empty) hold `terms`' words. The words travel as parameters, never in the SQL.
    """
    if vendor == "postgresql":
        return _match_postgresql(terms, list(fields), every, prefix)
    return _match_sqlite(terms, list(fields), every, prefix)


# Ranking ---------------------------------------------------------------------------------


class _SQL:
    """SQL written in order with its parameters, so that each %s meets its value."""

    def __init__(self):
        self.parts, self.params = [], []

    def add(self, sql, params=()):
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def __str__(self):
        return " ".join(self.parts)


def ranked(queryset, terms, *, every=True, limit=20):
    """
    The first `limit` careers of `queryset` that match `terms`, best first, each with its
    `rank`. The ranking reads only the search documents, then the careers ranked first
    are loaded: a career's own row is long, and a short word matches thousands of them.

    Written as SQL rather than ORM expressions: the autocomplete runs this at every
    keystroke, and building the expressions cost more than the database's answer.
    """
    if terms is None:
        return []
    connection = connections[queryset.db]
    vendor = connection.vendor

    def where(fields=(), **options):
        return match(terms, fields, vendor=vendor, every=options.pop("every", every), **options)

    table = connection.ops.quote_name(CareerSearch._meta.db_table)
    careers = connection.ops.quote_name(Career._meta.db_table)
    allowed, allowed_params = queryset.order_by().values("pk").query.sql_with_params()
    contains = "strpos(exact, %s) > 0" if vendor == "postgresql" else "instr(exact, %s) > 0"
    collation = connection.ops.quote_name(_collation(vendor))

    def found_by(select, conditions, *, count):
        """(career id, rank) of the first `count` documents meeting every condition. The
        matches come first: SQLite then reads the few documents the words find, rather
        than every published career's. `select` names the rank `rank`; the order reads it
        from a subquery (PostgreSQL reads an output column's name in ORDER BY only alone,
        never inside an expression)."""
        head, head_params = where(["head"], every=False)
        sql = _SQL().add("SELECT career_id, rank FROM (").add(str(select), select.params)
        sql.add(f", CASE WHEN {head} THEN 0 ELSE 1 END AS headed,", head_params)
        sql.add(f"title_words, title FROM {table} WHERE")
        for condition, params in conditions:
            sql.add(f"{condition} AND", params)
        sql.add(f"career_id IN ({allowed})", allowed_params)
        sql.add(") AS found ORDER BY rank, headed,")
        # Shorter titles first (“electri” → Electrician before a longer title), except
        # among titles holding every word typed (rank 1), where the occupation more people
        # work in comes first: “truck driver” → heavy truck drivers before light ones.
        sql.add("CASE WHEN rank = 1 THEN 0 ELSE title_words END,")
        # Then the occupation more people work in: “HR” → HR specialists before managers.
        sql.add(f"(SELECT employment FROM {careers} WHERE id = career_id) DESC NULLS LAST,")
        sql.add(f"title_words, title COLLATE {collation} LIMIT %s", [count])
        with connection.cursor() as cursor:
            cursor.execute(str(sql), sql.params)
            return cursor.fetchall()

    # Ranks 0–3: found by the title or other names (every word there: a match of the whole
    # document too). A title match is ranked 0 when it has no other words (“registered
    # nurses”).
    title, title_params = where(["title"])
    whole, whole_params = where(["title"], prefix=False)
    rank = _SQL().add(f"SELECT career_id, CASE WHEN {contains} THEN 0", [f"|{terms.phrase}|"])
    rank.add(f"WHEN {title} THEN CASE", title_params)
    if every:
        rank.add("WHEN title_words = %s THEN 0", [len(terms.words)])
    rank.add(f"WHEN {whole} THEN 1 ELSE 2 END ELSE 3 END AS rank", whole_params)
    strong, strong_params = where(["title", "names"])
    first = found_by(rank, [(strong, strong_params)], count=limit)
    # Rank 4, by skills and workplaces alone: most of what a short word finds in a large
    # catalogue, so only sorted when ranks 0–3 do not fill the page.
    if len(first) < limit:
        weak = [where(), (f"NOT ({strong})", strong_params)]
        first += found_by(_SQL().add("SELECT career_id, 4 AS rank"), weak, count=limit - len(first))
    careers = queryset.in_bulk([career_id for career_id, _ in first]) if first else {}
    found = []
    for career_id, rank_ in first:
        if career_id in careers:  # unless it changed in between
            careers[career_id].rank = rank_
            found.append(careers[career_id])
    return found


# Typos -----------------------------------------------------------------------------------


def allowance(word):
    """How many edits away a correction of `word` may be."""
    if len(word) < MIN_TYPO:
        return 0
    return 1 if len(word) < 8 else 2


def edit_distance(a, b, limit):
    """
    Edits (add, drop or change a letter, swap two neighbours) from a to b, or limit + 1
    when it is more than limit: the optimal string alignment distance, computed only
    near the diagonal, since only small distances matter.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [over] * (len(b) + 1)
        current[0] = i if i <= limit else over
        row_best = current[0]
        letter = a[i - 1]
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            best = min(previous[j - 1] + (letter != b[j - 1]), previous[j] + 1, current[j - 1] + 1)
            if i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[j - 2] + 1)
            current[j] = best
            row_best = min(row_best, best)
        if row_best > limit:
            return over
        before, previous = previous, current
    return min(previous[-1], over)


def _trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a, b):
    """pg_trgm's similarity() of two single words: shared trigrams over all trigrams."""
    first, second = _trigrams(a), _trigrams(b)
    return len(first & second) / len(first | second)


def _closest(word, candidates, as_prefix):
    """
    The known words nearest to `word` (a list of ties), or [] when none is near enough.
    `candidates`: (known word, its trigram similarity to `word`, or None to compute it).
    """
    limit = allowance(word)
    start = set(word[:2])
    beginnings = {}  # as typed so far: the distance to the start of longer words
    scored = []
    for known, similarity in candidates:
        if not start & set(known[:2]):  # a typo seldom changes both of the first letters
            continue
        distance = edit_distance(word, known, limit)
        if as_prefix and len(known) > len(word):
            beginning = known[: len(word)]
            if beginning not in beginnings:
                beginnings[beginning] = edit_distance(word, beginning, limit)
            distance = min(distance, beginnings[beginning])
        if distance <= limit:
            if similarity is None:
                similarity = trigram_similarity(word, known)
            scored.append((distance, -similarity, known))
    if not scored:
        return []
    scored.sort()
    return [known for distance, _, known in scored if distance == scored[0][0]][:MAX_CORRECTIONS]


def corrected(terms, using="default"):
    """The terms with each unknown word replaced by its nearest known words, or None."""
    last = len(terms.words) - 1
    unknown = {}
    for i, word in enumerate(terms.words):
        prefix_known = i == last and bool(terms.completions)
        if allowance(word) and not prefix_known:
            unknown[i] = word
    if not unknown:
        return None
    shortest = min(len(word) - allowance(word) for word in unknown.values())
    rows = SearchWord.objects.using(using).annotate(length=Length("word"))
    rows = rows.filter(length__gte=shortest)
    if last not in unknown:
        rows = rows.filter(length__lte=max(len(w) + allowance(w) for w in unknown.values()))
    postgresql = connections[using].vendor == "postgresql"
    if postgresql:
        # Imported here: django.contrib.postgres loads psycopg, which SQLite never needs.
        from django.contrib.postgres.search import TrigramSimilarity

        similarities = {f"s{i}": TrigramSimilarity("word", Value(w)) for i, w in unknown.items()}
        rows = list(rows.annotate(**similarities).values_list("word", *similarities))
    else:
        rows = [(word,) for word in rows.values_list("word", flat=True)]
    vocabulary = {row[0] for row in rows}

    alternatives = list(terms.alternatives)
    for n, (i, word) in enumerate(unknown.items()):
        if word in vocabulary:
            continue
        if postgresql:
            candidates = [(row[0], row[1 + n]) for row in rows]
        else:
            candidates = [(row[0], None) for row in rows]
        nearest = _closest(word, candidates, as_prefix=i == last)
        if nearest:
            alternatives[i] = (word, *nearest)
    if all(len(options) == 1 for options in alternatives):
        return None
    phrase = " ".join(options[1] if len(options) > 1 else options[0] for options in alternatives)
    return replace(terms, alternatives=tuple(alternatives), phrase=phrase)


# What the views call -----------------------------------------------------------------------


# What lists of results show: loading the long texts of thousands of matches to sort them
# would cost more than the search.
LISTED_FIELDS = ["title", "slug", "summary", "is_published"]


def find_careers(text, queryset=None, limit=20, nearby=0):
    """
    The published careers (or those of `queryset`) that `text` finds, best first, with
    their title, slug and summary loaded. When the words typed find nothing: what they
    find with typos corrected (and `corrected` says what was searched for); when that
    finds nothing either, up to `nearby` careers that have some of the words.
    """
    queryset = queryset if queryset is not None else Career.objects.published()
    queryset = queryset.only(*LISTED_FIELDS)
    terms = terms_for(text, queryset.db)
    if terms is None:
        return Found([])
    careers = ranked(queryset, terms, limit=limit)
    if careers:
        return Found(careers)
    fixed = corrected(terms, queryset.db)
    if fixed is not None:
        careers = ranked(queryset, fixed, limit=limit)
        if careers:
            return Found(careers, corrected=fixed.phrase)
        terms = fixed
    if nearby and len(terms.words) > 1:
        careers = ranked(queryset, terms, every=False, limit=nearby)
        return Found([], nearby=careers)
    return Found([])


def closest_careers(text, queryset=None, limit=5):
    """The careers nearest to `text`, for “did you mean” (e.g. a mistyped address)."""
    found = find_careers(text, queryset, limit=limit, nearby=limit)
    return found.careers or found.nearby
