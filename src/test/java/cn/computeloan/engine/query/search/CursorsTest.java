package cn.computeloan.engine.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Page cursors: opaque, URL-safe, round-trip the sort tuple, and refuse what is not theirs. */
class CursorsTest {

  @Test
  void shouldRoundTripTheSortValuesAndTheId() {
    List<Object> tuple = Arrays.asList("2026-12-06T10:00:00Z", null, 42, "2251799813685409");

    String cursor = Cursors.encode(tuple);

    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(Cursors.decode(cursor, 4)).isEqualTo(tuple);
  }

  @Test
  void shouldRefuseACursorOfAnotherSortOrder() {
    String cursor = Cursors.encode(List.of("a", "1"));

    assertThatThrownBy(() -> Cursors.decode(cursor, 3))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("sort order");
  }

  @Test
  void shouldRefuseACursorThatIsNotOne() {
    assertThatThrownBy(() -> Cursors.decode("not a cursor!", 2))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("Invalid page cursor");
    assertThatThrownBy(() -> Cursors.decode("e30", 1)) // base64 of {}: JSON, but not a tuple
        .isInstanceOf(InvalidQueryException.class);
  }
}
