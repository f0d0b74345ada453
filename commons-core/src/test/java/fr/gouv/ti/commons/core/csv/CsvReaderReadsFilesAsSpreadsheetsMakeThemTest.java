package fr.gouv.ti.commons.core.csv;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 20, part 7: the CSV files regional and national teams make with spreadsheet software are read as they are
 * (semicolons, CRLF, a byte order mark, Windows-1252), and what cannot be read is refused with the right line and a
 * reason that says what to do, never a quoting error that is not there.
 */
class CsvReaderReadsFilesAsSpreadsheetsMakeThemTest {

    private static byte[] bytes(String text, java.nio.charset.Charset charset, boolean bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.writeBytes(text.getBytes(charset));
        return out.toByteArray();
    }

    @Test
    void aSemicolonFileWithCrlfAndAByteOrderMarkIsReadWithTheLinesItsRowsStartOn() {
        String text = "phase;ti_id;ti_name;department_codes\r\n"
                + "2019-2022;ti-2404;Montargois-en-Gâtinais - Giennois;\"45;89\"\r\n"
                + "2019-2022;ti-2404;\"a name on\r\ntwo lines, with \"\"quotes\"\"\";45\r\n"
                + "\r\n"
                + ";;;\r\n"
                + "2019-2022;ti-7506;Creuse Industrie;23\r\n";
        CsvReader.Text decoded = CsvReader.decode(bytes(text, StandardCharsets.UTF_8, true));
        assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_8);
        CsvReader.Table table = CsvReader.parse(decoded.text());

        assertThat(table.separator()).isEqualTo(CsvSeparator.SEMICOLON);
        assertThat(table.columns()).containsExactly("phase", "ti_id", "ti_name", "department_codes");
        assertThat(table.header().line()).isEqualTo(1);
        assertThat(table.rows()).extracting(CsvReader.Row::line).containsExactly(2, 3, 7);
        assertThat(table.rows().get(0).fields()).containsExactly("2019-2022", "ti-2404",
                "Montargois-en-Gâtinais - Giennois", "45;89");
        assertThat(table.rows().get(1).fields().get(2)).isEqualTo("a name on\r\ntwo lines, with \"quotes\"");
    }

    @Test
    void aCommaFileWithLfOrCrLineEndsReadsTheSameWay() {
        for (String end : List.of("\n", "\r\n", "\r")) {
            CsvReader.Table table = CsvReader.parse("a,b" + end + "1,\"x, y\"" + end + "2,z");
            assertThat(table.separator()).isEqualTo(CsvSeparator.COMMA);
            assertThat(table.rows()).extracting(CsvReader.Row::line).containsExactly(2, 3);
            assertThat(table.rows().get(0).fields()).containsExactly("1", "x, y");
        }
    }

    @Test
    void aDoubleQuoteInsideAnUnquotedCellIsPartOfTheCell() {
        // what gave "a double quote inside an unquoted field" on French Excel's files: the quote is the name's
        CsvReader.Table table = CsvReader.parse("ti_id;ti_name\r\nti-8411;Roanne 12\" Tarare\r\n");
        assertThat(table.rows().get(0).fields()).containsExactly("ti-8411", "Roanne 12\" Tarare");
    }

    @Test
    void windows1252FilesAreDecodedWithTheirAccents() {
        String text = "ti_id;ti_name\r\nti-8411;Auvergne-Rhône-Alpes – Cœur d’Yonne, 5 €, Périgord\r\n";
        CsvReader.Text decoded = CsvReader.decode(text.getBytes(CsvReader.WINDOWS_1252));
        assertThat(decoded.charset()).isEqualTo(CsvReader.WINDOWS_1252);
        assertThat(CsvReader.parse(decoded.text()).rows().get(0).fields().get(1))
                .isEqualTo("Auvergne-Rhône-Alpes – Cœur d’Yonne, 5 €, Périgord");
        // the same text in UTF-8 is read as UTF-8
        assertThat(CsvReader.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new CsvReader.Text(text, StandardCharsets.UTF_8));
    }

    @Test
    void aHeaderSeparatedByNeitherACommaNorASemicolonIsRefusedNamingWhatItHolds() {
        assertThatThrownBy(() -> CsvReader.parse("phase\tti_id\tti_name\r\n2019-2022\tti-8411\tRoanne\r\n"))
                .isInstanceOfSatisfying(CsvReader.Refused.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.reason()).contains("neither a comma nor a semicolon").contains("a tab (2 times)");
                    assertThat(e.getMessage()).startsWith("The file is not valid CSV: line 1: ");
                });
        assertThatThrownBy(() -> CsvReader.parse("\r\nphase|ti_id\r\n"))
                .isInstanceOfSatisfying(CsvReader.Refused.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).contains("a vertical bar ('|')");
                });
        assertThatThrownBy(() -> CsvReader.parse("a,b;c\r\n"))
                .isInstanceOfSatisfying(CsvReader.Refused.class, e -> assertThat(e.reason()).contains("as many commas as semicolons"));
        // a separator inside a quoted column name does not count
        assertThat(CsvReader.parse("\"a;b\",c\r\n1,2\r\n").separator()).isEqualTo(CsvSeparator.COMMA);
        // Excel's sep= line names it
        CsvReader.Table sep = CsvReader.parse("sep=;\r\na;b\r\n1;2\r\n");
        assertThat(sep.separator()).isEqualTo(CsvSeparator.SEMICOLON);
        assertThat(sep.columns()).containsExactly("a", "b");
        assertThat(sep.rows()).extracting(CsvReader.Row::line).containsExactly(3);
    }

    @Test
    void syntaxErrorsGiveTheLineTheyAreOnCountingLineBreaksInsideQuotedCells() {
        String twoLineRecord = "a;b\r\n1;\"x\r\ny\"\r\n";
        assertThatThrownBy(() -> CsvReader.parse(twoLineRecord + "2;\"never closed\r\n3;z\r\n"))
                .isInstanceOfSatisfying(CsvReader.Refused.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.reason()).contains("never closed");
                });
        assertThatThrownBy(() -> CsvReader.parse(twoLineRecord + "2;z\r\n3;\"quoted\" then text\r\n"))
                .isInstanceOfSatisfying(CsvReader.Refused.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.reason()).contains("semicolon (';')").contains("written twice");
                });
    }

    @Test
    void filesThatAreNotUtf8NorWindows1252SayToSaveAsCsvUtf8AndHow() {
        byte[] utf16 = bytes("\uFEFFa;b\r\n", StandardCharsets.UTF_16LE, false);
        byte[] xlsx = {'P', 'K', 3, 4, 20, 0, 6, 0};
        byte[] undefined = bytes("a;b\r\n1;2\r\n3;\u0081\r\n", StandardCharsets.ISO_8859_1, false);
        byte[] binary = {'a', ';', 'b', '\n', 0, 0, 1};
        for (byte[] file : List.of(utf16, xlsx, undefined, binary)) {
            assertThatThrownBy(() -> CsvReader.decode(file))
                    .isInstanceOfSatisfying(CsvReader.Refused.class, e -> assertThat(e.getMessage())
                            .contains("CSV UTF-8 (délimité par des virgules)").contains("Unicode (UTF-8)"));
        }
        assertThatThrownBy(() -> CsvReader.decode(undefined)).isInstanceOfSatisfying(CsvReader.Refused.class,
                e -> assertThat(e.line()).isEqualTo(3));
        assertThatThrownBy(() -> CsvReader.decode(utf16)).hasMessageContaining("UTF-16");
        assertThatThrownBy(() -> CsvReader.decode(xlsx)).hasMessageContaining("workbook");
    }

    @Test
    void anEmptyFileHasNoHeaderAndRowsAsMapsSayWhichLineHasTheWrongNumberOfCells() {
        assertThat(CsvReader.parse("").header()).isNull();
        assertThat(CsvReader.parse("\uFEFF\r\n\r\n").rows()).isEmpty();
        assertThat(CsvReader.parse(" a ; b \r\n 1 ; 2 \r\n").maps()).containsExactly(Map.of("a", "1", "b", "2"));
        assertThatThrownBy(() -> CsvReader.parse("a;b\r\n1;2\r\n1;2;3\r\n").maps())
                .isInstanceOfSatisfying(CsvReader.Refused.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).contains("expected 2 cells, found 3");
                });
    }

    @Test
    void whatTheWriterWritesInEitherVariantReadsBackCellForCell() {
        List<String> cells = List.of("=HYPERLINK(\"http://evil\")", "Cléry; du Betz, et \"l'Ouanne\"", "deux\r\nlignes", "");
        for (CsvSeparator separator : CsvSeparator.values()) {
            StringBuilder out = new StringBuilder();
            CsvWriter w = new CsvWriter(out, separator);
            w.row(List.of("a", "b", "c", "d"));
            w.row(cells);
            w.cell(new BigDecimal("-12.50")).cell(3L).text("x").text("y").end();
            CsvReader.Table table = CsvReader.read(out.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(table.separator()).isEqualTo(separator);
            assertThat(table.rows().get(0).fields().stream().map(CsvWriter::restoreText).toList()).isEqualTo(cells);
            assertThat(table.rows().get(0).fields().get(0)).startsWith("'=");
            assertThat(table.rows().get(1).fields().get(0))
                    .isEqualTo(separator == CsvSeparator.SEMICOLON ? "-12,50" : "-12.50");
            assertThat(table.rows()).extracting(CsvReader.Row::line).containsExactly(2, 4);
        }
    }
}
