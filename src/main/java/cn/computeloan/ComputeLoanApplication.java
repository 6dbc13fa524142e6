package cn.computeloan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Compute Loan: credit approval for compute loans (算力贷), orchestrated by Camunda 8. */
@SpringBootApplication
public class ComputeLoanApplication {

  public static void main(String[] args) {
    SpringApplication.run(ComputeLoanApplication.class, args);
  }
}
