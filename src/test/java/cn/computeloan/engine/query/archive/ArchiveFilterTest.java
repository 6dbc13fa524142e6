package cn.computeloan.engine.query.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQL half of an archive search: pushes down only conditions whose SQL meaning is exactly the
 * Java filter's, never one that could drop a match.
 */
class ArchiveFilterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ArchiveFilter processInstances(String filter) throws JsonProcessingException {
    return new ArchiveFilter(SearchableEntity.PROCESS_INSTANCE.name())
        .filter(SearchableEntity.PROCESS_INSTANCE, new DocumentIndex(), JSON.readTree(filter));
  }

  @Test
  void shouldPushDownKeysDatesAndPlainTextOfIndexedColumns() throws JsonProcessingException {
    ArchiveFilter filter = processInstances("""
        {"processInstanceKey": "2251799813685249", "parentProcessInstanceKey": {"$in": ["7", "8"]},
         "startDate": {"$gte": "2026-12-01T00:00:00Z"}, "endDate": {"$exists": true}}""");

    assertThat(filter.where()).isEqualTo("entity = ? AND id = ? AND process_instance_key = ? AND scope_key IN (?,?)"
        + " AND start_date >= ? AND end_date IS NOT NULL");
    assertThat(filter.parameters()).hasSize(6)
        .startsWith("PROCESS_INSTANCE", "2251799813685249", 2251799813685249L, 7L, 8L);
  }

  @Test
  void shouldLeaveToJavaWhatSqlWouldDecideDifferently() throws JsonProcessingException {
    // not-equal, like, a key that is no number, text that Java compares as a number, a date that is
    // none, and a field without a column: nothing pushed down
    ArchiveFilter filter = processInstances("""
        {"parentProcessInstanceKey": {"$neq": "7"}, "processDefinitionId": {"$like": "loan*"},
         "processInstanceKey": "not-a-key", "state": "12", "startDate": "yesterday", "tenantId": "<default>"}""");

    assertThat(filter.where()).isEqualTo("entity = ?");
    assertThat(filter.parameters()).containsExactly("PROCESS_INSTANCE");
  }

  @Test
  void shouldNotPushDownAnInListLongerThanTheBound() throws JsonProcessingException {
    StringBuilder keys = new StringBuilder("[");
    for (int i = 0; i <= ArchiveFilter.MAX_PUSHED_VALUES; i++) {
      keys.append(i == 0 ? "" : ",").append('"').append(i + 1).append('"');
    }
    ArchiveFilter filter = processInstances("{\"parentProcessInstanceKey\": {\"$in\": " + keys + "]}}");

    assertThat(filter.where()).isEqualTo("entity = ?");
  }

  @Test
  void shouldPushDownPlainTextEquality() throws JsonProcessingException {
    ArchiveFilter filter = processInstances("{\"state\": \"ACTIVE\", \"processDefinitionId\": {\"$in\": [\"loan\"]}}");

    assertThat(filter.where()).isEqualTo("entity = ? AND state = ? AND process_definition_id IN (?)");
    assertThat(filter.parameters()).containsExactly("PROCESS_INSTANCE", "ACTIVE", "loan");
  }

  @Test
  void shouldMatchNothingForAnEmptyInList() {
    ArchiveFilter filter = new ArchiveFilter("JOB").in("process_instance_key", List.of());

    assertThat(filter.where()).isEqualTo("entity = ? AND 1 = 0");
  }

  @Test
  void shouldJoinVariablesComparingOnlyPlainTextValues() throws JsonProcessingException {
    ArchiveFilter text = new ArchiveFilter("PROCESS_INSTANCE").hasVariable("tier", JSON.readTree("\"A\""));
    ArchiveFilter number = new ArchiveFilter("PROCESS_INSTANCE").hasVariable("amount", JSON.readTree("\"5000000\""));

    assertThat(text.where()).endsWith("v.name = ? AND (v.short_value = ? OR v.short_value IS NULL))");
    assertThat(text.parameters()).containsExactly("PROCESS_INSTANCE", "tier", "A");
    // "5000000" equals 5000000.0 in the Java filter: SQL text equality would drop that match
    assertThat(number.where()).endsWith("v.name = ?)");
    assertThat(number.parameters()).containsExactly("PROCESS_INSTANCE", "amount");
  }
}
