package org.nslab.text;

import java.io.IOException;

/**
 * Words the catalogue says, in the language asked for: an exception's message (English as
 * {@link Throwable#getMessage}), or a reason said later, inside another message: as an
 * argument of {@link Text#get} it is said in that message's language.
 */
@FunctionalInterface
public interface Said {
  /** The words in the language of {@code text}. */
  String message(Text text);

  /** The message of {@code key}, its {0}, {1}... from {@code args}, in any language. */
  static Said of(Key key, Object... args) {
    Object[] a = args.clone();
    return text -> text.get(key, a);
  }

  /** An I/O failure (a cgroup file, /proc) said by the catalogue. */
  final class Failure extends IOException implements Said {
    private static final long serialVersionUID = 1L;

    private final transient Said said;

    public Failure(Key key, Object... args) {
      this(of(key, args));
    }

    public Failure(Said said) {
      super(said.message(Text.english()));
      this.said = said;
    }

    @Override
    public String message(Text text) {
      return said.message(text);
    }
  }

  /** A word or value nslab cannot take, said by the catalogue. */
  final class Rejected extends IllegalArgumentException implements Said {
    private static final long serialVersionUID = 1L;

    private final transient Said said;

    public Rejected(Key key, Object... args) {
      super(Text.english().get(key, args));
      this.said = of(key, args);
    }

    @Override
    public String message(Text text) {
      return said.message(text);
    }
  }
}
