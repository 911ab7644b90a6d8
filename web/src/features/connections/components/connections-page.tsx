import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePageDialogs } from '../../../lib/use-page-dialogs'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { SetActiveDialog } from '../../../components/ui/set-active-dialog'
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

const COLUMNS = 5

/** WhatsApp numbers; `canManage` (connections.manage) adds create, edit, inactivate and reactivate. */
export function ConnectionsPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const connections = useConnections()
  const setActive = useSetConnectionActive()
  const { open, notice, show, close, done } = usePageDialogs<Open>(() => setActive.reset())
  // Connections whose webhook details are shown below their row.
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set())

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
        <SetActiveDialog section="connections" item={open.connection} name={open.connection.name} mutation={setActive} onClose={close} onDone={done} />
      )}
    </>
  )
}
