// Closed sets of values, derived from the types generated from the backend's OpenAPI description
// (types/api.ts), so they change when the backend does.
import type { CriticalEventResponse, MeResponse } from './api'

export type Role = MeResponse['role']
export type Language = MeResponse['language']
export type Severity = CriticalEventResponse['severity']
