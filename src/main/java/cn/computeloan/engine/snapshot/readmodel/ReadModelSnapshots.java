package cn.computeloan.engine.snapshot.readmodel;

import cn.computeloan.engine.snapshot.readmodel.ReadModelState.DefinitionState;
import cn.computeloan.engine.snapshot.readmodel.ReadModelState.DocumentState;
import cn.computeloan.engine.snapshot.readmodel.ReadModelState.FlowsState;
import cn.computeloan.engine.query.projection.DefinitionProjection;
import cn.computeloan.engine.query.projection.ProcessInstanceProjection;
import cn.computeloan.engine.query.projection.VariableProjection;
import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.record.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Export and import of the read model's state (the query side's {@code ReadModel} is the snapshot
 * participant that calls these). Documents are
 * copied field map by field map; the values in them are never changed in place, so they are shared.
 */
public final class ReadModelSnapshots {

  private ReadModelSnapshots() {}

  public static ReadModelState export(Map<String, DocumentIndex> indexes, DefinitionProjection definitions,
      ProcessInstanceProjection instances, VariableProjection variables) {
    Map<String, List<DocumentState>> documents = new LinkedHashMap<>();
    indexes.forEach((name, index) -> {
      List<DocumentState> list = new ArrayList<>(index.all().size());
      index.all().forEach(d -> list.add(new DocumentState(d.id(), d.toJson(), d.internalCopy())));
      documents.put(name, list);
    });
    List<DefinitionState> resources = new ArrayList<>();
    definitions.resources.forEach((key, value) ->
        resources.add(new DefinitionState(key, definitions.kinds.get(key).name(), value)));
    List<FlowsState> flows = new ArrayList<>();
    instances.sequenceFlows.forEach((key, list) -> flows.add(new FlowsState(key, new ArrayList<>(list))));
    Map<Long, List<Long>> called = new LinkedHashMap<>();
    instances.children.forEach((key, set) -> called.put(key, new ArrayList<>(set)));
    return new ReadModelState(documents, resources, new LinkedHashMap<>(definitions.startFormIds), flows, called,
        new LinkedHashMap<>(instances.activeIncidents), new LinkedHashMap<>(variables.keysByScopeAndName));
  }

  /** Fills empty projections from {@code state}, emptying its document lists as it goes. */
  @SuppressWarnings("unchecked")
  public static void restore(ReadModelState state, Map<String, DocumentIndex> indexes, DefinitionProjection definitions,
      ProcessInstanceProjection instances, VariableProjection variables) {
    state.indexes().forEach((name, list) -> {
      DocumentIndex index = indexes.get(name);
      if (index == null) {
        throw new IllegalArgumentException("the read model has no index " + name);
      }
      for (int i = 0; i < list.size(); i++) {
        DocumentState d = list.get(i);
        list.set(i, null); // let the copy go as soon as it is imported: the model and its copy never both in full
        Document document = index.upsert(d.id());
        ((Map<String, Object>) d.fields()).forEach(document::put);
        ((Map<String, Object>) d.internal()).forEach(document::putInternal);
      }
    });
    for (DefinitionState d : state.definitions()) {
      definitions.resources.put(d.key(), d.resource());
      definitions.kinds.put(d.key(), ValueType.valueOf(d.kind()));
    }
    definitions.startFormIds.putAll(state.startFormIds());
    for (FlowsState f : state.sequenceFlows()) {
      instances.sequenceFlows.put(f.processInstanceKey(), (List<Map<String, Object>>) f.flows());
    }
    state.calledInstances().forEach((key, list) -> instances.children.put(key, new LinkedHashSet<>(list)));
    instances.activeIncidents.putAll(state.activeIncidents());
    variables.restoreKeys(state.variableKeys());
  }
}
