package app.conversa.channels;

/**
 * A provider refused or could not take a call. {@code transientFailure} says whether trying again
 * later may work (timeouts, 5xx, throughput limits); the code is the provider's, or "network".
 */
public class SendFailure extends RuntimeException {

    private final String code;
    private final boolean transientFailure;

    public SendFailure(String code, String reason, boolean transientFailure) {
        super(reason, null, false, false);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    public String code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
