package org.encours.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Whether the bytes of one line of a source file are text in the source's declared encoding.
 * Spark's readers replace bytes they cannot decode with U+FFFD; the line-by-line check here finds
 * them first, so that their record is quarantined with a reason instead of loaded with a changed
 * value.
 */
final class SourceEncoding {
  /** The hint every reason about undecodable bytes ends with. */
  static final String HINT =
      "declare the file's encoding in the mapping (options.encoding, e.g. ISO-8859-1)";

  private SourceEncoding() {}

  /**
   * Whether lines can be checked one by one in this encoding: line breaks, delimiters and quotes
   * are the single ASCII bytes (UTF-8, ISO-8859-x, windows-125x; not UTF-16 or UTF-32).
   */
  static boolean lineBased(Charset charset) {
    return charset.canEncode()
        && Arrays.equals(
            "\n,;\"a0".getBytes(charset), "\n,;\"a0".getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * What is wrong with the first undecodable bytes of a line, e.g. {@code invalid UTF-8 byte 0xE9};
   * null when the whole line decodes. For an encoding that is {@link #lineBased} (a line of ASCII
   * bytes is taken as decodable without decoding it).
   *
   * @param line the line's bytes, without its line break, from index 0
   * @param length how many bytes of {@code line} are the line
   */
  static String problem(byte[] line, int length, Charset charset) {
    if (asciiOnly(line, length)) {
      return null;
    }
    CharsetDecoder decoder = strictDecoder(charset);
    ByteBuffer in = ByteBuffer.wrap(line, 0, length);
    CharBuffer out = CharBuffer.allocate(Math.max(16, length * 2));
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isOverflow()) {
        out.clear();
        continue;
      }
      if (result.isUnderflow()) {
        result = decoder.flush(out);
        if (!result.isError()) {
          return null;
        }
      }
      return describe(line, in.position(), result.length(), charset);
    }
  }

  /**
   * The line as text, each byte that does not decode written as {@code \xE9}: what quarantine keeps
   * of a line Spark could only have read with replaced bytes.
   */
  static String rawText(byte[] line, int length, Charset charset) {
    CharsetDecoder decoder = strictDecoder(charset);
    ByteBuffer in = ByteBuffer.wrap(line, 0, length);
    CharBuffer out = CharBuffer.allocate(Math.max(16, length * 2));
    StringBuilder text = new StringBuilder(length + 16);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isUnderflow()) {
        result = decoder.flush(out);
      }
      out.flip();
      text.append(out);
      out.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length() && in.hasRemaining(); i++) {
          text.append(String.format(Locale.ROOT, "\\x%02X", line[in.position()] & 0xFF));
          in.position(in.position() + 1);
        }
        decoder.reset();
      } else if (!result.isOverflow()) {
        return text.toString();
      }
    }
  }

  private static boolean asciiOnly(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      if (line[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static CharsetDecoder strictDecoder(Charset charset) {
    return charset
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static String describe(byte[] line, int at, int count, Charset charset) {
    StringBuilder bytes = new StringBuilder();
    for (int i = at; i < at + Math.max(1, count) && i < line.length; i++) {
      bytes
          .append(bytes.length() == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "0x%02X", line[i] & 0xFF));
    }
    return "invalid " + charset.name() + (count > 1 ? " bytes " : " byte ") + bytes;
  }
}
