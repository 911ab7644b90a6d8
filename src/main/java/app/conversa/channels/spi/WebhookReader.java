package app.conversa.channels.spi;

import app.conversa.channels.Provider;
import app.conversa.channels.WebhookContent;
import java.util.OptionalLong;
import java.util.function.Function;

/** Reads one provider's stored webhook bodies into {@link WebhookContent}. */
public interface WebhookReader {

    Provider provider();

    /**
     * @param connectionId the connection whose URL received the call
     * @param route the connection a provider account (a Cloud API phone-number id, a gateway
     *     instance name) belongs to, if a call to {@code connectionId} may speak for it (the
     *     provider's {@link ProviderNumbers#route})
     */
    WebhookContent read(long connectionId, byte[] body, Function<String, OptionalLong> route);
}
