// Mirrors the backend's HTTP contract. To be replaced by types generated from the OpenAPI document.

export type Role = 'ADMINISTRATOR' | 'SUPERVISOR' | 'AGENT'
export type Language = 'es' | 'en'
export type Severity = 'INFO' | 'WARNING' | 'CRITICAL'

export interface DemoAccountResponse {
  role: Role
  login: string
  password: string
}

export interface InfoResponse {
  demo: boolean
  demoAccounts: DemoAccountResponse[]
}

export interface LoginRequest {
  login: string
  password: string
}

export interface MeResponse {
  id: number
  login: string
  displayName: string
  email: string | null
  role: Role
  language: Language
  permissions: string[]
  departmentIds: number[]
  mustChangePassword: boolean
}

export interface ChangePasswordRequest {
  currentPassword: string
  newPassword: string
}

export interface ChangeLanguageRequest {
  language: Language
}

export interface UserResponse {
  id: number
  login: string
  displayName: string
  email: string | null
  role: Role
  active: boolean
  language: Language
  departmentIds: number[]
  lastLoginAt: string | null
  createdAt: string
}

export interface CreateUserRequest {
  login: string
  displayName: string
  email?: string
  role: Role
  language: Language
  departmentIds: number[]
  password: string
}

export interface UpdateUserRequest {
  displayName: string
  email?: string
  role: Role
  language: Language
  departmentIds: number[]
}

export interface ResetPasswordRequest {
  newPassword: string
}

export interface PermissionResponse {
  code: string
  group: string
  alwaysAdministrator: boolean
  minimumRole: Role
}

export interface RoleResponse {
  role: Role
  permissions: string[]
}

export interface RolesResponse {
  permissions: PermissionResponse[]
  roles: RoleResponse[]
}

export interface UpdateRolePermissionsRequest {
  permissions: string[]
}

export interface DepartmentResponse {
  id: number
  name: string
  description: string | null
  active: boolean
  memberIds: number[]
}

export interface SaveDepartmentRequest {
  name: string
  description?: string
}

export interface UpdateMembersRequest {
  userIds: number[]
}

export interface AuditEntryResponse {
  id: number
  at: string
  actorId: number | null
  actorLogin: string | null
  ip: string | null
  action: string
  targetType: string | null
  targetId: string | null
  details: Record<string, unknown>
}

export interface AuditPage {
  items: AuditEntryResponse[]
  nextCursor: string | null
}

export interface CriticalEventResponse {
  id: number
  at: string
  severity: Severity
  source: string
  code: string
  details: Record<string, unknown>
}

export interface CriticalEventPage {
  items: CriticalEventResponse[]
  nextCursor: string | null
}
