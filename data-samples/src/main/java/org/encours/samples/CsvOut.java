package org.encours.samples;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * A fast writer of one CSV file in the canonical layout: UTF-8, comma-delimited, LF line ends, ISO
 * dates, amounts with exactly two decimals and a dot, {@code true}/{@code false}, an empty field
 * for null, and RFC 4180 quoting only when a value contains a comma, a double quote or a line
 * break. Fields are encoded straight into a byte buffer (no {@code String.format}, no per-field
 * strings).
 */
final class CsvOut implements Closeable {
  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private boolean firstField = true;

  CsvOut(OutputStream out) {
    this.out = out;
  }

  /** Writes the header line. */
  CsvOut header(String... columns) throws IOException {
    for (String c : columns) {
      text(c);
    }
    return endRow();
  }

  /** A text value, quoted only when needed; null is an empty field. */
  CsvOut text(String value) throws IOException {
    separator();
    if (value == null) {
      return this;
    }
    int n = value.length();
    boolean plainAscii = true;
    for (int i = 0; i < n && plainAscii; i++) {
      char c = value.charAt(i);
      plainAscii = c < 128 && c != ',' && c != '"' && c != '\n' && c != '\r';
    }
    if (plainAscii) {
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[pos++] = (byte) value.charAt(i);
      }
      return this;
    }
    String field = needsQuotes(value) ? '"' + value.replace("\"", "\"\"") + '"' : value;
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
    return this;
  }

  static boolean needsQuotes(String value) {
    return value.indexOf(',') >= 0
        || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0;
  }

  /** An id: the prefix then the number left-padded with zeros to {@code digits}. */
  CsvOut id(byte[] prefix, long number, int digits) throws IOException {
    separator();
    ensure(prefix.length + 20);
    System.arraycopy(prefix, 0, buf, pos, prefix.length);
    pos += prefix.length;
    int len = digitCount(number);
    for (int i = len; i < digits; i++) {
      buf[pos++] = '0';
    }
    writeDigits(number, len);
    return this;
  }

  /** An ISO date {@code yyyy-MM-dd} (years 1000 to 9999); null is an empty field. */
  CsvOut date(LocalDate date) throws IOException {
    separator();
    if (date == null) {
      return this;
    }
    ensure(10);
    int y = date.getYear();
    int m = date.getMonthValue();
    int d = date.getDayOfMonth();
    buf[pos++] = (byte) ('0' + y / 1000);
    buf[pos++] = (byte) ('0' + y / 100 % 10);
    buf[pos++] = (byte) ('0' + y / 10 % 10);
    buf[pos++] = (byte) ('0' + y % 10);
    buf[pos++] = '-';
    buf[pos++] = (byte) ('0' + m / 10);
    buf[pos++] = (byte) ('0' + m % 10);
    buf[pos++] = '-';
    buf[pos++] = (byte) ('0' + d / 10);
    buf[pos++] = (byte) ('0' + d % 10);
    return this;
  }

  /** An amount given in cents, written with exactly two decimals: -8000 is {@code -80.00}. */
  CsvOut amount(long cents) throws IOException {
    separator();
    ensure(24);
    if (cents < 0) {
      buf[pos++] = '-';
      cents = -cents;
    }
    long units = cents / 100;
    int fraction = (int) (cents % 100);
    writeDigits(units, digitCount(units));
    buf[pos++] = '.';
    buf[pos++] = (byte) ('0' + fraction / 10);
    buf[pos++] = (byte) ('0' + fraction % 10);
    return this;
  }

  /** A nullable amount in cents. */
  CsvOut amount(Long cents) throws IOException {
    if (cents == null) {
      separator();
      return this;
    }
    return amount(cents.longValue());
  }

  CsvOut number(long value) throws IOException {
    separator();
    ensure(21);
    if (value < 0) {
      buf[pos++] = '-';
      value = -value;
    }
    writeDigits(value, digitCount(value));
    return this;
  }

  CsvOut bool(boolean value) throws IOException {
    return text(value ? "true" : "false");
  }

  CsvOut endRow() throws IOException {
    ensure(1);
    buf[pos++] = '\n';
    firstField = true;
    return this;
  }

  private void separator() throws IOException {
    if (firstField) {
      firstField = false;
    } else {
      ensure(1);
      buf[pos++] = ',';
    }
  }

  private void writeDigits(long value, int len) {
    int end = pos + len;
    for (int i = end - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    pos = end;
  }

  private static int digitCount(long value) {
    int n = 1;
    while (value >= 10) {
      value /= 10;
      n++;
    }
    return n;
  }

  private void ensure(int bytes) throws IOException {
    if (pos + bytes > buf.length) {
      flushBuffer();
      if (bytes > buf.length) {
        throw new IOException("CSV field of " + bytes + " bytes is too long");
      }
    }
  }

  private void flushBuffer() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }

  @Override
  public void close() throws IOException {
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }
}
