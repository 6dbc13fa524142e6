package cn.computeloan.engine.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedValuesTest {

  record Holder(@Typed Object value) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Object roundTrip(Object value) throws Exception {
    return JSON.readValue(JSON.writeValueAsString(new Holder(value)), Holder.class).value();
  }

  @Test
  void shouldKeepTheJavaTypeOfEveryNumber() throws Exception {
    List<Object> numbers = Arrays.asList(5, 5L, Long.MAX_VALUE, 2.5, 3.0, new BigDecimal("1.50"),
        new BigInteger("123456789012345678901234567890"), 1.5f, (short) 7, (byte) 1, Double.NaN, null);

    Object restored = roundTrip(numbers);

    assertThat(restored).isEqualTo(numbers);
    assertThat(((List<?>) restored).stream().map(v -> v == null ? null : v.getClass()).toList())
        .isEqualTo(numbers.stream().map(v -> v == null ? null : v.getClass()).toList());
  }

  @Test
  void shouldKeepMapsInOrderAndNeverMistakeAUserKeyForATag() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("z", "last first");
    value.put("$L", "a user's key that looks like a tag");
    value.put("nested", new LinkedHashMap<>(Map.of("$M", List.of(1L, true))));
    value.put("empty", new LinkedHashMap<>());
    value.put("list", new ArrayList<>(List.of("x", 2)));

    Object restored = roundTrip(value);

    assertThat(restored).isEqualTo(value).isInstanceOf(LinkedHashMap.class);
    assertThat(new ArrayList<Object>(((Map<?, ?>) restored).keySet())).containsExactly("z", "$L", "nested", "empty", "list");
  }

  @Test
  void shouldReadNullAsNull() throws Exception {
    assertThat(roundTrip(null)).isNull();
  }
}
