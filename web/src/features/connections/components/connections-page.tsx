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
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { useConnections, useSetConnectionActive, type ConnectionResponse } from '../api/connections'
import { useLinkAction, useSync, type LinkAction } from '../api/gateway'
import { ConnectionFormDialog } from './connection-form-dialog'
import { GatewayNumberDialog, GatewaySettingsDialog, QrDialog } from './gateway-dialogs'
import { HoursDialog } from './hours-dialog'
import { TeamDialog } from './team-dialog'
import { LinkBadge } from './link-badge'
import { WebhookUrlField } from './webhook-url-field'

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; connection: ConnectionResponse }
  | { kind: 'toggle'; connection: ConnectionResponse }
  | { kind: 'gateway' }
  | { kind: 'createGatewayNumber' }
  | { kind: 'editGatewayNumber'; connection: ConnectionResponse }
  | { kind: 'qr'; connection: ConnectionResponse }
  | { kind: 'hours'; connection: ConnectionResponse }
  | { kind: 'team'; connection: ConnectionResponse }
  | { kind: 'logout' | 'delete-instance'; connection: ConnectionResponse }

const COLUMNS = 6

/**
 * WhatsApp numbers with their link state (QR-linked numbers); `canManage` (connections.manage)
 * adds create, edit, inactivate, the gateway, log out and delete instance; `canReconnect`
 * (connections.reconnect) shows the QR and reconnects.
 */
export function ConnectionsPage({ canManage, canReconnect }: { canManage: boolean; canReconnect: boolean }) {
  const { t } = useTranslation()
  const connections = useConnections()
  const setActive = useSetConnectionActive()
  const linkAction = useLinkAction()
  const sync = useSync()
  const { open, notice, show, close, done } = usePageDialogs<Open>(() => {
    setActive.reset()
    linkAction.reset()
    sync.reset()
  })
  const act = (connection: ConnectionResponse, action: LinkAction, message: 'connections.loggedOut' | 'connections.instanceDeleted') =>
    linkAction.mutate({ id: connection.id, action }, { onSuccess: () => done(t(message, { name: connection.name })) })
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
            <>
              <Button onClick={() => show({ kind: 'gateway' })}>{t('connections.gateway')}</Button>
              <Button onClick={() => show({ kind: 'createGatewayNumber' })}>{t('connections.newGatewayNumber')}</Button>
              <Button variant="primary" onClick={() => show({ kind: 'create' })}>
                {t('connections.new')}
              </Button>
            </>
          )
        }
      />
      <Notice>{notice}</Notice>
      <ErrorMessage error={connections.error ?? (open ? null : linkAction.error ?? sync.error)} />
      <Table caption={t('connections.title')}>
        <thead>
          <tr>
            <th scope="col">{t('connections.name')}</th>
            <th scope="col">{t('connections.displayNumber')}</th>
            <th scope="col">{t('connections.provider')}</th>
            <th scope="col">{t('connections.link')}</th>
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
            const gatewayNumber = connection.provider === 'EVOLUTION_API'
            const link = connection.link
            return (
              <Fragment key={connection.id}>
                <tr data-connection-id={connection.id}>
                  <td className="cell-primary">{connection.name}</td>
                  <td className="cell-nowrap">{connection.displayNumber}</td>
                  <td>{t(`connections.providers.${connection.provider}`)}</td>
                  <td>{link ? <LinkBadge link={link} /> : <span className="muted">—</span>}</td>
                  <td>
                    <Badge tone={connection.active ? 'success' : 'neutral'}>
                      {connection.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </td>
                  <td>
                    <div className="row-actions">
                      {!gatewayNumber && (
                        <Button
                          small
                          aria-expanded={isExpanded}
                          aria-controls={isExpanded ? detailsId : undefined}
                          onClick={() => toggleDetails(connection.id, !isExpanded)}
                        >
                          {t('connections.webhook')}
                        </Button>
                      )}
                      {gatewayNumber && connection.active && canReconnect && link?.state === 'QR_PENDING' && (
                        <Button small variant="primary" onClick={() => show({ kind: 'qr', connection })}>
                          {t('connections.showQr')}
                        </Button>
                      )}
                      {gatewayNumber && connection.active && canReconnect && link && link.state !== 'CONNECTED' && link.state !== 'QR_PENDING' && (
                        <Button
                          small
                          variant="primary"
                          disabled={linkAction.isPending}
                          onClick={() =>
                            linkAction.mutate(
                              { id: connection.id, action: 'reconnect' },
                              {
                                onSuccess: (updated) =>
                                  updated.link?.state === 'QR_PENDING'
                                    ? show({ kind: 'qr', connection: updated })
                                    : done(t('connections.reconnected', { name: connection.name })),
                              },
                            )
                          }
                        >
                          {t('connections.reconnect')}
                        </Button>
                      )}
                      {canManage && (
                        <>
                          <Button
                            small
                            onClick={() => show(gatewayNumber ? { kind: 'editGatewayNumber', connection } : { kind: 'edit', connection })}
                          >
                            {t('common.edit')}
                          </Button>
                          <Button small onClick={() => show({ kind: 'hours', connection })}>
                            {t('connections.hours')}
                          </Button>
                          <Button small onClick={() => show({ kind: 'team', connection })}>
                            {t('connections.team')}
                          </Button>
                          {gatewayNumber && connection.active && link?.state === 'CONNECTED' && (
                            <>
                              <Button
                                small
                                disabled={sync.isPending}
                                onClick={() =>
                                  sync.mutate(
                                    { id: connection.id, what: 'contacts' },
                                    { onSuccess: (result) => done(t('connections.contactsSynced', { count: result.contacts, name: connection.name })) },
                                  )
                                }
                              >
                                {t('connections.syncContacts')}
                              </Button>
                              <Button
                                small
                                disabled={sync.isPending}
                                onClick={() =>
                                  sync.mutate(
                                    { id: connection.id, what: 'messages' },
                                    {
                                      onSuccess: (result) =>
                                        done(t('connections.messagesSynced', { count: result.messages, chats: result.chats, name: connection.name })),
                                    },
                                  )
                                }
                              >
                                {t('connections.syncMessages')}
                              </Button>
                            </>
                          )}
                          {gatewayNumber && connection.active && link?.state === 'CONNECTED' && (
                            <Button small onClick={() => show({ kind: 'logout', connection })}>
                              {t('connections.logout')}
                            </Button>
                          )}
                          {gatewayNumber && connection.active && (
                            <Button small variant="danger" onClick={() => show({ kind: 'delete-instance', connection })}>
                              {t('connections.deleteInstance')}
                            </Button>
                          )}
                          {(!gatewayNumber || !connection.active) && <Button
                            small
                            variant={connection.active ? 'danger' : 'secondary'}
                            onClick={() => show({ kind: 'toggle', connection })}
                          >
                            {connection.active ? t('connections.inactivate') : t('connections.reactivate')}
                          </Button>}
                        </>
                      )}
                    </div>
                  </td>
                </tr>
                {isExpanded && connection.webhookUrl && (
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
      {open?.kind === 'gateway' && <GatewaySettingsDialog onClose={close} onSaved={() => done(t('connections.gatewaySaved'))} />}
      {open?.kind === 'createGatewayNumber' && (
        <GatewayNumberDialog onClose={close} onSaved={(connection) => show({ kind: 'qr', connection })} />
      )}
      {open?.kind === 'editGatewayNumber' && (
        <GatewayNumberDialog
          connection={open.connection}
          onClose={close}
          onSaved={(connection) => done(t('connections.updated', { name: connection.name }))}
        />
      )}
      {open?.kind === 'qr' && <QrDialog connection={open.connection} onClose={close} />}
      {open?.kind === 'team' && (
        <TeamDialog
          connection={open.connection}
          onClose={close}
          onSaved={(connection) => done(t('connections.teamSaved', { name: connection.name }))}
        />
      )}
      {open?.kind === 'hours' && (
        <HoursDialog
          connection={open.connection}
          onClose={close}
          onSaved={(connection) => done(t('connections.hoursSaved', { name: connection.name }))}
        />
      )}
      {open?.kind === 'logout' && (
        <ConfirmDialog
          title={t('connections.logoutTitle')}
          message={t('connections.logoutText', { name: open.connection.name })}
          confirmLabel={t('connections.logout')}
          danger
          pending={linkAction.isPending}
          error={linkAction.error}
          onConfirm={() => act(open.connection, 'logout', 'connections.loggedOut')}
          onClose={close}
        />
      )}
      {open?.kind === 'delete-instance' && (
        <ConfirmDialog
          title={t('connections.deleteInstanceTitle')}
          message={t('connections.deleteInstanceText', { name: open.connection.name })}
          confirmLabel={t('connections.deleteInstance')}
          danger
          pending={linkAction.isPending}
          error={linkAction.error}
          onConfirm={() => act(open.connection, 'delete-instance', 'connections.instanceDeleted')}
          onClose={close}
        />
      )}
      {open?.kind === 'toggle' && (
        <SetActiveDialog section="connections" item={open.connection} name={open.connection.name} mutation={setActive} onClose={close} onDone={done} />
      )}
    </>
  )
}
