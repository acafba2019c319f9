// title: Agencies and people of a country
// description: Organisations located in the country and the people affiliated with them or with the country, with their titles.
// param: country string South Korea
MATCH (c:Country) WHERE toLower(c.name) = toLower($country) OR toLower($country) IN c.keys OR c.iso3 = toUpper($country)
OPTIONAL MATCH (o:Organization)-[ic:IN_COUNTRY]->(c)
OPTIONAL MATCH (p:Person)-[a:AFFILIATED_WITH]->(t) WHERE t = o OR t = c
RETURN coalesce(o.name, c.name) AS body, p.name AS person, collect(DISTINCT a.title) AS titles, o, ic, c, p, a
ORDER BY body, person
