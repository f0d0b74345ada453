package fr.gouv.ti.commons.core.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The one CSV writer of the suite's exports (RFC 4180 double-quote quoting, CRLF; comma or semicolon separated), so
 * that every file a client downloads is safe to open in a spreadsheet. {@link CsvReader} is its reading side.
 * <p>
 * <b>Separator.</b> {@link CsvSeparator#COMMA} (the default) is plain RFC 4180 for programs: no byte order mark,
 * decimals with a dot. {@link CsvSeparator#SEMICOLON} is the variant for spreadsheet users in a French locale, made
 * to open with a double click in Excel: semicolons between cells, decimals with a comma ({@code 123,45}, a number
 * to Excel there; {@code 123.45} would be text), and a UTF-8 byte order mark first, without which Excel reads a
 * CSV file as Windows-1252 and shows {@code Ã©} for {@code é}. The mark is left out of the comma variant because
 * programs reading RFC 4180 take it for part of the first column's name. Quoting and formula neutralisation are the
 * same in both.
 * <p>
 * <b>Formula neutralisation.</b> A text cell that starts with {@code = + - @}, a tab or a carriage return would be
 * read by Excel, LibreOffice or Google Sheets as a formula ({@code =HYPERLINK(...)}, DDE): such a cell is written
 * with a leading apostrophe and quoted ({@code "'=HYPERLINK(..."}), which spreadsheets show as the text typed and
 * never evaluate (OWASP's "CSV injection" advice). Numbers are written as numbers through {@link #number}: a
 * negative amount stays {@code -1500}, not text. Importers of the suite's own files undo it with
 * {@link #restoreText(String)}.
 */
public final class CsvWriter {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** The byte order mark that starts the semicolon variant. */
    public static final String BYTE_ORDER_MARK = "\uFEFF";

    private final Appendable out;
    private final CsvSeparator separator;
    private boolean rowStarted;

    /** An RFC 4180 writer: comma separated. */
    public CsvWriter(Appendable out) {
        this(out, CsvSeparator.COMMA);
    }

    /** A writer with this separator; the semicolon variant writes its byte order mark at once. */
    public CsvWriter(Appendable out, CsvSeparator separator) {
        this.out = out;
        this.separator = separator;
        if (separator == CsvSeparator.SEMICOLON) {
            append(BYTE_ORDER_MARK);
        }
    }

    public CsvSeparator separator() {
        return separator;
    }

    /** A text cell, quoted when needed and neutralised when a spreadsheet would take it for a formula. */
    public CsvWriter text(String value) {
        return raw(textCell(value, separator));
    }

    /** A numeric cell, written as is. */
    public CsvWriter number(long value) {
        return raw(Long.toString(value));
    }

    /** A decimal number already formatted ({@code -12.50}); anything that is not one is written as text. */
    public CsvWriter number(String formatted) {
        if (formatted == null || formatted.isEmpty()) {
            return raw("");
        }
        if (!NUMBER.matcher(formatted).matches()) {
            return text(formatted);
        }
        return raw(separator == CsvSeparator.SEMICOLON ? formatted.replace('.', ',') : formatted);
    }

    /** A cell typed by its value: a {@link Number} as a number (integers and decimals), anything else as text. */
    public CsvWriter cell(Object value) {
        if (value == null) {
            return raw("");
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof java.math.BigInteger) {
            return raw(value.toString());
        }
        if (value instanceof java.math.BigDecimal d) {
            return number(d.toPlainString());
        }
        return text(value.toString());
    }

    /** A whole row of text cells. */
    public CsvWriter row(Iterable<String> cells) {
        for (String c : cells) {
            text(c);
        }
        return end();
    }

    public CsvWriter end() {
        append("\r\n");
        rowStarted = false;
        return this;
    }

    private CsvWriter raw(String cell) {
        if (rowStarted) {
            append(String.valueOf(separator.character()));
        }
        rowStarted = true;
        append(cell);
        return this;
    }

    private void append(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when a spreadsheet would evaluate a cell starting like this one. */
    public static boolean looksLikeFormula(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The cell for a text value: neutralised if needed, then quoted if needed (when it holds the separator too). */
    public static String textCell(String value, CsvSeparator separator) {
        if (value == null) {
            return "";
        }
        if (looksLikeFormula(value)) {
            return '"' + ("'" + value).replace("\"", "\"\"") + '"';
        }
        if (value.indexOf(separator.character()) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** The text a neutralised cell stood for, for importers reading back a file the suite wrote. */
    public static String restoreText(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && looksLikeFormula(cell.substring(1))) {
            return cell.substring(1);
        }
        return cell;
    }
}
