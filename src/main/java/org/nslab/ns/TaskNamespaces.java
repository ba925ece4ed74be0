package org.nslab.ns;

/** One thread seen in /proc/PID/task/TID, and which namespaces it is in. */
public record TaskNamespaces(int pid, int tid, NsSnapshot namespaces) {}
