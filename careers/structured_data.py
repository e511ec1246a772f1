"""schema.org Occupation for a career, used by guides and (twice) by comparisons."""

from careers.models import OEWS_TOP_CODE, WorkExperience
from publishing.seo import absolute


def estimated_salary(career):
    salary = {
        "@type": "MonetaryAmountDistribution",
        "name": "base",
        "currency": "USD",
        "duration": "P1Y",
    }
    if career.salary_is_range:
        # A range stated by another source: its ends are not percentiles.
        salary["minValue"] = career.salary_min
        salary["maxValue"] = career.salary_max
        salary["description"] = "A stated pay range, not percentiles"
    elif career.salary_min is not None:
        salary["percentile10"] = career.salary_min
        if career.salary_max_top_coded:
            # Only “at least the top code” is known: no exact 90th percentile to publish.
            salary["minValue"] = career.salary_min
            salary["description"] = f"90th percentile is at least ${OEWS_TOP_CODE:,}"
        else:
            salary["percentile90"] = career.salary_max
    if career.salary_median is not None:
        salary["median"] = career.salary_median
    return salary


def wage_salary(wage):
    """estimatedSalary from an OEWS row: only the figures BLS published, with their period."""
    salary = {
        "@type": "MonetaryAmountDistribution",
        "name": "base",
        "currency": "USD",
        "duration": "P1Y",
        "description": f"BLS OEWS, {wage.release.reference_period}",
    }
    for key, figure in (
        ("percentile10", wage.p10),
        ("percentile25", wage.p25),
        ("median", wage.median),
        ("percentile75", wage.p75),
        ("percentile90", wage.p90),
    ):
        if figure.published:
            salary[key] = figure.value
        elif figure.top_coded:
            salary["description"] += f"; {key} is at least ${figure.top_code:,}"
    return salary


def place(area):
    if area.kind == "national":
        return {"@type": "Country", "name": "United States"}
    if area.kind == "state":
        return {
            "@type": "State",
            "name": area.name,
            "containedInPlace": {"@type": "Country", "name": "United States"},
        }
    return {"@type": "Place", "name": area.name}


CREDENTIAL_CATEGORIES = {"licence": "license", "certification": "certification", "exam": "exam"}


def credentials(career):
    """
    Licences, certifications and exams as schema.org credentials (needs prefetched
    credentials); an accredited degree or programme is part of the education, not one.
    """
    return [
        {
            "@type": "EducationalOccupationalCredential",
            "name": credential.name,
            "credentialCategory": CREDENTIAL_CATEGORIES[credential.kind],
            "recognizedBy": {"@type": "Organization", "name": credential.issuer},
        }
        for credential in career.credentials.all()
        if not credential.is_programme
    ]


def occupation(career, skills=None, wage=None):
    """With `wage` (an AreaWage), salary and location are that row's (BLS OEWS)."""
    salary = estimated_salary(career)
    if wage is not None and (wage.median.published or wage.p10.published):
        salary = wage_salary(wage)
    data = {
        "@type": "Occupation",
        "name": career.title,
        "description": career.description,
        "url": absolute(career.get_absolute_url()),
        "estimatedSalary": [salary],
        "occupationLocation": [
            place(wage.area) if wage is not None else {"@type": "Country", "name": "United States"}
        ],
        "educationRequirements": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": career.entry_education_label,
        },
        "skills": ", ".join(skills if skills is not None else []),
        "mainEntityOfPage": {"@type": "WebPage", "@id": absolute(career.get_absolute_url())},
    }
    if career.has_guide:  # a page of figures alone has had no editor's review
        data["mainEntityOfPage"]["lastReviewed"] = career.last_reviewed.isoformat()
    if career.work_experience and career.work_experience != WorkExperience.NONE:
        data["experienceRequirements"] = (
            f"{WorkExperience(career.work_experience).label} of work experience in a related "
            "occupation (BLS)"
        )
    qualifications = credentials(career)
    if qualifications:
        data["qualifications"] = qualifications
    if career.common_title_list:
        data["alternateName"] = career.common_title_list
    if career.soc_code:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": career.soc_code,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "2018 SOC"},
        }
    return data
