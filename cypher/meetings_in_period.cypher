// title: Meetings in a period
// description: Meetings dated between two dates (YYYY, YYYY-MM or YYYY-MM-DD), both included: a partial end date covers its whole year or month (end 2024 includes 2024-12-31).
// param: start date 2000
// param: end date 2100
// param: limit int 100
// '\uffff' sorts after every date character, so '2024-05' <= '2024' + '\uffff'; the range is on the Meeting.date index.
MATCH (m:Meeting)
WHERE m.date >= $start AND m.date <= $end + '\uffff'
WITH m ORDER BY m.date LIMIT $limit
OPTIONAL MATCH (m)-[i:INVOLVES]->(c:Country)
OPTIONAL MATCH (m)-[p:PARTICIPANT]->(x)
RETURN m.date AS date, m.kind AS kind, m.place AS place, collect(DISTINCT c.name) AS countries,
       collect(DISTINCT x.name) AS participants, m, collect(DISTINCT i) AS involves, collect(DISTINCT c) AS country_nodes
ORDER BY date
