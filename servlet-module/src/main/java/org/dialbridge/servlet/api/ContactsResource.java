package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.config.SecuritySettings;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.store.HistoryPage;
import org.dialbridge.servlet.Problems;

/** {@code /contacts/{id}/calls}: a contact's call history, newest first, paged by cursor. */
@Produces(MediaType.APPLICATION_JSON)
public final class ContactsResource {
  private final Dialbridge dialbridge;
  private final SecuritySettings security;
  private final CallJson json;

  ContactsResource(Dialbridge dialbridge, CallJson json) {
    this.dialbridge = dialbridge;
    this.security = dialbridge.config().security();
    this.json = json;
  }

  @GET
  @Path("{contactId}/calls")
  public ObjectNode history(@PathParam("contactId") String contactId, @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("before") String before, @Context SecurityContext sc) {
    Requester who = Requester.of(sc, security.adminRole());
    int n;
    try {
      n = Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > 100) throw new DialbridgeException("invalid_request", "limit must be a number from 1 to 100.");
    String onlyAgent = security.history() == SecuritySettings.HistoryScope.OWN && !who.admin() ? who.user() : null;
    HistoryPage page = dialbridge.history(contactId, onlyAgent, before == null || before.isBlank() ? null : before, n);
    ObjectNode node = Problems.JSON.createObjectNode();
    ArrayNode calls = node.putArray("calls");
    for (Call call : page.calls()) calls.add(json.call(call));
    node.put("next", page.next());
    return node;
  }
}
