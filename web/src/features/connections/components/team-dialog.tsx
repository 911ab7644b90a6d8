import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage } from '../../../components/ui/error-message'
import { CheckboxGroup, SelectField } from '../../../components/ui/field'
import { useDepartments } from '../../departments/api/departments'
import { useUsers } from '../../users/api/users'
import { useSetTeam, type ConnectionResponse } from '../api/connections'

/**
 * Who works a number: the department its new chats belong to, and the agents who may use it
 * (none ticked: every agent of the department).
 */
export function TeamDialog({ connection, onClose, onSaved }: {
  connection: ConnectionResponse
  onClose: () => void
  onSaved: (connection: ConnectionResponse) => void
}) {
  const { t } = useTranslation()
  const setTeam = useSetTeam()
  const departments = useDepartments()
  const agents = useUsers({ role: 'AGENT', active: 'true' })
  const [department, setDepartment] = useState(connection.departmentId === null ? '' : String(connection.departmentId))
  const [selected, setSelected] = useState(connection.agentIds.map(String))

  const inDepartment = (agents.data ?? []).filter((agent) => department === '' || agent.departmentIds.includes(Number(department)))
  const submit = () =>
    setTeam.mutate(
      {
        id: connection.id,
        request: { departmentId: department === '' ? null : Number(department), agentIds: selected.map(Number) },
      },
      { onSuccess: onSaved },
    )

  return (
    <Dialog
      title={t('connections.teamTitle', { name: connection.name })}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={setTeam.isPending}>
            {setTeam.isPending ? t('common.saving') : t('common.save')}
          </Button>
        </>
      }
    >
      <ErrorMessage error={setTeam.error ?? departments.error ?? agents.error} />
      <SelectField
        label={t('connections.department')}
        hint={t('connections.departmentHint')}
        value={department}
        options={[
          { value: '', label: t('connections.noDepartment') },
          ...(departments.data ?? []).filter((d) => d.active || String(d.id) === department)
            .map((d) => ({ value: String(d.id), label: d.name })),
        ]}
        onChange={setDepartment}
      />
      <CheckboxGroup
        legend={t('connections.agents')}
        options={inDepartment.map((agent) => ({ value: String(agent.id), label: agent.displayName }))}
        selected={selected}
        onChange={setSelected}
        emptyText={t('connections.noAgents')}
      />
      <p className="muted">{t('connections.agentsHint')}</p>
    </Dialog>
  )
}
