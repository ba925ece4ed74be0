package org.nslab.lab;

/**
 * The first difference between expected and actual output: the expected line (null when the
 * output had more lines than expected), the actual line there (null when the output ended
 * early), and a one-line reason in words.
 */
public record Mismatch(Expected expected, String actual, String reason) {}
