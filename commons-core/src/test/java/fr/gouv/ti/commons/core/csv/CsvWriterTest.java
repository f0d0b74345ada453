package fr.gouv.ti.commons.core.csv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding 6 of issue 18: no export cell is ever evaluated as a formula by a spreadsheet. */
class CsvWriterTest {

    @Test
    void textCellsThatASpreadsheetWouldEvaluateAreWrittenAsQuotedTextWithALeadingApostrophe() {
        StringBuilder out = new StringBuilder();
        new CsvWriter(out).text("=HYPERLINK(\"http://evil\",\"x\")").text("+33 1").text("-2+3").text("@SUM(A1)")
                .text("\tx").text("\rx").text("ok").end();
        assertThat(out.toString()).isEqualTo(
                "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",\"'+33 1\",\"'-2+3\",\"'@SUM(A1)\",\"'\tx\",\"'\rx\",ok\r\n");
    }

    @Test
    void numbersStayNumbersEvenNegative() {
        StringBuilder out = new StringBuilder();
        new CsvWriter(out).number(-1500).number("-12.50").cell(-7L).cell(new java.math.BigDecimal("-3.25"))
                .number("-1+1").end();
        assertThat(out.toString()).isEqualTo("-1500,-12.50,-7,-3.25,\"'-1+1\"\r\n");
    }

    @Test
    void ordinaryTextIsQuotedOnlyWhenRfc4180NeedsIt() {
        StringBuilder out = new StringBuilder();
        new CsvWriter(out).row(List.of("Roanne, Tarare", "dit \"x\"", "plain", ""));
        assertThat(out.toString()).isEqualTo("\"Roanne, Tarare\",\"dit \"\"x\"\"\",plain,\r\n");
    }

    @Test
    void theSuitesOwnImportersReadBackTheTextThatWasWritten() {
        assertThat(CsvWriter.restoreText("'=1+1")).isEqualTo("=1+1");
        assertThat(CsvWriter.restoreText("'quoted")).isEqualTo("'quoted");
        assertThat(CsvWriter.restoreText("plain")).isEqualTo("plain");
    }

    @Test
    void theSemicolonVariantStartsWithAByteOrderMarkUsesDecimalCommasAndIsNeutralisedTheSameWay() {
        StringBuilder out = new StringBuilder();
        new CsvWriter(out, CsvSeparator.SEMICOLON).text("=1+1").text("42;69").text("Roanne, Tarare").number("-12.50")
                .number(-1500).end();
        assertThat(out.toString()).isEqualTo("\uFEFF\"'=1+1\";\"42;69\";Roanne, Tarare;-12,50;-1500\r\n");
    }
}
