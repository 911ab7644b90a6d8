import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextAreaField, TextField } from '../../../components/ui/field'
import { useSetHours, type ConnectionResponse } from '../api/connections'

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const
type Day = (typeof DAYS)[number]
const INTERVALS = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/

/** "08:00-13:00, 14:00-18:00" → intervals; null when a part is not "HH:mm-HH:mm". */
function parseIntervals(text: string): { from: string; to: string }[] | null {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean)
  const intervals = parts.map((part) => INTERVALS.exec(part))
  if (intervals.some((match) => match === null)) return null
  return intervals.map((match) => ({ from: match![1].padStart(5, '0'), to: match![2].padStart(5, '0') }))
}

/**
 * When a number is attended (several intervals a day, a time zone, holidays) and the message a
 * customer gets outside those hours, once a day per chat. For both kinds of number.
 */
export function HoursDialog({ connection, onClose, onSaved }: {
  connection: ConnectionResponse
  onClose: () => void
  onSaved: (connection: ConnectionResponse) => void
}) {
  const { t } = useTranslation()
  const setHours = useSetHours()
  const hours = connection.hours
  const [enabled, setEnabled] = useState(hours !== null)
  const [timeZone, setTimeZone] = useState(hours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone)
  const [days, setDays] = useState<Record<Day, string>>(() => {
    const initial = {} as Record<Day, string>
    for (const day of DAYS) {
      initial[day] = (hours?.days[day] ?? []).map((i) => `${i.from}-${i.to}`).join(', ')
    }
    return initial
  })
  const [holidays, setHolidays] = useState((hours?.holidays ?? []).join('\n'))
  const [message, setMessage] = useState(connection.outOfHoursMessage ?? '')
  const [badDays, setBadDays] = useState<Day[]>([])

  const submit = () => {
    if (!enabled) {
      setHours.mutate({ id: connection.id, request: { enabled: false } }, { onSuccess: onSaved })
      return
    }
    const parsed: Record<string, { from: string; to: string }[]> = {}
    const bad: Day[] = []
    for (const day of DAYS) {
      const intervals = parseIntervals(days[day])
      if (intervals === null) bad.push(day)
      else if (intervals.length > 0) parsed[day] = intervals
    }
    setBadDays(bad)
    if (bad.length > 0) return
    setHours.mutate(
      {
        id: connection.id,
        request: {
          enabled: true,
          timeZone: timeZone.trim(),
          days: parsed,
          holidays: holidays.split(/\s+/).filter(Boolean),
          outOfHoursMessage: message.trim() || null,
        },
      },
      { onSuccess: onSaved },
    )
  }

  return (
    <Dialog
      title={t('connections.hoursTitle', { name: connection.name })}
      onClose={onClose}
      onSubmit={submit}
      wide
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={setHours.isPending}>
            {setHours.isPending ? t('common.saving') : t('common.save')}
          </Button>
        </>
      }
    >
      <ErrorMessage error={setHours.error} fieldsShown={['timeZone', 'outOfHoursMessage']} />
      <label className="checkbox-single">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        {t('connections.hoursEnabled')}
      </label>
      {enabled && (
        <>
          <p className="muted">{t('connections.hoursIntro')}</p>
          <TextField
            label={t('connections.timeZone')}
            hint={t('connections.timeZoneHint')}
            required
            value={timeZone}
            error={fieldError(setHours.error, 'timeZone')}
            onChange={setTimeZone}
          />
          <div className="form-grid">
            {DAYS.map((day) => (
              <TextField
                key={day}
                label={t(`connections.weekdays.${day}`)}
                placeholder={t('connections.closed')}
                value={days[day]}
                error={badDays.includes(day) ? t('connections.intervalsInvalid') : undefined}
                onChange={(value) => setDays({ ...days, [day]: value })}
              />
            ))}
          </div>
          <TextAreaField
            label={t('connections.holidays')}
            hint={t('connections.holidaysHint')}
            value={holidays}
            onChange={setHolidays}
          />
          <TextAreaField
            label={t('connections.outOfHoursMessage')}
            hint={t('connections.outOfHoursMessageHint')}
            required
            value={message}
            error={fieldError(setHours.error, 'outOfHoursMessage')}
            onChange={setMessage}
          />
        </>
      )}
    </Dialog>
  )
}
