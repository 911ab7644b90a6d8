package app.conversa.conversations;

import com.google.common.net.InternetDomainName;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Agents may not send links (M-requirements: a collections company must not let agents send
 * payment or phishing links). A link is anything with a scheme ("https://", "ftp://", "mailto:",
 * "javascript:", "data:"), a "www." prefix, or a bare domain whose ending is a real public suffix
 * per the Public Suffix List ("pagos.ec", "bit.ly/x"): "hola.gracias" or "3.50" are not links.
 *
 * <p>The text is first brought to the form a phone displays and links: compatibility characters
 * folded (NFKC: "ｐａｇｏｓ．ｅｃ" becomes "pagos.ec"), the ideographic full stop read as a dot (as IDNA
 * does), and invisible format characters (zero-width spaces and joiners, Unicode category Cf)
 * removed, so none of them can hide a link.
 */
final class LinkPolicy {

    private static final Pattern FORMAT_CHARACTERS = Pattern.compile("\\p{Cf}");
    private static final Pattern SCHEME = Pattern.compile(
            "(?i)\\b[a-z][a-z0-9+.-]*://\\S+|\\bwww\\.\\S+|\\b(?:mailto|javascript|vbscript|data):(?=\\S)");
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";
    /** Labels joined by dots; hyphens, dots, underscores or other punctuation around it are not part of it. */
    private static final Pattern DOMAIN_LIKE = Pattern.compile("(?<![\\p{L}\\p{N}@])((?:" + LABEL + "\\.)+" + LABEL + ")");

    private LinkPolicy() {
    }

    static boolean containsLink(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String normalized = normalize(text);
        if (SCHEME.matcher(normalized).find()) {
            return true;
        }
        var candidates = DOMAIN_LIKE.matcher(normalized);
        while (candidates.find()) {
            if (isDomain(candidates.group(1))) {
                return true;
            }
        }
        return false;
    }

    static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u3002', '.');
        return FORMAT_CHARACTERS.matcher(folded).replaceAll("");
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
