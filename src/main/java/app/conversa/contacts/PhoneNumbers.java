package app.conversa.contacts;

import app.conversa.shared.ConversaException;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Phone numbers in one form, E.164 ("+593987654321"), whoever typed them and however (B3): with
 * or without "+", the country code, a national leading 0, spaces, dashes or brackets. A number
 * without its country code is read in the country the user picked, or the company's default
 * ({@code conversa.contacts.default-country}, an ISO 3166 code; Ecuador in the demo). WhatsApp ids
 * go through the same door, so a contact typed by hand and the same person writing in match.
 */
@Component
public class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultCountry;

    PhoneNumbers(@Value("${conversa.contacts.default-country:EC}") String defaultCountry) {
        this.defaultCountry = defaultCountry.toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(this.defaultCountry)) {
            throw new IllegalStateException("conversa.contacts.default-country is not a country code: " + defaultCountry);
        }
    }

    public String defaultCountry() {
        return defaultCountry;
    }

    /** A country a number can be typed in: ISO code and calling code. */
    public record CountryView(String code, int callingCode) {
    }

    /** Every country libphonenumber knows, by ISO code. */
    public java.util.List<CountryView> countries() {
        return UTIL.getSupportedRegions().stream().sorted()
                .map(region -> new CountryView(region, UTIL.getCountryCodeForRegion(region))).toList();
    }

    /** The number in E.164, or a clear 400 ({@code phone.invalid}) when it is not a valid number. */
    public String normalize(String typed, String country) {
        return parse(typed, country).orElseThrow(() -> ConversaException.invalid("phone.invalid", typed == null ? "" : typed));
    }

    /** The number in E.164 when it is a valid one. */
    public Optional<String> parse(String typed, String country) {
        if (typed == null || typed.isBlank() || typed.length() > 40) {
            return Optional.empty();
        }
        String region = country == null || country.isBlank() ? defaultCountry : country.toUpperCase(Locale.ROOT);
        try {
            var number = UTIL.parse(typed.strip(), region);
            return UTIL.isValidNumber(number) ? Optional.of(UTIL.format(number, PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A WhatsApp id (the digits of the number with its country code) in E.164. WhatsApp's ids are
     * not always valid numbers by the book (older Mexican and Argentine mobile ids keep a 1 or 9),
     * so an id that does not validate is kept as "+" and its digits rather than refused.
     */
    public String fromWhatsAppId(String waId) {
        String digits = waId == null ? "" : waId.replaceAll("\\D", "");
        return parse("+" + digits, null).orElse("+" + digits);
    }
}
