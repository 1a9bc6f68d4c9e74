package org.dialbridge.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any order and duplication of a call's events gives the call its in-order delivery gives. */
class CallOrderPropertyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @Property(tries = 1000)
  void anyPermutationWithDuplicatesEndsInTheSameCall(@ForAll("histories") History history) {
    Call inOrder = applyAll(history.events());
    Call shuffled = applyAll(history.delivered());

    assertThat(shuffled).isEqualTo(inOrder);
  }

  private static Call applyAll(List<CallEvent> events) {
    Call call = Call.placed("c-1", "p", "42", "ana", "6001", "6001", "+5115551234", T0);
    for (CallEvent e : events) call = call.apply(e);
    return call;
  }

  record History(List<CallEvent> events, List<CallEvent> delivered) {}

  @Provide
  Arbitrary<History> histories() {
    Arbitrary<HangupCause> causes = Arbitraries.of(HangupCause.class);
    Arbitrary<List<CallEvent>> lifecycles =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 20),
                Arbitraries.integers().between(0, 120),
                causes,
                Arbitraries.integers().between(0, 2))
            .as(
                (dialing, ring, talk, cause, finals) -> {
                  List<CallEvent> events = new ArrayList<>();
                  int t = dialing;
                  events.add(event(EventType.DIALING, CallStatus.DIALING, null, t));
                  t += ring;
                  events.add(event(EventType.RINGING, CallStatus.RINGING, null, t));
                  if (cause == HangupCause.NORMAL_CLEARING) {
                    t += 2;
                    events.add(event(EventType.ANSWERED, CallStatus.ANSWERED, null, t));
                    t += talk;
                  }
                  for (int i = 0; i <= finals; i++) {
                    events.add(event(EventType.HANGUP, cause.status(), cause, t + i * 5));
                  }
                  return events;
                });
    return lifecycles.flatMap(
        events ->
            Arbitraries.integers()
                .between(0, events.size() - 1)
                .list()
                .ofMaxSize(5)
                .flatMap(
                    dupes -> {
                      List<CallEvent> withDupes = new ArrayList<>(events);
                      dupes.forEach(i -> withDupes.add(events.get(i)));
                      return Arbitraries.shuffle(withDupes)
                          .map(delivered -> new History(events, delivered));
                    }));
  }

  private static CallEvent event(EventType type, CallStatus status, HangupCause cause, int second) {
    return new CallEvent(
        "c-1",
        type,
        status,
        cause,
        cause == null ? null : cause.name().toLowerCase(),
        T0.plusSeconds(second),
        T0.plusSeconds(second),
        type + "|" + second,
        "{}");
  }
}
