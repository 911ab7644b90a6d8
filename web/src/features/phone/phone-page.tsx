import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { ErrorMessage } from '../../components/ui/error-message'
import { LanguageSelect } from '../../components/ui/language-select'
import { api, fileForm } from '../../lib/api'
import { useVoiceRecorder } from '../../lib/voice-recorder'

interface SandboxNumber { phoneNumberId: string; displayNumber: string; name: string }
interface PhoneMessage {
  id: string; fromCustomer: boolean; kind: string; text: string | null; mediaId: string | null
  mimeType: string | null; filename: string | null; voice: boolean; status: string; at: string
}

const TICKS: Record<string, string> = { sent: '✓', delivered: '✓✓', read: '✓✓' }

function Bubble({ message }: { message: PhoneMessage }) {
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
 * a photo, a PDF or a voice note, and see the business's answers arrive.
 */
export function PhonePage() {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const numbers = useQuery({ queryKey: ['sandbox', 'numbers'], queryFn: () => api.get<SandboxNumber[]>('/sandbox/phone/numbers') })
  const [numberId, setNumberId] = useState('')
  const [name, setName] = useState('Rosa Quishpe')
  const [waId, setWaId] = useState('593987650001')
  const [text, setText] = useState('')
  const fileInput = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLOListElement>(null)
  const number = numberId || numbers.data?.[0]?.phoneNumberId || ''
  const validWaId = /^\d{8,15}$/.test(waId)
  const base = `/sandbox/phone/numbers/${number}/customers/${waId}`
  const conversation = useQuery({
    queryKey: ['sandbox', 'conversation', number, waId],
    queryFn: () => api.get<PhoneMessage[]>(`${base}/messages`),
    enabled: Boolean(number) && validWaId,
    refetchInterval: 700,
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['sandbox', 'conversation', number, waId] })
  const write = useMutation({ mutationFn: (body: string) => api.post<PhoneMessage>(`${base}/messages`, { name, text: body }), onSuccess: refresh })
  const attach = useMutation({
    mutationFn: ({ file, filename, voice }: { file: Blob; filename: string; voice: boolean }) =>
      api.postForm<PhoneMessage>(`${base}/attachments`, fileForm(file, filename, { name, voice: String(voice), caption: '' })),
    onSuccess: refresh,
  })
  const recorder = useVoiceRecorder((recording, type) =>
    attach.mutate({ file: recording, filename: type.includes('ogg') ? 'voice.ogg' : 'voice.webm', voice: true }))
  const count = conversation.data?.length ?? 0

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
      {numbers.data && numbers.data.length === 0 && <p className="notice-inline">{t('phone.noNumbers')}</p>}
      <div className="phone-settings">
        <label>
          {t('phone.number')}
          <select value={number} onChange={(event) => setNumberId(event.target.value)}>
            {numbers.data?.map((n) => <option key={n.phoneNumberId} value={n.phoneNumberId}>{n.name} ({n.displayNumber})</option>)}
          </select>
        </label>
        <label>
          {t('phone.customerName')}
          <input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} />
        </label>
        <label>
          {t('phone.customerNumber')}
          <input value={waId} onChange={(event) => setWaId(event.target.value.replace(/\D/g, ''))} inputMode="numeric" />
        </label>
      </div>
      {!validWaId && <p className="field-error">{t('phone.invalidNumber')}</p>}
      <section className="phone-screen" aria-label={t('phone.screen')}>
        <ol className="message-list" ref={list} aria-live="polite">
          {conversation.data?.map((message) => <Bubble key={message.id} message={message} />)}
        </ol>
        {(write.error || attach.error) && <ErrorMessage error={write.error ?? attach.error} />}
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
            <Button onClick={() => fileInput.current?.click()} disabled={!validWaId || !number}>📎 {t('inbox.attach')}</Button>
            {recorder.recording
              ? <Button variant="danger" onClick={recorder.stop}>⏹ {t('inbox.stopRecording')}</Button>
              : <Button onClick={() => void recorder.start()} disabled={!validWaId || !number}>🎤 {t('inbox.record')}</Button>}
            <Button type="submit" variant="primary" disabled={!text.trim() || !validWaId || !number}>{t('inbox.send')}</Button>
          </div>
        </form>
      </section>
    </main>
  )
}
