// title: Agreements by status
// description: Agreements with their status (signed, proposed, implemented; empty = all, the first agreements by name), the meetings that concern them and the countries involved.
// param: status string
// param: limit int 100
CALL () {
  WITH * WHERE $status <> ''
  MATCH (a:Agreement) WHERE a.status = toLower($status)
  RETURN a
  UNION
  WITH * WHERE $status = ''
  MATCH (a:Agreement) WHERE a.name IS NOT NULL
  WITH a ORDER BY a.name LIMIT $limit
  RETURN a
}
WITH a ORDER BY a.status, a.name LIMIT $limit
OPTIONAL MATCH (a)<-[:CONCERNS]-(m:Meeting)
OPTIONAL MATCH (m)-[:INVOLVES]->(c:Country)
RETURN a.name AS agreement, a.status AS status, collect(DISTINCT m.date) AS meeting_dates,
       collect(DISTINCT c.name) AS countries, a
ORDER BY status, agreement
