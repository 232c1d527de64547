// Words for field names and values where a schema gives no title: `receivedOn` -> "Received on",
// `areaIds` -> "Areas", `not_adopted` -> "Not adopted". Descriptions in the schemas (`.meta`)
// are the help text; titles, where a schema has one, win over these.

/** camelCase or snake_case to a sentence: the first word capitalised, the rest lower case. */
export function words(name: string): string {
  const spaced = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A field's label from its name: an id names the thing (`activityId` -> "Activity"), a list of ids the things. */
export function fieldLabel(name: string): string {
  if (/^[0-9]+$/.test(name)) return `Item ${Number(name) + 1}`;
  if (name.endsWith('Ids')) return words(`${name.slice(0, -3)}s`);
  if (name.endsWith('Id') && name.length > 2) return words(name.slice(0, -2));
  return words(name);
}

/** A command type in words: `GiveFeedbackToParticipants` -> "Give feedback to participants". */
export const commandTitle = (commandType: string): string => words(commandType);
