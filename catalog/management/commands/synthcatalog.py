"""
`manage.py synthcatalog --careers N --comparisons M [--seed S] [--replace] [--profiles]`: a
large, realistic-looking synthetic catalogue for benchmarks and scale tests.

With --profiles every synthetic career also gets an O*NET profile, a copy of a real one
(taken in turn), with the stored neighbours of the occupation it copies and that
occupation itself (score 1), both ways: moves and fit then rank them as they would a
catalogue where every career is profiled. (Real neighbour lists grow with the copies of
their neighbours: more candidates than a fresh load would keep, an upper bound.)

Every synthetic career's slug starts with `synthetic-role-`, which is how `--replace`
finds them again; the demo careers and anything an editor wrote are never touched.
Everything is written with `bulk_create` in one transaction, so no signal fires: the
skills' search names that `save()` would compute are set here, the search index is
rebuilt and the content version bumped once at the end. The same seed always gives the
same catalogue.
"""

import datetime
import itertools
import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.text import slugify

from careers import search_index
from careers.models import (
    OEWS_TOP_CODE,
    Career,
    CareerAlias,
    CareerSearch,
    CareerSkill,
    CareerWorkplace,
    Category,
    DayItem,
    EducationLevel,
    EducationRoute,
    Skill,
    Source,
    Workplace,
)
from careers.rules import MAX_TOP_SKILLS
from careers.skills import skill_key
from careers.text import normalize_for_search
from comparisons.models import Comparison
from occupations import wages
from occupations.models import (
    Area,
    AreaKind,
    AreaWage,
    OnetProfile,
    PaySummary,
    ProfileSimilarity,
    WageRelease,
)
from publishing import versions

SLUG_PREFIX = "synthetic-role-"
# SOC major group 99 does not exist: synthetic careers get codes 99-0001…99-9999, which is
# how --replace finds their area wages.
SYNTHETIC_SOC_GROUP = "99"
BATCH_SIZE = 2000
SKILL_POOL = 400
WORKPLACE_POOL = 150

CATEGORIES = [
    "Technology",
    "Data & Analytics",
    "Healthcare",
    "Engineering",
    "Business & Finance",
    "Skilled Trades",
    "Education",
    "Legal",
    "Design & Media",
    "Science",
    "Public Service",
    "Hospitality",
]
QUALIFIERS = [
    "Associate", "Senior", "Lead", "Principal", "Junior", "Regional", "Field", "Clinical",
    "Applied", "Digital", "Industrial", "Commercial", "Technical", "Strategic", "Mobile",
    "Environmental", "Quantitative", "Operational", "Public", "Global",
]  # fmt: skip
DOMAINS = [
    "Supply Chain", "Payments", "Cloud", "Energy", "Retail", "Freight", "Water Systems",
    "Insurance", "Wellness", "Robotics", "Content", "Security", "Transit", "Agriculture",
    "Biotech", "Media", "Facilities", "Compliance", "Research", "Logistics", "Pricing",
    "Hospital", "Manufacturing", "Learning", "Customer", "Property", "Aviation", "Marine",
    "Telecom", "Pharmacy", "Election", "Grid", "Materials", "Audio", "Forestry", "Housing",
    "Tax", "Benefits", "Quality", "Safety",
]  # fmt: skip
ROLES = [
    "Analyst", "Engineer", "Specialist", "Coordinator", "Technician", "Manager", "Designer",
    "Consultant", "Scientist", "Planner", "Inspector", "Developer", "Advisor", "Architect",
    "Administrator", "Researcher", "Strategist", "Officer", "Auditor", "Therapist",
    "Producer", "Operator", "Estimator", "Educator", "Editor",
]  # fmt: skip
SKILL_SUBJECTS = [
    "Data", "Budget", "Risk", "Contract", "Network", "Patient", "Inventory", "Vendor",
    "Process", "Quality", "Safety", "Test", "Campaign", "Client", "Policy", "Systems",
    "Field", "Lab", "Product", "Schedule", "Regulatory", "Financial", "Technical", "Project",
    "Equipment",
]  # fmt: skip
SKILL_PRACTICES = [
    "Analysis", "Modeling", "Reporting", "Planning", "Documentation", "Auditing",
    "Forecasting", "Negotiation", "Troubleshooting", "Monitoring", "Design", "Review",
    "Coordination", "Estimation", "Automation", "Inspection", "Communication", "Research",
    "Management", "Testing",
]  # fmt: skip
WORKPLACE_SIZES = ["small", "mid-sized", "large", "regional", "national", "independent"]
WORKPLACE_KINDS = [
    "software companies", "hospitals", "manufacturers", "consulting firms", "banks",
    "insurance carriers", "utilities", "government agencies", "universities", "retailers",
    "logistics providers", "construction firms", "research labs", "media companies",
    "law firms", "clinics", "engineering firms", "nonprofits", "telecom providers",
    "energy companies", "schools", "hotels", "airlines", "farms", "biotech startups",
]  # fmt: skip
HOURS = [
    "Full time, about 40 hours a week",
    "Full time; some evenings and weekends at busy times",
    "Full time, often in shifts including nights and weekends",
    "Full time, with on-call weeks several times a year",
    "Full time or part time; hours can be flexible",
    "Full time; longer hours near deadlines",
]
ROUTES = [
    "4-year degree in a related field",
    "2-year associate degree and on-the-job training",
    "Apprenticeship of 3 to 5 years",
    "Certificate program of 6 to 12 months",
    "Bootcamp with a portfolio of projects",
    "Master's degree for senior and research roles",
    "Professional license after supervised experience",
    "Entry-level job and training from the employer",
]
ACTIVITIES = [
    "Check messages and plan the day's priorities",
    "Stand-up meeting with the team",
    "Work through the main task list",
    "Review figures and flag anything unusual",
    "Meet a client or stakeholder about an open request",
    "Lunch",
    "Site visit or inspection",
    "Write up findings and update the records",
    "Train a newer colleague on a routine task",
    "Fix an urgent problem that came up in the morning",
    "Prepare material for tomorrow's review",
    "Wrap up, hand over open items and log off",
]
SOURCES = [
    ("BLS Occupational Outlook Handbook", "https://www.bls.gov/ooh/"),
    ("BLS Occupational Employment and Wage Statistics", "https://www.bls.gov/oes/"),
    ("BLS Employment Projections", "https://www.bls.gov/emp/"),
    ("O*NET OnLine", "https://www.onetonline.org/"),
]
EDUCATION_WEIGHTS = {
    EducationLevel.NONE: 3,
    EducationLevel.HIGH_SCHOOL: 12,
    EducationLevel.CERTIFICATE: 8,
    EducationLevel.ASSOCIATE: 8,
    EducationLevel.BACHELOR: 45,
    EducationLevel.MASTER: 16,
    EducationLevel.DOCTORATE: 8,
}
REVIEWED_FROM = datetime.date(2026, 1, 1)


class Command(BaseCommand):
    help = (
        "Build a synthetic catalogue of N careers and M comparisons with bulk inserts "
        f"(slugs start with “{SLUG_PREFIX}”). Deterministic for a given --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--careers", type=int, required=True, help="How many careers.")
        parser.add_argument(
            "--comparisons", type=int, required=True, help="How many curated comparisons."
        )
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument(
            "--metro-share",
            type=float,
            default=0.1,
            help="Share of metro areas each synthetic career has wages in (default 0.1); "
            "every career has national and all state figures when areas are loaded.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete earlier synthetic careers and their comparisons first.",
        )
        parser.add_argument(
            "--profiles",
            action="store_true",
            help="Give every synthetic career a copy of a real O*NET profile and its "
            "neighbours (for moves and fit at scale).",
        )

    def handle(
        self, *args, careers, comparisons, seed, replace, metro_share, profiles=False, **options
    ):
        if not 0 <= metro_share <= 1:
            raise CommandError("--metro-share is a share between 0 and 1.")
        if careers < 0 or comparisons < 0:
            raise CommandError("--careers and --comparisons cannot be negative.")
        if careers > 99_999:
            raise CommandError("At most 99,999 synthetic careers.")
        if comparisons > careers * (careers - 1) // 2:
            raise CommandError(
                f"{careers} careers make at most {careers * (careers - 1) // 2} pairs."
            )
        started = time.perf_counter()
        with transaction.atomic():
            existing = Career.objects.filter(slug__startswith=SLUG_PREFIX)
            if existing.exists():
                if not replace:
                    raise CommandError(
                        "Synthetic careers already exist: add --replace to rebuild them."
                    )
                deleted = _delete_synthetic()
            else:
                deleted = 0
            built = Builder(random.Random(seed)).build(careers, comparisons)
            search_index.rebuild()  # bulk inserts send no signals
            # Its own random stream: the careers and pairs do not depend on it.
            built["wages"] = WageBuilder(random.Random(f"wages-{seed}"), metro_share).build(
                Career.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")
            )
            if profiles:
                built["profiles"] = copy_profiles(
                    Career.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")
                )
            versions.bump_after_commit()
        elapsed = time.perf_counter() - started
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Synthetic catalogue (seed {seed}): {built['careers']:,} careers, "
                f"{built['comparisons']:,} comparisons, {built['parts']:,} career parts, "
                f"{built['skills']:,} new skills, {built['workplaces']:,} new workplaces, "
                f"{built['wages']:,} area wages"
                + (f", {built['profiles']:,} O*NET profiles" if profiles else "")
                + (f", {deleted:,} earlier careers replaced" if replace else "")
                + f" in {elapsed:.1f} s."
            )


def _delete_synthetic():
    """Plain SQL deletes: no per-row signals (history, cache bumps) for thousands of rows."""
    ids_sql, params = (
        Career.objects.filter(slug__startswith=SLUG_PREFIX).values("pk").query.sql_with_params()
    )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(Comparison._meta.db_table)} "
            f"WHERE career_a_id IN ({ids_sql}) OR career_b_id IN ({ids_sql})",
            params + params,
        )
        synthetic = [SYNTHETIC_SOC_GROUP + "-%"]
        for model in (AreaWage, PaySummary):
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE soc LIKE %s", synthetic
            )
        cursor.execute(
            f"DELETE FROM {quote(OnetProfile._meta.db_table)} WHERE soc_code LIKE %s", synthetic
        )
        cursor.execute(
            f"DELETE FROM {quote(ProfileSimilarity._meta.db_table)} "
            "WHERE soc_code LIKE %s OR other_soc_code LIKE %s",
            synthetic * 2,
        )
        parts = (CareerSearch, CareerAlias, CareerSkill, CareerWorkplace, EducationRoute)
        for model in (*parts, DayItem, Source):
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE career_id IN ({ids_sql})",
                params,
            )
        cursor.execute(
            f"DELETE FROM {quote(Career._meta.db_table)} WHERE id IN ({ids_sql})", params
        )
        return cursor.rowcount


def _named_pool(model, names):
    """Skills or workplaces by name, reusing any that exist (case-insensitively)."""
    existing = {thing.name.lower(): thing for thing in model.objects.all()}
    new = [
        model(name=name, search_name=normalize_for_search(name))
        for name in names
        if name.lower() not in existing
    ]
    for thing in new:
        if isinstance(thing, Skill):  # bulk_create skips save(), which sets the key
            thing.match_name = skill_key(thing.name)
    model.objects.bulk_create(new, batch_size=BATCH_SIZE)
    if new and new[0].pk is None:  # a backend that cannot return ids from bulk inserts
        existing = {thing.name.lower(): thing for thing in model.objects.all()}
    else:
        existing.update((thing.name.lower(), thing) for thing in new)
    return [existing[name.lower()] for name in names], len(new)


class Builder:
    def __init__(self, rng):
        self.rng = rng

    def build(self, n_careers, n_comparisons):
        rng = self.rng
        categories = list(Category.objects.order_by("position", "name"))
        if not categories:
            categories = [
                Category(name=name, slug=slugify(name), position=i)
                for i, name in enumerate(CATEGORIES)
            ]
            Category.objects.bulk_create(categories)
            categories = list(Category.objects.order_by("position", "name"))

        skill_names = rng.sample(
            [f"{s} {p}" for s, p in itertools.product(SKILL_SUBJECTS, SKILL_PRACTICES)],
            SKILL_POOL,
        )
        place_names = rng.sample(
            [f"{s} {k}" for s, k in itertools.product(WORKPLACE_SIZES, WORKPLACE_KINDS)],
            WORKPLACE_POOL,
        )
        skills, new_skills = _named_pool(Skill, skill_names)
        places, new_places = _named_pool(Workplace, place_names)

        titles = self.titles(n_careers)
        careers = [self.career(i, title, categories) for i, title in enumerate(titles, 1)]
        Career.objects.bulk_create(careers, batch_size=BATCH_SIZE)
        if careers and careers[0].pk is None:
            by_slug = dict(
                Career.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", "pk")
            )
            for career in careers:
                career.pk = by_slug[career.slug]

        parts = {model: [] for model in (CareerSkill, CareerWorkplace, EducationRoute, DayItem)}
        parts[Source] = []
        for career in careers:
            for model, objects in self.parts(career, skills, places).items():
                parts[model].extend(objects)
        for model, objects in parts.items():
            model.objects.bulk_create(objects, batch_size=BATCH_SIZE)

        pairs = self.pairs(careers, n_comparisons)
        Comparison.objects.bulk_create(
            [Comparison(career_a=a, career_b=b, is_published=True) for a, b in pairs],
            batch_size=BATCH_SIZE,
        )
        return {
            "careers": len(careers),
            "comparisons": len(pairs),
            "parts": sum(len(objects) for objects in parts.values()),
            "skills": new_skills,
            "workplaces": new_places,
        }

    def titles(self, n):
        """n distinct titles; past the 20,000 combinations, numbered repeats."""
        combos = list(itertools.product(QUALIFIERS, DOMAINS, ROLES))
        self.rng.shuffle(combos)
        titles = []
        for i in range(n):
            qualifier, domain, role = combos[i % len(combos)]
            round_ = i // len(combos)
            titles.append(
                (f"{qualifier} {domain} {role}" + (f" {round_ + 1}" if round_ else ""), role)
            )
        return titles

    def career(self, number, title_and_role, categories):
        rng = self.rng
        title, role = title_and_role
        slug = f"{SLUG_PREFIX}{number:05d}-{slugify(role)}"
        assert "-vs-" not in slug
        median = int(round(rng.lognormvariate(11.15, 0.35), -2))
        low = int(round(median * rng.uniform(0.5, 0.75), -2))
        high = int(round(median * rng.uniform(1.35, 2.1), -2))
        top_coded = high >= OEWS_TOP_CODE
        if top_coded:  # published as “$239k+”, as the BLS does
            high, median = OEWS_TOP_CODE, min(median, OEWS_TOP_CODE)
            low = min(low, median)
        growth = Decimal(f"{min(40.0, max(-10.0, rng.gauss(5.0, 7.0))):.1f}")
        level = rng.choices(list(EDUCATION_WEIGHTS), weights=list(EDUCATION_WEIGHTS.values()))[0]
        lower = title.lower()
        common = [f"{role} {rng.randint(1, 3) * 'I'}", f"{title.split()[1]} {role}"]
        if rng.random() < 0.5:
            common.append(f"{role} ({title.split()[0]})")
        common_titles = "\n".join(common)
        return Career(
            slug=slug,
            title=title,
            sort_title=normalize_for_search(title),
            category=rng.choice(categories),
            summary=(
                f"{title}s plan, run and improve the {lower.split(' ', 1)[1]} work of their "
                "organisation, turning requests and data into decisions that hold up."
            ),
            common_titles=common_titles,
            typical_hours=rng.choice(HOURS),
            salary_min=low,
            salary_max=high,
            salary_max_top_coded=top_coded,
            salary_median=median,
            salary_year=2025,
            growth_pct=growth,
            growth_horizon=2034,
            education_level=level,
            figures_note="Synthetic career for benchmarks: the figures are invented.",
            soc_code=synthetic_soc(number),
            why_it_matters=(
                f"Without {lower}s, small problems in {title.split()[1].lower()} work grow "
                "into expensive ones. They keep services running, catch errors early and "
                "explain to others what the numbers mean."
            ),
            day_to_day=(
                f"A {lower} spends most mornings on the core work: reviewing requests, "
                "checking figures and keeping records current. Much of it happens at a desk, "
                "with regular visits to the teams and sites they support."
                "\n\n"
                "Afternoons go to meetings, training colleagues and writing up what they "
                "found. Busy seasons bring longer days and tighter deadlines, and the best "
                "in the role explain complicated findings in plain words."
            ),
            is_published=True,
            last_reviewed=REVIEWED_FROM + datetime.timedelta(days=rng.randrange(300)),
        )

    def parts(self, career, skills, places):
        rng = self.rng
        times = sorted(rng.sample(range(14, 40), rng.randint(6, 8)))  # half hours, 07:00–19:30
        # ACTIVITIES runs from morning to evening: keep that order along the day.
        activities = [ACTIVITIES[i] for i in sorted(rng.sample(range(len(ACTIVITIES)), len(times)))]
        return {
            CareerSkill: [
                CareerSkill(career=career, skill=skill, position=i)
                for i, skill in enumerate(rng.sample(skills, rng.randint(5, MAX_TOP_SKILLS)))
            ],
            CareerWorkplace: [
                CareerWorkplace(career=career, workplace=place, position=i)
                for i, place in enumerate(rng.sample(places, rng.randint(3, 6)))
            ],
            EducationRoute: [
                EducationRoute(career=career, text=text, position=i)
                for i, text in enumerate(rng.sample(ROUTES, rng.randint(2, 4)))
            ],
            DayItem: [
                DayItem(career=career, time=datetime.time(t // 2, 30 * (t % 2)), activity=act)
                for t, act in zip(times, activities, strict=True)
            ],
            Source: [
                Source(career=career, title=title, url=url, position=i)
                for i, (title, url) in enumerate(rng.sample(SOURCES, rng.randint(1, 2)))
            ],
        }

    def pairs(self, careers, n):
        """n distinct unordered pairs, most within one category, in a random order each."""
        rng = self.rng
        if n > len(careers) * (len(careers) - 1) // 4:  # dense: choose among every pair
            chosen = rng.sample(list(itertools.combinations(careers, 2)), n)
            return [(a, b) if rng.random() < 0.5 else (b, a) for a, b in chosen]
        by_category = {}
        for career in careers:
            by_category.setdefault(career.category_id, []).append(career)
        groups = [group for group in by_category.values() if len(group) > 1]
        seen, pairs = set(), []
        while len(pairs) < n:
            if groups and rng.random() < 0.7:
                a, b = rng.sample(rng.choice(groups), 2)
            else:
                a, b = rng.sample(careers, 2)
            key = (min(a.pk, b.pk), max(a.pk, b.pk))
            if key not in seen:
                seen.add(key)
                pairs.append((a, b))
        return pairs


def copy_profiles(careers):
    """Each career (with a synthetic SOC code) gets a copy of a real O*NET profile, in turn,
    and the neighbours of the occupation it copies, plus that occupation, both ways.
    Returns how many profiles were written (none without real profiles)."""
    real = list(
        OnetProfile.objects.exclude(soc_code__startswith=SYNTHETIC_SOC_GROUP + "-").order_by(
            "soc_code"
        )
    )
    if not real:
        return 0
    neighbours = {}
    for soc, other, score in ProfileSimilarity.objects.values_list(
        "soc_code", "other_soc_code", "score"
    ):
        neighbours.setdefault(soc, []).append((other, score))
    profiles, pairs = [], {}
    for career, model in zip(
        (c for c in careers if c.soc_code), itertools.cycle(real), strict=False
    ):
        code = career.soc_code
        profiles.append(
            OnetProfile(
                soc_code=code,
                onet_codes=f"{code}.00",
                release=model.release,
                ratings=model.ratings,
                standard_scores=model.standard_scores,
            )
        )
        for other, score in [(model.soc_code, 1.0), *neighbours.get(model.soc_code, [])]:
            pairs[code, other] = pairs[other, code] = score
    OnetProfile.objects.bulk_create(profiles, batch_size=500)
    ProfileSimilarity.objects.bulk_create(
        (ProfileSimilarity(soc_code=a, other_soc_code=b, score=s) for (a, b), s in pairs.items()),
        batch_size=BATCH_SIZE,
    )
    return len(profiles)


def synthetic_soc(number):
    return f"{SYNTHETIC_SOC_GROUP}-{number:04d}" if number <= 9999 else ""


class WageBuilder:
    """BLS-like area wages for synthetic careers: the nation, every state and a share of
    the metro areas loaded by loadcatalog (nothing when none are), around each career's
    median; a few figures not released or top-coded, as BLS publishes them."""

    def __init__(self, rng, metro_share):
        self.rng = rng
        self.metro_share = metro_share

    def build(self, careers):
        release = WageRelease.objects.order_by("-data_year").first()
        areas = list(Area.objects.order_by("code"))
        if release is None or not areas:
            return 0
        national = [a for a in areas if a.kind == AreaKind.NATIONAL]
        states = [a for a in areas if a.kind == AreaKind.STATE]
        metros = [a for a in areas if a.kind in (AreaKind.METRO, AreaKind.NONMETRO)]
        rows, summaries = [], {}
        for career in careers:
            if not career.soc_code:
                continue
            share = round(len(metros) * self.metro_share)
            chosen = national + states + self.rng.sample(metros, share)
            made = [self.wage(career, area, release) for area in chosen]
            rows += made
            summaries[career.soc_code] = (release, wages.summarise(made, release))
        AreaWage.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        wages.write_summaries(summaries)
        return len(rows)

    def wage(self, career, area, release):
        rng = self.rng
        national = area.kind == AreaKind.NATIONAL
        factor = 1.0 if national else rng.lognormvariate(0, 0.12)
        median = int(round(career.salary_median * factor, -1))
        spread = rng.uniform(0.9, 1.1)
        figures = {
            "annual_p10": int(round(median * (1 - 0.38 * spread), -1)),
            "annual_p25": int(round(median * (1 - 0.2 * spread), -1)),
            "annual_median": median,
            "annual_p75": int(round(median * (1 + 0.25 * spread), -1)),
            "annual_p90": int(round(median * (1 + 0.55 * spread), -1)),
            "annual_mean": int(round(median * rng.uniform(1.02, 1.08), -1)),
            "hourly_median": Decimal(median) / 2080,
            "employment": int(rng.lognormvariate(11.5 if national else 7.5, 1.0)) // 10 * 10 or 30,
            "employment_rse": Decimal(f"{rng.uniform(0.5, 30 if not national else 2):.1f}"),
            "location_quotient": None if national else Decimal(f"{rng.lognormvariate(0, 0.4):.2f}"),
            "wage_rse": Decimal(f"{rng.uniform(0.3, 12 if not national else 1):.1f}"),
        }
        figures["hourly_median"] = figures["hourly_median"].quantize(Decimal("0.01"))
        footnotes = {}
        if figures["annual_p90"] >= OEWS_TOP_CODE and rng.random() < 0.2:
            figures["annual_p90"] = None  # BLS: at or above the top code
            footnotes["annual_p90"] = 5
        if not national and rng.random() < 0.03:
            for name in ("annual_p10", "annual_p25", "annual_median", "annual_p75",
                         "annual_p90", "annual_mean", "hourly_median", "wage_rse"):  # fmt: skip
                figures[name] = None
                footnotes[name] = 8
        return AreaWage(
            release=release, area=area, soc=career.soc_code, footnotes=footnotes, **figures
        )
