// title: Facts supported by a single source
// description: Meetings and affiliations reported by only one document: the claims to verify first.
// param: limit int 200
CALL () {
  MATCH (m:Meeting)-[:SOURCE]->(d:Document)
  WITH m, collect(DISTINCT d) AS docs
  WHERE size(docs) = 1
  RETURN 'meeting' AS fact, coalesce(m.title, m.kind) AS detail, m.date AS date, docs[0].name AS document, docs[0].url AS url
  UNION ALL
  MATCH (p:Person)-[r:AFFILIATED_WITH]->(t)
  WITH p, t, collect(DISTINCT r.doc) AS docs, collect(r.title)[0] AS title
  WHERE size(docs) = 1
  OPTIONAL MATCH (d:Document {id: docs[0]})
  RETURN 'affiliation' AS fact, p.name + ' — ' + coalesce(title, '') + ' — ' + t.name AS detail, d.published AS date,
         d.name AS document, d.url AS url
}
RETURN fact, detail, date, document, url
ORDER BY fact, date
LIMIT $limit
