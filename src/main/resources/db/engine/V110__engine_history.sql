-- The embedded engine's history archive: finished process-instance trees moved out of the read
-- model's memory (docs/engine-durability.md, "History archive"). Written only after the journal
-- commit of the command that finished the tree; everything in it can be derived again from the
-- journal, so an archived tree is skipped when replay finishes it again.

-- One row per archived root process instance (with everything it called).
CREATE TABLE engine_history_tree (
    root_process_instance_key BIGINT      NOT NULL PRIMARY KEY,
    end_date                  VARCHAR(32) NOT NULL,
    archived_at               BIGINT      NOT NULL
);
CREATE INDEX engine_history_tree_end ON engine_history_tree (end_date);

-- One row per search document (process instance, element instance, variable, variable change,
-- incident, job, user task, message subscription, correlated message, decision instance, the
-- sequence flows of an instance): the fields searches filter on most as columns, the whole
-- document as JSON. Column meaning per entity: engine.query.ArchiveColumns.
CREATE TABLE engine_history_document (
    entity                    VARCHAR(40)  NOT NULL,
    id                        VARCHAR(64)  NOT NULL,
    root_process_instance_key BIGINT       NOT NULL,
    process_instance_key      BIGINT,
    process_definition_key    BIGINT,
    process_definition_id     VARCHAR(255),
    element_instance_key      BIGINT,
    scope_key                 BIGINT,
    variable_key              BIGINT,
    element_id                VARCHAR(255),
    name                      VARCHAR(255),
    assignee                  VARCHAR(255),
    state                     VARCHAR(32),
    start_date                VARCHAR(32),
    end_date                  VARCHAR(32),
    short_value               VARCHAR(512),
    document                  TEXT         NOT NULL,
    PRIMARY KEY (entity, id)
);
CREATE INDEX engine_history_document_root ON engine_history_document (root_process_instance_key);
CREATE INDEX engine_history_document_pi ON engine_history_document (entity, process_instance_key);
CREATE INDEX engine_history_document_pd ON engine_history_document (entity, process_definition_key);
CREATE INDEX engine_history_document_bpmn ON engine_history_document (entity, process_definition_id);
CREATE INDEX engine_history_document_ei ON engine_history_document (entity, element_instance_key);
CREATE INDEX engine_history_document_scope ON engine_history_document (entity, scope_key, name);
CREATE INDEX engine_history_document_var ON engine_history_document (entity, variable_key);
CREATE INDEX engine_history_document_element ON engine_history_document (entity, element_id);
CREATE INDEX engine_history_document_name ON engine_history_document (entity, name);
CREATE INDEX engine_history_document_assignee ON engine_history_document (entity, assignee);
CREATE INDEX engine_history_document_state ON engine_history_document (entity, state);
CREATE INDEX engine_history_document_start ON engine_history_document (entity, start_date);
CREATE INDEX engine_history_document_end ON engine_history_document (entity, end_date);
