import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { ErrorMessage } from '../../components/ui/error-message'
import { LanguageSelect } from '../../components/ui/language-select'
import { api, fileForm } from '../../lib/api'
import { useVoiceRecorder } from '../../lib/voice-recorder'
import { GatewayPanel, type GatewayView, OwnerComposer, gatewayPath } from './gateway-panel'

interface SandboxNumber { phoneNumberId: string; displayNumber: string; name: string }
interface PhoneMessage {
  id: string; fromCustomer: boolean; kind: string; text: string | null; mediaId: string | null
  mimeType: string | null; filename: string | null; voice: boolean; status: string; at: string
}
type Addressing = 'PHONE' | 'LID' | 'LID_ONLY'

const TICKS: Record<string, string> = { sent: '✓', delivered: '✓✓', read: '✓✓' }
const SAMPLE_LOCATION = { latitude: -0.2201, longitude: -78.5123, place: 'Plaza Grande', address: 'García Moreno y Chile, Quito' }
const SAMPLE_CONTACT = { contactName: 'Lucía Andrade', contactNumber: '593987650099' }

function Bubble({ message, onReact }: { message: PhoneMessage; onReact?: () => void }) {
  const { t } = useTranslation()
  const url = message.mediaId ? `/sandbox/phone/media/${message.mediaId}` : null
  return (
    <li className={`bubble ${message.fromCustomer ? 'bubble-out' : 'bubble-in'}`} data-kind={message.kind}>
      {url && message.mimeType?.startsWith('image/') && <img className="bubble-image" src={url} alt={t('phone.image')} />}
      {url && message.mimeType?.startsWith('audio/') && <audio controls src={url} preload="none" />}
      {url && !message.mimeType?.startsWith('image/') && !message.mimeType?.startsWith('audio/') && (
        <a className="bubble-file" href={url} target="_blank" rel="noreferrer">📄 {message.filename ?? t('phone.document')}</a>
      )}
      {message.voice && <span className="muted">🎤 {t('inbox.voiceNote')}</span>}
      {message.text && <p className="bubble-text">{message.text}</p>}
      <span className="bubble-meta">
        {onReact && <button type="button" className="bubble-react" onClick={onReact} title={t('phone.react')} aria-label={t('phone.react')}>👍</button>}
        <time dateTime={message.at}>{new Date(message.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>
        {message.fromCustomer && (
          <span className={`ticks ticks-${message.status}`} data-status={message.status}>{TICKS[message.status]}</span>
        )}
      </span>
    </li>
  )
}

/**
 * The sandbox's customer phone (demo mode): write to a sandbox number as a customer, with text,
 * a photo, a PDF or a voice note, and see the business's answers arrive. Cloud API numbers and
 * numbers on the fake Evolution gateway (which need a phone linked by QR code first) alike.
 */
export function PhonePage() {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const numbers = useQuery({ queryKey: ['sandbox', 'numbers'], queryFn: () => api.get<SandboxNumber[]>('/sandbox/phone/numbers') })
  const gateway = useQuery({
    queryKey: ['sandbox', 'gateway'],
    queryFn: () => api.get<GatewayView>('/sandbox/phone/gateway'),
    refetchInterval: 1000,
  })
  const [selected, setSelected] = useState('')
  const [name, setName] = useState('Rosa Quishpe')
  const [waId, setWaId] = useState('593987650001')
  const [addressing, setAddressing] = useState<Addressing>('PHONE')
  const [text, setText] = useState('')
  const fileInput = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLOListElement>(null)
  const firstCloud = numbers.data?.[0]?.phoneNumberId ?? ''
  const firstGateway = gateway.data?.numbers[0] ? `gateway:${gateway.data.numbers[0].instanceName}` : ''
  const choice = selected || firstCloud || firstGateway
  // Cloud API numbers are their phone-number id (digits); gateway numbers "gateway:<instance>"
  const kind = choice.startsWith('gateway:') ? 'gateway' : 'cloud'
  const id = kind === 'gateway' ? choice.slice('gateway:'.length) : choice
  const gatewayNumber = kind === 'gateway' ? gateway.data?.numbers.find((n) => n.instanceName === id) : undefined
  const linked = kind === 'cloud' || Boolean(gatewayNumber?.number)
  const validWaId = /^\d{8,15}$/.test(waId)
  const base = kind === 'gateway' ? `${gatewayPath(id)}/customers/${waId}` : `/sandbox/phone/numbers/${id}/customers/${waId}`
  const extra: Record<string, string> = kind === 'gateway' ? { addressing } : {}
  const conversationKey = ['sandbox', 'conversation', choice, waId]
  const conversation = useQuery({
    queryKey: conversationKey,
    queryFn: () => api.get<PhoneMessage[]>(`${base}/messages`),
    enabled: Boolean(id) && validWaId && (kind === 'cloud' || Boolean(gatewayNumber)),
    refetchInterval: 700,
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: conversationKey })
  const refreshGateway = () => queryClient.invalidateQueries({ queryKey: ['sandbox', 'gateway'] })
  const write = useMutation({ mutationFn: (body: string) => api.post<PhoneMessage>(`${base}/messages`, { name, text: body, ...extra }), onSuccess: refresh })
  const share = useMutation({
    mutationFn: ({ path, body }: { path: string; body: object }) => api.post<PhoneMessage>(`${base}/${path}`, { name, ...extra, ...body }),
    onSuccess: refresh,
  })
  const attach = useMutation({
    mutationFn: ({ file, filename, voice }: { file: Blob; filename: string; voice: boolean }) =>
      api.postForm<PhoneMessage>(`${base}/attachments`, fileForm(file, filename, { name, voice: String(voice), caption: '', ...extra })),
    onSuccess: refresh,
  })
  const recorder = useVoiceRecorder((recording, type) =>
    attach.mutate({ file: recording, filename: type.includes('ogg') ? 'voice.ogg' : 'voice.webm', voice: true }))
  const count = conversation.data?.length ?? 0
  const ready = validWaId && Boolean(id) && linked
  const error = write.error ?? attach.error ?? share.error

  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight })
  }, [count])

  function submit(event: FormEvent) {
    event.preventDefault()
    const body = text.trim()
    if (body) write.mutate(body, { onSuccess: () => setText('') })
  }

  return (
    <main className="phone-page">
      <header className="phone-header">
        <h1>{t('phone.title')}</h1>
        <LanguageSelect compact label={t('shell.languageLabel')} value={i18n.resolvedLanguage === 'en' ? 'en' : 'es'}
          onChange={(language) => void i18n.changeLanguage(language)} />
      </header>
      <p className="muted">{t('phone.intro')}</p>
      {numbers.data?.length === 0 && gateway.data?.numbers.length === 0 && <p className="notice-inline">{t('phone.noNumbers')}</p>}
      <div className="phone-settings">
        <label>
          {t('phone.number')}
          <select value={choice} onChange={(event) => setSelected(event.target.value)}>
            {Boolean(numbers.data?.length) && (
              <optgroup label={t('phone.cloudNumbers')}>
                {numbers.data?.map((n) => <option key={n.phoneNumberId} value={n.phoneNumberId}>{n.name} ({n.displayNumber})</option>)}
              </optgroup>
            )}
            {Boolean(gateway.data?.numbers.length) && (
              <optgroup label={t('phone.gatewayNumbers')}>
                {gateway.data?.numbers.map((n) => (
                  <option key={n.instanceName} value={`gateway:${n.instanceName}`}>{n.instanceName}{n.number ? ` (+${n.number})` : ''}</option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        {gatewayNumber && <GatewayPanel gateway={gatewayNumber} silent={gateway.data?.silent ?? false} onChange={refreshGateway} />}
        <label>
          {t('phone.customerName')}
          <input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} />
        </label>
        <label>
          {t('phone.customerNumber')}
          <input value={waId} onChange={(event) => setWaId(event.target.value.replace(/\D/g, ''))} inputMode="numeric" />
        </label>
        {kind === 'gateway' && (
          <label>
            {t('phone.addressing')}
            <select value={addressing} onChange={(event) => setAddressing(event.target.value as Addressing)}>
              <option value="PHONE">{t('phone.addressingPhone')}</option>
              <option value="LID">{t('phone.addressingLid')}</option>
              <option value="LID_ONLY">{t('phone.addressingLidOnly')}</option>
            </select>
          </label>
        )}
      </div>
      {!validWaId && <p className="field-error">{t('phone.invalidNumber')}</p>}
      {!linked && gatewayNumber && <p className="notice-inline">{t('phone.notLinked')}</p>}
      <section className="phone-screen" aria-label={t('phone.screen')}>
        <ol className="message-list" ref={list} aria-live="polite">
          {conversation.data?.map((message) => (
            <Bubble key={message.id} message={message} onReact={kind === 'gateway' && linked && !message.fromCustomer
              ? () => share.mutate({ path: 'reactions', body: { messageId: message.id, emoji: '👍' } }) : undefined} />
          ))}
        </ol>
        {error && <ErrorMessage error={error} />}
        <form className="composer" onSubmit={submit}>
          <label className="visually-hidden" htmlFor="phone-text">{t('phone.write')}</label>
          <textarea id="phone-text" rows={2} value={text} onChange={(event) => setText(event.target.value)}
            placeholder={t('phone.write')} />
          <div className="composer-actions">
            <input ref={fileInput} type="file" hidden accept="image/*,application/pdf,audio/*" data-testid="phone-attach-input"
              onChange={(event) => {
                const file = event.target.files?.[0]
                if (file) attach.mutate({ file, filename: file.name, voice: false })
                event.target.value = ''
              }} />
            {kind === 'gateway' && (
              <>
                <Button onClick={() => share.mutate({ path: 'location', body: SAMPLE_LOCATION })} disabled={!ready}>📍 {t('phone.location')}</Button>
                <Button onClick={() => share.mutate({ path: 'contact', body: SAMPLE_CONTACT })} disabled={!ready}>👤 {t('phone.contact')}</Button>
              </>
            )}
            <Button onClick={() => fileInput.current?.click()} disabled={!ready}>📎 {t('inbox.attach')}</Button>
            {recorder.recording
              ? <Button variant="danger" onClick={recorder.stop}>⏹ {t('inbox.stopRecording')}</Button>
              : <Button onClick={() => void recorder.start()} disabled={!ready}>🎤 {t('inbox.record')}</Button>}
            <Button type="submit" variant="primary" disabled={!text.trim() || !ready}>{t('inbox.send')}</Button>
          </div>
        </form>
      </section>
      {gatewayNumber?.state === 'open' && validWaId && <OwnerComposer instanceName={id} customerNumber={waId} onSent={refresh} />}
    </main>
  )
}
