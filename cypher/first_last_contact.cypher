// title: First and last contact per partner
// description: For each partner country of the country (by name, any known name, or ISO3 code), the first and last dated meeting and how many meetings in between.
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
WHERE partner <> c AND m.date IS NOT NULL
RETURN partner.name AS partner, min(m.date) AS first_contact, max(m.date) AS last_contact,
       count(DISTINCT m) AS meetings
ORDER BY last_contact DESC
LIMIT $limit
