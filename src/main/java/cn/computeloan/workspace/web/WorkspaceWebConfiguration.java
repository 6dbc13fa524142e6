package cn.computeloan.workspace.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Chinese by default, English on request: {@code ?lang=en} (or {@code zh}) switches and a cookie
 * keeps the choice; the browser's own language does not decide.
 */
@Configuration(proxyBeanMethods = false)
public class WorkspaceWebConfiguration implements WebMvcConfigurer {

  static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("workspace-lang");
    resolver.setDefaultLocale(CHINESE);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).addPathPatterns("/login", "/tasks", "/tasks/**", "/applications", "/applications/**",
        "/processes", "/processes/**");
  }
}
