// title: Co-attendance: who met whom
// description: Pairs of people or organisations that took part in the same meetings, with how many meetings and when; counted over the most recent dated meetings (recent), newest first by the Meeting.date index.
// param: min_meetings int 1
// param: recent int 2000
// param: limit int 100
MATCH (m:Meeting) WHERE m.date IS NOT NULL
WITH m ORDER BY m.date DESC LIMIT $recent
MATCH (a)<-[:PARTICIPANT]-(m)-[:PARTICIPANT]->(b)
WHERE elementId(a) < elementId(b)
WITH a, b, collect(m) AS meetings
WHERE size(meetings) >= $min_meetings
RETURN a.name AS actor_a, b.name AS actor_b, size(meetings) AS meetings_together,
       [m IN meetings | m.date] AS dates, a, b
ORDER BY meetings_together DESC, actor_a, actor_b
LIMIT $limit
