package app.conversa.channels;

/**
 * A send whose request reached the provider but whose answer never came (a read timeout, a
 * connection lost mid-answer): the provider may have accepted it. Not a failure: the message
 * must be looked for ({@link Messaging#lookUp}) before it is sent again, or the customer may get
 * it twice.
 */
public class SendOutcomeUnknown extends SendFailure {

    public SendOutcomeUnknown(String reason) {
        super("outcome_unknown", reason, true);
    }

    /**
     * Whether a call that failed on the network may have reached the provider: only a connection
     * that was never made (refused, timed out while connecting, unknown host) is sure not to have.
     * A read timeout that fires while the connection is still being made counts as "may have":
     * the safe side, which costs a lookup, never a duplicate.
     */
    public static boolean mayHaveArrived(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.http.HttpConnectTimeoutException
                    || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.nio.channels.UnresolvedAddressException) {
                return false;
            }
        }
        return true;
    }
}
