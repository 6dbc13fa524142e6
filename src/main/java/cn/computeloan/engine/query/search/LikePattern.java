package cn.computeloan.engine.query.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Camunda's {@code $like}: {@code *} any run of characters, {@code ?} exactly one, a backslash
 * makes the next character literal ({@code \*}, {@code \?}, {@code \\}); a trailing lone backslash
 * is ignored. Characters are Unicode code points, as in the regular expression this replaces.
 *
 * <p>No backtracking: the pattern is split at its stars into segments; the first must match at the
 * start, the last at the end, and each one in between is placed at its leftmost occurrence after the
 * previous one (leftmost placement never loses a match). Each occurrence is found with a bit-parallel
 * shift-and scan, so a match costs O(n · ⌈s/64⌉) for a text of n code points and segments of at most
 * s, whatever the pattern: the review's {@code *a*a…*b} against 150 {@code a}s is microseconds, not
 * the regular expression's exponential backtracking.
 */
final class LikePattern {

  /** A {@code ?} in a segment. */
  private static final int ANY = -1;

  private final int[][] segments;
  private final Segment[] searchers;

  private LikePattern(int[][] segments) {
    this.segments = segments;
    this.searchers = new Segment[segments.length];
    for (int i = 1; i < segments.length - 1; i++) {
      searchers[i] = new Segment(segments[i]);
    }
  }

  static LikePattern compile(String pattern) {
    List<int[]> segments = new ArrayList<>();
    int[] current = new int[pattern.length()];
    int length = 0;
    boolean escaped = false;
    for (int i = 0; i < pattern.length(); ) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      if (escaped) {
        current[length++] = c;
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '*') {
        segments.add(Arrays.copyOf(current, length));
        length = 0;
      } else {
        current[length++] = c == '?' ? ANY : c;
      }
    }
    segments.add(Arrays.copyOf(current, length));
    return new LikePattern(segments.toArray(new int[0][]));
  }

  boolean matches(String text) {
    int[] t = text.codePoints().toArray();
    int[] first = segments[0];
    if (segments.length == 1) {
      return t.length == first.length && matchesAt(t, 0, first);
    }
    int[] last = segments[segments.length - 1];
    int end = t.length - last.length;
    if (end < first.length || !matchesAt(t, 0, first) || !matchesAt(t, end, last)) {
      return false;
    }
    int from = first.length;
    for (int i = 1; i < segments.length - 1; i++) {
      if (segments[i].length == 0) {
        continue;
      }
      int at = searchers[i].find(t, from, end);
      if (at < 0) {
        return false;
      }
      from = at + segments[i].length;
    }
    return true;
  }

  private static boolean matchesAt(int[] text, int at, int[] segment) {
    for (int i = 0; i < segment.length; i++) {
      if (segment[i] != ANY && segment[i] != text[at + i]) {
        return false;
      }
    }
    return true;
  }

  /** Finds a segment in a text with the shift-and algorithm, one bit per segment position. */
  private static final class Segment {
    private final int length;
    private final int words;
    private final long[] anyMask;
    private final long[][] asciiMasks = new long[128][];
    private final Map<Integer, long[]> otherMasks = new HashMap<>();

    Segment(int[] segment) {
      this.length = segment.length;
      this.words = (length + 63) / 64;
      this.anyMask = new long[words];
      for (int j = 0; j < length; j++) {
        if (segment[j] == ANY) {
          set(anyMask, j);
        }
      }
      for (int j = 0; j < length; j++) {
        int c = segment[j];
        if (c != ANY) {
          set(maskFor(c, true), j);
        }
      }
    }

    private long[] maskFor(int c, boolean create) {
      long[] mask = c < 128 ? asciiMasks[c] : otherMasks.get(c);
      if (mask == null && create) {
        mask = anyMask.clone();
        if (c < 128) {
          asciiMasks[c] = mask;
        } else {
          otherMasks.put(c, mask);
        }
      }
      return mask == null ? anyMask : mask;
    }

    private static void set(long[] bits, int j) {
      bits[j >>> 6] |= 1L << (j & 63);
    }

    /** The leftmost start in [from, end) of an occurrence that ends before {@code end}, or -1. */
    int find(int[] text, int from, int end) {
      long[] state = new long[words];
      int lastWord = (length - 1) >>> 6;
      long lastBit = 1L << ((length - 1) & 63);
      for (int i = from; i < end; i++) {
        long[] mask = maskFor(text[i], false);
        long carry = 1L;
        for (int w = 0; w < words; w++) {
          long next = state[w] >>> 63;
          state[w] = ((state[w] << 1) | carry) & mask[w];
          carry = next;
        }
        if ((state[lastWord] & lastBit) != 0) {
          return i - length + 1;
        }
      }
      return -1;
    }
  }
}
