package app.conversa.shared;

import java.util.Locale;

/** A case-insensitive "contains" pattern for SQL LIKE, with the user's % and _ taken literally (escape: backslash). */
public final class LikePattern {

    public static final char ESCAPE = '\\';

    private LikePattern() {
    }

    public static String containing(String text) {
        String escaped = text.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
