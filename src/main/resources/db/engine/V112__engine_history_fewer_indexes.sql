-- The history archive with fewer secondary indexes (docs/engine-durability.md, "History archive";
-- docs/benchmarks.md, "Archive and H2 cost"). Each archived document (~25 per instance of a
-- 10-task process) was inserted into 13 secondary indexes; on H2 that index maintenance and the
-- pages it dirties, serialised again at every commit, were most of the archive's CPU cost.
--
-- Kept: the primary key (entity, id: gets by key, an entity's own key in a filter), the root
-- (retention, an instance's tree), and the keys the v2 searches filter on when they look at one
-- instance's history: process instance, element instance, variable, scope (with name), plus the
-- name (a variable by name, and the process-instance "variables" filter's sub-query).
--
-- Dropped: columns whose values are shared by most archived rows of an entity (definition key and
-- id, element id, state, assignee, start and end dates): a condition on them alone reads most of
-- the entity either way, and a search that names one of the kept keys as well uses that key's
-- index. The columns stay: conditions on them still narrow the rows read in SQL.
DROP INDEX engine_history_document_pd;
DROP INDEX engine_history_document_bpmn;
DROP INDEX engine_history_document_element;
DROP INDEX engine_history_document_assignee;
DROP INDEX engine_history_document_state;
DROP INDEX engine_history_document_start;
DROP INDEX engine_history_document_end;
