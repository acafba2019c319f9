// title: Meetings by place
// description: Where meetings were held (the Place node when resolved, else the place as written), with counts and dates; filter by a place name (empty = all); counted over the most recent dated meetings (recent).
// param: place string
// param: recent int 2000
// param: limit int 100
MATCH (m:Meeting) WHERE m.date IS NOT NULL
WITH m ORDER BY m.date DESC LIMIT $recent
OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
WITH m, coalesce(pl.name, m.place, '(unknown)') AS place
WHERE $place = '' OR toLower(place) CONTAINS toLower($place)
RETURN place, count(m) AS meetings, min(m.date) AS first, max(m.date) AS last, collect(m.kind)[..10] AS kinds
ORDER BY meetings DESC, place
LIMIT $limit
