"""
The page that started it all (shared/seeds/000_b0e71c759c041c0b.txt), rebuilt from the
database: every row in its cell format, every verdict, every link.
"""

import pytest

from tests.html import find, find_all, links, parse, table_rows, text, visible_text

URL = "/compare/devops-engineer-vs-mlops-engineer/"

pytestmark = pytest.mark.usefixtures("catalog")


@pytest.fixture
def page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return parse(response)


def test_heading_and_intro(page):
    assert text(find(page, "h1")) == "DevOps Engineer vs MLOps Engineer: Career Comparison"
    assert "MLOps Engineer typically pays more at the median." in visible_text(page)


def test_verdicts(page):
    verdicts = [text(li) for li in find_all(find(page, "section", class_="verdicts"), "li")]
    assert verdicts == [
        "Higher salary ceiling: MLOps Engineer.",
        "Faster projected growth: DevOps Engineer.",
        "Same education level: yes.",
    ]


def test_table_caption_and_header(page):
    table = find(page, "table")
    assert text(find(table, "caption")) == "Comparison of DevOps Engineer and MLOps Engineer"
    header = [text(th) for th in find_all(find(table, "thead"), "th")]
    assert header == ["Attribute", "DevOps Engineer", "MLOps Engineer"]
    assert all(th.get("scope") == "col" for th in find_all(find(table, "thead"), "th"))


def test_rows_in_seed_order_and_format(page):
    rows = table_rows(page)
    assert list(rows) == [
        "Salary range",
        "Outlook & demand",
        "Education level",
        "Top skills",
        "Where they work",
        "Day-to-day work",
        "Education routes",
        "Projected growth",
    ]
    assert rows["Salary range"] == ["$76k – $168k", "$130k – $185k"]
    assert rows["Outlook & demand"] == ["Very high · +29.2% by 2034", "Very high · +28% by 2034"]
    assert rows["Education level"] == ["Bachelor", "Bachelor"]
    assert rows["Top skills"] == [
        "Coding, Cloud Platforms, CI/CD Automation, Problem Solving, Teamwork",
        "Coding, Cloud, Automation, DevOps, Problem-solving",
    ]
    assert rows["Where they work"] == [
        "tech companies, cloud services, software teams, IT operations, startups, "
        "enterprise technology departments",
        "tech companies, AI startups, cloud computing firms, software companies, data teams, "
        "product companies, fintech, healthcare technology",
    ]
    assert rows["Education routes"] == [
        "4-year computer science or software engineering degree; IT support or junior "
        "software path into DevOps; Self-taught projects plus certifications; Bootcamp or "
        "intensive training with portfolio work",
        "4-year degree; Master's degree; Bootcamp / certificate path; Self-taught + portfolio",
    ]
    assert rows["Projected growth"] == ["+29.2%", "+28%"]
    assert all(len(cell) > 100 for cell in rows["Day-to-day work"])


def test_read_full_guides_related_and_all_comparisons_links(page, client):
    hrefs = links(page)
    assert "/careers/devops-engineer/" in hrefs
    assert "/careers/mlops-engineer/" in hrefs
    assert "/compare/" in hrefs
    related = find(page, "section", **{"aria-labelledby": "related-h"})
    related_links = [a.get("href") for a in find_all(related, "a") if "-vs-" in a.get("href")]
    assert related_links, "related comparisons are listed"
    assert URL not in related_links
    for href in related_links:
        assert client.get(href).status_code == 200
        assert "devops-engineer" in href or "mlops-engineer" in href
