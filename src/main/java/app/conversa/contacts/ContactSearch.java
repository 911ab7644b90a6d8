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
        return condition(query, "contacts").map(found ->
                new Subquery("select contacts.id from contacts where " + found.sql(), found.params()));
    }

    /**
     * The same match as a condition on a contacts table aliased {@code alias}, for queries that
     * list contacts themselves (a condition on the rows read, not a self-join: the planner then
     * weighs the trigram index against the list's order).
     */
    public static Optional<Subquery> condition(String query, String alias) {
        if (query == null || query.isBlank()) {
            return Optional.empty();
        }
        String trimmed = query.strip();
        var params = new HashMap<String, Object>();
        if (!trimmed.matches(".*\\p{L}.*")) {
            String digits = digits(trimmed);
            if (digits.length() >= 3) {
                // "0991234567" as written in Ecuador is "593991234567" with the country code
                String national = digits.replaceFirst("^0+", "");
                params.put("searchPhone", "%" + (national.length() >= 3 ? national : digits) + "%");
                return Optional.of(new Subquery(alias + ".phone_digits like :searchPhone", params));
            }
        }
        var conditions = new ArrayList<String>();
        List<String> words = List.of(foldName(trimmed).split(" "));
        for (int i = 0; i < words.size() && i < 6; i++) {
            params.put("searchName" + i, "%" + escapeLike(words.get(i)) + "%");
            conditions.add(alias + ".search_name like :searchName" + i + " escape '\\'");
        }
        return Optional.of(new Subquery("(" + String.join(" and ", conditions) + ")", params));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
