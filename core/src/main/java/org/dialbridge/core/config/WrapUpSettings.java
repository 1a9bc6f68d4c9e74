package org.dialbridge.core.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The rules of a call's wrap-up: how long after the end it may still be changed, whether an agent
 * must record a disposition before the next call, and the longest note.
 */
public record WrapUpSettings(Duration editableFor, boolean required, int noteMaxLength) {

  public static final Duration DEFAULT_EDITABLE_FOR = Duration.ofHours(1);
  public static final int DEFAULT_NOTE_MAX_LENGTH = 2000;
  public static final int MAX_NOTE_MAX_LENGTH = 5000;

  private static final String EDITABLE_FOR = "editable-for";
  private static final String REQUIRED = "required";
  private static final String NOTE_MAX_LENGTH = "note-max-length";

  /** Defaults: editable for an hour, not required, notes up to 2,000 characters. */
  public static final WrapUpSettings DEFAULTS =
      new WrapUpSettings(DEFAULT_EDITABLE_FOR, false, DEFAULT_NOTE_MAX_LENGTH);

  /** Reads {@code dialbridge.wrap-up.*}. */
  static WrapUpSettings read(Section wrapUp) {
    Duration editableFor = wrapUp.duration(EDITABLE_FOR, DEFAULT_EDITABLE_FOR);
    if (editableFor.isZero()) {
      wrapUp.problem(EDITABLE_FOR, "must be longer than 0 (e.g. 1h)");
      editableFor = DEFAULT_EDITABLE_FOR;
    }
    return new WrapUpSettings(editableFor, wrapUp.bool(REQUIRED, false), noteMaxLength(wrapUp));
  }

  private static int noteMaxLength(Section wrapUp) {
    Optional<String> v = wrapUp.text(NOTE_MAX_LENGTH);
    if (v.isEmpty()) return DEFAULT_NOTE_MAX_LENGTH;
    try {
      int max = Integer.parseInt(v.get());
      if (max >= 1 && max <= MAX_NOTE_MAX_LENGTH) return max;
    } catch (NumberFormatException e) {
      // reported below
    }
    wrapUp.problem(
        NOTE_MAX_LENGTH,
        "must be a number of characters from 1 to "
            + MAX_NOTE_MAX_LENGTH
            + ", was '"
            + v.get()
            + "'");
    return DEFAULT_NOTE_MAX_LENGTH;
  }
}
