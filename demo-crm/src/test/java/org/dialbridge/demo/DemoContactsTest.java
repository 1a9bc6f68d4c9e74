package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.spi.ContactMatch;
import org.dialbridge.demo.emulator.Outcome;
import org.junit.jupiter.api.Test;

class DemoContactsTest {

  @Test
  void aboutTwentyContactsFromPeruBrazilAndTheUnitedStates() {
    assertThat(DemoContacts.all()).hasSizeBetween(18, 24);
    assertThat(DemoContacts.all()).extracting(Contact::region).containsOnly("PE", "BR", "US");
    assertThat(
            DemoContacts.all().stream()
                .collect(Collectors.groupingBy(Contact::region, Collectors.counting())))
        .allSatisfy((region, count) -> assertThat(count).as(region).isGreaterThanOrEqualTo(5));
    assertThat(DemoContacts.all()).extracting(Contact::id).doesNotHaveDuplicates();
  }

  @Test
  void everyNumberIsOneDialbridgeDialsInTheContactsOwnCountry() {
    PhoneNumbers numbers = new PhoneNumbers("PE");
    for (Contact contact : DemoContacts.all()) {
      for (Contact.Phone phone : contact.phones()) {
        Destination destination = numbers.parse(phone.number());
        assertThat(destination.isExtension()).as(phone.number()).isFalse();
        assertThat(destination.region()).as(phone.number()).isEqualTo(contact.region());
        assertThat(destination.e164()).as(phone.number()).isEqualTo(phone.e164());
      }
    }
  }

  @Test
  void everyEmulatorOutcomeHasAContactToTryItOn() {
    Map<Outcome, List<String>> byOutcome =
        DemoContacts.all().stream()
            .flatMap(c -> c.phones().stream())
            .collect(
                Collectors.groupingBy(
                    p -> Outcome.forNumber(p.number()),
                    Collectors.mapping(Contact.Phone::number, Collectors.toList())));

    assertThat(byOutcome).containsOnlyKeys(Outcome.values());
    // the sandbox note links these contacts as the examples
    assertThat(Outcome.forNumber(DemoContacts.byId("4").orElseThrow().mainPhone().number()))
        .isEqualTo(Outcome.BUSY);
    assertThat(Outcome.forNumber(DemoContacts.byId("6").orElseThrow().mainPhone().number()))
        .isEqualTo(Outcome.NO_ANSWER);
    assertThat(Outcome.forNumber(DemoContacts.byId("18").orElseThrow().mainPhone().number()))
        .isEqualTo(Outcome.FAILED);
    assertThat(Outcome.forNumber(DemoContacts.byId("19").orElseThrow().mainPhone().number()))
        .isEqualTo(Outcome.REJECTED);
  }

  @Test
  void colleaguesSharingAnOfficeNumberAreAllFoundByTheDirectoryInIdOrder() {
    DemoContactDirectory directory = new DemoContactDirectory();

    assertThat(directory.contactIds("+5115551234")).containsExactly("1", "2");
    assertThat(directory.contactIds("+551135551100")).containsExactly("8", "9");
    assertThat(directory.contactIds("+51987654321")).containsExactly("1");
    assertThat(directory.contactIds("+19999999999")).isEmpty();
  }

  @Test
  void anInboundCallersMatchesHaveANameTheirPageAndWhenTheyChanged() {
    List<ContactMatch> shared = new DemoContactDirectory().matches("+5115551234");

    assertThat(shared)
        .extracting(ContactMatch::id, ContactMatch::name, ContactMatch::url)
        .containsExactly(
            tuple("1", "Lucía Fernández", "/contacts/1"),
            tuple("2", "Jorge Quispe", "/contacts/2"));
    // most-recent would pick Lucía: the seeded contacts changed a day apart, the first latest
    assertThat(shared.get(0).updatedAt()).isAfter(shared.get(1).updatedAt());
    assertThat(new DemoContactDirectory().matches("+51987654321"))
        .extracting(ContactMatch::id)
        .containsExactly("1");
    assertThat(new DemoContactDirectory().matches("+5115557788")).isEmpty();
  }

  @Test
  void searchMatchesNameCompanyCityOrDigitsIgnoringAccents() {
    assertThat(DemoContacts.search("lucia")).extracting(Contact::id).containsExactly("1");
    assertThat(DemoContacts.search("SAO PAULO")).extracting(Contact::id).contains("8", "9", "14");
    assertThat(DemoContacts.search("555 0132")).extracting(Contact::id).containsExactly("15");
    assertThat(DemoContacts.search(" ")).hasSameSizeAs(DemoContacts.all());
    assertThat(DemoContacts.search("no such contact")).isEmpty();
  }
}
