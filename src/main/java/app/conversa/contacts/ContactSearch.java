package app.conversa.contacts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finding contacts by what a user types (C3): a name in any case and with or without accents,
 * in part and in any word order ("jose nun" finds "José Núñez"), or a phone number by any run of
 * its digits, with or without the country code, "+", spaces or a national leading 0. Matching
 * runs on keys stored beside each contact ({@code search_name}, {@code phone_digits}), served by
 * trigram indexes on PostgreSQL and by a plain scan on H2.
 */
public final class ContactSearch {

    /** A subquery selecting the ids of the matching contacts, with its named parameters. */
    public record Subquery(String sql, Map<String, Object> params) {
    }

    private ContactSearch() {
    }

    /** The name as search compares it: lower case, without accents, single spaces. */
    public static String foldName(String name) {
        if (name == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String folded = decomposed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return folded.length() <= 200 ? folded : folded.substring(0, 200);
    }

    /** Only the digits of a phone number. */
    public static String digits(String phone) {
        return phone == null ? null : phone.replaceAll("\\D", "");
    }

    /**
     * What to look for, or nothing for a blank query. Text without letters is a phone number
     * (at least three digits); anything else is matched word by word against the name.
     */
    public static Optional<Subquery> parse(String query) {
        if (query == null || query.isBlank()) {
            return Optional.empty();
        }
        String trimmed = query.strip();
        var params = new HashMap<String, Object>();
        if (!trimmed.matches(".*\\p{L}.*")) {
            String digits = digits(trimmed);
            if (digits.length() >= 3) {
                params.put("searchPhone", "%" + digits + "%");
                // "0991234567" as written in Ecuador is "593991234567" with the country code
                String national = digits.replaceFirst("^0+", "");
                params.put("searchNational", "%" + (national.length() >= 3 ? national : digits) + "%");
                return Optional.of(new Subquery("""
                        select id from contacts
                        where phone_digits like :searchPhone or phone_digits like :searchNational""", params));
            }
        }
        var conditions = new ArrayList<String>();
        List<String> words = List.of(foldName(trimmed).split(" "));
        for (int i = 0; i < words.size() && i < 6; i++) {
            params.put("searchName" + i, "%" + escapeLike(words.get(i)) + "%");
            conditions.add("search_name like :searchName" + i + " escape '\\'");
        }
        return Optional.of(new Subquery("select id from contacts where " + String.join(" and ", conditions), params));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
