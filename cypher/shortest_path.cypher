// title: Shortest path between two entities
// description: The shortest chain of meetings, affiliations and places linking two entities (any name, diacritics optional); sentences and documents are not used as links.
// param: a string Cho Ji-ho
// param: b string Philippines
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($a, '\\', '\\\\'), '"', '\\"') + '"')
YIELD node AS x
WHERE toLower(x.name) = toLower($a) OR toLower($a) IN x.keys
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($b, '\\', '\\\\'), '"', '\\"') + '"')
YIELD node AS y
WHERE toLower(y.name) = toLower($b) OR toLower($b) IN y.keys
WITH x, y WHERE x <> y
MATCH p = shortestPath((x)-[:PARTICIPANT|INVOLVES|HELD_IN|CONCERNS|AFFILIATED_WITH|IN_COUNTRY*..10]-(y))
RETURN x.name AS from, y.name AS to, length(p) AS hops,
       [n IN nodes(p) | coalesce(n.name, n.title, n.id)] AS chain, p
ORDER BY hops
LIMIT 5
