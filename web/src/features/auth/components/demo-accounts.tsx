import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Table } from '../../../components/ui/table'
import type { DemoAccountResponse } from '../../../types/api'

interface DemoAccountsProps {
  accounts: DemoAccountResponse[]
  onPick: (account: DemoAccountResponse) => void
}

export function DemoAccounts({ accounts, onPick }: DemoAccountsProps) {
  const { t } = useTranslation()
  return (
    <section className="login-card demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">{t('login.demoTitle')}</h2>
      <p className="muted">{t('login.demoHint')}</p>
      <Table caption={t('login.demoTitle')}>
        <thead>
          <tr>
            <th scope="col">{t('login.demoRole')}</th>
            <th scope="col">{t('login.demoLogin')}</th>
            <th scope="col">{t('login.demoPassword')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.login} className="clickable-row" onClick={() => onPick(account)}>
              <td>{t(`roles.${account.role}`)}</td>
              <td>
                <code>{account.login}</code>
              </td>
              <td>
                <code>{account.password}</code>
              </td>
              <td>
                <Button
                  small
                  variant="ghost"
                  onClick={(event) => {
                    event.stopPropagation()
                    onPick(account)
                  }}
                >
                  {t('login.useAccount')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  )
}
