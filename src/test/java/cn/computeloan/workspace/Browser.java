package cn.computeloan.workspace;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven by
 * Selenium; never a downloaded browser (Selenium Manager stays offline). Without them the browser
 * tests are skipped with a message saying how to install them, except under {@code CI=true}, where
 * they must run. Screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
  static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final WebDriver driver;
  private final String base;
  private final Path profile;

  private Browser(WebDriver driver, String base, Path profile) {
    this.driver = driver;
    this.base = base;
    this.profile = profile;
  }

  /** Skips (or under CI fails) when Chromium or its driver is missing. */
  static void requireChromium() {
    boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
    String message = "Browser tests need Debian's Chromium and its driver (" + CHROMIUM + ", " + DRIVER
        + "): apt-get install -y --no-install-recommends chromium chromium-driver fonts-noto-cjk";
    if (!present && "true".equals(System.getenv("CI"))) {
      Assertions.fail(message + " (CI=true: the browser tests must run)");
    }
    Assumptions.assumeTrue(present, message);
  }

  static Browser open(int port) {
    requireChromium();
    System.setProperty("SE_OFFLINE", "true");
    try {
      Path profile = Files.createTempDirectory("workspace-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--window-size=1440,1000", "--lang=zh-CN", "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
      return new Browser(new ChromeDriver(service, options), "http://localhost:" + port, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebDriver driver() {
    return driver;
  }

  Browser go(String path) {
    driver.get(base + path);
    return this;
  }

  WebElement find(By by) {
    return until(d -> d.findElement(by));
  }

  /**
   * Clicks what loads another page (a form's submit button, a link) and waits until the page it was
   * on is gone, so that what is found next is on the new page and not a leftover of the old one.
   */
  void clickToLoad(By by) {
    WebElement page = driver.findElement(By.tagName("html"));
    find(by).click();
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.stalenessOf(page));
  }

  String text(By by) {
    return find(by).getText();
  }

  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
  }

  void logIn(String user, String password) {
    go("/login");
    find(By.id("username")).sendKeys(user);
    find(By.id("password")).sendKeys(password);
    find(By.id("login-submit")).click();
    until(d -> d.getCurrentUrl().contains("/tasks"));
  }

  /** Waits until the task page's form is rendered and its buttons are wired. */
  void taskPageReady() {
    try {
      until(d -> "true".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.ready")));
    } catch (org.openqa.selenium.TimeoutException e) {
      Path shot = screenshotFullPage("not-ready-" + System.currentTimeMillis());
      Object shown = ((JavascriptExecutor) driver).executeScript(
          "var m = document.getElementById('task-message'); return m ? m.textContent : document.title");
      throw new AssertionError("task page not ready (" + driver.getCurrentUrl() + "): " + shown + "; see " + shot, e);
    }
  }

  /** What a person sees in the window (1440 × 1000). */
  Path screenshot(String name) {
    return save(name, ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE));
  }

  /** The whole page, as tall as it is (at most 6000 px). */
  Path screenshotFullPage(String name) {
    Object height = ((JavascriptExecutor) driver).executeScript(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440,
        Math.min(6000, Math.max(1000, ((Number) height).intValue() + 40))));
    try {
      return save(name, ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE));
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));
    }
  }

  /** Scrolls so that the element sits in the middle of the window. */
  void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }

  private static Path save(String name, File shot) {
    try {
      Files.createDirectories(SCREENSHOTS);
      return Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
