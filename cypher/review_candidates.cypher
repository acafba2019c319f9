// title: Review candidates for duplicate entities
// description: Pairs of entities the resolver thinks may be the same, by status (pending, accepted, rejected; empty = all), highest score first.
// param: status string pending
// param: limit int 100
CALL () {
  // a status's best candidates: a prefix seek on the rank key, read in index order (score descending, then id)
  WITH * WHERE $status <> ''
  MATCH (rc:ReviewCandidate) WHERE rc.rank STARTS WITH $status + '|'
  RETURN rc ORDER BY rc.rank LIMIT $limit
  UNION
  WITH * WHERE $status = ''
  MATCH (rc:ReviewCandidate) WHERE rc.score IS NOT NULL
  WITH rc ORDER BY rc.score DESC LIMIT $limit
  RETURN rc
}
WITH rc ORDER BY rc.score DESC LIMIT $limit
OPTIONAL MATCH (rc)-[c:CANDIDATE]->(e:Entity)
RETURN rc.a_name AS a, rc.b_name AS b, rc.score AS score, rc.reason AS reason, rc.status AS status,
       collect(e) AS entities, collect(c) AS links, rc
ORDER BY score DESC
