package cn.computeloan.workspace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A fresh headless Chromium for each test against the workspace (skipped without one, except under CI). */
abstract class BrowserTestBase extends WorkspaceTestBase {

  protected Browser browser;

  @BeforeAll
  static void chromium() {
    Browser.requireChromium();
  }

  @BeforeEach
  void openBrowser() {
    browser = Browser.open(port());
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }
}
