package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.WriteMode;

import java.util.List;

/**
 * The settings that decide how a record becomes a row.
 *
 * @param primaryKeyMode   where key columns come from
 * @param primaryKeyFields key field names (a subset of the key's fields, the value's key fields, or the name
 *                         of a primitive key's column)
 * @param versionField     field holding the version, or null to use the change's position or the Kafka offset
 * @param writeMode        merge or append
 * @param deleteMode       what deletes do
 * @param identifierCase   spelling of names
 * @param meta             names of the sink's metadata columns, which data fields may not use
 */
public record ConversionRules(PrimaryKeyMode primaryKeyMode, List<String> primaryKeyFields, String versionField,
                              WriteMode writeMode, DeleteMode deleteMode, IdentifierCase identifierCase,
                              MetadataColumns meta) {

    public ConversionRules {
        primaryKeyFields = List.copyOf(primaryKeyFields);
    }

    /** Whether delete changes are written at all (merge: unless deletes are ignored; append: as soft deletes). */
    public boolean keepsDeletes() {
        return writeMode == WriteMode.MERGE ? deleteMode != DeleteMode.NONE : deleteMode == DeleteMode.SOFT;
    }
}
