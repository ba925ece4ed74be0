package org.nslab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Methods fit on a screen: no method of src/main/java is over 80 lines (its declaration to
 * its closing brace, lambdas and anonymous classes all).
 */
class MethodLengthTest {
  static final int MOST = 80;

  @Test
  void noMethodIsOverEightyLines() throws IOException {
    Set<String> over = new TreeSet<>();
    for (Method m : methods()) {
      if (m.lines() > MOST) {
        over.add(m.name());
      }
    }
    assertEquals(Set.of(), over, "methods over " + MOST + " lines: split them into named"
        + " steps");
  }

  /** A method (or constructor) of main code: "pkg/File.java name", and its length. */
  record Method(String name, long lines) {}

  static List<Method> methods() throws IOException {
    Path root = Path.of("src/main/java/org/nslab").toAbsolutePath();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Method> out = new java.util.ArrayList<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null,
          fm.getJavaFileObjectsFromPaths(files));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        String file = root.relativize(Path.of(unit.getSourceFile().toUri())).toString();
        LineMap lines = unit.getLineMap();
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitMethod(MethodTree m, Void unused) {
            if (m.getBody() != null) {
              long first = lines.getLineNumber(positions.getStartPosition(unit, m));
              long last = lines.getLineNumber(positions.getEndPosition(unit, m));
              out.add(new Method(file + " " + m.getName(), last - first + 1));
            }
            return super.visitMethod(m, unused);
          }
        }.scan(unit, null);
      }
    }
    return out;
  }
}
