package cn.computeloan.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

class IntrospectorCacheBypassTest {

  private final Filter cacheFilter = new HandlerMappingIntrospector().createCacheFilter();
  private final IntrospectorCacheBypass bypass = new IntrospectorCacheBypass(SecurityConfiguration.ENGINE_API);

  @Test
  void engineApiRequestsSkipTheIntrospectorLookup() throws Exception {
    Filter wrapped = (Filter) bypass.postProcessAfterInitialization(cacheFilter, "cacheFilter");
    WatchedRequest request = new WatchedRequest("POST", "/v2/jobs/activation");
    AtomicInteger passed = new AtomicInteger();

    wrapped.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.incrementAndGet());

    assertThat(passed).hasValue(1);
    assertThat(request.introspectorReads).isEmpty();
  }

  @Test
  void otherRequestsStillGoThroughTheIntrospectorCache() throws Exception {
    Filter wrapped = (Filter) bypass.postProcessAfterInitialization(cacheFilter, "cacheFilter");
    WatchedRequest request = new WatchedRequest("GET", "/api/applications");
    AtomicInteger passed = new AtomicInteger();

    wrapped.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.incrementAndGet());

    assertThat(passed).hasValue(1);
    assertThat(request.introspectorReads).isNotEmpty();
  }

  @Test
  void otherFiltersAreLeftAlone() {
    Filter other = (request, response, chain) -> chain.doFilter(request, response);

    assertThat(bypass.postProcessAfterInitialization(other, "other")).isSameAs(other);
  }

  /** Records which of the introspector's request attributes were looked at (its cache lives there). */
  private static final class WatchedRequest extends MockHttpServletRequest {
    final List<String> introspectorReads = new ArrayList<>();

    WatchedRequest(String method, String uri) {
      super(method, uri);
    }

    @Override
    public Object getAttribute(String name) {
      if (name.startsWith(HandlerMappingIntrospector.class.getName())) {
        introspectorReads.add(name);
      }
      return super.getAttribute(name);
    }
  }
}
