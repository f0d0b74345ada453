package fr.gouv.ti.commons.core.csv;

import java.util.Optional;

/**
 * The two separators of the suite's CSV files. {@link #COMMA} is RFC 4180, for programs; {@link #SEMICOLON} is what
 * spreadsheet software set to a French locale writes and reads (the comma there is the decimal mark). The exports
 * take it as {@code ?separator=comma|semicolon}; the imports recognise either from the header line.
 */
public enum CsvSeparator {
    COMMA(',', "comma"),
    SEMICOLON(';', "semicolon");

    /** The allowed values of an export's {@code separator} query parameter, for messages and documents. */
    public static final String PARAMETER_VALUES = "comma or semicolon";

    private final char character;
    private final String parameterValue;

    CsvSeparator(char character, String parameterValue) {
        this.character = character;
        this.parameterValue = parameterValue;
    }

    public char character() {
        return character;
    }

    /** The value of the {@code separator} query parameter that asks for this separator. */
    public String parameterValue() {
        return parameterValue;
    }

    /** The separator a {@code separator} query value names, exactly as documented; empty for anything else. */
    public static Optional<CsvSeparator> ofParameter(String value) {
        for (CsvSeparator s : values()) {
            if (s.parameterValue.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** How a message names this separator: "comma (',')". */
    public String describe() {
        return parameterValue + " ('" + character + "')";
    }
}
