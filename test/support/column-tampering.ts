// One alteration per stored column of an event, each an UPDATE of the row at position `?`
// that SQLite accepts: what an intruder with the file can do to one event. The chain covers
// every column, so each must be caught at that event, whichever event it is.

export const columnAlterations: ReadonlyArray<readonly [column: string, sql: string]> = [
  ['type', "UPDATE events SET type = type || 'Forged' WHERE position = ?"],
  ['stream_id', "UPDATE events SET stream_id = stream_id || '-forged' WHERE position = ?"],
  ['id', "UPDATE events SET id = id || 'F' WHERE position = ?"],
  ['revision', 'UPDATE events SET revision = revision + 1000000 WHERE position = ?'],
  ['version', 'UPDATE events SET version = version + 1 WHERE position = ?'],
  ['data', "UPDATE events SET data = json_set(data, '$.forged', 1) WHERE position = ?"],
  ['metadata', "UPDATE events SET metadata = json_set(metadata, '$.actor', 'mallory') WHERE position = ?"],
  ['hash', "UPDATE events SET hash = substr(hash, 1, 63) || CASE substr(hash, 64) WHEN '0' THEN '1' ELSE '0' END WHERE position = ?"],
  ['position', 'UPDATE events SET position = position + 1000000 WHERE position = ?'],
];

/** Every alteration at each of the given positions, for it.each: [column, where, position, sql]. */
export function alterationsAt(places: ReadonlyArray<readonly [where: string, position: number]>): Array<[string, string, number, string]> {
  return columnAlterations.flatMap(([column, sql]) => places.map(([where, position]) => [column, where, position, sql] as [string, string, number, string]));
}
