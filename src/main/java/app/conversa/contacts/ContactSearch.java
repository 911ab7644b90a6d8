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

    /** The same match as a condition on a contacts table aliased {@code alias} ({@code LIKE '%…%'}). */
    public static Optional<Subquery> condition(String query, String alias) {
        return terms(query).map(terms -> terms.like(alias));
    }

    /**
     * What a query looks for, or nothing for a blank query. Text without letters is a phone number
     * (at least three digits); anything else is matched word by word against the name.
     */
    static Optional<Terms> terms(String query) {
        if (query == null || query.isBlank()) {
            return Optional.empty();
        }
        String trimmed = query.strip();
        if (!trimmed.matches(".*\\p{L}.*")) {
            String digits = digits(trimmed);
            if (digits.length() >= 3) {
                // "0991234567" as written in Ecuador is "593991234567" with the country code
                String national = digits.replaceFirst("^0+", "");
                return Optional.of(new Terms(national.length() >= 3 ? national : digits, List.of()));
            }
        }
        List<String> words = List.of(foldName(trimmed).split(" "));
        return Optional.of(new Terms(null, words.subList(0, Math.min(words.size(), 6))));
    }

    /**
     * A parsed query: a run of phone digits, or up to six folded name words (each must occur in the
     * name). The match has two equivalent forms: {@link #like} ({@code LIKE '%…%'}, which the trigram
     * indexes serve on PostgreSQL) and {@link #scan} ({@code position(…) > 0}, which no index serves:
     * for tests on rows read in another order, such as a walk of the name index).
     */
    record Terms(String phoneDigits, List<String> words) {

        boolean phone() {
            return phoneDigits != null;
        }

        Subquery like(String alias) {
            var params = new HashMap<String, Object>();
            if (phone()) {
                params.put("searchPhone", "%" + phoneDigits + "%");
                return new Subquery(alias + ".phone_digits like :searchPhone", params);
            }
            var conditions = new ArrayList<String>();
            for (int i = 0; i < words.size(); i++) {
                params.put("searchName" + i, "%" + escapeLike(words.get(i)) + "%");
                conditions.add(alias + ".search_name like :searchName" + i + " escape '\\'");
            }
            return new Subquery("(" + String.join(" and ", conditions) + ")", params);
        }

        Subquery scan(String alias) {
            var params = new HashMap<String, Object>();
            if (phone()) {
                params.put("scanPhone", phoneDigits);
                return new Subquery("position(:scanPhone in " + alias + ".phone_digits) > 0", params);
            }
            var conditions = new ArrayList<String>();
            for (int i = 0; i < words.size(); i++) {
                params.put("scanName" + i, words.get(i));
                conditions.add("position(:scanName" + i + " in " + alias + ".search_name) > 0");
            }
            return new Subquery("(" + String.join(" and ", conditions) + ")", params);
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
