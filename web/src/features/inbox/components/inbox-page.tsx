import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { Button } from '../../../components/ui/button'
import { ErrorMessage } from '../../../components/ui/error-message'
import { Loading } from '../../../components/ui/loading'
import { ApiError } from '../../../lib/api'
import { useCurrentUser } from '../../../lib/auth'
import {
  type ChatView, markRead, useAssignableUsers, useAssignChat, useChats, useCloseChat, useLiveChats, useMessages, useRetry,
  useSendFile, useSendText,
} from '../api/chats'
import { MessageBubble } from './message-bubble'
import { useVoiceRecorder } from '../../../lib/voice-recorder'

function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]?.toUpperCase()).join('') || '?'
}

function ChatRow({ chat, selected, onOpen }: { chat: ChatView; selected: boolean; onOpen: () => void }) {
  const { t } = useTranslation()
  const last = chat.lastMessage
  const preview = last ? (last.text ?? t(`inbox.kind.${last.kind}`)) : ''
  return (
    <li>
      <button type="button" className={`chat-row${selected ? ' chat-row-selected' : ''}`} onClick={onOpen}
        aria-current={selected ? 'true' : undefined} data-chat-id={chat.id}>
        <span className="avatar" aria-hidden="true">{initials(chat.contact.displayName)}</span>
        <span className="chat-row-main">
          <span className="chat-row-top">
            <span className="chat-row-name">{chat.contact.displayName}</span>
            <time className="chat-row-time" dateTime={chat.lastMessageAt}>
              {new Date(chat.lastMessageAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
            </time>
          </span>
          <span className="chat-row-bottom">
            <span className="chat-row-preview">{preview}</span>
            {chat.pendingReplies > 0 && (
              <span className="pending-badge" aria-label={t('inbox.pending', { count: chat.pendingReplies })}>
                {chat.pendingReplies}
              </span>
            )}
          </span>
          <span className="chat-row-meta">
            {chat.connectionName} · {t(`inbox.state.${chat.state}`)}
            {chat.assignedUserName ? ` · ${chat.assignedUserName}` : ''}
          </span>
        </span>
      </button>
    </li>
  )
}

function Composer({ chat }: { chat: ChatView }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const [text, setText] = useState('')
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

  function submit(event?: FormEvent) {
    event?.preventDefault()
    const body = text.trim()
    if (!body) return
    setText('') // cleared at once; given back if the server refuses it
    sendText.mutate({ text: body, privateNote: note }, { onError: () => setText((current) => current || body) })
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey) {
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

function ChatPanel({ chat }: { chat: ChatView }) {
  const { t } = useTranslation()
  const messages = useMessages(chat.id)
  const retry = useRetry(chat.id)
  const close = useCloseChat(chat.id)
  const me = useCurrentUser()
  const list = useRef<HTMLOListElement>(null)
  const items = useMemo(() => (messages.data?.pages.flatMap((page) => page.items) ?? []).slice().reverse(),
    [messages.data])
  const newest = items.at(-1)?.id

  useEffect(() => {
    void markRead(chat.id).catch(() => undefined)
  }, [chat.id, newest])

  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight })
  }, [newest])

  return (
    <section className="chat-panel" aria-label={t('inbox.chatWith', { name: chat.contact.displayName })}>
      <header className="chat-panel-header">
        <span className="avatar" aria-hidden="true">{initials(chat.contact.displayName)}</span>
        <div>
          <h2>{chat.contact.displayName}</h2>
          <p className="muted">{chat.contact.phone} · {chat.connectionName} · {t(`inbox.state.${chat.state}`)}</p>
        </div>
        <AssigneeSelect chat={chat} />
        {chat.state !== 'CLOSED' && me.permissions.includes('messages.send') && (
          <Button small className="chat-close" onClick={() => close.mutate()} disabled={close.isPending}>
            {t('inbox.close')}
          </Button>
        )}
      </header>
      {close.error && <ErrorMessage error={close.error} />}
      {messages.isPending && <Loading />}
      {messages.error && <ErrorMessage error={messages.error} />}
      <ol className="message-list" ref={list} aria-live="polite">
        {messages.hasNextPage && (
          <li className="load-older">
            <Button small onClick={() => void messages.fetchNextPage()} disabled={messages.isFetchingNextPage}>
              {t('inbox.older')}
            </Button>
          </li>
        )}
        {items.map((message) => (
          <MessageBubble key={message.id} message={message} onRetry={(id) => retry.mutate(id)} retrying={retry.isPending} />
        ))}
      </ol>
      <Composer chat={chat} />
    </section>
  )
}

export function InboxPage() {
  const { t } = useTranslation()
  const { chatId } = useParams()
  const navigate = useNavigate()
  const chats = useChats()
  useLiveChats()
  const all = chats.data?.pages.flatMap((page) => page.items) ?? []
  const selected = all.find((chat) => String(chat.id) === chatId)

  return (
    <div className="inbox">
      <aside className="chat-list" aria-label={t('inbox.chats')}>
        <h1 className="chat-list-title">{t('inbox.title')}</h1>
        {chats.isPending && <Loading />}
        {chats.error && <ErrorMessage error={chats.error} />}
        {chats.data && all.length === 0 && <p className="muted empty">{t('inbox.empty')}</p>}
        <ul>
          {all.map((chat) => (
            <ChatRow key={chat.id} chat={chat} selected={chat === selected} onOpen={() => void navigate(`/inbox/${chat.id}`)} />
          ))}
        </ul>
        {chats.hasNextPage && (
          <Button small onClick={() => void chats.fetchNextPage()} disabled={chats.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </aside>
      {selected ? <ChatPanel key={selected.id} chat={selected} />
        : <section className="chat-panel chat-panel-empty"><p className="muted">{t('inbox.pick')}</p></section>}
    </div>
  )
}
