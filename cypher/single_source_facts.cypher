// title: Facts supported by a single source
// description: Meetings and affiliations reported by only one document: the claims to verify first. Looks at the most recent dated meetings and the most recent published documents (recent of each).
// param: limit int 200
// param: recent int 500
CALL () {
  MATCH (m:Meeting) WHERE m.date IS NOT NULL
  WITH m ORDER BY m.date DESC LIMIT $recent
  WITH m WHERE COUNT { (m)-[:SOURCE]->() } = 1
  MATCH (m)-[:SOURCE]->(d:Document)
  RETURN 'meeting' AS fact, coalesce(m.title, m.kind) AS detail, m.date AS date, d.name AS document, d.url AS url
  UNION ALL
  MATCH (d:Document) WHERE d.published IS NOT NULL
  WITH d ORDER BY d.published DESC LIMIT $recent
  MATCH (p:Person)-[r:AFFILIATED_WITH {doc: d.id}]->(t)
  WITH d, p, t, collect(r.title)[0] AS title
  WHERE NOT EXISTS { (p)-[other:AFFILIATED_WITH]->(t) WHERE other.doc <> d.id }
  RETURN 'affiliation' AS fact, p.name + ' — ' + coalesce(title, '') + ' — ' + t.name AS detail, d.published AS date,
         d.name AS document, d.url AS url
}
RETURN fact, detail, date, document, url
ORDER BY fact, date
LIMIT $limit
