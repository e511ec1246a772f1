"""
The /fit/ questionnaire: statements about kinds of work in our own plain words, each tied
to the O*NET skills and work activities (by element id) that measure that kind of work.
They are not O*NET's Interest Profiler items and do not copy O*NET's wording; the element
names appear only where a reason cites a rating.

Each statement has a URL parameter (its `key`), the words the form shows (`text`), and a
short phrase reasons use (“You like fixing machines; …”).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    key: str
    text: str
    phrase: str
    elements: tuple  # O*NET element ids (occupations/data/onet-30.1.json.gz)


STATEMENTS = (
    Statement(
        "fix",
        "Fixing machines, engines or equipment when they break down",
        "fixing machines",
        ("2.B.3.l", "2.B.3.j", "4.A.3.b.4"),  # Repairing; Equipment Maintenance; … Mechanical
    ),
    Statement(
        "circuits",
        "Tracking down faults in wiring, circuits or electronic devices",
        "tracking down electrical faults",
        ("4.A.3.b.5", "2.B.3.k"),  # … Electronic Equipment; Troubleshooting
    ),
    Statement(
        "build",
        "Building, assembling or installing things with tools",
        "building and installing things",
        ("2.B.3.d", "4.A.3.a.2"),  # Installation; Handling and Moving Objects
    ),
    Statement(
        "active",
        "Being on your feet all day: lifting, climbing, moving about",
        "physical work",
        ("4.A.3.a.1",),  # Performing General Physical Activities
    ),
    Statement(
        "drive",
        "Driving a vehicle or operating heavy equipment",
        "driving and operating equipment",
        ("4.A.3.a.4", "2.B.3.h"),  # Operating Vehicles…; Operation and Control
    ),
    Statement(
        "machines",
        "Running machines or a production line and keeping an eye on them",
        "running machines",
        ("4.A.3.a.3", "2.B.3.g", "4.A.1.a.2"),  # Controlling Machines…; Operations Monitoring;
        # Monitoring Processes, Materials, or Surroundings
    ),
    Statement(
        "inspect",
        "Checking products, buildings or equipment for faults and safety",
        "checking things for faults",
        ("4.A.1.b.2", "2.B.3.m"),  # Inspecting Equipment…; Quality Control Analysis
    ),
    Statement(
        "numbers",
        "Working with numbers: measuring, calculating, analysing data",
        "working with numbers",
        ("2.A.1.e", "4.A.2.a.4"),  # Mathematics; Analyzing Data or Information
    ),
    Statement(
        "science",
        "Finding out how living things, chemicals or physical forces work",
        "science",
        ("2.A.1.f",),  # Science
    ),
    Statement(
        "code",
        "Writing software or setting up computer systems",
        "programming and computers",
        ("2.B.3.e", "4.A.3.b.1"),  # Programming; Working with Computers
    ),
    Statement(
        "plans",
        "Drawing up plans and designs for things that will be built",
        "drawing up plans",
        ("4.A.3.b.2", "2.B.3.b"),  # Drafting, Laying Out…; Technology Design
    ),
    Statement(
        "ideas",
        "Coming up with new ideas, designs or ways of doing things",
        "coming up with new ideas",
        ("4.A.2.b.2",),  # Thinking Creatively
    ),
    Statement(
        "write",
        "Writing reports, articles or other texts",
        "writing",
        ("2.A.1.c",),  # Writing
    ),
    Statement(
        "care",
        "Looking after people who are ill, hurt or need help",
        "looking after people",
        ("4.A.4.a.5", "2.B.1.f"),  # Assisting and Caring for Others; Service Orientation
    ),
    Statement(
        "teach",
        "Teaching, training or coaching people",
        "teaching people",
        ("4.A.4.b.3", "2.B.1.e", "4.A.4.b.5"),  # Training and Teaching…; Instructing; Coaching…
    ),
    Statement(
        "public",
        "Dealing with customers or the public face to face",
        "dealing with the public",
        ("4.A.4.a.8", "4.A.4.a.3"),  # Performing for or Working Directly with the Public;
        # Communicating with People Outside the Organization
    ),
    Statement(
        "persuade",
        "Persuading people: selling, negotiating, winning them over",
        "selling and persuading",
        ("4.A.4.a.6", "2.B.1.c", "2.B.1.d"),  # Selling or Influencing…; Persuasion; Negotiation
    ),
    Statement(
        "lead",
        "Leading a team and deciding who does what",
        "leading a team",
        ("4.A.4.b.4", "2.B.5.d", "4.A.4.b.1"),  # Guiding, Directing…; Management of Personnel
        # Resources; Coordinating the Work and Activities of Others
    ),
    Statement(
        "paperwork",
        "Keeping records, filling in forms and handling paperwork",
        "paperwork",
        ("4.A.4.c.1", "4.A.2.a.2", "4.A.3.b.6"),  # Performing Administrative Activities;
        # Processing Information; Documenting/Recording Information
    ),
)

BY_KEY = {statement.key: statement for statement in STATEMENTS}


@dataclass(frozen=True)
class Answer:
    value: str  # as in the URL
    label: str
    weight: int  # how the answer counts: against (-) or for (+) a kind of work


# The answer scale, as the form shows it. “Not sure” counts for nothing, like no answer.
SCALE = (
    Answer("1", "Not for me", -2),
    Answer("2", "Rather not", -1),
    Answer("3", "Not sure", 0),
    Answer("4", "I'd like it", 1),
    Answer("5", "Love it", 2),
)
WEIGHTS = {answer.value: answer.weight for answer in SCALE}
