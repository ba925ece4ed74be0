package org.nslab.shell;

import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.nslab.cmd.Registry;

/** Colours the command word as it is typed: green when nslab knows it, red when not. */
final class ShellHighlighter implements Highlighter {
  private final Registry registry;

  ShellHighlighter(Registry registry) {
    this.registry = registry;
  }

  @Override
  public AttributedString highlight(LineReader reader, String buffer) {
    int start = 0;
    while (start < buffer.length() && Character.isWhitespace(buffer.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < buffer.length() && !Character.isWhitespace(buffer.charAt(end))) {
      end++;
    }
    String word = buffer.substring(start, end);
    AttributedStringBuilder sb = new AttributedStringBuilder();
    sb.append(buffer.substring(0, start));
    if (!word.isEmpty() && !word.startsWith("#")) {
      boolean known = registry.find(word) != null;
      sb.styled(
          AttributedStyle.DEFAULT.foreground(known ? AttributedStyle.GREEN : AttributedStyle.RED),
          word);
    } else {
      sb.append(word);
    }
    sb.append(buffer.substring(end));
    return sb.toAttributedString();
  }

  @Override
  public void setErrorPattern(Pattern errorPattern) {}

  @Override
  public void setErrorIndex(int errorIndex) {}
}
