// title: Meetings by topic
// description: Meetings about a topic (substring of the topic name; empty = all topics), with countries and date.
// param: topic string crime
// param: limit int 100
MATCH (t:Topic) WHERE t.name IS NOT NULL AND ($topic = '' OR toLower(t.name) CONTAINS toLower($topic))
MATCH (m:Meeting)-[a:ABOUT]->(t)
WITH m, a, t ORDER BY t.name, m.date LIMIT $limit
OPTIONAL MATCH (m)-[:INVOLVES]->(c:Country)
RETURN t.name AS topic, m.date AS date, m.kind AS kind, collect(DISTINCT c.name) AS countries, m, a, t
ORDER BY topic, date
