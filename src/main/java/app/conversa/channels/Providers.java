package app.conversa.channels;

import app.conversa.channels.spi.ChannelAdapter;
import app.conversa.channels.spi.ProviderNumbers;
import app.conversa.channels.spi.QrPairing;
import app.conversa.channels.spi.WebhookReader;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The adapter registry: what each provider plugs in through {@code spi}, found by provider. The
 * only place in the neutral code that tells providers apart; it names none of them.
 */
@Component
class Providers {

    // found on first use: the providers' beans use the neutral ones that use this registry
    private final Supplier<Map<Provider, ChannelAdapter>> adapters;
    private final Supplier<Map<Provider, WebhookReader>> readers;
    private final Supplier<Map<Provider, ProviderNumbers>> numbers;
    private final Supplier<Map<Provider, QrPairing>> pairings;

    Providers(ObjectProvider<ChannelAdapter> adapters, ObjectProvider<WebhookReader> readers,
            ObjectProvider<ProviderNumbers> numbers, ObjectProvider<QrPairing> pairings) {
        this.adapters = byProvider(adapters, ChannelAdapter::provider);
        this.readers = byProvider(readers, WebhookReader::provider);
        this.numbers = byProvider(numbers, ProviderNumbers::provider);
        this.pairings = byProvider(pairings, QrPairing::provider);
    }

    private static <T> Supplier<Map<Provider, T>> byProvider(ObjectProvider<T> beans, Function<T, Provider> provider) {
        return SingletonSupplier.of(() -> byProvider(beans.orderedStream().toList(), provider));
    }

    private static <T> Map<Provider, T> byProvider(List<T> plugged, Function<T, Provider> provider) {
        var map = new EnumMap<Provider, T>(Provider.class);
        for (T each : plugged) {
            if (map.put(provider.apply(each), each) != null) {
                throw new IllegalStateException("Two " + each.getClass().getInterfaces()[0].getSimpleName() + "s for "
                        + provider.apply(each));
            }
        }
        return map;
    }

    ChannelAdapter adapter(Provider provider) {
        return required(adapters.get(), provider, "adapter");
    }

    WebhookReader reader(Provider provider) {
        return required(readers.get(), provider, "webhook reader");
    }

    ProviderNumbers numbers(Provider provider) {
        return required(numbers.get(), provider, "numbers");
    }

    /** The QR pairing of the provider, if its numbers are linked by QR. */
    Optional<QrPairing> pairing(Provider provider) {
        return Optional.ofNullable(pairings.get().get(provider));
    }

    /** Whether any provider that links numbers by QR is set up. */
    boolean anyPairingReady() {
        return pairings.get().values().stream().anyMatch(QrPairing::ready);
    }

    private static <T> T required(Map<Provider, T> map, Provider provider, String what) {
        var found = map.get(provider);
        if (found == null) {
            throw new IllegalStateException("No " + what + " for " + provider);
        }
        return found;
    }
}
