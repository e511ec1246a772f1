"""The careers app's models, one module per concern; every name is importable from here."""

from careers.models.base import (  # noqa: F401
    HORIZON_YEARS,
    NEIGHBOURS_TAG,
    OEWS_TOP_CODE,
    ORDER_TAG,
    PARTS_GROUP,
    SAVED_TAG,
    SLUG_RULE,
    SPREAD_TAG,
    STALE_AFTER,
    Category,
    EditorStamped,
    NamedThing,
    Skill,
    TimeStamped,
    Workplace,
    career_tag,
    category_list_tag,
    field_group,
    reject_vs,
)
from careers.models.career import (  # noqa: F401
    Career,
    CareerDraft,
    CareerQuerySet,
    CareerVersionParts,
    career_parts,
    onet_ratings,
    stale_cutoff,
)
from careers.models.parts import (  # noqa: F401
    CareerAlias,
    CareerSkill,
    CareerWorkplace,
    Credential,
    DayItem,
    EducationRoute,
    JSONArrayAgg,
    OrderedPart,
    Source,
    route_items,
)
from careers.models.search import (  # noqa: F401
    CareerSearch,
    SearchWord,
)
from occupations.scales import (  # noqa: F401 (the choices editors pick from)
    LEVEL_OF_ENTRY,
    Demand,
    EducationLevel,
    EntryEducation,
    JobTraining,
    PayBasis,
    WorkExperience,
    demand_from_growth,
)
