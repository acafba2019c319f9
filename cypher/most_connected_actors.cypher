// title: Most connected actors
// description: People and organisations ranked by the number of meetings they took part in and of distinct counterparts.
// param: limit int 20
MATCH (a)<-[:PARTICIPANT]-(m:Meeting)
WITH a, collect(DISTINCT m) AS meetings
OPTIONAL MATCH (a)<-[:PARTICIPANT]-(:Meeting)-[:PARTICIPANT]->(other) WHERE other <> a
WITH a, meetings, count(DISTINCT other) AS counterparts
RETURN a.name AS actor, [l IN labels(a) WHERE l <> 'Entity'][0] AS type, size(meetings) AS meetings,
       counterparts, a
ORDER BY meetings DESC, counterparts DESC, actor
LIMIT $limit
