import { AccountPage } from '../../features/account/components/account-page'
import { useEndSession } from '../use-end-session'

export function AccountRoute() {
  const endSession = useEndSession()
  return <AccountPage onPasswordChanged={() => void endSession('passwordChanged')} />
}
