package fr.gouv.ti.commons.core.csv;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one CSV reader of the suite: the imports of the API (a phase's territories, the communes) and the seed files.
 * It reads files as people make them with spreadsheet software, as well as the files the suite exports
 * ({@link CsvWriter}): comma or semicolon separated (recognised from the header line), UTF-8 with or without a byte
 * order mark or Windows-1252 (what Excel's "CSV (séparateur : point-virgule)" writes), CRLF, LF or CR line ends.
 * Blank lines, and lines whose cells are all empty (Excel leaves {@code ;;;;} where rows were cleared), are skipped;
 * every row keeps the line of the file it starts on, so that errors point at the right line.
 * <p>
 * <b>What is Apache Commons CSV's and what is written here.</b> Parsing the records (quoted fields, doubled quotes,
 * line breaks inside quoted fields, line ends) is Commons CSV's. Written here because the library does not do it:
 * choosing the text encoding from the bytes (Commons CSV reads characters it is given), recognising the separator
 * (it must be told), dropping the byte order mark from a string, the line each record starts on (the library counts
 * lines, it does not keep them per record) and messages that tell a person what to do with their file instead of
 * the library's own. Commons CSV rather than Jackson's CSV module (also managed by the Quarkus BOM): the imports need
 * rows of strings read strictly (an unclosed quote is an error at its line), not rows bound to objects through a
 * schema, which is what Jackson's module is built for.
 */
public final class CsvReader {

    /** Excel's "ANSI" code page in Western Europe. */
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** How to save a file so that it reads here, for messages. */
    public static final String HOW_TO_SAVE_AS_UTF8 = "Save it as CSV UTF-8: in Excel, Fichier › Enregistrer sous, type "
            + "\"CSV UTF-8 (délimité par des virgules) (*.csv)\" (English Excel: \"CSV UTF-8 (Comma delimited)\"); in "
            + "LibreOffice Calc, Fichier › Enregistrer sous, type \"Texte CSV (.csv)\", jeu de caractères \"Unicode (UTF-8)\".";

    private CsvReader() {
    }

    /** Decoded text and the encoding it was found in. */
    public record Text(String text, Charset charset) {
    }

    /** One record and the line of the file it starts on (1-based). */
    public record Row(int line, List<String> fields) {
    }

    /** A file read: its separator, its header row (null for an empty file) and its data rows. */
    public record Table(CsvSeparator separator, Row header, List<Row> rows) {

        /** The header's column names, trimmed. */
        public List<String> columns() {
            return header == null ? List.of() : header.fields().stream().map(String::trim).toList();
        }

        /**
         * Each data row as column name → value, both trimmed; a row with another number of cells than the header
         * is refused with its line.
         */
        public List<Map<String, String>> maps() {
            List<String> columns = columns();
            List<Map<String, String>> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                if (row.fields().size() != columns.size()) {
                    throw new Refused(row.line(), "expected " + columns.size() + " cells, found "
                            + row.fields().size() + " (the separator is the " + separator.describe() + ")");
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    m.put(columns.get(i), row.fields().get(i).trim());
                }
                out.add(m);
            }
            return out;
        }
    }

    /**
     * A file that cannot be read, with the line at fault (null when the fault is the whole file) and a short reason;
     * the message is a sentence for a person, saying what to do.
     */
    public static final class Refused extends RuntimeException {
        private final Integer line;
        private final String reason;

        Refused(Integer line, String reason) {
            this(line, reason, "The file is not valid CSV: " + (line == null ? "" : "line " + line + ": ") + reason + ".");
        }

        Refused(Integer line, String reason, String message) {
            super(message, null, false, false);
            this.line = line;
            this.reason = reason;
        }

        public Integer line() {
            return line;
        }

        public String reason() {
            return reason;
        }
    }

    // ------------------------------------------------------------------ bytes to text

    /**
     * The text of a file: UTF-8 (a byte order mark is kept, {@link #parse} drops it) or, when the bytes are not
     * UTF-8, Windows-1252. Anything else (UTF-16, a workbook, bytes Windows-1252 does not define, NUL characters) is
     * refused with how to save the file as CSV UTF-8.
     */
    public static Text decode(byte[] bytes) {
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            throw notText("the file is UTF-16 text (what Excel calls \"Texte Unicode\"), not UTF-8 or Windows-1252",
                    "The file is UTF-16 text (what Excel calls \"Texte Unicode (*.txt)\"), not CSV UTF-8.");
        }
        if (startsWith(bytes, 'P', 'K', 3, 4)) {
            throw notText("the file is a workbook (.xlsx or .ods), not CSV",
                    "The file is a spreadsheet workbook (.xlsx or .ods), not a CSV file.");
        }
        if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw notText("the file is an Excel 97-2003 workbook (.xls), not CSV",
                    "The file is an Excel 97-2003 workbook (.xls), not a CSV file.");
        }
        Text text;
        try {
            text = new Text(strict(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(bytes)).toString(), StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            text = windows1252(bytes);
        }
        int nul = text.text().indexOf('\0');
        if (nul >= 0) {
            int line = lineAt(text.text(), nul);
            throw new Refused(line, "a NUL character: this is not a text file",
                    "The file holds a NUL character on line " + line + ": it is not a text file. " + HOW_TO_SAVE_AS_UTF8);
        }
        return text;
    }

    private static Text windows1252(byte[] bytes) {
        CharsetDecoder decoder = strict(WINDOWS_1252);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            String b = String.format("0x%02X", bytes[at] & 0xFF);
            throw new Refused(line, "byte " + b + " is neither UTF-8 nor Windows-1252 text",
                    "The file is neither UTF-8 nor Windows-1252 text (byte " + b + " on line " + line + "). "
                            + HOW_TO_SAVE_AS_UTF8);
        }
        decoder.flush(out);
        out.flip();
        return new Text(out.toString(), WINDOWS_1252);
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static Refused notText(String reason, String what) {
        return new Refused(null, reason, what + " " + HOW_TO_SAVE_AS_UTF8);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    // ------------------------------------------------------------------ text to rows

    /** {@link #decode} then {@link #parse}. */
    public static Table read(byte[] bytes) {
        return parse(decode(bytes).text());
    }

    /**
     * The rows of a CSV text. The separator is the comma or the semicolon, whichever separates the header's column
     * names (a first line {@code sep=;}, which Excel understands, names it too); a header with neither is refused,
     * naming the character that seems to separate it (a tab, say).
     */
    public static Table parse(String text) {
        if (text.startsWith(CsvWriter.BYTE_ORDER_MARK)) {
            text = text.substring(1);
        }
        HeaderLine first = firstLine(text);
        if (first == null) {
            return new Table(CsvSeparator.COMMA, null, List.of());
        }
        boolean sepLine = first.text().strip().startsWith("sep=") && first.text().strip().length() == 5;
        CsvSeparator separator = sepLine ? separatorLine(first) : separatorOf(first);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator.character()).setIgnoreEmptyLines(false).get();
        List<Row> rows = new ArrayList<>();
        Row header = null;
        long lineBefore = 0;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            try {
                while (true) {
                    lineBefore = parser.getCurrentLineNumber();
                    if (!records.hasNext()) {
                        break;
                    }
                    CSVRecord record = records.next();
                    int line = (int) lineBefore + 1;
                    List<String> fields = record.toList();
                    if (fields.stream().allMatch(String::isBlank) || sepLine && line == first.line()) {
                        continue;
                    }
                    if (header == null) {
                        header = new Row(line, List.copyOf(fields));
                    } else {
                        rows.add(new Row(line, List.copyOf(fields)));
                    }
                }
            } catch (UncheckedIOException e) {
                throw syntaxError(e, (int) lineBefore + 1, (int) parser.getCurrentLineNumber(), separator);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return new Table(separator, header, List.copyOf(rows));
    }

    private static Refused syntaxError(UncheckedIOException e, int recordLine, int currentLine, CsvSeparator separator) {
        String message = e.getCause() == null ? String.valueOf(e.getMessage()) : String.valueOf(e.getCause().getMessage());
        if (!(e.getCause() instanceof CSVException)) {
            return new Refused(currentLine, message);
        }
        if (message.contains("EOF reached before encapsulated token finished")) {
            return new Refused(recordLine, "a quoted field that starts on this line is never closed (a double quote "
                    + "inside a quoted field is written twice: \"\")");
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return new Refused(currentLine, "a closing double quote is followed by something other than the "
                    + separator.describe() + " or the end of the line (a double quote inside a quoted field is "
                    + "written twice: \"\")");
        }
        return new Refused(currentLine, message);
    }

    /** The first line that is not blank, up to a line end outside quotes, and its line number. */
    private record HeaderLine(int line, String text) {
    }

    private static HeaderLine firstLine(String text) {
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            boolean quoted = false;
            while (i < n && (quoted || text.charAt(i) != '\r' && text.charAt(i) != '\n')) {
                if (text.charAt(i) == '"') {
                    quoted = !quoted;
                }
                i++;
            }
            String candidate = text.substring(start, i);
            if (!candidate.isBlank()) {
                return new HeaderLine(line, candidate);
            }
            if (i < n && text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++;
            }
            i++;
            line++;
        }
        return null;
    }

    private static CsvSeparator separatorLine(HeaderLine first) {
        char c = first.text().strip().charAt(4);
        for (CsvSeparator s : CsvSeparator.values()) {
            if (s.character() == c) {
                return s;
            }
        }
        throw new Refused(first.line(), "the line sep=" + c + " names " + name(c) + " as the separator; the suite "
                + "reads comma or semicolon separated files");
    }

    private static CsvSeparator separatorOf(HeaderLine first) {
        int[] counts = new int[Character.MAX_VALUE + 1];
        boolean quoted = false;
        for (char c : first.text().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                counts[c]++;
            }
        }
        int commas = counts[','];
        int semicolons = counts[';'];
        if (commas > semicolons) {
            return CsvSeparator.COMMA;
        }
        if (semicolons > commas) {
            return CsvSeparator.SEMICOLON;
        }
        if (commas > 0) {
            throw new Refused(first.line(), "the header line holds as many commas as semicolons (" + commas
                    + " each), so which one separates the columns cannot be told; use one of them only");
        }
        // neither: name the character that seems to separate the column names
        char found = 0;
        for (char c : new char[]{'\t', '|', ':', ' '}) {
            if (counts[c] > 0 && (found == 0 || counts[c] > counts[found])) {
                found = c;
            }
        }
        if (found == 0) {
            for (int c = 0; c < counts.length; c++) {
                if (counts[c] > 0 && !Character.isLetterOrDigit(c) && c != '_' && c != '-' && c != '\''
                        && (found == 0 || counts[c] > counts[found])) {
                    found = (char) c;
                }
            }
        }
        String seen = found == 0 ? "no separator at all (a single column name)"
                : name(found) + " (" + counts[found] + " time" + (counts[found] > 1 ? "s" : "") + ")";
        throw new Refused(first.line(), "the header line holds neither a comma nor a semicolon between the column "
                + "names; found " + seen + ". Separate the columns with commas or semicolons (Excel: Fichier › "
                + "Enregistrer sous, type \"CSV UTF-8 (délimité par des virgules)\" or \"CSV (séparateur : point-virgule)\")");
    }

    private static String name(char c) {
        return switch (c) {
            case '\t' -> "a tab";
            case ' ' -> "a space";
            case '|' -> "a vertical bar ('|')";
            case ':' -> "a colon (':')";
            case ',' -> "a comma (',')";
            case ';' -> "a semicolon (';')";
            default -> String.format("'%c' (U+%04X)", c, (int) c);
        };
    }
}
