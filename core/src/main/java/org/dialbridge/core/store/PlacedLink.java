package org.dialbridge.core.store;

import java.util.List;
import org.dialbridge.core.model.Call;

/**
 * What linking a just-placed call's provider id did.
 *
 * @param linked the events of the leg that were waiting, each with the call before and after it
 * @param call the call as the linking transaction left it
 */
public record PlacedLink(List<Ingested> linked, Call call) {}
