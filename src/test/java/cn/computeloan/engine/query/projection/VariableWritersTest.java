package cn.computeloan.engine.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.engine.record.JobValue;
import cn.computeloan.engine.record.ProcessInstanceValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.RecordType;
import cn.computeloan.engine.record.RecordValue;
import cn.computeloan.engine.record.ValueType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which element instance wrote a variable, read from the order of one command's records. */
class VariableWritersTest {

  private static final long PROCESS_INSTANCE = 100;
  private final VariableWriters writers = new VariableWriters();
  private long position;

  private Record record(long key, String intent, RecordValue value) {
    return new Record(++position, key, 0, RecordType.EVENT,
        value instanceof JobValue ? ValueType.JOB : ValueType.PROCESS_INSTANCE, intent, value);
  }

  private Record element(long key, String type, String intent) {
    return record(key, intent, new ProcessInstanceValue("p", 1, 1, PROCESS_INSTANCE, "e" + key, null,
        PROCESS_INSTANCE, type, "NONE", -1, -1, "<default>"));
  }

  private Record jobCompleted(long elementInstanceKey) {
    return record(900, "COMPLETED", new JobValue("work", "w", 3, -1, 0, 0, null, null, Map.of(), Map.of(),
        "BPMN_ELEMENT", "UNSPECIFIED", "task", elementInstanceKey, "p", 1, 1, PROCESS_INSTANCE, "<default>"));
  }

  @Test
  void shouldNameTheScopeOutsideAnyElementStep() {
    writers.startBatch();

    assertThat(writers.writer(PROCESS_INSTANCE)).isEqualTo(PROCESS_INSTANCE);
  }

  @Test
  void shouldNameTheProcessInstanceForItsCreationVariables() {
    writers.startBatch();
    writers.observe(element(PROCESS_INSTANCE, "PROCESS", "ELEMENT_ACTIVATING"));

    assertThat(writers.writer(7)).isEqualTo(PROCESS_INSTANCE);
  }

  @Test
  void shouldNameTheElementWhoseInputOrOutputMappingsRun() {
    writers.startBatch();
    writers.observe(element(5, "SERVICE_TASK", "ELEMENT_ACTIVATING"));
    assertThat(writers.writer(PROCESS_INSTANCE)).isEqualTo(5);

    writers.observe(element(5, "SERVICE_TASK", "ELEMENT_ACTIVATED"));
    assertThat(writers.writer(PROCESS_INSTANCE)).isEqualTo(PROCESS_INSTANCE);

    writers.observe(element(6, "SERVICE_TASK", "ELEMENT_COMPLETING"));
    assertThat(writers.writer(PROCESS_INSTANCE)).isEqualTo(6);
    writers.observe(element(6, "SERVICE_TASK", "ELEMENT_COMPLETED"));
    assertThat(writers.writer(PROCESS_INSTANCE)).isEqualTo(PROCESS_INSTANCE);
  }

  @Test
  void shouldNotLetTakenFlowsOrOtherElementsEndTheStep() {
    writers.startBatch();
    writers.observe(element(5, "SERVICE_TASK", "ELEMENT_COMPLETING"));
    writers.observe(element(8, "SEQUENCE_FLOW", "SEQUENCE_FLOW_TAKEN"));
    writers.observe(element(9, "END_EVENT", "ELEMENT_COMPLETED"));

    assertThat(writers.writer(PROCESS_INSTANCE)).isEqualTo(5);
  }

  @Test
  void shouldNameTheJobsElementForTheVariablesOfACompletedJob() {
    writers.startBatch();
    writers.observe(jobCompleted(42));

    assertThat(writers.writer(PROCESS_INSTANCE)).isEqualTo(42);

    // and a new command starts afresh
    writers.startBatch();
    assertThat(writers.writer(PROCESS_INSTANCE)).isEqualTo(PROCESS_INSTANCE);
  }
}
