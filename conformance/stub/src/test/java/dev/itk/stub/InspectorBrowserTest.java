package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The inspector in a real browser (docs/stub.md#the-inspector): Debian's Chromium, driven by its
 * chromedriver through Selenium, both named explicitly so that nothing is downloaded. Requests
 * appear without a reload, a refused one opens (by keyboard) to its named cause and the marked
 * difference, hostile header text stays text, and the paste box diagnoses a curl line.
 *
 * <p>Without the browser or the driver the test fails when {@code CI=true} (.ci/run installs both)
 * and is skipped, saying why, elsewhere. Screenshots of both views go to {@code
 * target/inspector-screenshots}, or to the folder named by {@code -Ditk.inspector.screenshots}
 * (docs/images refreshes the documentation's).
 */
class InspectorBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder().configure(b -> b.key(KEY).clock(CLOCK)).build();

  private static WebDriver driver;
  private static Path profile;

  @BeforeAll
  static void startBrowser() throws IOException {
    requireBrowser();
    profile = Files.createTempDirectory("itk-inspector-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
  }

  private static void requireBrowser() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add(CHROMIUM + " (apt-get install chromium)");
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      missing.add(CHROMEDRIVER + " (apt-get install chromium-driver)");
    }
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "the inspector's browser test needs "
            + String.join(" and ", missing)
            + "; .ci/run installs them";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true: a missing browser fails the build, it never skips it)");
    }
    Assumptions.abort(message);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void openThePage() {
    driver.get("http://127.0.0.1:" + stub.stub().port() + "/__itk/ui");
    until(d -> d.findElement(By.id("stub-info")).getText().startsWith("Stub at"));
  }

  @Test
  void requestsAppearWithoutReload_andARefusedOneShowsItsCause() throws IOException {
    ((JavascriptExecutor) driver).executeScript("window.itkNotReloaded = true;");
    assertThat(new StubClient(stub.stub()).send("GET", "/api/v1/issues/false/1").status())
        .isEqualTo(200);
    assertThat(InspectorRequests.sendPathNotLowercased(stub.stub(), KEY).status()).isEqualTo(401);

    until(d -> d.findElements(By.cssSelector("#requests li")).size() == 2);
    assertThat(stub.stub().requests()).as("the page asked the stub's API for nothing").hasSize(2);
    assertThat(((JavascriptExecutor) driver).executeScript("return window.itkNotReloaded"))
        .as("the list updated without a reload")
        .isEqualTo(true);
    List<WebElement> rows = driver.findElements(By.cssSelector("#requests li button"));
    assertThat(rows.get(0).getAttribute("data-verdict")).isEqualTo("bad-signature");
    assertThat(rows.get(0).getText()).contains("/api/v1/Notes/1").contains("401");
    assertThat(rows.get(1).getAttribute("data-verdict")).isEqualTo("valid");
    assertThat(rows.get(1).getText()).contains("200");

    // By keyboard: from the older (valid) request up to the refused one, and open it.
    rows.get(1).sendKeys(Keys.ARROW_UP);
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    until(d -> !d.findElements(By.cssSelector("#detail .cause-id")).isEmpty());

    assertThat(driver.findElement(By.id("detail-verdict")).getText()).isEqualTo("bad-signature");
    assertThat(driver.findElement(By.cssSelector("#detail .cause-id")).getText())
        .isEqualTo("path-not-lowercased");
    assertThat(driver.findElement(By.cssSelector("#detail .fix")).getText())
        .contains("lowercase the path");
    assertThat(driver.findElement(By.cssSelector("#client-message mark.differs")).getText())
        .isEqualTo("N");
    assertThat(driver.findElement(By.id("detail")).getText())
        .as("hostile header text is shown as text")
        .contains(InspectorRequests.HOSTILE_VALUE);
    assertThat(driver.findElements(By.cssSelector("#detail img, #detail b"))).isEmpty();
    assertThat(driver.getTitle()).isEqualTo("itk stub inspector");
    screenshot("inspector-request.png");
  }

  @Test
  void thePasteBoxDiagnosesACurlLine() throws IOException {
    driver.findElement(By.id("tab-paste")).click();
    WebElement text = driver.findElement(By.id("paste-text"));
    until(d -> text.isDisplayed());
    assertThat(driver.findElement(By.id("requests")).isDisplayed())
        .as("one view at a time")
        .isFalse();
    text.sendKeys(InspectorRequests.curlPathNotLowercased(stub.stub(), KEY));
    driver.findElement(By.id("paste-submit")).click();
    until(d -> !d.findElements(By.cssSelector("#paste-result .cause-id")).isEmpty());

    assertThat(driver.findElement(By.cssSelector("#paste-result .cause-id")).getText())
        .isEqualTo("path-not-lowercased");
    assertThat(driver.findElement(By.id("paste-result")).getText())
        .contains(KEY.fingerprint())
        .contains("lowercase the path");
    screenshot("inspector-paste.png");
  }

  private static void until(java.util.function.Function<WebDriver, Boolean> condition) {
    try {
      new WebDriverWait(driver, WAIT).until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      fail(
          "the page did not get there within "
              + WAIT
              + "; it shows:\n"
              + driver.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  private static void screenshot(String name) throws IOException {
    Path dir =
        Path.of(System.getProperty("itk.inspector.screenshots", "target/inspector-screenshots"));
    Files.createDirectories(dir);
    byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name), png);
  }
}
