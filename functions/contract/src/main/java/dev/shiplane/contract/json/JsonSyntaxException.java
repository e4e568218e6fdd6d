package dev.shiplane.contract.json;

/**
 * The text is not a well-formed JSON document. The message says what was found where; {@link #line()} and
 * {@link #column()} alone let a caller whose text is secret report the place without quoting any of it.
 */
public final class JsonSyntaxException extends IllegalArgumentException {

    private final int line;
    private final int column;

    /** An error with no place in the text (no content, not UTF-8). */
    public JsonSyntaxException(String problem) {
        this(problem, 0, 0);
    }

    public JsonSyntaxException(String problem, int line, int column) {
        super(line == 0 ? problem : problem + " at line " + line + ", column " + column);
        this.line = line;
        this.column = column;
    }

    /** 1-based; 0 when the error has no place in the text. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
