import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../../../components/ui/field'

type Field = 'welcomeMessage' | 'farewellMessage'

/** A number's welcome and farewell messages, the same for every kind of number. */
export function AutomaticMessagesFields({ values, error, onChange }: {
  values: Record<Field, string>
  error: (field: Field) => string | undefined
  onChange: (field: Field) => (value: string) => void
}) {
  const { t } = useTranslation()
  return (
    <>
      <TextAreaField
        label={`${t('connections.welcomeMessage')} ${t('common.optional')}`}
        hint={t('connections.welcomeMessageHint')}
        value={values.welcomeMessage}
        error={error('welcomeMessage')}
        onChange={onChange('welcomeMessage')}
      />
      <TextAreaField
        label={`${t('connections.farewellMessage')} ${t('common.optional')}`}
        hint={t('connections.farewellMessageHint')}
        value={values.farewellMessage}
        error={error('farewellMessage')}
        onChange={onChange('farewellMessage')}
      />
    </>
  )
}
