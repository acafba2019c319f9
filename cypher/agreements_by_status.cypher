// title: Agreements by status
// description: Agreements with their status (signed, proposed, implemented; empty = all, the first agreements by name), how many meetings concern them, the dates of the latest (up to 20) and the countries involved in those.
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
// A common agreement ("memorandum of understanding") is concerned by thousands of meetings:
// count them from the degree, and show the latest 20 (concerns_key index: key = agreement|date).
CALL (a) {
  OPTIONAL MATCH (m)-[r:CONCERNS]->() WHERE r.key STARTS WITH a.id + '|'
  WITH m, r ORDER BY r.key DESC LIMIT 20
  OPTIONAL MATCH (m)-[:INVOLVES]->(c:Country)
  RETURN collect(DISTINCT m.date) AS meeting_dates, collect(DISTINCT c.name) AS countries
}
RETURN a.name AS agreement, a.status AS status, COUNT { (a)<-[:CONCERNS]-() } AS meetings,
       meeting_dates, countries, a
ORDER BY status, agreement
