package cn.computeloan.workspace.memo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The memo's CJK font is the subset scripts/make-memo-font.sh made from Debian's
 * fonts-droid-fallback: every file in resources/fonts listed in SHA256SUMS with its hash, none
 * unlisted, the Apache-2.0 licence beside it, and the characters a memo needs present.
 */
class MemoFontTest {

  private static final Path FONTS = Path.of("src/main/resources/fonts");

  @Test
  void shouldMatchTheListedChecksumsAndHoldNothingElse() throws Exception {
    List<String> lines = Files.readAllLines(FONTS.resolve("SHA256SUMS")).stream().filter(l -> !l.isBlank()).toList();
    List<String> listed = lines.stream().map(l -> l.substring(66).trim()).sorted().toList();
    for (String line : lines) {
      String file = line.substring(66).trim();
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
          Files.readAllBytes(FONTS.resolve(file))))).as(file).isEqualTo(line.substring(0, 64));
    }
    try (Stream<Path> files = Files.list(FONTS)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("SHA256SUMS")).sorted().toList())
          .containsExactlyElementsOf(listed);
    }
    assertThat(listed).contains("DroidSansFallback-GBK.ttf", "LICENSE-DroidSansFallback.txt");
  }

  @Test
  void shouldShipTheApacheLicenceAndSayWhereTheFontComesFrom() throws IOException {
    assertThat(Files.readString(FONTS.resolve("LICENSE-DroidSansFallback.txt"))).contains("Apache License")
        .contains("Version 2.0");
    assertThat(Files.readString(FONTS.resolve("COPYRIGHT-DroidSansFallback.debian.txt"))).contains("Google")
        .contains("Apache-2");
    assertThat(Files.readString(FONTS.resolve("README.txt"))).contains("fonts-droid-fallback")
        .contains("make-memo-font.sh");
    assertThat(Files.size(FONTS.resolve("DroidSansFallback-GBK.ttf"))).isLessThan(3_000_000);
  }

  @Test
  void shouldDrawChineseWithTheFontAndLatinWithHelvetica() {
    MemoFonts fonts = new MemoFonts();
    for (char c : "青海绿算数据科技有限公司授信审批报告，（）".toCharArray()) {
      assertThat(fonts.cjk(c)).as(String.valueOf(c)).isTrue();
    }
    for (char c : "Aa1 ×—·%".toCharArray()) {
      assertThat(fonts.latinOr(c)).as(String.valueOf(c)).isEqualTo(c);
    }
    assertThat((int) fonts.latinOr('青')).isZero();
    assertThat(MemoFonts.standIn('\u2212')).isEqualTo("-");
    assertThat(MemoFonts.standIn('\u2265')).isEqualTo(">=");
  }
}
