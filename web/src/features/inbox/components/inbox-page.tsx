import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import { ErrorMessage } from '../../../components/ui/error-message'
import { type ChatFilter, type ChatView, type Scope, type Tab, useChat } from '../api/chats'
import { ChatList } from './chat-list'
import { ChatPanel } from './chat-panel'

const TABS = new Set<string>(['open', 'NEW', 'IN_PROGRESS', 'PENDING', 'CLOSED'])
const SCOPES = new Set<string>(['ALL', 'MINE', 'UNASSIGNED'])

function positive(value: string | null): number | undefined {
  const number = Number(value)
  return value && Number.isInteger(number) && number > 0 ? number : undefined
}

/** The list's filter, read from the URL (so it survives reloads and can be shared or bookmarked). */
function filterFrom(params: URLSearchParams): ChatFilter {
  const tab = params.get('tab') ?? 'open'
  const scope = params.get('scope') ?? 'ALL'
  return {
    tab: (TABS.has(tab) ? tab : 'open') as Tab,
    scope: (SCOPES.has(scope) ? scope : 'ALL') as Scope,
    assignee: positive(params.get('assignee')),
    department: positive(params.get('department')),
    connection: positive(params.get('connection')),
    q: params.get('q') || undefined,
  }
}

function paramsFrom(filter: ChatFilter): URLSearchParams {
  const params = new URLSearchParams()
  if (filter.tab !== 'open') params.set('tab', filter.tab)
  if (filter.scope !== 'ALL') params.set('scope', filter.scope)
  if (filter.assignee) params.set('assignee', String(filter.assignee))
  if (filter.department) params.set('department', String(filter.department))
  if (filter.connection) params.set('connection', String(filter.connection))
  if (filter.q) params.set('q', filter.q)
  return params
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

/** `contactPanel` renders who the customer is beside a chat (the contacts feature, composed by the app). */
export function InboxPage({ contactPanel }: { contactPanel?: (contactId: number) => ReactNode }) {
  const { t } = useTranslation()
  const { chatId } = useParams()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const filter = useMemo(() => filterFrom(params), [params])
  const searchRef = useRef<HTMLInputElement>(null)
  const rows = useRef<ChatView[]>([])
  const [closeRequested, setCloseRequested] = useState(false)
  const selectedId = positive(chatId ?? null)
  const [listed, setListed] = useState<ChatView | undefined>(undefined)
  const single = useChat(selectedId, listed)
  const selected = listed ?? single.data

  const onRows = useCallback((current: ChatView[]) => {
    rows.current = current
    const found = current.find((chat) => chat.id === selectedId)
    setListed((previous) => (previous === found ? previous : found))
  }, [selectedId])

  const query = params.toString()
  const open = useCallback((chat: ChatView) => void navigate(`/inbox/${chat.id}${query ? `?${query}` : ''}`), [navigate, query])

  function changeFilter(next: Partial<ChatFilter>) {
    const merged = { ...filter, ...next }
    const search = paramsFrom(merged).toString()
    void navigate(`/inbox${selectedId ? `/${selectedId}` : ''}${search ? `?${search}` : ''}`, { replace: true })
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault()
        const list = rows.current
        const index = list.findIndex((chat) => chat.id === selectedId)
        const next = event.key === 'ArrowDown' ? list[index + 1] ?? list[0] : list[index - 1] ?? list.at(-1)
        if (next) open(next)
      } else if ((event.key === '/' && !isTyping(event.target)) || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k')) {
        event.preventDefault()
        searchRef.current?.focus()
      } else if (event.altKey && event.key.toLowerCase() === 'c') {
        event.preventDefault()
        setCloseRequested(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [selectedId, open])

  const handled = useCallback(() => setCloseRequested(false), [])

  return (
    <div className={`inbox${selectedId ? ' inbox-has-chat' : ''}`}>
      <ChatList filter={filter} onFilter={changeFilter} selectedId={selectedId} onOpen={open} searchRef={searchRef}
        onRows={onRows} />
      {selected ? <ChatPanel key={selected.id} chat={selected} closeRequested={closeRequested} onCloseHandled={handled}
          contactPanel={contactPanel} />
        : (
          <section className="chat-panel chat-panel-empty">
            {single.error ? <ErrorMessage error={single.error} /> : <p className="muted">{t('inbox.pick')}</p>}
          </section>
        )}
    </div>
  )
}
