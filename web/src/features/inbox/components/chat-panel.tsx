import { type FormEvent, Fragment, type KeyboardEvent, type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { ErrorMessage } from '../../../components/ui/error-message'
import { Loading } from '../../../components/ui/loading'
import { ApiError } from '../../../lib/api'
import { useCurrentUser } from '../../../lib/auth'
import { useVoiceRecorder } from '../../../lib/voice-recorder'
import {
  type ChatView, type MessageView, markRead, useAddParticipant, useAssignableUsers, useAssignChat, useChangeState, useCloseChat,
  useMessages, useRemoveParticipant, useRetry, useSendFile, useSendText, useTakeChat,
} from '../api/chats'
import { initials } from './chat-list'
import { readDraft, writeDraft } from './drafts'
import { setOpenChat } from './inbox-alerts'
import { MessageBubble } from './message-bubble'

function Composer({ chat }: { chat: ChatView }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const [text, setTextState] = useState(() => readDraft(me.id, chat.id))
  const [note, setNote] = useState(false)
  const sendText = useSendText(chat.id)
  const sendFile = useSendFile(chat.id)
  const fileInput = useRef<HTMLInputElement>(null)
  const voice = useVoiceRecorder((recording, type) => {
    const extension = type.includes('ogg') ? 'ogg' : 'webm'
    sendFile.mutate({ file: recording, filename: `voice.${extension}`, caption: '', voice: true })
  })
  const canSend = me.permissions.includes('messages.send')
  const error = (sendText.error ?? sendFile.error) as ApiError | Error | null

  function setText(next: string | ((current: string) => string)) {
    setTextState((current) => {
      const value = typeof next === 'function' ? next(current) : next
      writeDraft(me.id, chat.id, value) // each chat keeps its own unsent text
      return value
    })
  }

  function submit(event?: FormEvent) {
    event?.preventDefault()
    const body = text.trim()
    if (!body) return
    setText('') // cleared at once; given back if the server refuses it
    sendText.mutate({ text: body, privateNote: note }, { onError: () => setText((current) => current || body) })
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault()
      submit()
    }
  }

  if (!canSend) return <p className="muted composer-closed">{t('inbox.cannotSend')}</p>
  if (chat.state === 'CLOSED') return <p className="muted composer-closed">{t('inbox.closedChat')}</p>
  return (
    <form className={`composer${note ? ' composer-note' : ''}`} onSubmit={submit}>
      {!chat.windowOpen && !note && <p className="notice-inline">{t('inbox.windowClosed')}</p>}
      {error && <ErrorMessage error={error} />}
      {voice.error && <p className="field-error">{t('inbox.microphoneError', { reason: voice.error })}</p>}
      <label className="visually-hidden" htmlFor="composer-text">{t('inbox.write')}</label>
      <textarea id="composer-text" value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown}
        placeholder={note ? t('inbox.notePlaceholder') : t('inbox.write')} rows={2} maxLength={4096} />
      <div className="composer-actions">
        <label className="checkbox">
          <input type="checkbox" checked={note} onChange={(event) => setNote(event.target.checked)} />
          {t('inbox.privateNote')}
        </label>
        <input ref={fileInput} type="file" hidden accept="image/jpeg,image/png,application/pdf,audio/*"
          data-testid="attach-input"
          onChange={(event) => {
            const file = event.target.files?.[0]
            const caption = text.trim()
            if (file) {
              setText('')
              sendFile.mutate({ file, filename: file.name, caption, voice: false },
                { onError: () => setText((current) => current || caption) })
            }
            event.target.value = ''
          }} />
        <Button onClick={() => fileInput.current?.click()} disabled={note || sendFile.isPending}>📎 {t('inbox.attach')}</Button>
        {voice.recording
          ? <Button variant="danger" onClick={voice.stop}>⏹ {t('inbox.stopRecording')}</Button>
          : <Button onClick={() => void voice.start()} disabled={note}>🎤 {t('inbox.record')}</Button>}
        <Button type="submit" variant="primary" disabled={!text.trim()}>
          {note ? t('inbox.saveNote') : t('inbox.send')}
        </Button>
      </div>
    </form>
  )
}

/** Who holds the chat; those who may assign choose here (the server checks the choice). */
function AssigneeSelect({ chat }: { chat: ChatView }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const canAssign = me.permissions.includes('chats.assign')
  const users = useAssignableUsers(canAssign)
  const assign = useAssignChat(chat.id)
  if (!canAssign) {
    return chat.assignedUserName ? <span className="muted">{t('inbox.assignedTo', { name: chat.assignedUserName })}</span> : null
  }
  const options = users.data ?? []
  const known = chat.assignedUserId === null || options.some((user) => user.id === chat.assignedUserId)
  return (
    <label className="assignee">
      {t('inbox.assignee')}
      <select value={chat.assignedUserId ?? ''} disabled={assign.isPending}
        onChange={(event) => assign.mutate(event.target.value ? Number(event.target.value) : null)}>
        <option value="">{t('inbox.unassigned')}</option>
        {!known && <option value={chat.assignedUserId ?? ''}>{chat.assignedUserName}</option>}
        {options.map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
      </select>
      {assign.error && <ErrorMessage error={assign.error} />}
    </label>
  )
}

/** Extra agents on the chat (C5): shown to all, added and removed by those who assign. */
function Participants({ chat }: { chat: ChatView }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const canAssign = me.permissions.includes('chats.assign')
  const users = useAssignableUsers(canAssign)
  const add = useAddParticipant(chat.id)
  const remove = useRemoveParticipant(chat.id)
  if (!canAssign && chat.participants.length === 0) return null
  const candidates = (users.data ?? []).filter((user) => user.id !== chat.assignedUserId
    && !chat.participants.some((participant) => participant.id === user.id))
  return (
    <div className="participants" aria-label={t('inbox.participants')}>
      <span className="muted">{t('inbox.participants')}:</span>
      {chat.participants.map((participant) => (
        <span key={participant.id} className="participant-chip">
          {participant.displayName}
          {canAssign && (
            <button type="button" aria-label={t('inbox.removeParticipant', { name: participant.displayName })}
              onClick={() => remove.mutate(participant.id)} disabled={remove.isPending}>×</button>
          )}
        </span>
      ))}
      {chat.participants.length === 0 && <span className="muted">{t('inbox.noParticipants')}</span>}
      {canAssign && candidates.length > 0 && (
        <select value="" aria-label={t('inbox.addParticipant')} disabled={add.isPending}
          onChange={(event) => event.target.value && add.mutate(Number(event.target.value))}>
          <option value="">{t('inbox.addParticipant')}</option>
          {candidates.map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
        </select>
      )}
      {(add.error ?? remove.error) && <ErrorMessage error={add.error ?? remove.error} />}
    </div>
  )
}

/** Take, park, resume, reopen and close, as the chat's state and the user's permissions allow. */
function StateActions({ chat, closeRequested, onCloseHandled }: {
  chat: ChatView
  closeRequested: boolean
  onCloseHandled: () => void
}) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const take = useTakeChat(chat.id)
  const change = useChangeState(chat.id)
  const close = useCloseChat(chat.id)
  const [confirming, setConfirming] = useState(false)
  const canWork = me.permissions.includes('messages.send')
  const open = chat.state !== 'CLOSED'

  useEffect(() => {
    if (closeRequested) {
      if (open && canWork) setConfirming(true)
      onCloseHandled()
    }
  }, [closeRequested, open, canWork, onCloseHandled])

  return (
    <div className="chat-actions">
      {chat.state === 'NEW' && chat.assignedUserId === null && me.permissions.includes('chats.take') && (
        <Button small variant="primary" onClick={() => take.mutate(undefined)} disabled={take.isPending}>{t('inbox.take')}</Button>
      )}
      {canWork && (chat.state === 'NEW' || chat.state === 'IN_PROGRESS') && (
        <Button small onClick={() => change.mutate('PENDING')} disabled={change.isPending}>{t('inbox.markPending')}</Button>
      )}
      {canWork && chat.state === 'PENDING' && (
        <Button small onClick={() => change.mutate('IN_PROGRESS')} disabled={change.isPending}>{t('inbox.resume')}</Button>
      )}
      {canWork && chat.state === 'CLOSED' && (
        <Button small onClick={() => change.mutate('IN_PROGRESS')} disabled={change.isPending}>{t('inbox.reopen')}</Button>
      )}
      {canWork && open && (
        <Button small className="chat-close" onClick={() => setConfirming(true)} disabled={close.isPending}>
          {t('inbox.close')}
        </Button>
      )}
      {(take.error ?? change.error) && <ErrorMessage error={take.error ?? change.error} />}
      {confirming && (
        <ConfirmDialog title={t('inbox.closeTitle')} message={t('inbox.closeMessage', { name: chat.contact.displayName })}
          confirmLabel={t('inbox.close')} pending={close.isPending} error={close.error}
          onConfirm={() => close.mutate(undefined, { onSuccess: () => setConfirming(false) })}
          onClose={() => setConfirming(false)} />
      )}
    </div>
  )
}

function dayLabel(date: Date, language: string, words: { today: string; yesterday: string }): string {
  const today = new Date()
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1)
  if (date.toDateString() === today.toDateString()) return words.today
  if (date.toDateString() === yesterday.toDateString()) return words.yesterday
  return date.toLocaleDateString(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
}

/** The history, oldest first, with a separator for each day; scrolling to the top loads earlier messages. */
function History({ chat }: { chat: ChatView }) {
  const { t, i18n } = useTranslation()
  const messages = useMessages(chat.id)
  const retry = useRetry(chat.id)
  const list = useRef<HTMLOListElement>(null)
  const anchor = useRef<{ height: number; top: number } | null>(null)
  const items = useMemo(() => (messages.data?.pages.flatMap((page) => page.items) ?? []).slice().reverse(),
    [messages.data])
  const byProviderId = useMemo(() => new Map(items.filter((m) => m.providerMessageId).map((m) => [m.providerMessageId!, m])), [items])
  const newest = items.at(-1)?.id
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = messages

  useEffect(() => {
    void markRead(chat.id).catch(() => undefined)
  }, [chat.id, newest])

  useLayoutEffect(() => {
    const element = list.current
    if (!element) return
    if (anchor.current) { // earlier messages came in above: keep what the user was reading in place
      element.scrollTop = element.scrollHeight - anchor.current.height + anchor.current.top
      anchor.current = null
    }
  }, [items])

  useLayoutEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight })
  }, [newest])

  function loadOlder() {
    const element = list.current
    if (!element || !hasNextPage || isFetchingNextPage) return
    anchor.current = { height: element.scrollHeight, top: element.scrollTop }
    void fetchNextPage()
  }

  let previousDay = ''
  return (
    <>
      {messages.isPending && <Loading />}
      {messages.error && <ErrorMessage error={messages.error} />}
      <ol className="message-list" ref={list} aria-live="polite" onScroll={(event) => {
        if (event.currentTarget.scrollTop < 60) loadOlder()
      }}>
        {hasNextPage && (
          <li className="load-older">
            <Button small onClick={loadOlder} disabled={isFetchingNextPage}>{t('inbox.older')}</Button>
          </li>
        )}
        {items.map((message: MessageView) => {
          const date = new Date(message.createdAt)
          const day = date.toDateString()
          const separator = day !== previousDay
          previousDay = day
          return (
            <Fragment key={message.id}>
              {separator && (
                <li className="day-separator" role="separator">
                  <span>{dayLabel(date, i18n.language, { today: t('inbox.today'), yesterday: t('inbox.yesterday') })}</span>
                </li>
              )}
              <MessageBubble message={message} onRetry={(id) => retry.mutate(id)} retrying={retry.isPending}
                replyTo={message.replyToProviderId ? byProviderId.get(message.replyToProviderId) ?? null : null} />
            </Fragment>
          )
        })}
      </ol>
    </>
  )
}

export function ChatPanel({ chat, closeRequested, onCloseHandled, contactPanel }: {
  chat: ChatView
  closeRequested: boolean
  onCloseHandled: () => void
  contactPanel?: (contactId: number) => ReactNode
}) {
  const { t } = useTranslation()
  const [showContact, setShowContact] = useState(false)

  useEffect(() => {
    setOpenChat(chat.id)
    return () => setOpenChat(null)
  }, [chat.id])

  return (
    <section className="chat-panel" aria-label={t('inbox.chatWith', { name: chat.contact.displayName })}>
      <header className="chat-panel-header">
        <Link to="/inbox" className="chat-back" aria-label={t('inbox.backToList')}>←</Link>
        <span className="avatar" aria-hidden="true">{initials(chat.contact.displayName)}</span>
        <div className="chat-title">
          <h2>{chat.contact.displayName}</h2>
          <p className="muted">
            {chat.contact.phone} · {chat.connectionName} · <span data-testid="chat-state">{t(`inbox.state.${chat.state}`)}</span>
          </p>
        </div>
        <AssigneeSelect chat={chat} />
        <StateActions chat={chat} closeRequested={closeRequested} onCloseHandled={onCloseHandled} />
        {contactPanel && (
          <Button small onClick={() => setShowContact((shown) => !shown)} aria-expanded={showContact}>
            👤 {t('inbox.contact')}
          </Button>
        )}
      </header>
      {showContact && contactPanel?.(chat.contact.id)}
      <Participants chat={chat} />
      <History chat={chat} />
      <Composer chat={chat} />
    </section>
  )
}
