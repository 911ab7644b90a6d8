import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import type { MessageView } from '../api/chats'

/** Sent → delivered → read, as WhatsApp shows them; a clock while queued. */
function Ticks({ message }: { message: MessageView }) {
  const { t } = useTranslation()
  const symbol = { QUEUED: '🕓', SENT: '✓', DELIVERED: '✓✓', READ: '✓✓', PLAYED: '✓✓', FAILED: '⚠' }[message.status]
  return (
    <span className={`ticks ticks-${message.status.toLowerCase()}`} title={t(`inbox.status.${message.status}`)}
      aria-label={t(`inbox.status.${message.status}`)} data-status={message.status}>
      {symbol}
    </span>
  )
}

/** An image shown full size over the page, with a download link. */
function Lightbox({ url, name, onClose }: { url: string; name: string; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Dialog title={name} onClose={onClose} wide footer={
      <>
        <a className="btn btn-secondary" href={url} download={name}>{t('inbox.download')}</a>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </>
    }>
      <img className="lightbox-image" src={url} alt={name} />
    </Dialog>
  )
}

function Media({ message }: { message: MessageView }) {
  const { t } = useTranslation()
  const [zoomed, setZoomed] = useState(false)
  const media = message.media
  if (!media) return null
  if (!media.ready) return <p className="muted">{media.failed ? t('inbox.mediaFailed') : t('inbox.mediaLoading')}</p>
  const url = `/api/media/${media.id}`
  const name = media.filename ?? t(`inbox.kind.${message.kind}`)
  if (media.mimeType.startsWith('image/')) {
    return (
      <>
        <button type="button" className="bubble-image-button" onClick={() => setZoomed(true)} aria-label={t('inbox.enlarge')}>
          <img className="bubble-image" src={url} alt={name} />
        </button>
        {zoomed && <Lightbox url={url} name={name} onClose={() => setZoomed(false)} />}
      </>
    )
  }
  if (media.mimeType.startsWith('audio/')) {
    return (
      <div>
        {media.voice && <span className="muted">🎤 {t('inbox.voiceNote')}</span>}
        <audio controls src={url} preload="none" />
      </div>
    )
  }
  if (media.mimeType.startsWith('video/')) return <video controls src={url} preload="none" className="bubble-image" />
  const size = media.sizeBytes ? ` · ${Math.max(1, Math.round(media.sizeBytes / 1024))} KB` : ''
  return (
    <div className="bubble-file">
      <span>📄 {name}{size}</span>
      <span className="bubble-file-actions">
        <a href={url} target="_blank" rel="noreferrer">{t('inbox.open')}</a>
        <a href={url} download={name}>{t('inbox.download')}</a>
      </span>
    </div>
  )
}

/** The message this one answers, quoted (when it is loaded). */
function ReplyContext({ replyTo }: { replyTo: MessageView | null }) {
  const { t } = useTranslation()
  return (
    <blockquote className="bubble-reply">
      {replyTo ? (replyTo.text ?? t(`inbox.kind.${replyTo.kind}`)) : t('inbox.replyToEarlier')}
    </blockquote>
  )
}

/** What a structured message says, in words (location, shared contacts, reactions...). */
function Summary({ message }: { message: MessageView }) {
  const { t } = useTranslation()
  const details = message.details as Record<string, unknown>
  switch (message.kind) {
    case 'LOCATION':
      return <p>📍 {message.text ?? ''} ({String(details.latitude)}, {String(details.longitude)})</p>
    case 'CONTACTS':
      return <p>👤 {message.text}</p>
    case 'REACTION':
      return <p>{t('inbox.reacted', { emoji: message.text || '∅' })}</p>
    case 'UNSUPPORTED':
      return <p className="muted">{t('inbox.unsupported', { type: String(details.type ?? '?') })}</p>
    case 'INTERACTIVE_REPLY':
    case 'BUTTON_REPLY':
      return <p>🔘 {message.text}</p>
    default:
      return message.text ? <p className="bubble-text">{message.text}</p> : null
  }
}

export function MessageBubble({ message, onRetry, retrying, replyTo }: {
  message: MessageView
  onRetry: (id: number) => void
  retrying: boolean
  replyTo: MessageView | null
}) {
  const { t, i18n } = useTranslation()
  const outbound = message.direction === 'OUT'
  const classes = ['bubble', outbound ? 'bubble-out' : 'bubble-in', message.privateNote ? 'bubble-note' : '']
  const author = message.privateNote
    ? t('inbox.privateNoteBy', { name: message.authorName ?? '' })
    : message.authorType === 'AGENT' ? message.authorName : message.authorType === 'CUSTOMER' ? null : t(`inbox.author.${message.authorType}`)
  const time = new Date(message.createdAt)
  return (
    <li className={classes.filter(Boolean).join(' ')} data-message-id={message.id} data-kind={message.kind}>
      {author && <span className="bubble-author">{author}</span>}
      {message.replyToProviderId && message.kind !== 'REACTION' && <ReplyContext replyTo={replyTo} />}
      {message.kind !== 'TEXT' && message.kind !== 'REACTION' && <Media message={message} />}
      {message.media && message.text ? <p className="bubble-text">{message.text}</p> : <Summary message={message} />}
      <span className="bubble-meta">
        <time dateTime={message.createdAt} title={time.toLocaleString(i18n.language, { dateStyle: 'full', timeStyle: 'medium' })}>
          {time.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })}
        </time>
        {outbound && !message.privateNote && <Ticks message={message} />}
      </span>
      {message.status === 'FAILED' && outbound && (
        <div className="bubble-failed" role="alert">
          <span>{t('inbox.failed', { reason: message.errorReason ?? '' })}</span>
          <Button small onClick={() => onRetry(message.id)} disabled={retrying}>{t('common.retry')}</Button>
        </div>
      )}
    </li>
  )
}
