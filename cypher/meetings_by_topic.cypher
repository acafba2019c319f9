// title: Meetings by topic
// description: Meetings about a topic (substring of the topic name; empty = all topics), with countries and date.
// param: topic string crime
// param: limit int 100
MATCH (t:Topic) WHERE t.name IS NOT NULL AND ($topic = '' OR toLower(t.name) CONTAINS toLower($topic))
// Each topic's oldest meetings on the about_key index (key = topic|date), then the first $limit of all.
CALL (t) {
  MATCH (m)-[a:ABOUT]->() WHERE a.key STARTS WITH t.id + '|'
  WITH m, a ORDER BY a.key LIMIT $limit
  RETURN m, a
}
WITH m, a, t ORDER BY t.name, a.key LIMIT $limit
OPTIONAL MATCH (m)-[:INVOLVES]->(c:Country)
RETURN t.name AS topic, m.date AS date, m.kind AS kind, collect(DISTINCT c.name) AS countries, m, a, t
ORDER BY topic, date
