import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { ErrorMessage } from '../../../components/ui/error-message'
import { Notice } from '../../../components/ui/notice'
import { PageHeader } from '../../../components/ui/page-header'
import { Table, TableMessageRow } from '../../../components/ui/table'
import { useConnections, useSetConnectionActive, type ConnectionResponse } from '../api/connections'
import { ConnectionFormDialog } from './connection-form-dialog'
import { WebhookUrlField } from './webhook-url-field'

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; connection: ConnectionResponse }
  | { kind: 'toggle'; connection: ConnectionResponse }
  | null

const COLUMNS = 5

/** WhatsApp numbers; `canManage` (connections.manage) adds create, edit, inactivate and reactivate. */
export function ConnectionsPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const connections = useConnections()
  const setActive = useSetConnectionActive()
  const [open, setOpen] = useState<Open>(null)
  const [notice, setNotice] = useState('')
  // Connections whose webhook details are shown below their row.
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set())

  const show = (next: Open) => {
    setNotice('')
    setOpen(next)
  }
  const close = () => {
    setOpen(null)
    setActive.reset()
  }
  const done = (message: string) => {
    setOpen(null)
    setNotice(message)
  }
  const toggleDetails = (id: number, visible: boolean) => {
    const next = new Set(expanded)
    if (visible) next.add(id)
    else next.delete(id)
    setExpanded(next)
  }

  return (
    <>
      <PageHeader
        title={t('connections.title')}
        description={t('connections.intro')}
        actions={
          canManage && (
            <Button variant="primary" onClick={() => show({ kind: 'create' })}>
              {t('connections.new')}
            </Button>
          )
        }
      />
      <Notice>{notice}</Notice>
      <ErrorMessage error={connections.error} />
      <Table caption={t('connections.title')}>
        <thead>
          <tr>
            <th scope="col">{t('connections.name')}</th>
            <th scope="col">{t('connections.displayNumber')}</th>
            <th scope="col">{t('connections.provider')}</th>
            <th scope="col">{t('connections.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {connections.isPending && <TableMessageRow colSpan={COLUMNS}>{t('app.loading')}</TableMessageRow>}
          {connections.data?.length === 0 && (
            <TableMessageRow colSpan={COLUMNS}>{t('connections.empty')}</TableMessageRow>
          )}
          {connections.data?.map((connection) => {
            const detailsId = `connection-${connection.id}-webhook`
            const isExpanded = expanded.has(connection.id)
            return (
              <Fragment key={connection.id}>
                <tr>
                  <td className="cell-primary">{connection.name}</td>
                  <td className="cell-nowrap">{connection.displayNumber}</td>
                  <td>{t(`connections.providers.${connection.provider}`)}</td>
                  <td>
                    <Badge tone={connection.active ? 'success' : 'neutral'}>
                      {connection.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </td>
                  <td>
                    <div className="row-actions">
                      <Button
                        small
                        aria-expanded={isExpanded}
                        aria-controls={isExpanded ? detailsId : undefined}
                        onClick={() => toggleDetails(connection.id, !isExpanded)}
                      >
                        {t('connections.webhook')}
                      </Button>
                      {canManage && (
                        <>
                          <Button small onClick={() => show({ kind: 'edit', connection })}>
                            {t('common.edit')}
                          </Button>
                          <Button
                            small
                            variant={connection.active ? 'danger' : 'secondary'}
                            onClick={() => show({ kind: 'toggle', connection })}
                          >
                            {connection.active ? t('connections.inactivate') : t('connections.reactivate')}
                          </Button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
                {isExpanded && (
                  <tr id={detailsId} className="details-row">
                    <td colSpan={COLUMNS}>
                      <WebhookUrlField url={connection.webhookUrl} />
                    </td>
                  </tr>
                )}
              </Fragment>
            )
          })}
        </tbody>
      </Table>

      {open?.kind === 'create' && (
        <ConnectionFormDialog
          onClose={close}
          onSaved={(connection) => {
            // The next step is pasting the webhook URL into Meta's App Dashboard: show it right away.
            toggleDetails(connection.id, true)
            done(t('connections.created', { name: connection.name }))
          }}
        />
      )}
      {open?.kind === 'edit' && (
        <ConnectionFormDialog
          connection={open.connection}
          onClose={close}
          onSaved={(connection) => done(t('connections.updated', { name: connection.name }))}
        />
      )}
      {open?.kind === 'toggle' && (
        <ConfirmDialog
          title={open.connection.active ? t('connections.inactivateTitle') : t('connections.reactivateTitle')}
          message={t(open.connection.active ? 'connections.inactivateText' : 'connections.reactivateText', {
            name: open.connection.name,
          })}
          confirmLabel={open.connection.active ? t('connections.inactivate') : t('connections.reactivate')}
          danger={open.connection.active}
          pending={setActive.isPending}
          error={setActive.error}
          onClose={close}
          onConfirm={() =>
            setActive.mutate(
              { id: open.connection.id, active: !open.connection.active },
              {
                onSuccess: (connection) =>
                  done(
                    t(connection.active ? 'connections.reactivated' : 'connections.inactivated', {
                      name: connection.name,
                    }),
                  ),
              },
            )
          }
        />
      )}
    </>
  )
}
