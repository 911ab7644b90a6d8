/**
 * The WhatsApp simulator, for demo mode and tests only ({@code conversa.sandbox.enabled}; off in
 * production). It fakes both providers over real HTTP, so demo mode and tests run the production
 * adapters: Meta's Graph API (messages, media upload, media URL and download, mark read) with
 * Meta's success and error shapes, answering sends with signed status webhooks; and an Evolution
 * API v2 gateway (PROTOCOLS.md part B) whose instances link to phones by QR code. Around them: the
 * customers' phones (write to a number as a customer, see the business's replies), the phones
 * linked to gateway numbers, and fault injection. No other module depends on this one.
 *
 * <p>Laid out as {@code channels} is: this package holds what both fakes share (the customer
 * phone, sandbox numbers, media, faults, signed webhooks to the app); {@code graph} is the fake
 * Graph API and the official demo number, {@code evolution} the fake gateway, its phones and the
 * QR demo numbers. The two folders use this one, never each other.
 *
 * <h2>Fake Evolution gateway</h2>
 *
 * <p>Base URL {@code <app>/sandbox/evolution} (what the app stores as the gateway's URL), global
 * key {@code conversa.sandbox.evolution.api-key} (default {@code sandbox-evolution-key}) in the
 * {@code apikey} header; an instance's token (the create response's {@code hash}) opens only the
 * routes carrying its name. Errors use Evolution's envelope
 * {@code {"status","error","response":{"message":[...]}}}; guards run as Evolution's do (unknown
 * instance 404 and name in use 403 before the key check, then 401). Routes:
 * <ul>
 * <li>{@code POST /instance/create} (global key; 201; {@code integration} must be
 * {@code WHATSAPP-BAILEYS}; {@code webhook{url,headers,byEvents,base64,events}}, {@code qrcode},
 * {@code number} for a pairing code, {@code token}), {@code GET /instance/connect/{i}[?number=]},
 * {@code GET /instance/connectionState/{i}}, {@code POST /instance/restart/{i}} (400 when close),
 * {@code DELETE /instance/logout/{i}} (400 when close), {@code DELETE /instance/delete/{i}},
 * {@code GET /instance/fetchInstances[?instanceName=&instanceId=&number=]} (an instance token
 * sees its own row only);</li>
 * <li>{@code POST /webhook/set/{i}} (201; {@code {"webhook":{enabled,url,...}}}),
 * {@code GET /webhook/find/{i}};</li>
 * <li>{@code POST /message/sendText/{i}}, {@code /message/sendMedia/{i}} (base64 or URL
 * {@code media}, {@code mediatype} image|video|document|audio), {@code /message/sendWhatsAppAudio/{i}}
 * (voice note; stored as sent, not transcoded): 201 with the prepared message (PENDING), then
 * {@code send.message} and {@code messages.update} SERVER_ACK → DELIVERY_ACK → READ (→ PLAYED for
 * a voice note) at the sandbox's status pauses; {@code quoted.key.id} becomes the reply's
 * {@code contextInfo}; a link that is not open answers 500 "Error: Connection Closed", a number
 * that is not 8-15 digits (or a {@code @s.whatsapp.net}/{@code @lid} jid) 400 with
 * {@code exists:false};</li>
 * <li>{@code POST /chat/whatsappNumbers/{i}} (every 8-15 digit number exists),
 * {@code /chat/markMessageAsRead/{i}} (201; the customer sees blue ticks),
 * {@code /chat/getBase64FromMediaMessage/{i}} (201; media of either side, by
 * {@code message.key.id}), {@code /chat/findMessages/{i}} (paged, newest first;
 * {@code where.key.remoteJid|fromMe|id}, {@code where.messageType},
 * {@code where.messageTimestamp.gte|lte} as ISO dates), {@code /chat/findChats/{i}},
 * {@code /chat/findContacts/{i}}, {@code /chat/fetchProfilePictureUrl/{i}};</li>
 * <li>any other path: Express's 404 {@code Cannot <METHOD> <path>}.</li>
 * </ul>
 *
 * <p>Link states: {@code close} → connect (or create with {@code qrcode:true}) →
 * {@code connecting}: {@code connection.update connecting}, then {@code qrcode.updated} now and
 * every {@code conversa.sandbox.evolution.qr-refresh} (default 20 s) up to
 * {@code conversa.sandbox.evolution.qr-limit} QRs (default 30), after which
 * {@code qrcode.updated {"message":"QR code limit reached, please login again","statusCode":500}}
 * and {@code connection.update refused/428} leave it {@code close}. A scan gives
 * {@code connecting} (Baileys' restart) then {@code open} with {@code wuid} and
 * {@code profileName}. A close with 401, 402, 403, 406 or 408 is final: {@code status.instance}
 * (+ {@code logout.instance} for 401) then {@code connection.update close}; 401 forgets the
 * session, so the next connect shows a QR, while after any other code a connect or restart resumes
 * ({@code connecting} → {@code open}) without one. Other codes (428, 440, 503, 515) resume on their
 * own, without a close webhook. What happens on WhatsApp while the link is not open (customers'
 * messages, receipts) is delivered once it opens.
 *
 * <p>Webhooks: the envelope {@code event, instance, data, destination, date_time (local time with a
 * 'Z'), sender, server_url, apikey (the instance token, never the global key)}, only the events
 * configured (upper-snake names; empty list = all), to the URL ({@code /<event-with-dashes>}
 * appended with {@code byEvents}), with the custom headers verbatim ({@code jwt_key} becomes an
 * {@code Authorization: Bearer} HS256 JWT). One ordered queue per instance; a POST the app does not
 * answer 2xx is retried up to 10 times from {@code conversa.sandbox.evolution.retry-pause}
 * (default 5 s) doubling to 60 times it, except after 400, 401, 403, 404, 422. Customer messages
 * are {@code messages.upsert} ({@code fromMe:false}, {@code pushName}, {@code messageType},
 * {@code messageTimestamp}, {@code message.base64} for media when the webhook has
 * {@code base64:true} or the gateway runs with WEBHOOK_BASE64, {@code
 * conversa.sandbox.evolution.webhook-base64}), with {@code chats.upsert} before and {@code contacts.upsert} after the
 * first one of a chat; the owner's own messages are {@code messages.upsert} with
 * {@code fromMe:true}.
 *
 * <h2>Java API for tests and demo data</h2>
 *
 * <p>{@link app.conversa.sandbox.evolution.SandboxGateway}: {@code numbers()}, {@code number(instance)},
 * {@code scan(instance, phoneNumber, profileName)}, {@code expireQr(instance)} (the refresh, now),
 * {@code unlink(instance)} (401), {@code dropConnection(instance)} (408),
 * {@code disconnect(instance, reasonCode)}, {@code silent()} / {@code silent(boolean)} (every call
 * 503, webhooks held), {@code lidOf(number)}, {@code seedContact(instance, number, name, pictureUrl)},
 * {@code seedHistory(instance, customerNumber, name, fromBusiness, text, at)}.
 * {@link app.conversa.sandbox.evolution.SandboxGatewayChats}: {@code write}, {@code send} (photo, PDF,
 * voice note), {@code sendLocation}, {@code sendContact}, {@code react} as a
 * {@code SandboxGateway.Customer(number, name, addressing PHONE|LID|LID_ONLY)};
 * {@code ownerWrites(instance, customerNumber, text)}; {@code conversation(instance, number)},
 * {@code customers(instance)}.
 *
 * <h2>Phone page API ({@code /sandbox/phone/...})</h2>
 *
 * <p>Cloud API numbers: {@code GET numbers}, {@code numbers/{id}/customers[/{waId}/messages]},
 * {@code POST numbers/{id}/customers/{waId}/messages|attachments}, {@code GET media/{mediaId}}.
 * Gateway numbers: {@code GET gateway} ({@code {silent, numbers}}), {@code PUT gateway/silent
 * {silent}}, {@code POST gateway/{i}/scan {number, profileName}}, {@code POST gateway/{i}/unlink},
 * {@code POST gateway/{i}/drop [{reasonCode}]}, {@code GET gateway/{i}/customers},
 * {@code GET|POST gateway/{i}/customers/{number}/messages {name, text, addressing}},
 * {@code POST .../attachments} (multipart: name, file, voice, caption, addressing),
 * {@code .../location}, {@code .../contact}, {@code .../reactions}, {@code .../owner-messages {text}},
 * {@code POST gateway/{i}/contacts {number, name, profilePictureUrl}},
 * {@code POST gateway/{i}/history {number, name, fromBusiness, text, at}}.
 *
 * <p>Depends on {@code channels} (and its {@code provisioning} interface, to set up the demo
 * numbers of each provider), {@code identity} (demo department) and {@code shared}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"channels", "channels::provisioning", "identity", "shared"})
package app.conversa.sandbox;
