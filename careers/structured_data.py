"""schema.org Occupation for a career, used by guides and (twice) by comparisons."""

from careers.models import OEWS_TOP_CODE
from publishing.seo import absolute


def occupation(career, skills=None):
    salary = {
        "@type": "MonetaryAmountDistribution",
        "name": "base",
        "currency": "USD",
        "duration": "P1Y",
        "percentile10": career.salary_min,
    }
    if career.salary_median is not None:
        salary["median"] = career.salary_median
    if career.salary_max_top_coded:
        # Only “at least the top code” is known: no exact 90th percentile to publish.
        salary["minValue"] = career.salary_min
        salary["description"] = f"90th percentile is at least ${OEWS_TOP_CODE:,}"
    else:
        salary["percentile90"] = career.salary_max
    data = {
        "@type": "Occupation",
        "name": career.title,
        "description": career.summary,
        "url": absolute(career.get_absolute_url()),
        "estimatedSalary": [salary],
        "occupationLocation": [{"@type": "Country", "name": "United States"}],
        "educationRequirements": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": career.education_label,
        },
        "skills": ", ".join(skills if skills is not None else []),
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": absolute(career.get_absolute_url()),
            "lastReviewed": career.last_reviewed.isoformat(),
        },
    }
    if career.common_title_list:
        data["alternateName"] = career.common_title_list
    if career.soc_code:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": career.soc_code,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "2018 SOC"},
        }
    return data
