package fr.gouv.ti.territory.service;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: comma separator, double-quote quoting, CRLF or LF line ends. */
public final class Csv {

    private Csv() {
    }

    /** One record and the line of the file it starts on (1-based). */
    public record Row(int line, List<String> fields) {
    }

    /** A syntax error at a line. */
    public static final class SyntaxError extends Exception {
        private final int line;

        public SyntaxError(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    public static List<Row> parse(String text) throws SyntaxError {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int i = 0;
        int n = text.length();
        boolean inRecord = false;
        while (i < n) {
            char ch = text.charAt(i);
            inRecord = true;
            if (ch == '"' && field.isEmpty()) {
                // quoted field
                int start = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new SyntaxError(start, "unterminated quoted field");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                    throw new SyntaxError(line, "unexpected character after a closing quote");
                }
                // mark the field as quoted-nonempty even if empty content: handled by the following separator
                if (field.isEmpty()) {
                    field.append('\0');
                }
                continue;
            }
            if (ch == ',') {
                fields.add(clean(field));
                field.setLength(0);
                i++;
                continue;
            }
            if (ch == '\r' || ch == '\n') {
                fields.add(clean(field));
                field.setLength(0);
                rows.add(new Row(recordLine, List.copyOf(fields)));
                fields.clear();
                inRecord = false;
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                i++;
                line++;
                recordLine = line;
                continue;
            }
            if (ch == '"') {
                throw new SyntaxError(line, "a double quote inside an unquoted field (quote the whole field)");
            }
            field.append(ch);
            i++;
        }
        if (inRecord) {
            fields.add(clean(field));
            rows.add(new Row(recordLine, List.copyOf(fields)));
        }
        return rows;
    }

    private static String clean(StringBuilder field) {
        return field.length() == 1 && field.charAt(0) == '\0' ? "" : field.toString();
    }

    /** One row of the suite's export: through the shared writer, which neutralises cells a spreadsheet would evaluate. */
    public static void appendRow(StringBuilder out, List<String> fields) {
        new fr.gouv.ti.commons.core.csv.CsvWriter(out).row(fields);
    }
}
