package cn.computeloan.workspace.memo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;
import org.springframework.stereotype.Component;

/**
 * The memo PDF's fonts: Chinese in Droid Sans Fallback (Apache-2.0, shipped in
 * {@code resources/fonts/} as a GBK subset and embedded again as a subset of the characters used),
 * Latin text in the standard Helvetica (which that font has no glyphs for). Which font draws a
 * character is decided once here, so every document only parses the font file.
 */
@Component
public class MemoFonts {

  static final String FONT = "/fonts/DroidSansFallback-GBK.ttf";

  /** Read on the first memo PDF, not at start-up: most instances never print one. */
  private volatile Loaded loaded;

  private record Loaded(byte[] cjk, BitSet cjkChars, BitSet latinChars) {
  }

  private Loaded loaded() {
    Loaded l = loaded;
    if (l == null) {
      synchronized (this) {
        if (loaded == null) {
          loaded = load();
        }
        l = loaded;
      }
    }
    return l;
  }

  private static Loaded load() {
    BitSet cjkChars = new BitSet(0x10000);
    BitSet latinChars = new BitSet(0x10000);
    byte[] cjk;
    try (InputStream in = MemoFonts.class.getResourceAsStream(FONT)) {
      if (in == null) {
        throw new IllegalStateException("font " + FONT + " missing from the application");
      }
      cjk = in.readAllBytes();
      try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(cjk))) {
        var cmap = ttf.getUnicodeCmapLookup();
        for (int c = 0; c < 0x10000; c++) {
          if (cmap.getGlyphId(c) > 0) {
            cjkChars.set(c);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int code = 32; code < 256; code++) {
      String name = WinAnsiEncoding.INSTANCE.getName(code);
      String unicode = name == null || ".notdef".equals(name) ? null : GlyphList.getAdobeGlyphList().toUnicode(name);
      if (unicode != null && unicode.length() == 1) {
        latinChars.set(unicode.charAt(0));
      }
    }
    return new Loaded(cjk, cjkChars, latinChars);
  }

  /** The fonts of one document (the CJK one embedded there as a subset). */
  Set load(PDDocument document) {
    try {
      return new Set(PDType0Font.load(document, new ByteArrayInputStream(loaded().cjk()), true),
          new PDType1Font(Standard14Fonts.FontName.HELVETICA), new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Helvetica for what it can encode, the CJK font for what it has, else a close or a visible stand-in. */
  char latinOr(char c) {
    return loaded().latinChars().get(c) ? c : 0;
  }

  boolean cjk(char c) {
    return loaded().cjkChars().get(c);
  }

  /** What Helvetica draws for a character neither font has: the nearest ASCII, else "?". */
  static String standIn(char c) {
    return switch (c) {
      case '\u2212', '\u2010', '\u2011', '\u2012' -> "-";
      case '\u2265' -> ">=";
      case '\u2264' -> "<=";
      case '\u00a0', '\u3000', '\t', '\n', '\r' -> " ";
      default -> "?";
    };
  }

  /** One document's fonts. */
  record Set(PDFont cjk, PDFont latin, PDFont latinBold) {
  }
}
