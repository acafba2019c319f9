// title: Meetings by topic
// description: Meetings about a topic (substring of the topic name; empty = all topics), with countries and date.
// param: topic string crime
MATCH (m:Meeting)-[a:ABOUT]->(t:Topic)
WHERE $topic = '' OR toLower(t.name) CONTAINS toLower($topic)
OPTIONAL MATCH (m)-[:INVOLVES]->(c:Country)
RETURN t.name AS topic, m.date AS date, m.kind AS kind, collect(DISTINCT c.name) AS countries, m, a, t
ORDER BY topic, date
