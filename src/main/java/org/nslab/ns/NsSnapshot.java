package org.nslab.ns;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.EnumSet;

/**
 * The namespaces one thread is in at one moment. A file is missing when the kernel has no
 * such namespace (time needs Linux 5.6, cgroup 4.6) or when it could not be read.
 */
public record NsSnapshot(Map<NsFile, NsId> ids) {

  public NsSnapshot {
    EnumMap<NsFile, NsId> copy = new EnumMap<>(NsFile.class);
    copy.putAll(ids);
    ids = Collections.unmodifiableMap(copy);
  }

  public NsId get(NsFile file) {
    return ids.get(file);
  }

  /** The files whose namespace differs from {@code other}'s. */
  public Set<NsFile> differences(NsSnapshot other) {
    EnumSet<NsFile> diff = EnumSet.noneOf(NsFile.class);
    for (NsFile f : NsFile.values()) {
      NsId mine = ids.get(f);
      NsId theirs = other.ids.get(f);
      // No link where the other has one is a difference too: right after unshare pid, before
      // its PID 1, the kernel shows no pid_for_children, yet children no longer go to the old one.
      if (mine == null ? theirs != null : !mine.equals(theirs)) {
        diff.add(f);
      }
    }
    return diff;
  }

  /** The kinds this thread or its future children are in anew, relative to {@code origin}. */
  public Set<NsKind> newKinds(NsSnapshot origin) {
    EnumSet<NsKind> kinds = EnumSet.noneOf(NsKind.class);
    for (NsFile f : differences(origin)) {
      kinds.add(f.kind());
    }
    return kinds;
  }
}
