// title: Documents mentioning an entity
// description: Articles that mention the entity (any of its names, diacritics optional), with the sentence and the words as written.
// param: name string Cho Ji-ho
// param: limit int 100
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($name, '\\', '\\\\'), '"', '\\"') + '"')
YIELD node AS e
WHERE toLower(e.name) = toLower($name) OR toLower($name) IN e.keys
MATCH (e)-[r:MENTIONED_IN]->(s:Sentence)-[:PART_OF]->(d:Document)
RETURN d.name AS document, d.language AS language, d.published AS published, r.text AS as_written,
       s.text AS sentence, d.url AS url
ORDER BY published, document, s.index
LIMIT $limit
