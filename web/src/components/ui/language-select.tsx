import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '../../lib/i18n'
import type { Language } from '../../types/domain'

interface LanguageSelectProps {
  label: string
  value: Language
  onChange: (language: Language) => void
  disabled?: boolean
  testId?: string
  compact?: boolean
}

export function LanguageSelect({ label, value, onChange, disabled, testId, compact }: LanguageSelectProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className={compact ? 'language-select language-select-compact' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as Language)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`languages.${language}`)}
          </option>
        ))}
      </select>
    </div>
  )
}
