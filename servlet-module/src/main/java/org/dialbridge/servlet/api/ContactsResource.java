package org.dialbridge.servlet.api;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.store.HistoryPage;
import org.dialbridge.core.store.InboundDetails;

/** {@code /contacts/{id}/calls}: a contact's call history, newest first, paged by cursor. */
@Produces(MediaType.APPLICATION_JSON)
public final class ContactsResource {
  private final Dialbridge dialbridge;
  private final String adminRole;
  private final CallJson json;

  ContactsResource(Dialbridge dialbridge, CallJson json) {
    this.dialbridge = dialbridge;
    this.adminRole = dialbridge.config().security().adminRole();
    this.json = json;
  }

  @GET
  @Path("{contactId}/calls")
  public CallJson.Page history(
      @PathParam("contactId") String contactId,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("before") String before,
      @Context SecurityContext sc) {
    HistoryPage page =
        dialbridge.history(Requester.of(sc, adminRole), contactId, before, number(limit));
    List<CallJson.View> calls = new ArrayList<>(page.calls().size());
    Map<String, InboundDetails> inbound = dialbridge.inboundDetails(page.calls());
    for (Call call : page.calls()) {
      calls.add(json.view(call, page.wrapUp(call.id()), inbound.get(call.id())));
    }
    return new CallJson.Page(calls, page.next());
  }

  /**
   * The limit as a number; one that is not a number is out of range (0), which the core refuses.
   */
  private static int number(String limit) {
    try {
      return Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
