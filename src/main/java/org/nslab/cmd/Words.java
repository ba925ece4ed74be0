package org.nslab.cmd;

import java.util.ArrayList;
import java.util.List;
import org.nslab.text.Key;
import org.nslab.text.Said;

/**
 * Splits a line into words as a POSIX shell quotes them, and does nothing else: no variables,
 * globs, or command substitution. 'single quotes' keep everything; "double quotes" let a
 * backslash escape \ " $ and `; an unquoted backslash escapes any character; an unquoted #
 * at the start of a word starts a comment.
 */
public final class Words {
  private Words() {}

  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '#' && !inWord) {
        break;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new Said.Rejected(Key.WORDS_UNTERMINATED, "'", i + 1);
        }
        cur.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        int j = i + 1;
        while (true) {
          if (j >= n) {
            throw new Said.Rejected(Key.WORDS_UNTERMINATED, "\"", i + 1);
          }
          char d = line.charAt(j);
          if (d == '"') {
            break;
          }
          if (d == '\\' && j + 1 < n && "\\\"$`".indexOf(line.charAt(j + 1)) >= 0) {
            cur.append(line.charAt(j + 1));
            j += 2;
          } else {
            cur.append(d);
            j++;
          }
        }
        inWord = true;
        i = j + 1;
      } else if (c == '\\') {
        if (i + 1 < n) {
          cur.append(line.charAt(i + 1));
        }
        inWord = true;
        i += 2;
      } else {
        cur.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }
}
