package org.dialbridge.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.dialbridge.core.Dialbridge;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.Problems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /calls} and history write a call's JSON straight from the call, without building a
 * tree first: byte for byte the JSON the tree gave, nulls, times and the names people see included.
 */
class CallJsonTest {
  private static Dialbridge dialbridge;
  private static CallJson json;

  @BeforeAll
  static void start() {
    dialbridge =
        Dialbridge.builder(
                TestConfig.region("PE")
                    .provider("c3", "c3", "http://127.0.0.1:9")
                    .token("c3", "t")
                    .providerKey("c3", "label", "C3 Contact Center")
                    .agent("ana", "6001")
                    .set("dialbridge.agents.ana.name", "Ana Díaz")
                    .h2Store("call-json")
                    .parse())
            .build();
    json = new CallJson(dialbridge);
  }

  @AfterAll
  static void stop() {
    dialbridge.close();
  }

  private static final Call DIALING =
      Call.placed(
          "id-1",
          "c3",
          "42",
          "ana",
          "6001",
          "6001",
          "+5115551234",
          Instant.parse("2026-11-23T10:15:30.123Z"));

  private static final Call ENDED =
      new Call(
          "id-2",
          "c3",
          "api_7",
          null,
          "someone-unmapped",
          "6002",
          "6002",
          "+5115551235",
          CallStatus.COMPLETED,
          HangupCause.NORMAL_CLEARING,
          "16: Normal \"clearing\" ñ",
          Instant.parse("2026-11-23T10:15:30Z"),
          Instant.parse("2026-11-23T10:15:35.500Z"),
          Instant.parse("2026-11-23T10:16:35.500Z"),
          60L);

  @Test
  void aCallIsTheSameJsonAsItsTree() throws Exception {
    for (Call call : List.of(DIALING, ENDED)) {
      assertThat(Problems.JSON.writeValueAsString(json.view(call)))
          .isEqualTo(Problems.JSON.writeValueAsString(json.call(call)));
    }
  }

  @Test
  void aPageIsTheSameJsonAsItsTree() throws Exception {
    for (String next : new String[] {null, "cursor-1"}) {
      ObjectNode tree = Problems.JSON.createObjectNode();
      ArrayNode calls = tree.putArray("calls");
      calls.add(json.call(DIALING));
      calls.add(json.call(ENDED));
      tree.put("next", next);
      CallJson.Page page = new CallJson.Page(List.of(json.view(DIALING), json.view(ENDED)), next);
      assertThat(Problems.JSON.writeValueAsString(page))
          .isEqualTo(Problems.JSON.writeValueAsString(tree));
    }
    assertThat(Problems.JSON.writeValueAsString(new CallJson.Page(List.of(), null)))
        .isEqualTo("{\"calls\":[],\"next\":null}");
  }
}
