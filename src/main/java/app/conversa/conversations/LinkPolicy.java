package app.conversa.conversations;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Agents may not send links (M-requirements: a collections company must not let agents send
 * payment or phishing links). A link is anything with a scheme ("https://", "ftp://"), a "www."
 * prefix, or a bare domain whose ending is a real public suffix per the Public Suffix List
 * ("pagos.ec", "bit.ly/x"): "hola.gracias" or "3.50" are not links.
 */
final class LinkPolicy {

    private static final Pattern SCHEME = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://\\S+|\\bwww\\.\\S+");
    private static final Pattern DOMAIN_LIKE = Pattern.compile("(?<![\\p{L}\\p{N}@._-])((?:[\\p{L}\\p{N}-]+\\.)+[\\p{L}\\p{N}-]+)");

    private LinkPolicy() {
    }

    static boolean containsLink(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        if (SCHEME.matcher(text).find()) {
            return true;
        }
        var candidates = DOMAIN_LIKE.matcher(text);
        while (candidates.find()) {
            if (isDomain(candidates.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDomain(String candidate) {
        String host = candidate.toLowerCase(Locale.ROOT);
        if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return host.split("\\.").length == 4; // an IPv4 address, not an amount like 3.50
        }
        try {
            var name = InternetDomainName.from(host);
            return name.isUnderPublicSuffix();
        } catch (IllegalArgumentException notADomain) {
            return false;
        }
    }
}
