package app.conversa.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.conversa.shared.ConversaException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Phone numbers as people type them, in Ecuador (the default country) and elsewhere, to E.164. */
class PhoneNumbersTests {

    private final PhoneNumbers phones = new PhoneNumbers("EC");

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            0991234567           | -  | +593991234567
            099 123 4567         | -  | +593991234567
            099-123-4567         | -  | +593991234567
            +593 99 123 4567     | -  | +593991234567
            +593991234567        | -  | +593991234567
            00593991234567       | -  | +593991234567
            (02) 255-0100        | -  | +59322550100
            02 2550100           | -  | +59322550100
            +593 2 255 0100      | -  | +59322550100
            04 2 123456          | -  | +59342123456
            +34 612 34 56 78     | -  | +34612345678
            612 345 678          | ES | +34612345678
            +49 30 1234567       | -  | +49301234567
            030 1234567          | DE | +49301234567
            (212) 555-0123       | US | +12125550123
            +1 212 555 0123      | EC | +12125550123
            """)
    void typedNumbersBecomeE164(String typed, String country, String expected) {
        assertThat(phones.normalize(typed, country)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource(delimiter = '|', textBlock = """
            hola
            12
            099123
            +593 99 123 45678 9
            +999 123 456 789
            0991234567 ext. abc def ghi jkl mno pqr stu
            """)
    void garbageIsRefusedWithAClearCode(String typed) {
        assertThatThrownBy(() -> phones.normalize(typed, null)).isInstanceOf(ConversaException.class)
                .hasFieldOrPropertyWithValue("code", "phone.invalid");
        assertThatThrownBy(() -> phones.normalize("  ", null)).isInstanceOf(ConversaException.class);
    }

    @ParameterizedTest(name = "WhatsApp id {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            593991234567  | +593991234567
            34612345678   | +34612345678
            5215512345678 | +5215512345678
            """)
    void whatsAppIdsGoThroughTheSameDoor(String waId, String expected) {
        assertThat(phones.fromWhatsAppId(waId)).isEqualTo(expected);
    }
}
