package app.conversa.contacts;

import java.util.regex.Pattern;

/**
 * Cells a spreadsheet would run as a formula ({@code = + - @}, tab or carriage return first,
 * OWASP "CSV injection") are written with a single quote before them, which spreadsheets show as
 * text and hide; import takes that quote off again. So that a value which itself begins with
 * quotes and then such a character survives the round trip, it gets one more quote on export, and
 * import removes exactly one: export and import are inverse, and a quote before anything else (a
 * name like {@code 'Chino' Pérez}) is never touched. Phones in E.164 begin with '+', so they are
 * quoted too, which also keeps spreadsheets from reading them as numbers and dropping the '+'.
 */
final class CsvCells {

    private static final Pattern EXPORT_QUOTED = Pattern.compile("^'*[=+\\-@\t\r]");
    private static final Pattern IMPORT_QUOTED = Pattern.compile("^'+[=+\\-@\t\r]");

    private CsvCells() {
    }

    /** The cell to write for a value: as is, or behind a single quote when a spreadsheet could run it. */
    static Object write(Object value) {
        return value instanceof String text && EXPORT_QUOTED.matcher(text).find() ? "'" + text : value;
    }

    /** The value of a cell read from a file: one quote fewer when {@link #write} put it there. */
    static String read(String cell) {
        return cell != null && IMPORT_QUOTED.matcher(cell).find() ? cell.substring(1) : cell;
    }
}
