import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { ErrorMessage } from '../../../components/ui/error-message'
import { PageHeader } from '../../../components/ui/page-header'
import { Table, TableMessageRow } from '../../../components/ui/table'
import { useCurrentUser } from '../../../lib/auth'
import { useAssignableUsers } from '../../../lib/use-assignable-users'
import { useDebouncedValue } from '../../../lib/use-debounced-value'
import { type ContactFilter, useClients, useContacts } from '../api/contacts'
import { ClientFormDialog } from './client-form-dialog'
import { ContactFormDialog } from './contact-form-dialog'
import { ImportDialog } from './import-dialog'
import { AttributesDialog } from './attribute-fields'

function ContactsTable({ filter }: { filter: ContactFilter }) {
  const { t } = useTranslation()
  const contacts = useContacts(filter)
  const rows = contacts.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <>
      <ErrorMessage error={contacts.error} />
      <Table caption={t('contacts.contacts')}>
        <thead>
          <tr>
            <th>{t('contacts.name')}</th><th>{t('contacts.phone')}</th><th>{t('contacts.client')}</th>
            <th>{t('contacts.assignedTo')}</th><th>{t('contacts.status')}</th>
          </tr>
        </thead>
        <tbody>
          {contacts.isPending && <TableMessageRow colSpan={5}>{t('app.loading')}</TableMessageRow>}
          {contacts.data && rows.length === 0 && <TableMessageRow colSpan={5}>{t('contacts.noContacts')}</TableMessageRow>}
          {rows.map((contact) => (
            <tr key={contact.id} data-contact-id={contact.id}>
              <td><Link to={`/contacts/${contact.id}`}>{contact.displayName}</Link></td>
              <td>{contact.phone}</td>
              <td>{contact.clientId ? <Link to={`/clients/${contact.clientId}`}>{contact.clientName}</Link> : '—'}</td>
              <td>{contact.assignedUserName ?? '—'}</td>
              <td>
                {contact.status === 'INACTIVE' && <Badge tone="neutral">{t('contacts.inactive')}</Badge>}
                {contact.reviewState === 'NEEDS_REVIEW' && <Badge tone="warning">{t('contacts.needsReview')}</Badge>}
                {contact.status === 'ACTIVE' && contact.reviewState === 'VALIDATED' && <Badge tone="success">{t('contacts.active')}</Badge>}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {contacts.hasNextPage && (
        <Button onClick={() => void contacts.fetchNextPage()} disabled={contacts.isFetchingNextPage}>{t('common.loadMore')}</Button>
      )}
    </>
  )
}

function ClientsTable({ filter }: { filter: ContactFilter }) {
  const { t, i18n } = useTranslation()
  const clients = useClients(filter)
  const rows = clients.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <>
      <ErrorMessage error={clients.error} />
      <Table caption={t('contacts.clients')}>
        <thead>
          <tr>
            <th>{t('contacts.clientName')}</th><th>{t('contacts.documentId')}</th><th>{t('contacts.balance')}</th>
            <th>{t('contacts.daysOverdue')}</th><th>{t('contacts.contacts')}</th>
          </tr>
        </thead>
        <tbody>
          {clients.isPending && <TableMessageRow colSpan={5}>{t('app.loading')}</TableMessageRow>}
          {clients.data && rows.length === 0 && <TableMessageRow colSpan={5}>{t('contacts.noClients')}</TableMessageRow>}
          {rows.map((client) => (
            <tr key={client.id} data-client-id={client.id}>
              <td><Link to={`/clients/${client.id}`}>{client.name}</Link>
                {client.status === 'INACTIVE' && <> <Badge tone="neutral">{t('contacts.inactive')}</Badge></>}</td>
              <td>{client.documentId ?? '—'}</td>
              <td>{client.balance ? formatMoney(client.balance.amount, client.balance.currency, i18n.language) : '—'}</td>
              <td>{client.daysOverdue ?? '—'}</td>
              <td>{client.contacts.map((contact) => contact.displayName).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {clients.hasNextPage && (
        <Button onClick={() => void clients.fetchNextPage()} disabled={clients.isFetchingNextPage}>{t('common.loadMore')}</Button>
      )}
    </>
  )
}

export function formatMoney(amount: string, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(Number(amount))
  } catch {
    return `${amount} ${currency}`
  }
}

/** Contacts and clients, searchable by name, document id or any run of phone digits; the view is kept in the URL. */
export function ContactsPage() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const view = params.get('view') === 'clients' ? 'clients' : 'contacts'
  const [text, setText] = useState(params.get('q') ?? '')
  const q = useDebouncedValue(text.trim(), 250)
  const status = (params.get('status') ?? undefined) as ContactFilter['status']
  const reviewState = (params.get('review') ?? undefined) as ContactFilter['reviewState']
  const assignee = Number(params.get('assignee')) || undefined
  const manage = me.permissions.includes('contacts.manage')
  const users = useAssignableUsers(manage)
  const filter: ContactFilter = {
    q: q || undefined, status, reviewState: view === 'contacts' ? reviewState : undefined,
    assignee: view === 'contacts' ? assignee : undefined,
  }
  const [dialog, setDialog] = useState<'contact' | 'client' | 'import' | 'fields' | null>(null)
  const exportUrl = `/api/contacts/export?${new URLSearchParams(Object.entries(filter).filter(([, value]) => value) as [string, string][]).toString()}`

  function set(name: string, value: string | undefined) {
    const next = new URLSearchParams(params)
    if (value) next.set(name, value)
    else next.delete(name)
    setParams(next, { replace: true })
  }

  return (
    <>
      <PageHeader title={t('contacts.title')} description={t('contacts.description')} actions={
        <>
          {me.permissions.includes('contacts.create') && (
            <Button variant="primary" onClick={() => setDialog('contact')}>{t('contacts.newContact')}</Button>
          )}
          {me.permissions.includes('contacts.manage') && (
            <Button onClick={() => setDialog('client')}>{t('contacts.newClient')}</Button>
          )}
          {me.permissions.includes('contacts.manage') && (
            <Button onClick={() => setDialog('import')}>{t('contacts.import')}</Button>
          )}
          {me.permissions.includes('settings.global') && (
            <Button onClick={() => setDialog('fields')}>{t('contacts.fieldsTitle')}</Button>
          )}
          {me.permissions.includes('contacts.export') && (
            <a className="btn btn-secondary" href={exportUrl} download="contacts.csv">{t('contacts.export')}</a>
          )}
        </>
      } />
      <div className="toolbar">
        <div className="chat-tabs" role="tablist" aria-label={t('contacts.title')}>
          {(['contacts', 'clients'] as const).map((name) => (
            <button key={name} type="button" role="tab" aria-selected={view === name}
              className={`chat-tab${view === name ? ' chat-tab-active' : ''}`}
              onClick={() => set('view', name === 'clients' ? 'clients' : undefined)}>
              {t(`contacts.${name}`)}
            </button>
          ))}
        </div>
        <input type="search" className="chat-search toolbar-search" aria-label={t('contacts.search')} value={text}
          placeholder={view === 'clients' ? t('contacts.searchClients') : t('contacts.searchContacts')}
          onChange={(event) => {
            setText(event.target.value)
            set('q', event.target.value.trim() || undefined)
          }} />
        <select aria-label={t('contacts.status')} value={status ?? ''} onChange={(event) => set('status', event.target.value || undefined)}>
          <option value="">{t('contacts.anyStatus')}</option>
          <option value="ACTIVE">{t('contacts.active')}</option>
          <option value="INACTIVE">{t('contacts.inactive')}</option>
        </select>
        {view === 'contacts' && (
          <select aria-label={t('contacts.review')} value={reviewState ?? ''}
            onChange={(event) => set('review', event.target.value || undefined)}>
            <option value="">{t('contacts.anyReview')}</option>
            <option value="NEEDS_REVIEW">{t('contacts.needsReview')}</option>
            <option value="VALIDATED">{t('contacts.validated')}</option>
          </select>
        )}
        {view === 'contacts' && manage && (
          <select aria-label={t('contacts.assignedTo')} value={assignee ?? ''}
            onChange={(event) => set('assignee', event.target.value || undefined)}>
            <option value="">{t('contacts.anyAgent')}</option>
            {(users.data ?? []).map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
          </select>
        )}
      </div>
      {view === 'contacts' ? <ContactsTable filter={filter} /> : <ClientsTable filter={filter} />}
      {dialog === 'contact' && (
        <ContactFormDialog onClose={() => setDialog(null)} onSaved={(contact) => void navigate(`/contacts/${contact.id}`)} />
      )}
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} />}
      {dialog === 'fields' && <AttributesDialog onClose={() => setDialog(null)} />}
      {dialog === 'client' && (
        <ClientFormDialog onClose={() => setDialog(null)} onSaved={(client) => void navigate(`/clients/${client.id}`)} />
      )}
    </>
  )
}
