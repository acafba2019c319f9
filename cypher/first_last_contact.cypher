// title: First and last contact per partner
// description: For each partner country of the country, the first and last dated meeting and how many meetings in between.
// param: country string Vietnam
MATCH (c:Country) WHERE toLower(c.name) = toLower($country) OR toLower($country) IN c.keys OR c.iso3 = toUpper($country)
MATCH (c)<-[:INVOLVES]-(m:Meeting)-[:INVOLVES]->(partner:Country)
WHERE partner <> c AND m.date IS NOT NULL
RETURN partner.name AS partner, min(m.date) AS first_contact, max(m.date) AS last_contact,
       count(DISTINCT m) AS meetings
ORDER BY last_contact DESC
