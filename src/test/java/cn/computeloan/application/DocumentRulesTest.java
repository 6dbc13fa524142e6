package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The content-type allowlist and the file-name rules of uploads, and their configuration. */
class DocumentRulesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DocumentRules.class)
  static class Rules {}

  @Test
  void shouldTakeTheAllowlistFromConfiguration() {
    new ApplicationContextRunner().withUserConfiguration(Rules.class)
        .withPropertyValues("compute-loan.documents.allowed-content-types=application/zip, Application/PDF")
        .run(context -> {
          // given
          DocumentRules rules = context.getBean(DocumentRules.class);
          // when / then
          assertThat(rules.allowedContentTypes()).containsExactly("application/zip", "application/pdf");
          assertThat(rules.contentType("application/zip")).contains("application/zip");
          assertThat(rules.contentType("image/png")).isEmpty();
        });
  }

  @Test
  void shouldUseTheDefaultAllowlistWithoutConfiguration() {
    new ApplicationContextRunner().withUserConfiguration(Rules.class).run(context ->
        assertThat(context.getBean(DocumentRules.class).allowedContentTypes())
            .isEqualTo(DocumentRules.DEFAULT_CONTENT_TYPES).contains("application/ofd").doesNotContain("application/zip"));
  }

  @Test
  void shouldRefuseAnAllowlistEntryThatIsNotOneContentType() {
    assertThatThrownBy(() -> new DocumentRules(List.of("application/pdf", "image/*")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image/*");
    assertThatThrownBy(() -> new DocumentRules(List.of("pdf"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseContentTypesWithAnUnknownCharsetOrNone() {
    DocumentRules rules = new DocumentRules(null);
    assertThat(rules.contentType("text/plain; charset=no-such-charset")).isEmpty();
    assertThat(rules.contentType(null)).isEmpty();
    assertThat(rules.contentType("")).isEmpty();
    assertThat(rules.contentType("text/csv;charset=gbk")).contains("text/csv;charset=GBK");
  }
}
