// title: One person's meeting timeline
// description: The meetings a person took part in (matched by any of their names, diacritics optional), with role, counterparts and place.
// param: person string Cho Ji-ho
// param: limit int 100
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($person, '\\', '\\\\'), '"', '\\"') + '"')
YIELD node AS p
WHERE p:Person AND (toLower(p.name) = toLower($person) OR toLower($person) IN p.keys)
MATCH (p)<-[r:PARTICIPANT]-(m:Meeting)
WITH p, r, m ORDER BY m.date LIMIT $limit
OPTIONAL MATCH (m)-[:PARTICIPANT]->(other) WHERE other <> p
RETURN m.date AS date, m.kind AS kind, r.role AS role, m.place AS place,
       collect(DISTINCT other.name) AS counterparts, m.topics AS topics, p, r, m
ORDER BY date
