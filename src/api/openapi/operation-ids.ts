// Every operation's operationId, derived from its method and path alone, so it never changes
// unless the route does: clients generate method names from it. Ids in the path come last,
// after "By": GET /v1/activities/{activityId}/events -> getActivitiesEventsByActivityId.

const words = (segment: string): string[] => segment.split(/[^A-Za-z0-9]+/).filter(Boolean);
const capital = (word: string): string => (word[0] ?? '').toUpperCase() + word.slice(1);

export function operationIdFor(method: string, path: string): string {
  const segments = path.split('/').filter((s) => s !== '' && s !== 'v1');
  const params = segments.filter((s) => s.startsWith('{')).map((s) => s.slice(1, -1));
  const fixed = segments.filter((s) => !s.startsWith('{')).flatMap(words);
  const by = params.length > 0 ? `By${params.map(capital).join('And')}` : '';
  return method.toLowerCase() + (fixed.length > 0 ? fixed.map(capital).join('') : 'Root') + by;
}
