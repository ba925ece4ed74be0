package org.nslab.text;

import java.io.IOException;

/**
 * An exception whose message the catalogue says: English as {@link Throwable#getMessage}, the
 * user's language by {@link #message(Text)}. As an argument of {@link Text#get} it is said in
 * that message's language too.
 */
public interface Said {
  /** The message in the language of {@code text}. */
  String message(Text text);

  /** An I/O failure (a cgroup file, /proc) said by the catalogue. */
  final class Failure extends IOException implements Said {
    private static final long serialVersionUID = 1L;

    private final transient Key key;
    private final transient Object[] args;

    public Failure(Key key, Object... args) {
      super(Text.english().get(key, args));
      this.key = key;
      this.args = args.clone();
    }

    @Override
    public String message(Text text) {
      return text.get(key, args);
    }
  }

  /** A word or value nslab cannot take, said by the catalogue. */
  final class Rejected extends IllegalArgumentException implements Said {
    private static final long serialVersionUID = 1L;

    private final transient Key key;
    private final transient Object[] args;

    public Rejected(Key key, Object... args) {
      super(Text.english().get(key, args));
      this.key = key;
      this.args = args.clone();
    }

    @Override
    public String message(Text text) {
      return text.get(key, args);
    }
  }
}
