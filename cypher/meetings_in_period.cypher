// title: Meetings in a period
// description: Meetings dated between two dates (YYYY, YYYY-MM or YYYY-MM-DD; a partial date compares as its prefix), with countries and participants.
// param: start date 2000
// param: end date 2100
MATCH (m:Meeting)
WHERE m.date >= $start AND m.date <= $end
OPTIONAL MATCH (m)-[i:INVOLVES]->(c:Country)
OPTIONAL MATCH (m)-[p:PARTICIPANT]->(x)
RETURN m.date AS date, m.kind AS kind, m.place AS place, collect(DISTINCT c.name) AS countries,
       collect(DISTINCT x.name) AS participants, m, collect(DISTINCT i) AS involves, collect(DISTINCT c) AS country_nodes
ORDER BY date
