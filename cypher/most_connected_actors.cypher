// title: Most connected actors
// description: People and organisations ranked by the number of meetings they took part in and of distinct counterparts, over the most recent dated meetings (recent).
// param: limit int 20
// param: recent int 2000
MATCH (m:Meeting) WHERE m.date IS NOT NULL
WITH m ORDER BY m.date DESC LIMIT $recent
MATCH (a)<-[:PARTICIPANT]-(m)
WITH a, collect(DISTINCT m) AS meetings
CALL (a, meetings) {
  UNWIND meetings AS m
  OPTIONAL MATCH (m)-[:PARTICIPANT]->(other) WHERE other <> a
  RETURN count(DISTINCT other) AS counterparts
}
RETURN a.name AS actor, [l IN labels(a) WHERE l <> 'Entity'][0] AS type, size(meetings) AS meetings,
       counterparts, a
ORDER BY meetings DESC, counterparts DESC, actor
LIMIT $limit
