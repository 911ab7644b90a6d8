package app.conversa.channels;

import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.sandbox.SandboxPhone;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;

/** The channel contract on a Cloud API number: Graph API out, signed webhooks in. */
@IntegrationTest
class CloudApiContractTests extends ChannelContract {

    @Autowired
    SandboxLines lines;
    @Autowired
    SandboxPhone phone;
    @Autowired
    app.conversa.sandbox.SandboxFaults faults;
    private String phoneNumberId;

    @Override
    protected long link() {
        var line = lines.link(admin, port);
        phoneNumberId = line.phoneNumberId();
        return line.connectionId();
    }

    @Override
    protected void customerWrites(String name, String text) {
        phone.write(phoneNumberId, customer, name, text);
    }

    @Override
    protected void customerSends(String name, byte[] content, String mimeType, String filename, String caption) {
        phone.send(phoneNumberId, customer, name, content, mimeType, filename, false, caption);
    }

    @Override
    protected List<SandboxPhone.PhoneMessage> customerSees() {
        return phone.conversation(phoneNumberId, customer);
    }

    @Override
    protected void providerFailsForAWhile() {
        var error = app.conversa.sandbox.SandboxFaults.SERVER_ERROR;
        faults.inject(phoneNumberId, error, error, error, error, error); // five attempts, fewer than the most allowed
    }

    @Override
    protected void providerRecovers() {
        faults.clear(phoneNumberId);
    }

    @Override
    protected void providerHangsThenAccepts(java.time.Duration pause) {
        faults.inject(phoneNumberId, new app.conversa.sandbox.SandboxFaults.Slow(pause));
    }
}
