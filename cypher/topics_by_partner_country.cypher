// title: Topics by partner country over time
// description: For the most recent meetings involving the country (by name, any known name, or ISO3 code; recent of them, newest first), how often each topic came up with each partner country, per year.
// param: country string Vietnam
// param: recent int 1000
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
// Its newest meetings, on the involves_key index (key = country|date), read in order.
CALL (c) {
  MATCH (m)-[r:INVOLVES]->() WHERE r.key > c.id + '|0' AND r.key < c.id + '|~'
  WITH m, r ORDER BY r.key DESC LIMIT $recent
  RETURN m
}
// Partners from the ids the meeting keeps (country_ids), names once per partner.
UNWIND [x IN m.country_ids WHERE x <> c.id] AS pid
MATCH (m)-[:ABOUT]->(t:Topic)
WITH pid, left(m.date, 4) AS year, t.name AS topic, count(DISTINCT m) AS meetings
MATCH (partner:Country {id: pid})
RETURN partner.name AS partner, year, topic, meetings
ORDER BY partner, year, meetings DESC
LIMIT $limit
