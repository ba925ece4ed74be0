package org.nslab.ns;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of /proc/PID/mountinfo (proc(5)): "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 -
 * ext3 /dev/root rw,errors=continue".
 */
public record MountInfo(
    int id,
    int parentId,
    String root,
    String target,
    String options,
    List<String> propagation,
    String fstype,
    String source,
    String superOptions) {

  public static List<MountInfo> parse(String text) {
    List<MountInfo> mounts = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        mounts.add(parseLine(line));
      }
    }
    return mounts;
  }

  public static MountInfo parseLine(String line) {
    String[] f = line.trim().split(" ");
    int dash = -1;
    for (int i = 6; i < f.length; i++) {
      if (f[i].equals("-")) {
        dash = i;
        break;
      }
    }
    if (dash < 0 || dash + 2 >= f.length) {
      throw new IllegalArgumentException("not a mountinfo line: '" + line + "'");
    }
    List<String> tags = new ArrayList<>();
    for (int i = 6; i < dash; i++) {
      tags.add(f[i]);
    }
    return new MountInfo(
        Integer.parseInt(f[0]),
        Integer.parseInt(f[1]),
        unescape(f[3]),
        unescape(f[4]),
        f[5],
        tags,
        f[dash + 1],
        unescape(f[dash + 2]),
        dash + 3 < f.length ? f[dash + 3] : "");
  }

  /** mountinfo escapes space, tab, newline and backslash as \040, \011, \012, \134. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        try {
          sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
          i += 3;
          continue;
        } catch (NumberFormatException e) {
          // not an escape: keep the backslash
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** "private", "shared", "slave" or "unbindable", as findmnt's PROPAGATION column says. */
  public String propagationName() {
    List<String> words = new ArrayList<>();
    for (String t : propagation) {
      if (t.startsWith("shared:")) {
        words.add("shared");
      } else if (t.startsWith("master:")) {
        words.add("slave");
      } else if (t.equals("unbindable")) {
        words.add("unbindable");
      }
    }
    return words.isEmpty() ? "private" : String.join(",", words);
  }

  /** The line mount(8) prints: "proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)". */
  public String describe() {
    return source + " on " + target + " type " + fstype + " (" + options + ")";
  }
}
