package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;

/** Form login with a server-side session, CSRF, logout and timeout; basic auth still works for the API. */
class SignInTest extends WorkspaceTestBase {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

  @Autowired ServerProperties server;
  @Autowired org.springframework.context.ApplicationContext context;
  private HttpClient browser;

  @BeforeEach
  void newBrowser() {
    browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  private HttpResponse<String> send(String method, String path, String form, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
        .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return browser.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String token(Pattern p, String html) {
    Matcher m = p.matcher(html);
    assertThat(m.find()).as("CSRF token in the page").isTrue();
    return m.group(1);
  }

  private HttpResponse<String> logIn(String user, String password) {
    String csrf = token(CSRF, send("GET", "/login", null).body());
    return send("POST", "/login", "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
        + "&_csrf=" + csrf);
  }

  private static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  @Test
  void shouldSignInWithTheFormAndKeepTheSession() {
    // when
    HttpResponse<String> login = logIn("analyst", ApiClient.DEV_PASSWORD);

    // then: on to the inbox, which the session now opens
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(location(login)).endsWith("/tasks");
    HttpResponse<String> inbox = send("GET", "/tasks", null);
    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(inbox.body()).contains("我的任务").contains("analyst");
    assertThat(send("GET", "/api/tasks", null, "X-Requested-With", "fetch").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRefuseAWrongPasswordAndALoginWithoutCsrfToken() {
    assertThat(location(logIn("analyst", "wrong"))).endsWith("/login?error");
    assertThat(send("POST", "/login", "username=analyst&password=" + ApiClient.DEV_PASSWORD).statusCode())
        .isEqualTo(403);
    assertThat(send("GET", "/tasks", null).statusCode()).isEqualTo(302);
  }

  @Test
  void shouldSendAnonymousPeopleToTheLoginPage() {
    HttpResponse<String> r = send("GET", "/tasks", null);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(location(r)).endsWith("/login");
    assertThat(location(send("GET", "/tasks/123", null))).endsWith("/login");
    assertThat(send("GET", "/login", null).body()).contains("name=\"username\"").contains("name=\"password\"");
  }

  @Test
  void shouldRequireTheCsrfTokenForTheSessionsTaskCalls() {
    // given: signed in
    logIn("analyst", ApiClient.DEV_PASSWORD);
    String csrf = token(CSRF_META, send("GET", "/tasks", null).body());

    // then: a POST riding on the session needs the page's token
    assertThat(send("POST", "/api/tasks/1/claim", null, "X-Requested-With", "fetch").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/tasks/1/claim", null, "X-Requested-With", "fetch", "X-CSRF-TOKEN", csrf)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void shouldLogOutAndEndTheSession() {
    // given
    logIn("analyst", ApiClient.DEV_PASSWORD);
    String csrf = token(CSRF_META, send("GET", "/tasks", null).body());

    // when
    HttpResponse<String> logout = send("POST", "/logout", "_csrf=" + csrf, "Accept", "text/html");

    // then
    assertThat(location(logout)).endsWith("/login?logout");
    assertThat(send("GET", "/tasks", null).statusCode()).isEqualTo(302);
    assertThat(send("GET", "/api/tasks", null, "X-Requested-With", "fetch").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldEndIdleSessionsAfterThirtyMinutes() {
    assertThat(server.getServlet().getSession().getTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(server.getServlet().getSession().getCookie().getHttpOnly()).isTrue();
  }

  @Test
  void shouldKeepBasicAuthForApiClients() {
    assertThat(api.send("analyst", "GET", "/api/applications", null).status()).isEqualTo(200);
    assertThat(api.send("analyst", "GET", "/api/tasks", null).status()).isEqualTo(200);
    assertThat(api.send(null, "GET", "/api/applications", null).status()).isEqualTo(401);
  }

  @Test
  void shouldOfferNoSingleSignOnWithoutTheOidcProfile() {
    assertThat(context.getBeanProvider(org.springframework.security.oauth2.client.registration.ClientRegistrationRepository.class)
        .getIfAvailable()).isNull();
    assertThat(send("GET", "/login", null).body()).doesNotContain("login-oidc");
    assertThat(location(send("GET", "/oauth2/authorization/bank", null))).endsWith("/login");
  }
}
