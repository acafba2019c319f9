"""What extraction produces for one article, before it is written anywhere.

Offsets are character offsets into `Article.body`; every mention and every
meeting keeps the sentence it came from so the graph can show its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("Person", "Organization", "Country", "Place", "Agreement")
MEETING_KINDS = ("talks", "visit", "conference", "call", "signing")
ROLES = ("host", "guest", "participant")


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class Mention:
    text: str
    start: int
    end: int
    sentence: int          # index into Extraction.sentences


@dataclass
class Entity:
    type: str                              # one of ENTITY_TYPES
    name: str                              # as written in the article
    id: str = ""                           # canonical id, set by resolution
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    title: str | None = None               # Person: title/role as stated
    affiliation: str | None = None         # Person: organisation or country name
    country: str | None = None             # Organization/Place: English country name or "international"
    iso3: str | None = None                # Country
    status: str | None = None              # Agreement: signed / proposed / implemented
    confidence: float = 1.0
    source: str = ""                       # which component found it

    def surface_forms(self) -> list[str]:
        return [self.name, *[a for a in self.aliases if a != self.name]]


@dataclass
class Participant:
    entity: str            # Entity.name within this article
    role: str = "participant"   # host / guest / participant


@dataclass
class Meeting:
    kind: str
    participants: list[Participant]
    date: str | None = None              # YYYY, YYYY-MM or YYYY-MM-DD
    end_date: str | None = None
    date_precision: str | None = None    # year / month / day
    place: str | None = None             # "City, Country" or "Country"
    countries: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)   # Agreement names
    sentences: list[int] = field(default_factory=list)
    trigger: str = ""
    id: str = ""


@dataclass
class Extraction:
    doc_id: str
    name: str
    language: str
    sentences: list[Sentence]
    entities: list[Entity]
    meetings: list[Meeting]
    warnings: list[str] = field(default_factory=list)

    def entity(self, name: str) -> Entity | None:
        for e in self.entities:
            if e.name == name:
                return e
        return None
