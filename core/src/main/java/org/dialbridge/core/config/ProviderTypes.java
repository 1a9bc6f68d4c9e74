package org.dialbridge.core.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.dialbridge.core.spi.ProviderFactory;

/** The provider types a configuration may name: each type's factory, and the list messages show. */
final class ProviderTypes {
  private final Function<String, Optional<ProviderFactory>> finder;
  private final List<String> names;

  private ProviderTypes(Function<String, Optional<ProviderFactory>> finder, List<String> names) {
    this.finder = finder;
    this.names = names;
  }

  /** Exactly {@code factories}, listed in their order. */
  static ProviderTypes of(Collection<? extends ProviderFactory> factories) {
    List<ProviderFactory> known = List.copyOf(factories);
    return new ProviderTypes(
        type -> known.stream().filter(f -> f.type().equalsIgnoreCase(type)).findFirst(),
        known.stream().map(f -> f.type().toLowerCase(Locale.ROOT)).toList());
  }

  /** The factory of {@code type}, whatever its case. */
  Optional<ProviderFactory> find(String type) {
    return finder.apply(type.toLowerCase(Locale.ROOT));
  }

  /** What a section without {@code type} is told. */
  String missingTypeProblem() {
    return "missing (one of " + String.join(", ", names) + ")";
  }
}
