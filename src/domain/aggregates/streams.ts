// Stream names, one per entity: `<aggregate>-<id>`. In one file with no imports, so any
// aggregate may name another's stream (to read it for a cross-stream rule) without a cycle.

export const organisationStream = (organisationId: string): string => `organisation-${organisationId}`;
export const areaStream = (areaId: string): string => `area-${areaId}`;
export const communityStream = (communityId: string): string => `community-${communityId}`;
export const planStream = (planId: string): string => `plan-${planId}`;
export const activityStream = (activityId: string): string => `activity-${activityId}`;
export const decisionStream = (decisionId: string): string => `decision-${decisionId}`;
export const actionStream = (actionId: string): string => `action-${actionId}`;
export const healthCheckCycleStream = (cycleId: string): string => `health-check-cycle-${cycleId}`;
export const voiceStream = (evaluationId: string): string => `voice-${evaluationId}`;
export const subjectStream = (subjectId: string): string => `subject-${subjectId}`;

/**
 * One stream per organisation per cycle. The "." cannot occur in an entity id, so
 * ("halton-2013", "police") and ("halton", "2013-police") never share a stream,
 * and no submission stream can be mistaken for a cycle's.
 */
export const healthCheckStream = (cycleId: string, organisationId: string): string => `health-check-${cycleId}.${organisationId}`;
