package org.dialbridge.core.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;

/**
 * One business outcome an agent may record for a call ("Connected", "Left voicemail", "Callback"),
 * from the configured catalog or the CRM's {@link DispositionCatalog}.
 *
 * @param code the stable code stored with the call and sent to providers ({@code left-voicemail}):
 *     letters, digits, {@code -} and {@code _}, at most 64
 * @param labels the name people see, by language tag ({@code en}, {@code es}, {@code pt-BR}); the
 *     {@code en} label is required and stands in for a language without its own
 * @param group the outcome group it belongs to ({@code connected}, {@code not-connected}), for
 *     reports
 * @param callback whether it asks for a callback time
 * @param offeredFor the telephony outcomes it is offered for (all when it fits any call)
 */
public record Disposition(
    String code,
    Map<String, String> labels,
    String group,
    boolean callback,
    Set<Outcome> offeredFor) {

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** What the telephony says of a call: answered, or why it was not. */
  public enum Outcome {
    ANSWERED,
    BUSY,
    NO_ANSWER,
    CANCELED,
    REJECTED,
    FAILED;

    /** As configured and answered: {@code no-answer}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The outcome named {@code wire} ({@code no-answer}, case-insensitive), or null. */
    public static Outcome fromWire(String wire) {
      for (Outcome o : values()) if (o.wire().equalsIgnoreCase(wire.strip())) return o;
      return null;
    }

    /**
     * The outcome of {@code call} so far: answered once it was answered (a live call in
     * conversation too), else how it ended; null for a call that rings still.
     */
    public static Outcome of(Call call) {
      if (call.answeredAt() != null || call.status() == CallStatus.COMPLETED) return ANSWERED;
      return switch (call.status()) {
        case BUSY -> BUSY;
        case NO_ANSWER -> NO_ANSWER;
        case CANCELED -> CANCELED;
        case REJECTED -> REJECTED;
        case FAILED -> FAILED;
        default -> null;
      };
    }
  }

  /** Whether {@code code} may be a disposition's code. */
  public static boolean isCode(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  public Disposition {
    Objects.requireNonNull(code, "code == null");
    if (!isCode(code)) {
      throw new IllegalArgumentException(
          "a disposition code is 1 to 64 letters, digits, - or _: '" + code + "'");
    }
    Objects.requireNonNull(labels, "labels == null");
    if (labels.get("en") == null || labels.get("en").isBlank()) {
      throw new IllegalArgumentException("disposition " + code + " needs an en label");
    }
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    group = group == null || group.isBlank() ? "other" : group;
    offeredFor =
        offeredFor == null || offeredFor.isEmpty()
            ? Collections.unmodifiableSet(EnumSet.allOf(Outcome.class))
            : Collections.unmodifiableSet(EnumSet.copyOf(offeredFor));
  }

  /**
   * The label in {@code language} (a tag like {@code pt-BR}; {@code pt} finds {@code pt-BR}), else
   * in English.
   */
  public String label(String language) {
    if (language != null) {
      String exact = labels.get(language);
      if (exact != null) return exact;
      String base = language.split("-", 2)[0];
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (e.getKey().equalsIgnoreCase(language)) return e.getValue();
        if (e.getKey().split("-", 2)[0].equalsIgnoreCase(base)) return e.getValue();
      }
    }
    return labels.get("en");
  }

  /** Whether it may be chosen for a call whose telephony outcome is {@code outcome}. */
  public boolean offeredFor(Outcome outcome) {
    return outcome != null && offeredFor.contains(outcome);
  }
}
