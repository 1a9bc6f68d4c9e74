package org.dialbridge.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.dialbridge.core.model.HangupCause;

/**
 * One provider's hang-up causes mapped to Dialbridge's: an exact table (case-insensitive) plus the
 * cause for anything not in it. Each adapter declares its own beside its code, its factory returns
 * it from {@link ProviderFactory#causes()}, and docs/providers.md prints them.
 */
public final class CauseTable {
  private final String provider;
  private final Map<String, HangupCause> table;
  private final HangupCause otherwise;

  private CauseTable(String provider, Map<String, HangupCause> table, HangupCause otherwise) {
    this.provider = provider;
    this.table = table;
    this.otherwise = otherwise;
  }

  public static Builder of(String provider) {
    return new Builder(provider);
  }

  /** The cause for {@code raw}; the table's fallback for null or unknown causes. */
  public HangupCause map(String raw) {
    if (raw == null) return otherwise;
    return table.getOrDefault(raw.strip().toUpperCase(Locale.ROOT), otherwise);
  }

  /** The provider type this table belongs to. */
  public String provider() {
    return provider;
  }

  /** The table as declared, in order, keys upper-case. */
  public Map<String, HangupCause> entries() {
    return table;
  }

  /** The cause of anything not in the table. */
  public HangupCause otherwise() {
    return otherwise;
  }

  /** Declares a table row by row. */
  public static final class Builder {
    private final String provider;
    private final Map<String, HangupCause> table = new LinkedHashMap<>();

    private Builder(String provider) {
      this.provider = Objects.requireNonNull(provider, "provider == null");
    }

    public Builder map(String raw, HangupCause cause) {
      Objects.requireNonNull(raw, "raw == null");
      Objects.requireNonNull(cause, "cause == null");
      if (table.putIfAbsent(raw.toUpperCase(Locale.ROOT), cause) != null) {
        throw new IllegalArgumentException("duplicate raw cause " + raw);
      }
      return this;
    }

    public CauseTable otherwise(HangupCause cause) {
      Objects.requireNonNull(cause, "cause == null");
      return new CauseTable(
          provider, Collections.unmodifiableMap(new LinkedHashMap<>(table)), cause);
    }
  }
}
