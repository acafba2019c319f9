// title: Topics by partner country over time
// description: For meetings involving the country, how often each topic came up with each partner country, per year.
// param: country string Vietnam
MATCH (c:Country) WHERE toLower(c.name) = toLower($country) OR toLower($country) IN c.keys OR c.iso3 = toUpper($country)
MATCH (c)<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(partner:Country)
WHERE partner <> c
MATCH (m)-[:ABOUT]->(t:Topic)
RETURN partner.name AS partner, left(coalesce(m.date, ''), 4) AS year, t.name AS topic, count(DISTINCT m) AS meetings
ORDER BY partner, year, meetings DESC
