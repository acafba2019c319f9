// title: Agreements by status
// description: Agreements with their status (signed, proposed, implemented; empty = all), the meetings that concern them and the countries involved.
// param: status string
MATCH (a:Agreement)
WHERE $status = '' OR toLower(coalesce(a.status, '')) = toLower($status)
OPTIONAL MATCH (a)<-[:CONCERNS]-(m:Meeting)
OPTIONAL MATCH (m)-[:INVOLVES]->(c:Country)
RETURN a.name AS agreement, a.status AS status, collect(DISTINCT m.date) AS meeting_dates,
       collect(DISTINCT c.name) AS countries, a
ORDER BY status, agreement
