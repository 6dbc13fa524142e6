package cn.computeloan.workspace;

import java.util.function.IntSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh headless Chromium for each test against the workspace on {@code port} (skipped without
 * one, except under CI). Registered as a field, so that any workspace test base can have one.
 */
final class BrowserSession implements BeforeEachCallback, AfterEachCallback {

  private final IntSupplier port;
  private Browser browser;

  BrowserSession(IntSupplier port) {
    this.port = port;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Browser.requireChromium();
    browser = Browser.open(port.getAsInt());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  /** The test's browser (open from before the test's own set-up until after it). */
  Browser browser() {
    return browser;
  }
}
