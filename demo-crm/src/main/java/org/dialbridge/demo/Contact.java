package org.dialbridge.demo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One contact of the demo CRM.
 *
 * @param id the CRM's id, the {@code contact-id} Dialbridge links calls to
 * @param region ISO 3166 code of the contact's country ({@code PE}, {@code BR}, {@code US})
 * @param phones the contact's numbers, the main one first
 * @param updatedAt when the contact was last changed (what {@code
 *     dialbridge.inbound.several-matches=most-recent} goes by)
 */
public record Contact(
    String id,
    String name,
    String title,
    String company,
    String city,
    String region,
    String email,
    List<Phone> phones,
    Instant updatedAt) {

  public Contact {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(title, "title == null");
    Objects.requireNonNull(company, "company == null");
    Objects.requireNonNull(city, "city == null");
    Objects.requireNonNull(region, "region == null");
    Objects.requireNonNull(email, "email == null");
    phones = List.copyOf(Objects.requireNonNull(phones, "phones == null"));
    if (phones.isEmpty()) throw new IllegalArgumentException("a contact needs a phone number");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
  }

  /** The number the contact page's call button dials. */
  public Phone mainPhone() {
    return phones.get(0);
  }

  /**
   * A contact's phone number as a CRM stores it.
   *
   * @param label what the number is ({@code Mobile}, {@code Office}, …)
   * @param number the number as written, in international format ({@code +51 1 555 1234})
   */
  public record Phone(String label, String number) {
    public Phone {
      Objects.requireNonNull(label, "label == null");
      Objects.requireNonNull(number, "number == null");
      if (!number.startsWith("+"))
        throw new IllegalArgumentException("number must start with +: " + number);
    }

    /** The number in E.164: {@code +} and its digits. */
    public String e164() {
      return "+" + number.replaceAll("\\D", "");
    }
  }
}
