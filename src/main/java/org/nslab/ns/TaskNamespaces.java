package org.nslab.ns;

/** One thread seen in /proc/PID/task/TID: who runs it and which namespaces it is in. */
public record TaskNamespaces(
    int pid, int tid, int uid, String user, String command, NsSnapshot namespaces) {}
