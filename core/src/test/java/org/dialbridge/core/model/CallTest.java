package org.dialbridge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  private static Call placed() {
    return Call.placed("c-1", "c3", "42", "ana", "6001", "6001", "+5115551234", T0);
  }

  private static CallEvent event(
      EventType type, CallStatus status, HangupCause cause, String raw, int second) {
    return new CallEvent(
        "c-1",
        type,
        status,
        cause,
        raw,
        T0.plusSeconds(second),
        T0.plusSeconds(second + 1),
        type + "|" + second,
        "{}");
  }

  private static CallEvent answered(int second) {
    return event(EventType.ANSWERED, CallStatus.ANSWERED, null, null, second);
  }

  private static CallEvent hangup(HangupCause cause, String raw, int second) {
    return event(EventType.HANGUP, cause.status(), cause, raw, second);
  }

  @Test
  void aPlacedCallIsDialingWithoutOutcome() {
    Call call = placed();

    assertThat(call.status()).isEqualTo(CallStatus.DIALING);
    assertThat(call.cause()).isNull();
    assertThat(call.endedAt()).isNull();
  }

  @Test
  void answerThenHangupGivesTimesAndDuration() {
    Call call =
        placed()
            .apply(answered(5))
            .apply(hangup(HangupCause.NORMAL_CLEARING, "NORMAL_CLEARING", 65));

    assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(call.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(call.rawCause()).isEqualTo("NORMAL_CLEARING");
    assertThat(call.answeredAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(call.endedAt()).isEqualTo(T0.plusSeconds(65));
    assertThat(call.durationSeconds()).isEqualTo(60);
  }

  @Test
  void anEventReportedBeforeTheCallExistedCountsAsHappeningWhenItWasCreated() {
    CallEvent replayed =
        new CallEvent(
            "c-1",
            EventType.HANGUP,
            CallStatus.COMPLETED,
            HangupCause.NORMAL_CLEARING,
            "ANSWERED",
            Instant.parse("2021-01-06T18:21:36.174Z"),
            T0.plusSeconds(5),
            "replayed",
            "{}");

    Call call = placed().apply(answered(-30)).apply(replayed);

    assertThat(call.answeredAt()).isEqualTo(T0);
    assertThat(call.endedAt()).isEqualTo(T0);
    assertThat(call.durationSeconds()).isZero();
    assertThat(call.endedAt()).isAfterOrEqualTo(call.createdAt());
  }

  @Test
  void hangupBeforeAnswerStillEndsWithTheRightStatusAndTimes() {
    Call inOrder = placed().apply(answered(5)).apply(hangup(HangupCause.NORMAL_CLEARING, "x", 65));
    Call reversed = placed().apply(hangup(HangupCause.NORMAL_CLEARING, "x", 65)).apply(answered(5));

    assertThat(reversed).isEqualTo(inOrder);
  }

  @Test
  void aLateRingingAfterTheEndChangesNothing() {
    Call ended = placed().apply(hangup(HangupCause.BUSY, "USER_BUSY", 3));

    assertThat(ended.apply(event(EventType.RINGING, CallStatus.RINGING, null, null, 9)))
        .isSameAs(ended);
  }

  @Test
  void aLaterFinalEventNeverReplacesAnEarlierOne() {
    Call ended = placed().apply(hangup(HangupCause.BUSY, "USER_BUSY", 3));

    Call after = ended.apply(hangup(HangupCause.NORMAL_CLEARING, "NORMAL_CLEARING", 30));

    assertThat(after).isSameAs(ended);
    assertThat(after.status()).isEqualTo(CallStatus.BUSY);
  }

  @Test
  void aRealHangupThatHappenedEarlierCorrectsTheReconcilersGuess() {
    Call reconciled = placed().apply(hangup(HangupCause.NO_FINAL_EVENT, "no_final_event", 7200));

    Call corrected = reconciled.apply(hangup(HangupCause.NO_ANSWER, "NO_ANSWER", 40));

    assertThat(corrected.status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(corrected.endedAt()).isEqualTo(T0.plusSeconds(40));
  }

  @Test
  void completedWithoutAnAnswerEventHasNoDuration() {
    Call call = placed().apply(hangup(HangupCause.NORMAL_CLEARING, "ANSWERED", 30));

    assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(call.answeredAt()).isNull();
    assertThat(call.durationSeconds()).isNull();
  }

  @Test
  void anEventWithoutTimeUsesItsReceiptTime() {
    CallEvent noTime =
        new CallEvent(
            "c-1",
            EventType.ANSWERED,
            CallStatus.ANSWERED,
            null,
            null,
            null,
            T0.plusSeconds(9),
            "k",
            "{}");

    assertThat(placed().apply(noTime).answeredAt()).isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void constructionRefusesInconsistentCalls() {
    assertThatThrownBy(
            () ->
                new Call(
                    null,
                    "c3",
                    null,
                    null,
                    "ana",
                    "6001",
                    null,
                    "+1",
                    CallStatus.DIALING,
                    null,
                    null,
                    T0,
                    null,
                    null,
                    null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id == null");
    assertThatThrownBy(
            () ->
                new Call(
                    "c-1",
                    "c3",
                    null,
                    null,
                    "ana",
                    "6001",
                    null,
                    "+1",
                    CallStatus.COMPLETED,
                    null,
                    null,
                    T0,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Call(
                    "c-1",
                    "c3",
                    null,
                    null,
                    "ana",
                    "6001",
                    null,
                    "+1",
                    CallStatus.RINGING,
                    HangupCause.BUSY,
                    null,
                    T0,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHangupEventNeedsATerminalStatusAndAMatchingCause() {
    assertThatThrownBy(() -> event(EventType.HANGUP, CallStatus.RINGING, null, null, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> event(EventType.HANGUP, CallStatus.COMPLETED, HangupCause.BUSY, null, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
