package org.dialbridge.core.provider.c3;

import java.util.Set;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.ProviderFactory;
import org.dialbridge.core.spi.TelephonyProvider;

/** Creates {@code type=c3} providers. */
public final class C3ProviderFactory implements ProviderFactory {
  public static final String TYPE = "c3";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> keys() {
    return Set.copyOf(C3Provider.keys());
  }

  @Override
  public TelephonyProvider create(ProviderConfig config, ProviderContext context) {
    return new C3Provider(config, context);
  }
}
