package cn.computeloan.engine.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Active when the embedded engine is on ({@code compute-loan.engine.embedded.enabled}, default
 * true); otherwise the application talks to an external Camunda and serves no {@code /v2} API.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(prefix = "compute-loan.engine.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnEmbeddedEngine {}
