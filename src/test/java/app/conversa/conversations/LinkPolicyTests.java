package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkPolicyTests {

    @ParameterizedTest
    @ValueSource(strings = {
            "Pague en https://pagos.example.com", "Entre a www.banco.ec", "Visite pagos.ec/deuda", "bit.ly/abc",
            "Pague en pagos\u3002ec", // ideographic full stop
            "Pague en pagos\uFF0Eec", // fullwidth full stop
            "Pague en pagos\uFF61ec", // halfwidth ideographic full stop
            "Pague en ｐａｇｏｓ.ｅｃ", // fullwidth letters
            "Pague en pagos\u200B.ec", // zero-width space
            "Pague en pa\u200Dgos.\u2060ec", // zero-width joiner, word joiner
            "Pague en pagos.\u00ADec", // soft hyphen
            "Pague en www\u200B.banco.ec",
            "https\uFF1A//pagos.example.com", // fullwidth colon
            "Escriba a mailto:cobros@pagos.example", "MAILTO:cobros@example.com",
            "javascript:alert(1)", "JavaScript:void(0)", "data:text/html;base64,PHNjcmlwdD4=",
            "-pagos.ec", ".pagos.ec", "_pagos.ec_", "*pagos.ec*", "~pagos.ec~", "(pagos.ec)", "¿pagos.ec?",
            "pagos.ec-", "pagos.ec.", "«pagos.ec»", "x_pagos.ec"})
    void aLinkIsFoundHoweverItIsDisguised(String text) {
        assertThat(LinkPolicy.containsLink(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hola.gracias", "3.50", "Son $3.50 hasta el 12.05, gracias.Saludos", "Sr. Pérez",
            "Sra. Núñez, su saldo es 1.250,75", "¿Puede pagar el 15.06?", "Teléfono: 0991234567", "Datos: pendientes",
            "Data: pendiente", "Gracias...", "juan@correo.ec", "ok.", "v1.2", "¡Hola! ¿Cómo está?"})
    void ordinaryTextIsNotALink(String text) {
        assertThat(LinkPolicy.containsLink(text)).as(text).isFalse();
    }
}
