package org.dialbridge.demo;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.demo.Contact.Phone;

/**
 * The demo CRM's seeded contacts: Peruvian, Brazilian and US numbers, two pairs of colleagues who
 * share their office's number (an inbound call from it asks the agent who is calling), and a few
 * numbers whose last four digits make the provider emulator end the call another way ({@code 0002}
 * busy, {@code 0003} no answer, {@code 0004} failed, {@code 0005} rejected). Fixed data, so it
 * lives in memory, plus the contacts created while the demo runs (lost when it stops); Dialbridge
 * keeps the calls.
 */
public final class DemoContacts {
  /** When the seeded contacts were last changed, the first latest, each next one a day earlier. */
  private static final Instant SEEDED = Instant.parse("2026-11-30T15:00:00Z");

  /** The most contacts one run may create, so that a public demo cannot be filled up. */
  static final int MAX_CREATED = 200;

  private static final List<Contact> CREATED = new CopyOnWriteArrayList<>();
  private static final List<Contact> SEED =
      List.of(
          contact(
              "1",
              "Lucía Fernández",
              "Head of Purchasing",
              "Inca Textiles S.A.C.",
              "Lima",
              "PE",
              "lucia.fernandez@incatextiles.example",
              new Phone("Office", "+51 1 555 1234"),
              new Phone("Mobile", "+51 987 654 321")),
          contact(
              "2",
              "Jorge Quispe",
              "Logistics Manager",
              "Inca Textiles S.A.C.",
              "Lima",
              "PE",
              "jorge.quispe@incatextiles.example",
              new Phone("Office", "+51 1 555 1234")),
          contact(
              "3",
              "Rosa Huamán",
              "Founder",
              "Andes Café Export",
              "Cusco",
              "PE",
              "rosa@andescafe.example",
              new Phone("Office", "+51 84 234 567")),
          contact(
              "4",
              "Carlos Mendoza",
              "Operations Director",
              "Pacífico Logística",
              "Callao",
              "PE",
              "cmendoza@pacificolog.example",
              new Phone("Office", "+51 1 555 0002")),
          contact(
              "5",
              "Valeria Ríos",
              "CFO",
              "Arequipa Minerals",
              "Arequipa",
              "PE",
              "valeria.rios@aqpminerals.example",
              new Phone("Office", "+51 54 281 000"),
              new Phone("Old mobile", "+51 987 650 004")),
          contact(
              "6",
              "Diego Salazar",
              "CTO",
              "Lima Software Labs",
              "Lima",
              "PE",
              "diego@limasoftware.example",
              new Phone("Office", "+51 1 555 0003")),
          contact(
              "7",
              "Milagros Torres",
              "Buyer",
              "Norte Agroindustrial",
              "Trujillo",
              "PE",
              "mtorres@norteagro.example",
              new Phone("Mobile", "+51 955 120 005")),
          contact(
              "8",
              "Ana Beatriz Souza",
              "Commercial Director",
              "Verde Agro Ltda.",
              "São Paulo",
              "BR",
              "ana.souza@verdeagro.example",
              new Phone("Mobile", "+55 11 98765 4321"),
              new Phone("Office", "+55 11 3555 1100")),
          contact(
              "9",
              "Rafael Oliveira",
              "Purchasing Analyst",
              "Verde Agro Ltda.",
              "São Paulo",
              "BR",
              "rafael.oliveira@verdeagro.example",
              new Phone("Office", "+55 11 3555 1100")),
          contact(
              "10",
              "Camila Santos",
              "Marketing Lead",
              "Rio Mídia Digital",
              "Rio de Janeiro",
              "BR",
              "camila@riomidia.example",
              new Phone("Mobile", "+55 21 99876 0003")),
          contact(
              "11",
              "Thiago Pereira",
              "Plant Manager",
              "Minas Aço S.A.",
              "Belo Horizonte",
              "BR",
              "thiago.pereira@minasaco.example",
              new Phone("Office", "+55 31 3555 0005")),
          contact(
              "12",
              "Juliana Costa",
              "Owner",
              "Vinhos do Sul",
              "Porto Alegre",
              "BR",
              "juliana@vinhosdosul.example",
              new Phone("Office", "+55 51 3222 1100")),
          contact(
              "13",
              "Lucas Almeida",
              "Sales Representative",
              "Laticínios Serra",
              "Juiz de Fora",
              "BR",
              "lucas@laticiniosserra.example",
              new Phone("Mobile", "+55 32 99999 9999")),
          contact(
              "14",
              "Fernanda Lima",
              "Finance Manager",
              "Paulista Seguros",
              "São Paulo",
              "BR",
              "fernanda.lima@paulistaseguros.example",
              new Phone("Office", "+55 11 3555 0002")),
          contact(
              "15",
              "Emily Carter",
              "VP Engineering",
              "Bay Robotics",
              "San Francisco",
              "US",
              "emily.carter@bayrobotics.example",
              new Phone("Office", "+1 415 555 0132")),
          contact(
              "16",
              "Michael Johnson",
              "Procurement Lead",
              "Bay Robotics",
              "San Francisco",
              "US",
              "michael.johnson@bayrobotics.example",
              new Phone("Mobile", "+1 415 555 0147")),
          contact(
              "17",
              "Sarah Kim",
              "Portfolio Manager",
              "Hudson Capital",
              "New York",
              "US",
              "skim@hudsoncapital.example",
              new Phone("Office", "+1 212 555 0003")),
          contact(
              "18",
              "David Miller",
              "Store Manager",
              "Windy City Foods",
              "Chicago",
              "US",
              "dmiller@windycityfoods.example",
              new Phone("Office", "+1 312 555 0004")),
          contact(
              "19",
              "Olivia Brown",
              "Clinic Administrator",
              "Harbor Health",
              "Boston",
              "US",
              "olivia.brown@harborhealth.example",
              new Phone("Office", "+1 617 555 0005")),
          contact(
              "20",
              "James Wilson",
              "Partner",
              "Capitol Consulting",
              "Washington",
              "US",
              "jwilson@capitolconsulting.example",
              new Phone("Office", "+1 202 555 0191"),
              new Phone("Assistant", "+1 202 555 0002")));

  private DemoContacts() {}

  /** Every contact, in id order. */
  public static List<Contact> all() {
    if (CREATED.isEmpty()) return SEED;
    List<Contact> all = new ArrayList<>(SEED);
    all.addAll(CREATED);
    return List.copyOf(all);
  }

  /** The contact with {@code id}. */
  public static Optional<Contact> byId(String id) {
    return all().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * Creates a contact with one number ({@code /contacts/new}, where an unknown caller's "Create
   * contact" leads).
   *
   * @param number in international form ({@code +51 1 555 7788})
   * @throws IllegalArgumentException saying what is wrong with the name or the number, or that the
   *     demo holds as many new contacts as it takes
   */
  public static synchronized Contact create(String name, String company, String number) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 100)
      throw new IllegalArgumentException("The name is required (at most 100 characters).");
    String c = company == null ? "" : company.strip();
    if (c.length() > 100)
      throw new IllegalArgumentException("The company has at most 100 characters.");
    Optional<Destination> phone =
        number == null ? Optional.empty() : new PhoneNumbers("PE").tryParse(number.strip());
    if (phone.isEmpty() || phone.get().isExtension() || !number.strip().startsWith("+"))
      throw new IllegalArgumentException(
          "The phone number must be in international form, e.g. +51 1 555 7788.");
    if (CREATED.size() >= MAX_CREATED)
      throw new IllegalArgumentException("The demo holds no more new contacts: restart it.");
    Contact contact =
        new Contact(
            Integer.toString(SEED.size() + CREATED.size() + 1),
            n,
            "",
            c,
            "",
            phone.get().region() == null ? "PE" : phone.get().region(),
            "",
            List.of(new Phone("Phone", phone.get().e164())),
            Instant.now());
    CREATED.add(contact);
    return contact;
  }

  /** The contacts with a phone number equal to {@code e164}, in id order. */
  public static List<Contact> withNumber(String e164) {
    return all().stream()
        .filter(c -> c.phones().stream().anyMatch(p -> p.e164().equals(e164)))
        .toList();
  }

  /**
   * The contacts whose name, company, city or number contains {@code query}, ignoring case and
   * accents' absence.
   */
  public static List<Contact> search(String query) {
    String q = fold(query == null ? "" : query.strip());
    if (q.isEmpty()) return all();
    String digits = q.replaceAll("\\D", "");
    return all().stream()
        .filter(
            c ->
                fold(c.name()).contains(q)
                    || fold(c.company()).contains(q)
                    || fold(c.city()).contains(q)
                    || (digits.length() >= 3
                        && c.phones().stream().anyMatch(p -> p.e164().contains(digits))))
        .toList();
  }

  private static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT);
  }

  private static Contact contact(
      String id,
      String name,
      String title,
      String company,
      String city,
      String region,
      String email,
      Phone... phones) {
    Instant updatedAt = SEEDED.minus(Duration.ofDays(Integer.parseInt(id) - 1));
    return new Contact(id, name, title, company, city, region, email, List.of(phones), updatedAt);
  }
}
