// title: Topics by partner country over time
// description: For the most recent meetings involving the country (by name, any known name, or ISO3 code; recent of them, newest first), how often each topic came up with each partner country, per year.
// param: country string Vietnam
// param: recent int 2000
// param: limit int 100
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($country, '\\', '\\\\'), '"', '\\"') + '"')
  YIELD node AS c
  WHERE c:Country AND (toLower(c.name) = toLower($country) OR toLower($country) IN c.keys)
  RETURN c
  UNION
  MATCH (c:Country {iso3: toUpper($country)})
  RETURN c
}
// A country in few meetings: read them and keep the newest. A hub takes part in most
// meetings: walk all meetings newest first on the Meeting.date index and keep its own,
// instead of reading tens of thousands to sort them.
CALL (c) {
  WITH c WHERE COUNT { (c)<-[:INVOLVES]-() } <= 5 * $recent
  MATCH (c)<-[:INVOLVES]-(m:Meeting) WHERE m.date IS NOT NULL
  RETURN m ORDER BY m.date DESC LIMIT $recent
  UNION
  WITH c WHERE COUNT { (c)<-[:INVOLVES]-() } > 5 * $recent
  MATCH (m:Meeting) WHERE m.date IS NOT NULL
  WITH m ORDER BY m.date DESC
  WHERE EXISTS { (m)-[:INVOLVES]->(c) }
  RETURN m LIMIT $recent
}
MATCH (m)-[:INVOLVES]->(partner:Country)
WHERE partner <> c
MATCH (m)-[:ABOUT]->(t:Topic)
RETURN partner.name AS partner, left(m.date, 4) AS year, t.name AS topic, count(DISTINCT m) AS meetings
ORDER BY partner, year, meetings DESC
LIMIT $limit
