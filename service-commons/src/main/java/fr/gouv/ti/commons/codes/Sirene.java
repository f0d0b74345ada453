package fr.gouv.ti.commons.codes;

import java.util.regex.Pattern;

/**
 * INSEE identifiers of legal units (SIREN, 9 digits) and establishments (SIRET, 14 digits), both Luhn-checked.
 * La Poste (SIREN 356000000) is the documented exception: its SIRETs have a digit sum that is a multiple of 5.
 */
public final class Sirene {

    private static final Pattern NINE_DIGITS = Pattern.compile("[0-9]{9}");
    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("[0-9]{14}");
    private static final String LA_POSTE = "356000000";

    private Sirene() {
    }

    public static boolean isSiren(String s) {
        return s != null && NINE_DIGITS.matcher(s).matches() && luhn(s);
    }

    public static boolean isSiret(String s) {
        if (s == null || !FOURTEEN_DIGITS.matcher(s).matches()) {
            return false;
        }
        if (s.startsWith(LA_POSTE)) {
            return s.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        return luhn(s) && luhn(s.substring(0, 9));
    }

    /** Null when the SIREN is valid, else why not, in words a client can act on. */
    public static String sirenProblem(String siren) {
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
