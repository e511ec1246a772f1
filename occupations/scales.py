"""
The scales public releases describe occupations on: BLS's entry education, work experience
and on-the-job training categories (Employment Projections), the site's shorter education
scale, and demand derived from projected growth.
"""

from decimal import Decimal

from django.db import models


class EducationLevel(models.IntegerChoices):
    NONE = 0, "No formal credential"
    HIGH_SCHOOL = 1, "High school"
    CERTIFICATE = 2, "Certificate"
    ASSOCIATE = 3, "Associate"
    BACHELOR = 4, "Bachelor"
    MASTER = 5, "Master"
    DOCTORATE = 6, "Doctorate"


class EntryEducation(models.TextChoices):
    """BLS's typical education needed for entry, in BLS's words and order."""

    NONE = "none", "No formal educational credential"
    HIGH_SCHOOL = "high-school", "High school diploma or equivalent"
    POSTSECONDARY = "postsecondary-nondegree", "Postsecondary nondegree award"
    SOME_COLLEGE = "some-college", "Some college, no degree"
    ASSOCIATE = "associate", "Associate's degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    MASTER = "master", "Master's degree"
    DOCTORAL = "doctoral", "Doctoral or professional degree"

    @property
    def rank(self):
        return list(EntryEducation).index(self)


# Where each BLS category sits on the site's shorter education scale (used by the
# careers index filter). “Some college, no degree” has no level of its own there.
LEVEL_OF_ENTRY = {
    EntryEducation.NONE: EducationLevel.NONE,
    EntryEducation.HIGH_SCHOOL: EducationLevel.HIGH_SCHOOL,
    EntryEducation.POSTSECONDARY: EducationLevel.CERTIFICATE,
    EntryEducation.SOME_COLLEGE: EducationLevel.ASSOCIATE,
    EntryEducation.ASSOCIATE: EducationLevel.ASSOCIATE,
    EntryEducation.BACHELOR: EducationLevel.BACHELOR,
    EntryEducation.MASTER: EducationLevel.MASTER,
    EntryEducation.DOCTORAL: EducationLevel.DOCTORATE,
}


class WorkExperience(models.TextChoices):
    """BLS's work experience in a related occupation, needed for entry."""

    NONE = "none", "None"
    UNDER_FIVE = "under-5-years", "Less than 5 years"
    FIVE_PLUS = "5-years-plus", "5 years or more"


class JobTraining(models.TextChoices):
    """BLS's typical on-the-job training needed to become competent."""

    NONE = "none", "None"
    SHORT = "short-term", "Short-term on-the-job training"
    MODERATE = "moderate-term", "Moderate-term on-the-job training"
    LONG = "long-term", "Long-term on-the-job training"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    INTERNSHIP = "internship-residency", "Internship/residency"


class PayBasis(models.TextChoices):
    PERCENTILES = "percentiles", "10th to 90th percentile"
    RANGE = "range", "A stated range, not percentiles"


class Demand(models.TextChoices):
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"
    VERY_HIGH = "very-high", "Very high"


def demand_from_growth(growth_pct):
    """
    The documented default rule (README, “Demand level”): projected growth over the
    ten-year horizon, against the all-occupation average of about 3–4 %.
    """
    growth = Decimal(growth_pct)
    if growth >= 15:
        return Demand.VERY_HIGH
    if growth >= 7:
        return Demand.HIGH
    if growth >= 2:
        return Demand.MODERATE
    return Demand.LOW
