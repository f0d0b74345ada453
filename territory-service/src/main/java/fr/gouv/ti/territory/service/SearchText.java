package fr.gouv.ti.territory.service;

import fr.gouv.ti.territory.domain.Member;
import fr.gouv.ti.territory.domain.Territory;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Accent-, case- and punctuation-insensitive search, computed in Java (PostgreSQL's {@code unaccent} is not in every
 * distribution): "Saint-Omer" and "saint omer" both become {@code saint omer}; "Sète" becomes {@code sete}.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private SearchText() {
    }

    public static String normalise(String s) {
        if (s == null) {
            return "";
        }
        String lower = s.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
        String stripped = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return NON_ALNUM.matcher(stripped).replaceAll(" ").trim();
    }

    public static List<String> tokens(String query) {
        String n = normalise(query);
        return n.isEmpty() ? List.of() : Arrays.stream(n.split(" ")).distinct().toList();
    }

    /** What the list's {@code q} filter matches: the territory's name and its current groupements' names. */
    public static String of(Territory t) {
        StringBuilder sb = new StringBuilder(" ").append(normalise(t.name())).append(" |");
        for (Member m : t.currentPerimeter()) {
            sb.append(' ').append(normalise(m.name())).append(" |");
            if (m.officialName() != null && !m.officialName().equals(m.name())) {
                sb.append(' ').append(normalise(m.officialName())).append(" |");
            }
        }
        return sb.toString();
    }
}
