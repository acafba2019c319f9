// title: Topics by partner country over time
// description: For meetings involving the country (by name, any known name, or ISO3 code), how often each topic came up with each partner country, per year.
// param: country string Vietnam
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
MATCH (c)<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(partner:Country)
WHERE partner <> c
MATCH (m)-[:ABOUT]->(t:Topic)
RETURN partner.name AS partner, left(coalesce(m.date, ''), 4) AS year, t.name AS topic, count(DISTINCT m) AS meetings
ORDER BY partner, year, meetings DESC
LIMIT $limit
