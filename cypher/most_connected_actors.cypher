// title: Most connected actors
// description: People and organisations ranked by the number of meetings they took part in and of distinct counterparts, over the most recent dated meetings (recent).
// param: limit int 20
// param: recent int 10000
MATCH (m:Meeting) WHERE m.date IS NOT NULL
WITH m ORDER BY m.date DESC LIMIT $recent
WITH collect(m) AS window
UNWIND window AS m
MATCH (a)<-[:PARTICIPANT]-(m)
WITH window, a, collect(DISTINCT m) AS meetings
OPTIONAL MATCH (a)<-[:PARTICIPANT]-(m2:Meeting)-[:PARTICIPANT]->(other) WHERE other <> a AND m2 IN meetings
WITH a, meetings, count(DISTINCT other) AS counterparts
RETURN a.name AS actor, [l IN labels(a) WHERE l <> 'Entity'][0] AS type, size(meetings) AS meetings,
       counterparts, a
ORDER BY meetings DESC, counterparts DESC, actor
LIMIT $limit
