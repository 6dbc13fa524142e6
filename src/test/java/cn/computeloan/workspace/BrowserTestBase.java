package cn.computeloan.workspace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fresh headless Chromium for each test against the workspace (skipped without one, except under CI). */
abstract class BrowserTestBase extends WorkspaceTestBase {

  @RegisterExtension final BrowserSession session = new BrowserSession(this::port);
  protected Browser browser;

  @BeforeEach
  void useBrowser() {
    browser = session.browser();
  }
}
