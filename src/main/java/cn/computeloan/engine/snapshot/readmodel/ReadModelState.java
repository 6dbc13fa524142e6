package cn.computeloan.engine.snapshot.readmodel;

import cn.computeloan.engine.record.ResourceValue;
import cn.computeloan.engine.record.Typed;
import java.util.List;
import java.util.Map;

/**
 * The read model's in-memory state as plain data, for engine snapshots: every document of every
 * index (by index name, in index order) and the projections' lookup tables.
 */
public record ReadModelState(
    Map<String, List<DocumentState>> indexes,
    List<DefinitionState> definitions,
    Map<Long, String> startFormIds,
    List<FlowsState> sequenceFlows,
    Map<Long, List<Long>> calledInstances,
    Map<Long, Integer> activeIncidents,
    Map<String, Long> variableKeys) {

  /** One document: its id, public fields and internal fields. */
  public record DocumentState(String id, @Typed Object fields, @Typed Object internal) {}

  /** A deployed definition's resource and its kind (the record's value type). */
  public record DefinitionState(long key, String kind, ResourceValue resource) {}

  /** The sequence flows taken in one process instance, in order. */
  public record FlowsState(long processInstanceKey, @Typed Object flows) {}
}
