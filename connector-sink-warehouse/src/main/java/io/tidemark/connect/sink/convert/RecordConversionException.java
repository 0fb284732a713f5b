package io.tidemark.connect.sink.convert;

import org.apache.kafka.connect.errors.DataException;

/**
 * A record that cannot become a row (no key, a type that does not fit, a bad name). The message names
 * the record by its Kafka coordinates and says what is wrong; it never contains the record's values.
 */
public class RecordConversionException extends DataException {

    private final KafkaCoordinates coordinates;

    public RecordConversionException(KafkaCoordinates coordinates, String problem, Throwable cause) {
        super("Record " + coordinates + " cannot be written: " + problem, cause);
        this.coordinates = coordinates;
    }

    public KafkaCoordinates coordinates() {
        return coordinates;
    }
}
