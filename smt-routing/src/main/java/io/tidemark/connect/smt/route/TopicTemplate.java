package io.tidemark.connect.smt.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

import org.apache.kafka.connect.connector.ConnectRecord;

import io.tidemark.connect.smt.field.FieldPath;
import io.tidemark.connect.smt.field.RecordField;
import io.tidemark.connect.smt.field.ScalarText;

/**
 * A destination-topic template, compiled once when the router is configured: literal text and placeholders
 * {@code ${reference|modifier|...}}. Rendering a record only walks the compiled segments; nothing is parsed per
 * record.
 *
 * <p>References: {@code topic}, {@code topic:<n>} (group n of {@code topic.regex}), {@code key}, {@code key.<path>},
 * {@code value}, {@code value.<path>}, {@code header.<name>}, {@code source.schema} and {@code source.table}.
 * Modifiers, applied left to right: {@code lower}, {@code upper}, {@code default=<text>}.
 */
final class TopicTemplate {

    /** Headers our CDC source sets on every record, tombstones included (see DESIGN.md, the change-event contract). */
    static final String SCHEMA_HEADER = "tidemark.schema";
    static final String TABLE_HEADER = "tidemark.table";

    private static final String DEFAULT_PREFIX = "default=";

    private final String text;
    private final Segment[] segments;
    private final int highestGroup;
    private final boolean topicOnly;

    private TopicTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments.toArray(new Segment[0]);
        this.highestGroup = segments.stream().mapToInt(s -> s.group).max().orElse(0);
        this.topicOnly = segments.stream().allMatch(s -> s.topicOnly);
    }

    /** @throws IllegalArgumentException with a message naming the faulty part of the template */
    static TopicTemplate parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the template is empty");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            int literalEnd = start < 0 ? text.length() : start;
            if (literalEnd > i) {
                segments.add(literal(text.substring(i, literalEnd)));
            }
            if (start < 0) {
                break;
            }
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                throw new IllegalArgumentException("'${' at position " + start + " is not closed by '}'");
            }
            segments.add(placeholder(text.substring(start + 2, end)));
            i = end + 1;
        }
        return new TopicTemplate(text, segments);
    }

    /** The highest {@code topic.regex} group the template refers to, 0 when it refers to none. */
    int highestGroup() {
        return highestGroup;
    }

    /** True when the result depends on nothing but the record's topic, so it can be remembered per topic. */
    boolean dependsOnTopicOnly() {
        return topicOnly;
    }

    /**
     * The rendered topic name, or {@code null} when a placeholder has no value for this record.
     *
     * @param topicMatch the {@code topic.regex} matcher after a successful {@code matches()}, or {@code null} when the
     *        template uses no groups or the topic did not match
     */
    String render(ConnectRecord<?> record, Matcher topicMatch) {
        if (segments.length == 1) {
            return segments[0].render(record, topicMatch);
        }
        StringBuilder out = new StringBuilder(64);
        for (Segment segment : segments) {
            String part = segment.render(record, topicMatch);
            if (part == null) {
                return null;
            }
            out.append(part);
        }
        return out.toString();
    }

    /** Why {@link #render} gave {@code null} for this record, naming the placeholder (never its value). */
    String explainMissing(ConnectRecord<?> record, Matcher topicMatch) {
        for (Segment segment : segments) {
            if (segment.render(record, topicMatch) == null) {
                return segment.group > 0
                        ? "placeholder " + segment.text + " has no value: the topic does not match topic.regex, or "
                                + "the group did not take part in the match"
                        : "placeholder " + segment.text + " has no value: the field is absent, null, empty or not a "
                                + "scalar";
            }
        }
        return "every placeholder has a value";
    }

    @Override
    public String toString() {
        return text;
    }

    private static Segment literal(String literal) {
        requireTopicChars(literal, "literal text '" + literal + "'");
        return new Segment(literal, (record, match) -> literal, 0, true);
    }

    private static Segment placeholder(String body) {
        String[] pieces = body.split("\\|", -1);
        String reference = pieces[0];
        String text = "${" + body + "}";
        Segment source = reference(reference, text);
        if (pieces.length == 1) {
            return source;
        }
        List<UnaryOperator<String>> modifiers = new ArrayList<>();
        for (int i = 1; i < pieces.length; i++) {
            modifiers.add(modifier(pieces[i], text));
        }
        ValueSource base = source.source;
        ValueSource modified = (record, match) -> {
            String value = base.text(record, match);
            for (UnaryOperator<String> modifier : modifiers) {
                value = modifier.apply(value);
            }
            return value;
        };
        return new Segment(text, modified, source.group, source.topicOnly);
    }

    private static Segment reference(String reference, String text) {
        if (reference.equals("topic")) {
            return new Segment(text, (record, match) -> nonEmpty(record.topic()), 0, true);
        }
        if (reference.startsWith("topic:")) {
            int group = groupNumber(reference.substring("topic:".length()), text);
            return new Segment(text, (record, match) -> match == null ? null : nonEmpty(match.group(group)), group,
                    true);
        }
        if (reference.equals("source.schema")) {
            return new Segment(text, cdcSource(SCHEMA_HEADER, "schema"), 0, false);
        }
        if (reference.equals("source.table")) {
            return new Segment(text, cdcSource(TABLE_HEADER, "table"), 0, false);
        }
        if (!reference.matches("(key|value)(\\..*)?|header\\..+")) {
            throw new IllegalArgumentException("unknown placeholder " + text + ": use topic, topic:<group>, key, "
                    + "key.<path>, value, value.<path>, header.<name>, source.schema or source.table");
        }
        RecordField field;
        try {
            field = RecordField.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("placeholder " + text + ": " + e.getMessage(), e);
        }
        return new Segment(text, (record, match) -> textOf(field.resolve(record)), 0, false);
    }

    /**
     * The source table's schema or name: the header our CDC source sets, or else the {@code source} block of a
     * Debezium envelope value, so routing works for both and survives topic renames by earlier transforms.
     */
    private static ValueSource cdcSource(String header, String envelopeField) {
        RecordField fromHeader = RecordField.parse("header." + header);
        RecordField fromEnvelope = RecordField.parse("value.source." + envelopeField);
        return (record, match) -> {
            String value = textOf(fromHeader.resolve(record));
            return value != null ? value : textOf(fromEnvelope.resolve(record));
        };
    }

    private static int groupNumber(String digits, String text) {
        try {
            int group = Integer.parseInt(digits);
            if (group >= 1) {
                return group;
            }
        } catch (NumberFormatException e) {
            // reported below, with the placeholder
        }
        throw new IllegalArgumentException("placeholder " + text + ": the group must be a number from 1 (use "
                + "${topic} for the whole topic)");
    }

    private static UnaryOperator<String> modifier(String modifier, String text) {
        if (modifier.equals("lower")) {
            return value -> value == null ? null : value.toLowerCase(Locale.ROOT);
        }
        if (modifier.equals("upper")) {
            return value -> value == null ? null : value.toUpperCase(Locale.ROOT);
        }
        if (modifier.startsWith(DEFAULT_PREFIX)) {
            String fallback = modifier.substring(DEFAULT_PREFIX.length());
            if (fallback.isEmpty()) {
                throw new IllegalArgumentException("placeholder " + text + ": 'default=' needs a value");
            }
            requireTopicChars(fallback, "placeholder " + text + ": the default '" + fallback + "'");
            return value -> value == null ? fallback : value;
        }
        throw new IllegalArgumentException("placeholder " + text + ": unknown modifier '" + modifier
                + "'; use lower, upper or default=<text>");
    }

    private static void requireTopicChars(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            if (!TopicNames.isLegalChar(text.charAt(i))) {
                throw new IllegalArgumentException(what + " contains '" + text.charAt(i) + "', which topic names "
                        + "cannot contain (allowed: a-z A-Z 0-9 . _ -)");
            }
        }
    }

    private static String textOf(Object value) {
        return value == FieldPath.ABSENT ? null : nonEmpty(ScalarText.of(value));
    }

    /** An empty value counts as no value: it would leave an empty piece in the topic name. */
    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @FunctionalInterface
    private interface ValueSource {
        String text(ConnectRecord<?> record, Matcher topicMatch);
    }

    private static final class Segment {
        final String text;
        final ValueSource source;
        final int group;
        final boolean topicOnly;

        Segment(String text, ValueSource source, int group, boolean topicOnly) {
            this.text = text;
            this.source = source;
            this.group = group;
            this.topicOnly = topicOnly;
        }

        String render(ConnectRecord<?> record, Matcher topicMatch) {
            return source.text(record, topicMatch);
        }
    }
}
