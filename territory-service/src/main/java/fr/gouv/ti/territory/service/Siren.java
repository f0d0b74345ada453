package fr.gouv.ti.territory.service;

import java.util.regex.Pattern;

/** SIREN: 9 digits whose Luhn checksum is valid. */
public final class Siren {

    private static final Pattern NINE_DIGITS = Pattern.compile("[0-9]{9}");

    private Siren() {
    }

    /** Null when valid, else why not. */
    public static String problem(String siren) {
        if (siren == null || siren.isBlank()) {
            return "SIREN is required";
        }
        if (!NINE_DIGITS.matcher(siren).matches()) {
            return "SIREN must be exactly 9 digits, got '" + siren + "'";
        }
        if (!luhn(siren)) {
            return "SIREN " + siren + " fails the Luhn checksum";
        }
        return null;
    }

    public static boolean valid(String siren) {
        return problem(siren) == null;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
