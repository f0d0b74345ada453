package fr.gouv.ti.measure.service;

import fr.gouv.ti.measure.domain.MeasureEntry;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Accent- and case-insensitive text: "Écoles", "ecoles" and "ÉCOLES" all become "ecoles"; "œuvre" becomes "oeuvre". */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}%_-]+");

    private SearchText() {
    }

    public static String normalize(String s) {
        if (s == null) {
            return "";
        }
        String t = s.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae");
        t = MARKS.matcher(Normalizer.normalize(t, Normalizer.Form.NFD)).replaceAll("");
        return NOT_WORD.matcher(t).replaceAll(" ").trim();
    }

    /** What a text query is matched against: code, titles and description. */
    public static String of(MeasureEntry m) {
        return " " + normalize(String.join(" ", m.code, m.titleFr, nz(m.titleEn), nz(m.description))) + " ";
    }

    /** The words of a query, each to be found (AND), with LIKE wildcards escaped. */
    public static List<String> terms(String query) {
        String n = normalize(query);
        if (n.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(n.split(" "))
                .map(w -> w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                .toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
