// title: First and last contact per partner
// description: For each partner country of the country (by name, any known name, or ISO3 code), the first and last dated meeting and how many meetings in between (meetings of more than 12 countries are multilateral and not counted as contacts).
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
// One CountryPair per partner (loaders/write.py, Q_PAIRS): its first and last dated
// meeting are the two ends of its in_pair_key index range, its meetings its degree.
MATCH (c)<-[:PAIR_OF]-(pair:CountryPair)-[:PAIR_OF]->(partner:Country)
WHERE partner <> c
CALL (pair) {
  OPTIONAL MATCH ()-[r:IN_PAIR]->() WHERE r.key > pair.id + '|0' AND r.key < pair.id + '|~'
  WITH r ORDER BY r.key LIMIT 1
  RETURN split(r.key, '|')[2] AS first_contact
}
CALL (pair) {
  OPTIONAL MATCH ()-[r:IN_PAIR]->() WHERE r.key > pair.id + '|0' AND r.key < pair.id + '|~'
  WITH r ORDER BY r.key DESC LIMIT 1
  RETURN split(r.key, '|')[2] AS last_contact
}
WITH partner, first_contact, last_contact, COUNT { (pair)<-[:IN_PAIR]-() } AS meetings
WHERE last_contact IS NOT NULL
RETURN partner.name AS partner, first_contact, last_contact, meetings
ORDER BY last_contact DESC
LIMIT $limit
