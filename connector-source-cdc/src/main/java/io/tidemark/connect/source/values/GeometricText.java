package io.tidemark.connect.source.values;

import java.util.StringJoiner;

import org.postgresql.geometric.PGbox;
import org.postgresql.geometric.PGcircle;
import org.postgresql.geometric.PGline;
import org.postgresql.geometric.PGlseg;
import org.postgresql.geometric.PGpath;
import org.postgresql.geometric.PGpoint;
import org.postgresql.geometric.PGpolygon;

/**
 * PostgreSQL's text form of a geometric value the JDBC driver or Debezium parsed into its PG* object: the
 * same brackets PostgreSQL prints ({@code (x,y)}, {@code (x1,y1),(x2,y2)}, {@code <(x,y),r>},
 * {@code {a,b,c}}, {@code [(x1,y1),(x2,y2)]}, open {@code [...]} and closed {@code (...)} paths), each
 * coordinate as PostgreSQL spells a double. The objects' own getValue() prints Java's spelling.
 */
final class GeometricText {

    private GeometricText() {
    }

    /** The text of {@code value}, or null when it is not a geometric object. */
    static String of(Object value) {
        if (value instanceof PGpoint point) {
            return point(point);
        }
        if (value instanceof PGbox box) {
            return point(box.point[0]) + "," + point(box.point[1]);
        }
        if (value instanceof PGcircle circle) {
            return "<" + point(circle.center) + "," + PostgresFloatText.format(circle.radius) + ">";
        }
        if (value instanceof PGline line) {
            return "{" + PostgresFloatText.format(line.a) + "," + PostgresFloatText.format(line.b) + ","
                    + PostgresFloatText.format(line.c) + "}";
        }
        if (value instanceof PGlseg segment) {
            return "[" + point(segment.point[0]) + "," + point(segment.point[1]) + "]";
        }
        if (value instanceof PGpath path) {
            return points(path.points, path.isOpen() ? "[" : "(", path.isOpen() ? "]" : ")");
        }
        if (value instanceof PGpolygon polygon) {
            return points(polygon.points, "(", ")");
        }
        return null;
    }

    private static String points(PGpoint[] points, String open, String close) {
        StringJoiner joined = new StringJoiner(",", open, close);
        for (PGpoint point : points) {
            joined.add(point(point));
        }
        return joined.toString();
    }

    private static String point(PGpoint point) {
        return "(" + PostgresFloatText.format(point.x) + "," + PostgresFloatText.format(point.y) + ")";
    }
}
