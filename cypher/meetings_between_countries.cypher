// title: Meetings between two countries
// description: Every meeting that involves both countries (by name, any known name, or ISO3 code), oldest first, with participants and the reporting documents.
// param: a string Vietnam
// param: b string South Korea
MATCH (ca:Country) WHERE toLower(ca.name) = toLower($a) OR toLower($a) IN ca.keys OR ca.iso3 = toUpper($a)
MATCH (cb:Country) WHERE (toLower(cb.name) = toLower($b) OR toLower($b) IN cb.keys OR cb.iso3 = toUpper($b)) AND cb <> ca
MATCH (ca)<-[ia:INVOLVES]-(m:Meeting)-[ib:INVOLVES]->(cb)
OPTIONAL MATCH (m)-[p:PARTICIPANT]->(x)
WITH ca, cb, ia, ib, m, collect(x.name + ' (' + coalesce(p.role, 'participant') + ')') AS participants
OPTIONAL MATCH (m)-[:SOURCE]->(d:Document)
RETURN m.date AS date, m.kind AS kind, m.place AS place, participants,
       m.topics AS topics, collect(DISTINCT d.name) AS documents, m, ca, cb, ia, ib
ORDER BY date
