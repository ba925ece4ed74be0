package org.nslab.ns;

/** One namespace: its kind and the inode number the kernel shows as "uts:[4026531838]". */
public record NsId(NsKind kind, long inode) {

  /** Parses the target of a /proc/PID/ns link, for example "mnt:[4026531841]". */
  public static NsId parseLink(String link) {
    int open = link.indexOf(":[");
    if (open < 0 || !link.endsWith("]")) {
      throw new IllegalArgumentException("not a namespace link: '" + link + "'");
    }
    NsKind kind = NsKind.parse(link.substring(0, open));
    try {
      return new NsId(kind, Long.parseLong(link.substring(open + 2, link.length() - 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a namespace link: '" + link + "'");
    }
  }

  @Override
  public String toString() {
    return kind.word() + ":[" + inode + "]";
  }
}
