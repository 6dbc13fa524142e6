package cn.computeloan;

import io.camunda.client.annotation.Deployment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Compute Loan: credit approval for compute loans (算力贷), orchestrated by Camunda 8. The models in
 * {@code bpmn/} and the forms in {@code forms/} are deployed at start-up; an unchanged file does not
 * become a new version.
 */
@SpringBootApplication
@Deployment(resources = {"classpath*:bpmn/**/*.bpmn", "classpath*:bpmn/**/*.dmn", "classpath*:forms/**/*.form"})
public class ComputeLoanApplication {

  public static void main(String[] args) {
    SpringApplication.run(ComputeLoanApplication.class, args);
  }
}
