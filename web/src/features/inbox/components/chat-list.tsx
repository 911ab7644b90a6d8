import { type RefObject, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../../components/ui/error-message'
import { Loading } from '../../../components/ui/loading'
import { useCurrentUser } from '../../../lib/auth'
import { savePreferences, useAlertPreferences } from '../../../lib/notifications'
import { useDebouncedValue } from '../../../lib/use-debounced-value'
import { type ChatFilter, type ChatView, type Scope, type Tab, useAssignableUsers, useChats, useFilterOptions } from '../api/chats'

export function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]?.toUpperCase()).join('') || '?'
}

/** Today: the time; this week: the weekday; before: the date. */
function shortTime(iso: string, language: string): string {
  const date = new Date(iso)
  const now = new Date()
  if (date.toDateString() === now.toDateString()) return date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' })
  if (now.getTime() - date.getTime() < 6 * 24 * 3600 * 1000) return date.toLocaleDateString(language, { weekday: 'short' })
  return date.toLocaleDateString(language, { day: '2-digit', month: '2-digit', year: '2-digit' })
}

function ChatRow({ chat, selected, onOpen }: { chat: ChatView; selected: boolean; onOpen: () => void }) {
  const { t, i18n } = useTranslation()
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
            <time className="chat-row-time" dateTime={chat.lastMessageAt} title={new Date(chat.lastMessageAt).toLocaleString(i18n.language)}>
              {shortTime(chat.lastMessageAt, i18n.language)}
            </time>
          </span>
          <span className="chat-row-bottom">
            <span className="chat-row-preview">
              {last?.direction === 'OUT' && <span aria-hidden="true">↪ </span>}{preview}
            </span>
            {chat.pendingReplies > 0 && (
              <span className="pending-badge" data-testid="row-pending" aria-label={t('inbox.pending', { count: chat.pendingReplies })}>
                {chat.pendingReplies}
              </span>
            )}
          </span>
          <span className="chat-row-meta">
            <span className={`state-dot state-${chat.state.toLowerCase()}`} aria-hidden="true" />
            {t(`inbox.state.${chat.state}`)} · {chat.connectionName}
            {' · '}{chat.assignedUserName ?? t('inbox.unassigned')}
          </span>
        </span>
      </button>
    </li>
  )
}

/** Mute or unmute each way of being alerted, for this user in this browser. */
function AlertSettings() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const preferences = useAlertPreferences(me.id)
  const toggle = (channel: keyof typeof preferences) => savePreferences(me.id, { ...preferences, [channel]: !preferences[channel] })
  return (
    <details className="alert-settings">
      <summary>{t('alerts.settings')}</summary>
      {(['inApp', 'desktop', 'sound'] as const).map((channel) => (
        <label key={channel} className="checkbox">
          <input type="checkbox" checked={preferences[channel]} onChange={() => toggle(channel)} />
          {t(`alerts.${channel}`)}
        </label>
      ))}
    </details>
  )
}

/** Whether the list is narrowed beyond the default (open chats, all I may see). */
function filtered(filter: ChatFilter): boolean {
  return filter.tab !== 'open' || filter.scope !== 'ALL' || Boolean(filter.assignee ?? filter.department ?? filter.connection)
}

const TABS: Tab[] = ['open', 'NEW', 'IN_PROGRESS', 'PENDING', 'CLOSED']

/** Tabs by state, scope, the filters the user's role can use, and the search box. */
function Filters({ filter, onChange, searchRef }: {
  filter: ChatFilter
  onChange: (next: Partial<ChatFilter>) => void
  searchRef: RefObject<HTMLInputElement | null>
}) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const seesOthers = me.permissions.includes('chats.view.all') || me.permissions.includes('chats.view.department')
  const canAssign = me.permissions.includes('chats.assign')
  const options = useFilterOptions(me.permissions.includes('connections.view'))
  const users = useAssignableUsers(canAssign)
  const [text, setText] = useState(filter.q ?? '')
  const debounced = useDebouncedValue(text, 250)
  const current = filter.q ?? ''
  useEffect(() => {
    if (debounced.trim() !== current.trim()) onChange({ q: debounced.trim() || undefined })
  }, [debounced]) // only the typed text drives the URL

  const number = (value: string) => (value ? Number(value) : undefined)
  return (
    <div className="chat-filters">
      <label className="visually-hidden" htmlFor="chat-search">{t('inbox.search')}</label>
      <input id="chat-search" ref={searchRef} type="search" className="chat-search" value={text}
        placeholder={t('inbox.searchPlaceholder')} onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => { if (event.key === 'Escape') event.currentTarget.blur() }} />
      <div className="chat-tabs" role="tablist" aria-label={t('inbox.stateTabs')}>
        {TABS.map((tab) => (
          <button key={tab} type="button" role="tab" aria-selected={filter.tab === tab}
            className={`chat-tab${filter.tab === tab ? ' chat-tab-active' : ''}`} onClick={() => onChange({ tab })}>
            {tab === 'open' ? t('inbox.tabOpen') : t(`inbox.state.${tab}`)}
          </button>
        ))}
      </div>
      <div className="chat-filter-row">
        <label>
          <span className="visually-hidden">{t('inbox.scope')}</span>
          <select value={filter.scope} aria-label={t('inbox.scope')}
            onChange={(event) => onChange({ scope: event.target.value as Scope })}>
            <option value="ALL">{seesOthers ? t('inbox.scopeAll') : t('inbox.scopeAllMine')}</option>
            <option value="MINE">{t('inbox.scopeMine')}</option>
            {seesOthers && <option value="UNASSIGNED">{t('inbox.scopeUnassigned')}</option>}
          </select>
        </label>
        {canAssign && (
          <select value={filter.assignee ?? ''} aria-label={t('inbox.filterAgent')}
            onChange={(event) => onChange({ assignee: number(event.target.value) })}>
            <option value="">{t('inbox.anyAgent')}</option>
            {(users.data ?? []).map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
          </select>
        )}
        {seesOthers && options.departments.length > 0 && (
          <select value={filter.department ?? ''} aria-label={t('inbox.filterDepartment')}
            onChange={(event) => onChange({ department: number(event.target.value) })}>
            <option value="">{t('inbox.anyDepartment')}</option>
            {options.departments.map((department) => <option key={department.id} value={department.id}>{department.name}</option>)}
          </select>
        )}
        {options.connections.length > 0 && (
          <select value={filter.connection ?? ''} aria-label={t('inbox.filterConnection')}
            onChange={(event) => onChange({ connection: number(event.target.value) })}>
            <option value="">{t('inbox.anyConnection')}</option>
            {options.connections.map((connection) => <option key={connection.id} value={connection.id}>{connection.name}</option>)}
          </select>
        )}
      </div>
    </div>
  )
}

/** The chat list: filters on top, rows loaded page by page as the user scrolls. */
export function ChatList({ filter, onFilter, selectedId, onOpen, searchRef, onRows }: {
  filter: ChatFilter
  onFilter: (next: Partial<ChatFilter>) => void
  selectedId: number | undefined
  onOpen: (chat: ChatView) => void
  searchRef: RefObject<HTMLInputElement | null>
  onRows: (rows: ChatView[]) => void
}) {
  const { t } = useTranslation()
  const chats = useChats(filter)
  const rows = chats.data?.pages.flatMap((page) => page.items) ?? []
  const sentinel = useRef<HTMLLIElement>(null)
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = chats

  useEffect(() => onRows(rows)) // the page's shortcuts move through what is shown

  useEffect(() => {
    const target = sentinel.current
    if (!target || !hasNextPage) return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage()
    }, { rootMargin: '200px' })
    observer.observe(target)
    return () => observer.disconnect()
  }, [hasNextPage, isFetchingNextPage, fetchNextPage])

  return (
    <aside className="chat-list" aria-label={t('inbox.chats')}>
      <div className="chat-list-head">
        <h1 className="chat-list-title">{t('inbox.title')}</h1>
        <details className="shortcuts">
          <summary>{t('inbox.shortcuts')}</summary>
          <dl>
            <dt><kbd>Alt</kbd>+<kbd>↓</kbd> / <kbd>Alt</kbd>+<kbd>↑</kbd></dt><dd>{t('inbox.shortcutNext')}</dd>
            <dt><kbd>/</kbd> · <kbd>Ctrl</kbd>+<kbd>K</kbd></dt><dd>{t('inbox.shortcutSearch')}</dd>
            <dt><kbd>Enter</kbd></dt><dd>{t('inbox.shortcutSend')}</dd>
            <dt><kbd>Shift</kbd>+<kbd>Enter</kbd></dt><dd>{t('inbox.shortcutNewLine')}</dd>
            <dt><kbd>Alt</kbd>+<kbd>C</kbd></dt><dd>{t('inbox.shortcutClose')}</dd>
          </dl>
        </details>
        <AlertSettings />
      </div>
      <Filters filter={filter} onChange={onFilter} searchRef={searchRef} />
      {chats.isPending && <Loading />}
      {chats.error && <ErrorMessage error={chats.error} />}
      {chats.data && rows.length === 0 && (
        <p className="muted empty">
          {filter.q ? t('inbox.noMatches', { q: filter.q }) : filtered(filter) ? t('inbox.noneFiltered') : t('inbox.empty')}
        </p>
      )}
      <ul data-testid="chat-rows">
        {rows.map((chat) => (
          <ChatRow key={chat.id} chat={chat} selected={chat.id === selectedId} onOpen={() => onOpen(chat)} />
        ))}
        {hasNextPage && <li ref={sentinel} className="list-sentinel">{isFetchingNextPage && <Loading />}</li>}
      </ul>
    </aside>
  )
}
