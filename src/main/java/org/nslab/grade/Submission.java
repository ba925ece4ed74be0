package org.nslab.grade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A submission file as the grader reads it, whatever a student put in it: its text, or why it
 * is refused (too large, unreadable), and a note for its report when it is not UTF-8. One
 * submission's bytes never stop the others from being graded.
 *
 * @param text the commands, UTF-8 decoded, each byte that is not UTF-8 read as U+FFFD
 * @param refused null, or why it is not graded, in words, for its report
 * @param note null, or what its report should say about how it was read
 */
public record Submission(String text, String refused, String note) {
  /** The most bytes a submission may have: a student types some dozens of commands. */
  static final int MAX_BYTES = 1 << 20;

  /** The most lines a submission may have. */
  static final int MAX_LINES = 10_000;

  public static Submission read(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // Read one byte past the bound, never the whole of what could be a 50 MB file (or a
      // FIFO, or /dev/zero) to find out it is too large.
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return refuse("no such file: " + file.getFileName());
    } catch (AccessDeniedException e) {
      return refuse("permission denied");
    } catch (IOException e) {
      return refuse(Files.isDirectory(file) ? "a directory, not a file"
          : "cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      long size = -1;
      try {
        size = Files.isRegularFile(file) ? Files.size(file) : -1;
      } catch (IOException e) {
        // Tolerated: the sentence below does without the exact size.
      }
      return refuse("the submission is " + (size > 0 ? "of " + number(size) + " bytes"
          : "larger than that") + ", and a submission may have at most 1 MB ("
          + number(MAX_BYTES) + " bytes) and " + number(MAX_LINES) + " lines: not read");
    }
    int lines = 0;
    for (byte b : bytes) {
      lines += b == '\n' ? 1 : 0;
    }
    lines += bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? 1 : 0;
    if (lines > MAX_LINES) {
      return refuse("the submission has " + number(lines) + " lines, and a submission may"
          + " have at most " + number(MAX_LINES) + " lines and 1 MB (" + number(MAX_BYTES)
          + " bytes): not read");
    }
    return decode(bytes);
  }

  /**
   * UTF-8 with every malformed sequence read as U+FFFD (as CharsetDecoder's REPLACE does),
   * counting them and finding the first, for the note; a leading byte order mark (Windows
   * editors write one) is not part of the first command.
   */
  static Submission decode(byte[] bytes) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    int bad = 0;
    int first = -1;
    while (true) {
      CoderResult r = dec.decode(in, out, true);
      if (r.isError()) {
        first = first < 0 ? in.position() : first;
        bad += r.length();
        out.put('\ufffd');
        in.position(in.position() + r.length());
      } else {
        break; // with endOfInput, underflow means every byte was read (and out has room)
      }
    }
    dec.flush(out);
    String text = out.flip().toString();
    if (text.startsWith("\ufeff")) {
      text = text.substring(1);
    }
    if (bad == 0) {
      return new Submission(text, null, null);
    }
    int line = 1;
    for (int i = 0; i < first; i++) {
      line += bytes[i] == '\n' ? 1 : 0;
    }
    String utf16 = bytes.length >= 2 && (bytes[0] == (byte) 0xff && bytes[1] == (byte) 0xfe
        || bytes[0] == (byte) 0xfe && bytes[1] == (byte) 0xff) ? " (it looks like UTF-16)" : "";
    return new Submission(text, null, "the submission is not UTF-8 text" + utf16 + ": "
        + (bad == 1 ? "1 byte that is not" : number(bad) + " bytes that are not")
        + " (the first on line " + number(line) + ") " + (bad == 1 ? "was" : "were")
        + " read as U+FFFD, so a command with them may not do what was meant; save it as"
        + " UTF-8");
  }

  private static Submission refuse(String why) {
    return new Submission(null, why, null);
  }

  /** The sandbox's report with this submission's note first among its notes. */
  public Report noted(Report r) {
    if (note == null) {
      return r;
    }
    return new Report(r.lab(), r.title(), r.submission(), r.steps(), r.commands(),
        r.stopped() == null ? note : note + "\n" + r.stopped(), r.error(), r.ms());
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
