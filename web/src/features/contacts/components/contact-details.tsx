import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { ErrorMessage } from '../../../components/ui/error-message'
import { Loading } from '../../../components/ui/loading'
import { PageHeader } from '../../../components/ui/page-header'
import { useCurrentUser } from '../../../lib/auth'
import { useAssignableUsers } from '../../../lib/use-assignable-users'
import { type ClientView, type ContactView, useClient, useClientActive, useContact, useContactAction, useContactChats } from '../api/contacts'
import { AttributeFacts } from './attribute-fields'
import { ClientFormDialog } from './client-form-dialog'
import { ContactFormDialog } from './contact-form-dialog'
import { formatMoney } from './contacts-page'

/** The client's figures a collections agent works with. */
function ClientFacts({ client }: { client: ClientView }) {
  const { t, i18n } = useTranslation()
  return (
    <dl className="facts">
      <dt>{t('contacts.documentId')}</dt><dd>{client.documentId ?? '—'}</dd>
      <dt>{t('contacts.balance')}</dt>
      <dd data-testid="client-balance">{client.balance ? formatMoney(client.balance.amount, client.balance.currency, i18n.language) : '—'}</dd>
      <dt>{t('contacts.daysOverdue')}</dt><dd>{client.daysOverdue ?? '—'}</dd>
      <AttributeFacts values={client.attributes} />
      {client.notes && <><dt>{t('contacts.notes')}</dt><dd className="pre-wrap">{client.notes}</dd></>}
    </dl>
  )
}

function ContactFacts({ contact }: { contact: ContactView }) {
  const { t } = useTranslation()
  return (
    <dl className="facts">
      <dt>{t('contacts.phone')}</dt><dd>{contact.phone ?? '—'}</dd>
      <dt>{t('contacts.email')}</dt><dd>{contact.email ?? '—'}</dd>
      <dt>{t('contacts.assignedTo')}</dt><dd>{contact.assignedUserName ?? '—'}</dd>
      <dt>{t('contacts.client')}</dt>
      <dd>{contact.clientId ? <Link to={`/clients/${contact.clientId}`}>{contact.clientName}</Link> : '—'}</dd>
      <dt>{t('contacts.status')}</dt>
      <dd>
        {contact.status === 'INACTIVE' ? <Badge>{t('contacts.inactive')}</Badge> : <Badge tone="success">{t('contacts.active')}</Badge>}
        {contact.reviewState === 'NEEDS_REVIEW' && <> <Badge tone="warning">{t('contacts.needsReview')}</Badge></>}
      </dd>
    </dl>
  )
}

/** Who holds the contact; supervisors and administrators choose (the server checks the choice). */
function ContactAssignee({ contact }: { contact: ContactView }) {
  const { t } = useTranslation()
  const users = useAssignableUsers(true)
  const action = useContactAction()
  const options = users.data ?? []
  const known = contact.assignedUserId === null || options.some((user) => user.id === contact.assignedUserId)
  return (
    <label className="assignee">
      {t('contacts.assignedTo')}
      <select value={contact.assignedUserId ?? ''} disabled={action.isPending}
        onChange={(event) => action.mutate({ id: contact.id, action: 'assignment',
          body: { userId: event.target.value ? Number(event.target.value) : null } })}>
        <option value="">{t('contacts.nobody')}</option>
        {!known && <option value={contact.assignedUserId ?? ''}>{contact.assignedUserName}</option>}
        {options.map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
      </select>
      {action.error && <ErrorMessage error={action.error} />}
    </label>
  )
}

export function ContactPage() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const id = Number(useParams().contactId)
  const contact = useContact(id)
  const client = useClient(contact.data?.clientId)
  const chats = useContactChats(id)
  const action = useContactAction()
  const [editing, setEditing] = useState(false)
  const manage = me.permissions.includes('contacts.manage')
  if (contact.isPending) return <Loading />
  if (contact.error) return <ErrorMessage error={contact.error} />
  const data = contact.data
  return (
    <>
      <PageHeader title={data.displayName} description={t('contacts.contactDetail')} actions={manage && (
        <>
          <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
          {data.reviewState === 'NEEDS_REVIEW' && (
            <Button variant="primary" onClick={() => action.mutate({ id, action: 'validate' })}>{t('contacts.validate')}</Button>
          )}
          <Button onClick={() => action.mutate({ id, action: data.status === 'ACTIVE' ? 'inactivate' : 'reactivate' })}>
            {data.status === 'ACTIVE' ? t('contacts.inactivate') : t('contacts.reactivate')}
          </Button>
        </>
      )} />
      <ErrorMessage error={action.error} />
      <div className="detail-grid">
        <section className="card">
          <ContactFacts contact={data} />
          {manage && <ContactAssignee contact={data} />}
        </section>
        {client.data && (
          <section className="card">
            <h2><Link to={`/clients/${client.data.id}`}>{client.data.name}</Link></h2>
            <ClientFacts client={client.data} />
          </section>
        )}
        <section className="card">
          <h2>{t('contacts.chats')}</h2>
          <ErrorMessage error={chats.error} />
          <ul className="plain-list">
            {(chats.data?.items ?? []).map((chat) => (
              <li key={chat.id}>
                <Link to={`/inbox/${chat.id}`}>{chat.connectionName}</Link> · {t(`inbox.state.${chat.state}`)} ·{' '}
                {new Date(chat.lastMessageAt).toLocaleString()}
              </li>
            ))}
            {chats.data && chats.data.items.length === 0 && <li className="muted">{t('contacts.noChats')}</li>}
          </ul>
        </section>
      </div>
      {editing && <ContactFormDialog contact={data} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </>
  )
}

export function ClientPage() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const id = Number(useParams().clientId)
  const client = useClient(id)
  const setActive = useClientActive()
  const [dialog, setDialog] = useState<'edit' | 'contact' | null>(null)
  const manage = me.permissions.includes('contacts.manage')
  if (client.isPending) return <Loading />
  if (client.error) return <ErrorMessage error={client.error} />
  const data = client.data
  return (
    <>
      <PageHeader title={data.name} description={t('contacts.clientDetail')} actions={manage && (
        <>
          <Button onClick={() => setDialog('edit')}>{t('common.edit')}</Button>
          <Button variant="primary" onClick={() => setDialog('contact')}>{t('contacts.addContact')}</Button>
          <Button onClick={() => setActive.mutate({ id, active: data.status !== 'ACTIVE' })}>
            {data.status === 'ACTIVE' ? t('contacts.inactivate') : t('contacts.reactivate')}
          </Button>
        </>
      )} />
      <ErrorMessage error={setActive.error} />
      <div className="detail-grid">
        <section className="card"><ClientFacts client={data} /></section>
        <section className="card">
          <h2>{t('contacts.contacts')}</h2>
          <ul className="plain-list" data-testid="client-contacts">
            {data.contacts.map((contact) => (
              <li key={contact.id}><Link to={`/contacts/${contact.id}`}>{contact.displayName}</Link> · {contact.phone}</li>
            ))}
            {data.contacts.length === 0 && <li className="muted">{t('contacts.noContacts')}</li>}
          </ul>
        </section>
      </div>
      {dialog === 'edit' && <ClientFormDialog client={data} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
      {dialog === 'contact' && (
        <ContactFormDialog clientId={id} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      )}
    </>
  )
}

/** Beside a chat: who the customer is and, for collections, their client's figures (B4). */
export function ContactPanel({ contactId }: { contactId: number }) {
  const { t } = useTranslation()
  const contact = useContact(contactId)
  const client = useClient(contact.data?.clientId)
  return (
    <aside className="contact-panel" aria-label={t('contacts.panel')}>
      {contact.isPending && <Loading />}
      <ErrorMessage error={contact.error} />
      {contact.data && (
        <div>
          <h3><Link to={`/contacts/${contactId}`}>{contact.data.displayName}</Link></h3>
          <ContactFacts contact={contact.data} />
        </div>
      )}
      {client.data && (
        <div>
          <h3><Link to={`/clients/${client.data.id}`}>{client.data.name}</Link></h3>
          <ClientFacts client={client.data} />
        </div>
      )}
    </aside>
  )
}
