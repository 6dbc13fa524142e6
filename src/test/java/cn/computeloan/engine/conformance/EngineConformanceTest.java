package cn.computeloan.engine.conformance;

import io.camunda.process.test.api.CamundaProcessTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Camunda Process Test in remote mode against the embedded engine: the engine starts first, then
 * CPT connects to it, injects a {@code CamundaClient} and a {@code CamundaProcessTestContext}, and
 * purges the engine and resets its clock after each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EmbeddedEngineExtension.class)
@CamundaProcessTest
public @interface EngineConformanceTest {}
