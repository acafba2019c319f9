// title: Agencies and people of a country
// description: Organisations located in the country (by name, any known name, or ISO3 code) and the people affiliated with them or with the country, with their titles.
// param: country string South Korea
// param: limit int 100
// The country: a full-text phrase query finds candidates (index), exact name or folded-name matches are kept.
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($country, '\\', '\\\\'), '"', '\\"') + '"')
  YIELD node AS c
  WHERE c:Country AND (toLower(c.name) = toLower($country) OR toLower($country) IN c.keys)
  RETURN c
  UNION
  MATCH (c:Country {iso3: toUpper($country)})
  RETURN c
}
CALL (c) {
  MATCH (o:Organization)-[ic:IN_COUNTRY]->(c)
  RETURN o AS b, ic
  UNION ALL
  RETURN c AS b, null AS ic
}
OPTIONAL MATCH (p:Person)-[a:AFFILIATED_WITH]->(b)
WITH b, ic, c, p, collect(a) AS a
RETURN b.name AS body, p.name AS person, [x IN a | x.title] AS titles, b, ic, c, p, a
ORDER BY body, person
LIMIT $limit
