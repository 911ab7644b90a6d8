import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { usePhoneSettings } from '../api/contacts'

/**
 * A phone number with the country it is read in (B3): numbers typed without "+" and a country
 * code are read in the chosen country (the company's default at first); the server stores E.164.
 */
export function PhoneField({ label, phone, country, error, onPhone, onCountry }: {
  label: string
  phone: string
  country: string
  error?: string
  onPhone: (value: string) => void
  onCountry: (value: string) => void
}) {
  const { t, i18n } = useTranslation()
  const settings = usePhoneSettings()
  const id = useId()
  const names = useMemo(() => new Intl.DisplayNames([i18n.language], { type: 'region' }), [i18n.language])
  const countries = useMemo(() => (settings.data?.countries ?? [])
    .map((entry) => ({ ...entry, name: names.of(entry.code) ?? entry.code }))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language)), [settings.data, names, i18n.language])
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div className="phone-field">
        <select aria-label={t('contacts.country')} value={country || settings.data?.defaultCountry || ''}
          onChange={(event) => onCountry(event.target.value)}>
          {countries.map((entry) => (
            <option key={entry.code} value={entry.code}>{entry.name} (+{entry.callingCode})</option>
          ))}
        </select>
        <input id={id} type="tel" inputMode="tel" value={phone} placeholder={t('contacts.phonePlaceholder')}
          aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => onPhone(event.target.value)} />
      </div>
      <p id={`${id}-hint`} className="field-hint">{t('contacts.phoneHint')}</p>
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  )
}
