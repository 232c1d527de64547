// Who is acting, as the credential says. Never taken from a request body.

/** `metrics` reads /metrics and nothing else (a Prometheus scraper's token). */
export const roles = ['admin', 'officer', 'auditor', 'scrutiny', 'metrics'] as const;
export type Role = (typeof roles)[number];

export interface Actor {
  id: string;
  role: Role;
  /** The organisation an officer acts for; null for other roles. */
  organisationId: string | null;
}
