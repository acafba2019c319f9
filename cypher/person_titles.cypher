// title: Titles and affiliations of a person
// description: Every title and organisation or country a person is reported with, the date of the article that said so, and its source.
// param: person string Cho Ji-ho
// param: limit int 100
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($person, '\\', '\\\\'), '"', '\\"') + '"')
YIELD node AS p
WHERE p:Person AND (toLower(p.name) = toLower($person) OR toLower($person) IN p.keys)
MATCH (p)-[r:AFFILIATED_WITH]->(t)
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN p.name AS person, r.title AS title, t.name AS affiliation, r.as_of AS as_of, d.name AS document, d.url AS url, p, r, t
ORDER BY as_of
LIMIT $limit
