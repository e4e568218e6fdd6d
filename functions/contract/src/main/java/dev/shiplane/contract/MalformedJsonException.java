package dev.shiplane.contract;

/**
 * The text is not one well-formed JSON document. The message says what Jackson found where; {@link #line()} and
 * {@link #column()} alone let a caller whose text is secret report the place without quoting any of it.
 */
public final class MalformedJsonException extends IllegalArgumentException {

    private final int line;
    private final int column;

    MalformedJsonException(String problem, int line, int column, Throwable cause) {
        super(line <= 0 ? problem : problem + " at line " + line + ", column " + column, cause);
        this.line = Math.max(line, 0);
        this.column = Math.max(column, 0);
    }

    /** 1-based; 0 when the error has no place in the text (no content, a stream limit). */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
