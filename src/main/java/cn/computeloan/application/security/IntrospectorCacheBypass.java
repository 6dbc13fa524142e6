package cn.computeloan.application.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Spring Security puts Spring MVC's {@link HandlerMappingIntrospector#createCacheFilter() introspector
 * cache filter} in front of every security filter chain: for each request it looks up the handler
 * that will serve it (so that MVC-based request matchers and CORS can ask for it cheaply), and the
 * {@code DispatcherServlet} does the same lookup again later. The engine API chain matches paths
 * with {@code PathPatternRequestMatcher}s and uses no CORS, so nothing reads that cache for its
 * requests; this post-processor wraps the cache filter so that those requests skip the lookup.
 * Every other request goes through the cache filter unchanged.
 *
 * <p>The cache filter is recognised by its class (a lambda of {@code HandlerMappingIntrospector});
 * should a Spring version produce it differently, nothing is wrapped and requests cost what they
 * cost before, which the start-up log says.
 */
final class IntrospectorCacheBypass implements BeanPostProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(IntrospectorCacheBypass.class);
  private static final String CACHE_FILTER_CLASS_PREFIX = HandlerMappingIntrospector.class.getName() + "$$Lambda";

  private final RequestMatcher bypassed;

  IntrospectorCacheBypass(RequestMatcher bypassed) {
    this.bypassed = bypassed;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof Filter cacheFilter) || !bean.getClass().getName().startsWith(CACHE_FILTER_CLASS_PREFIX)) {
      return bean;
    }
    LOG.info("Requests matching {} skip the handler-mapping introspector's cache filter", bypassed);
    return wrap(cacheFilter);
  }

  Filter wrap(Filter cacheFilter) {
    return (request, response, chain) -> {
      if (request instanceof HttpServletRequest http && bypassed.matches(http)) {
        chain.doFilter(request, response);
      } else {
        cacheFilter.doFilter(request, response, chain);
      }
    };
  }
}
