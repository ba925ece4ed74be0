package org.nslab.ns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The namespace kinds the kernel offers: one row each, as util-linux keeps them in one table. */
public enum NsKind {
  CGROUP("cgroup", 0x02000000, "CLONE_NEWCGROUP", "the cgroup root a process sees in /proc/self/cgroup"),
  IPC("ipc", 0x08000000, "CLONE_NEWIPC", "System V IPC objects and POSIX message queues"),
  MNT("mnt", 0x00020000, "CLONE_NEWNS", "the mount table: what is mounted where"),
  NET("net", 0x40000000, "CLONE_NEWNET", "network devices, addresses, routes, ports"),
  PID("pid", 0x20000000, "CLONE_NEWPID", "process ids (applies to children: the next child is PID 1)"),
  TIME("time", 0x00000080, "CLONE_NEWTIME", "the boot-time and monotonic clocks (applies to children)"),
  USER("user", 0x10000000, "CLONE_NEWUSER", "user and group ids, and the capabilities that go with them"),
  UTS("uts", 0x04000000, "CLONE_NEWUTS", "the hostname and NIS domain name");

  private final String word;
  private final int cloneFlag;
  private final String flagName;
  private final String isolates;

  NsKind(String word, int cloneFlag, String flagName, String isolates) {
    this.word = word;
    this.cloneFlag = cloneFlag;
    this.flagName = flagName;
    this.isolates = isolates;
  }

  /** The kernel's short name: the file under /proc/PID/ns and the lsns TYPE. */
  public String word() {
    return word;
  }

  public int cloneFlag() {
    return cloneFlag;
  }

  /** The CLONE_NEW* constant's name, as the man pages spell it. */
  public String flagName() {
    return flagName;
  }

  public String isolates() {
    return isolates;
  }

  /** True for the kinds whose unshare moves only the caller's future children (pid, time). */
  public boolean forChildren() {
    return this == PID || this == TIME;
  }

  /** Parses one kind: its word, or "mount"/"network" as util-linux unshare(1) spells them. */
  public static NsKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "mount":
        return MNT;
      case "network":
        return NET;
      default:
        for (NsKind k : values()) {
          if (k.word.equals(t)) {
            return k;
          }
        }
    }
    throw new NsWordException(
        "unknown namespace kind '" + text + "' (valid: " + validList() + ")",
        NsWordException.Reason.UNKNOWN_KIND, text, validList());
  }

  /** Parses a comma list such as "uts,mnt"; rejects empty items and unknown kinds. */
  public static Set<NsKind> parseList(String text) {
    EnumSet<NsKind> kinds = EnumSet.noneOf(NsKind.class);
    for (String item : text.split(",", -1)) {
      if (item.isBlank()) {
        throw new NsWordException(
            "empty namespace kind in '" + text + "' (valid: " + validList() + ")",
            NsWordException.Reason.EMPTY_KIND, text, validList());
      }
      kinds.add(parse(item));
    }
    return kinds;
  }

  /** The words to show a user who mistyped a kind. */
  public static String validList() {
    return Arrays.stream(values())
        .map(k -> k == MNT ? "mnt (or mount)" : k.word)
        .collect(Collectors.joining(", "));
  }

  /** All words the parser accepts, for completion. */
  public static List<String> words() {
    List<String> words = new ArrayList<>();
    for (NsKind k : values()) {
      words.add(k.word);
    }
    words.add("mount");
    return words;
  }

  /** OR of the kinds' CLONE_NEW* flags. */
  public static int flags(Set<NsKind> kinds) {
    int flags = 0;
    for (NsKind k : kinds) {
      flags |= k.cloneFlag;
    }
    return flags;
  }

  /** "CLONE_NEWUTS|CLONE_NEWNS", for error messages that name the call. */
  public static String flagNames(Set<NsKind> kinds) {
    return kinds.stream().map(NsKind::flagName).collect(Collectors.joining("|"));
  }
}
