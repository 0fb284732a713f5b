package io.tidemark.connect.systemtest.workload;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/**
 * Values for the demo shop's rows, from a seeded {@link Random} so that a run can be repeated. Personal
 * data (e-mail, phone, card number) look real enough for the masking rules, and some customers get a
 * {@code notes} value large and random enough that PostgreSQL stores it out of line (TOAST).
 */
final class ShopRows {

    /** Random hex compresses poorly, so this many characters always end up out of line (over ~2 kB). */
    private static final int LARGE_NOTES_CHARS = 6000;
    private static final List<String> REGIONS = List.of("EU", "US", "APAC");
    private static final List<String> NAMES = List.of("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances",
        "Ken", "Radia", "Niklaus");
    private static final List<String> STATUSES = List.of("new", "paid", "packed", "shipped", "delivered");
    private static final List<String> TIERS = List.of("bronze", "silver", "gold");

    private final Random random;

    ShopRows(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    String name(long id) {
        return NAMES.get(random.nextInt(NAMES.size())) + " " + id;
    }

    String email(long id) {
        return "customer" + id + "." + random.nextInt(1000) + "@example.com";
    }

    String phone() {
        return "+336" + digits(8);
    }

    String cardNumber() {
        return "4" + digits(15);
    }

    String region() {
        return REGIONS.get(random.nextInt(REGIONS.size()));
    }

    String tier() {
        return TIERS.get(random.nextInt(TIERS.size()));
    }

    String status() {
        return STATUSES.get(random.nextInt(STATUSES.size()));
    }

    BigDecimal amount() {
        return BigDecimal.valueOf(random.nextInt(1_000_000) + 100, 2);
    }

    /** Large (stored out of line) for about half the customers, short or null for the others. */
    String notes(boolean large) {
        if (large) {
            StringBuilder notes = new StringBuilder(LARGE_NOTES_CHARS);
            while (notes.length() < LARGE_NOTES_CHARS) {
                notes.append(Long.toHexString(random.nextLong()));
            }
            return notes.substring(0, LARGE_NOTES_CHARS);
        }
        return random.nextBoolean() ? null : "prefers e-mail, " + digits(3);
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
