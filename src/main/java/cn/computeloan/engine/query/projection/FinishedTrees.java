package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.archive.ArchiveColumns;
import cn.computeloan.engine.query.archive.ArchivedQueries;
import cn.computeloan.engine.query.archive.HistoryArchive;
import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.SearchableEntity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Copies of finished process-instance trees, as the {@link HistoryArchive} stores them. */
public final class FinishedTrees {

  private FinishedTrees() {}

  /**
   * Copies every document of the finished trees with these roots (roots no longer in memory or not
   * finished are left out). The caller holds the read model's lock.
   */
  public static List<HistoryArchive.Tree> copy(Collection<Long> roots, ProcessInstanceProjection processInstances,
      Function<SearchableEntity, DocumentIndex> index) {
    Map<Long, Long> rootOf = new HashMap<>();
    Map<Long, List<HistoryArchive.Row>> rows = new LinkedHashMap<>();
    Map<Long, String> endDates = new HashMap<>();
    for (long root : roots) {
      Document instance = processInstances.instances.find(root).orElse(null);
      if (instance == null || instance.get("endDate") == null) {
        continue; // purged or dropped by retention meanwhile
      }
      endDates.put(root, (String) instance.get("endDate"));
      rows.put(root, new ArrayList<>());
      for (long key : processInstances.tree(root)) {
        rootOf.put(key, root);
        List<Map<String, Object>> flows = processInstances.sequenceFlowsInMemory(key);
        if (flows != null) {
          Document document = Document.restored(Long.toString(key), new LinkedHashMap<>(), null);
          document.put("processInstanceKey", Long.toString(key)).put("flows", List.copyOf(flows));
          rows.get(root).add(new HistoryArchive.Row(ArchiveColumns.SEQUENCE_FLOWS, document.id(), document));
        }
      }
    }
    for (SearchableEntity entity : SearchableEntity.values()) {
      if (!ArchivedQueries.isArchived(entity)) {
        continue;
      }
      for (Document document : index.apply(entity).all()) {
        long processInstanceKey = document.longField("processInstanceKey");
        Long root = rootOf.get(processInstanceKey);
        if (root != null) {
          rows.get(root).add(new HistoryArchive.Row(entity.name(), document.id(),
              Document.restored(document.id(), document.toJson(), new LinkedHashMap<>(document.internals()))));
        }
      }
    }
    List<HistoryArchive.Tree> trees = new ArrayList<>();
    rows.forEach((root, treeRows) -> trees.add(new HistoryArchive.Tree(root, endDates.get(root), treeRows)));
    return trees;
  }
}
