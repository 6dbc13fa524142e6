package cn.computeloan.application.api;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What Tomcat refuses itself, before any servlet sees the request (a path with an encoded NUL, slash
 * or backslash, bytes that are no UTF-8), is answered as application/problem+json too, instead of
 * Tomcat's HTML error page: its error report valve is replaced by {@link ProblemReportValve}.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof Host host) {
        for (Valve valve : host.getPipeline().getValves()) {
          if (valve.getClass() == ErrorReportValve.class) {
            host.getPipeline().removeValve(valve); // Spring Boot's, configured to hide the server's details
          }
        }
        host.getPipeline().addValve(new ProblemReportValve());
        if (host instanceof StandardHost standard) {
          standard.setErrorReportValveClass(ProblemReportValve.class.getName());
        }
      }
    });
  }

  /** After Spring Boot's own customizer, which adds the valve this one takes away. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Writes Tomcat's error answers as problems: the status and its reason phrase, nothing of the request. */
  public static class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      String reason = known == null ? "Error" : known.getReasonPhrase();
      ProblemDetail problem;
      if (status >= 500) {
        problem = UnexpectedErrors.logged(failure, request.getMethod(), request.getDecodedRequestURI());
        problem.setStatus(status);
      } else {
        problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status == 0 ? 400 : status), reason);
        problem.setTitle(reason);
      }
      try {
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(json(problem));
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the client is gone or the response committed: nothing more to say
      }
    }

    private static String json(ProblemDetail p) {
      StringBuilder b = new StringBuilder("{\"type\":\"").append(p.getType()).append("\",\"title\":\"")
          .append(p.getTitle()).append("\",\"status\":").append(p.getStatus()).append(",\"detail\":\"")
          .append(p.getDetail()).append('"');
      if (p.getProperties() != null && p.getProperties().get("correlationId") != null) {
        b.append(",\"correlationId\":\"").append(p.getProperties().get("correlationId")).append('"');
      }
      return b.append('}').toString();
    }
  }
}
