// title: Meetings between two countries
// description: Every meeting (of at most 12 countries: larger ones are multilateral) that involves both countries (by name, any known name, or ISO3 code), oldest first, with participants and the reporting documents.
// param: a string Vietnam
// param: b string South Korea
// param: limit int 100
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($a, '\\', '\\\\'), '"', '\\"') + '"')
  YIELD node AS ca
  WHERE ca:Country AND (toLower(ca.name) = toLower($a) OR toLower($a) IN ca.keys)
  RETURN ca
  UNION
  MATCH (ca:Country {iso3: toUpper($a)})
  RETURN ca
}
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($b, '\\', '\\\\'), '"', '\\"') + '"')
  YIELD node AS cb
  WHERE cb:Country AND (toLower(cb.name) = toLower($b) OR toLower($b) IN cb.keys)
  RETURN cb
  UNION
  MATCH (cb:Country {iso3: toUpper($b)})
  RETURN cb
}
WITH ca, cb WHERE cb <> ca
// The pair's own meetings, oldest first on the in_pair_key index (key = pair|date).
WITH ca, cb, CASE WHEN ca.id < cb.id THEN ca.id + '|' + cb.id ELSE cb.id + '|' + ca.id END + '|' AS pair
CALL (pair) {
  MATCH (m)-[k:IN_PAIR]->() WHERE k.key STARTS WITH pair
  WITH m, k ORDER BY k.key LIMIT $limit
  RETURN m, k
}
MATCH (ca)<-[ia:INVOLVES]-(m)-[ib:INVOLVES]->(cb)
OPTIONAL MATCH (m)-[p:PARTICIPANT]->(x)
WITH ca, cb, ia, ib, m, collect(x.name + ' (' + coalesce(p.role, 'participant') + ')') AS participants
OPTIONAL MATCH (m)-[:SOURCE]->(d:Document)
RETURN m.date AS date, m.kind AS kind, m.place AS place, participants,
       m.topics AS topics, collect(DISTINCT d.name) AS documents, m, ca, cb, ia, ib
ORDER BY date
