package io.tidemark.connect.smt.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.MaskField;
import org.apache.kafka.connect.transforms.Transformation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.tidemark.connect.smt.mask.MaskFields;

/**
 * MaskFields against Kafka's MaskField, masking the same three string fields (email, phone, card) of the same
 * 20-field records. redact is the like-for-like strategy (a fixed replacement, as MaskField does); partial and hmac
 * show what their extra work costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MaskingBenchmark {

    private static final String FIELDS = "email,phone,card";

    private final TwentyFieldRecords records = new TwentyFieldRecords();

    private MaskField<SourceRecord> maskField;
    private Transformation<SourceRecord> redact;
    private Transformation<SourceRecord> partial;
    private Transformation<SourceRecord> hmac;

    @Setup
    public void setUp() {
        maskField = new MaskField.Value<>();
        maskField.configure(Map.of("fields", FIELDS, "replacement", "***"));
        redact = mask("redact");
        partial = mask("partial");
        hmac = mask("hmac");
    }

    @TearDown
    public void tearDown() {
        maskField.close();
        redact.close();
        partial.close();
        hmac.close();
    }

    @Benchmark
    public SourceRecord kafkaMaskField() {
        return maskField.apply(records.next());
    }

    @Benchmark
    public SourceRecord maskFieldsRedact() {
        return redact.apply(records.next());
    }

    @Benchmark
    public SourceRecord maskFieldsPartial() {
        return partial.apply(records.next());
    }

    @Benchmark
    public SourceRecord maskFieldsHmac() {
        return hmac.apply(records.next());
    }

    private static Transformation<SourceRecord> mask(String strategy) {
        Map<String, String> props = new HashMap<>();
        props.put("rules", "pii");
        props.put("rules.pii.fields", FIELDS);
        props.put("rules.pii.strategy", strategy);
        if (strategy.equals("redact")) {
            props.put("rules.pii.replacement", "***");
        }
        if (strategy.equals("hmac")) {
            props.put("hmac.secret", "benchmark-secret-0123456789abcdef");
        }
        MaskFields<SourceRecord> transform = new MaskFields.Value<>();
        transform.configure(props);
        return transform;
    }
}
