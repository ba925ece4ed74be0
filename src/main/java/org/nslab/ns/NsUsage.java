package org.nslab.ns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which processes are in which namespace, as lsns(8) reports it, from a per-thread scan.
 *
 * <p>lsns(8) reads /proc/PID/ns, which shows a process's first thread only. A namespace that
 * only some other thread is in (the lab task's, after unshare) is invisible to it. Here every
 * thread counts: such a namespace is listed with {@code threadOnly} set, and its PID column
 * holds the thread id, which /proc/TID/ns and nsenter -t TID accept.
 *
 * @param nprocs the number of processes with at least one thread in the namespace
 * @param pid the lowest process id in it (the lowest thread id for thread-only namespaces)
 * @param process the process {@code pid} belongs to: whose USER and COMMAND lsns shows
 */
public record NsUsage(NsId id, int nprocs, int pid, int process, boolean threadOnly) {

  /** The files lsns reads: one per kind, not the *_for_children ones. */
  public static final List<NsFile> LISTED = List.of(
    NsFile.CGROUP, NsFile.IPC, NsFile.MNT, NsFile.NET, NsFile.PID, NsFile.TIME, NsFile.USER,
    NsFile.UTS);

  public static List<NsUsage> collect(List<TaskNamespaces> tasks) {
    Map<NsId, Set<Integer>> pids = new HashMap<>();
    Map<NsId, TaskNamespaces> first = new HashMap<>();
    Map<NsId, Boolean> leaderIn = new HashMap<>();
    for (TaskNamespaces t : tasks) {
      boolean leader = t.pid() == t.tid();
      for (NsFile f : LISTED) {
        NsId id = t.namespaces().get(f);
        if (id == null) {
          continue;
        }
        pids.computeIfAbsent(id, k -> new HashSet<>()).add(t.pid());
        boolean wasLeader = leaderIn.getOrDefault(id, false);
        TaskNamespaces best = first.get(id);
        // Prefer a thread-group leader with the lowest pid; among threads, the lowest tid.
        if (best == null
            || (leader && !wasLeader)
            || (leader == wasLeader && key(t, leader) < key(best, wasLeader))) {
          first.put(id, t);
          leaderIn.put(id, wasLeader || leader);
        }
      }
    }
    List<NsUsage> rows = new ArrayList<>();
    for (Map.Entry<NsId, TaskNamespaces> e : first.entrySet()) {
      NsId id = e.getKey();
      TaskNamespaces t = e.getValue();
      boolean threadOnly = !leaderIn.get(id);
      rows.add(
          new NsUsage(id, pids.get(id).size(), threadOnly ? t.tid() : t.pid(), t.pid(), threadOnly));
    }
    rows.sort(Comparator.comparingLong((NsUsage u) -> u.id().inode()));
    return rows;
  }

  private static int key(TaskNamespaces t, boolean leader) {
    return leader ? t.pid() : t.tid();
  }
}
