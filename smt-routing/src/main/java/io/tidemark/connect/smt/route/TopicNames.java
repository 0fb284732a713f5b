package io.tidemark.connect.smt.route;

/**
 * Kafka's rules for a legal topic name, checked here so that a routed record that would break them follows the
 * router's {@code on.missing} policy instead of failing deep inside the producer (or creating a topic nobody meant).
 * The rules are those of the broker: 1 to 249 characters of {@code [a-zA-Z0-9._-]}, and not {@code .} or {@code ..}.
 */
final class TopicNames {

    static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /**
     * Why the name is not a legal topic name, or {@code null} when it is. The reason never quotes the name: a routed
     * name is made of record data.
     */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'.' and '..' are reserved";
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isLegalChar(name.charAt(i))) {
                return "it contains a character outside [a-zA-Z0-9._-] at position " + i;
            }
        }
        return null;
    }

    static boolean isLegalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
