// ULID <-> UUID. EventStoreDB wants a UUID for every event id; the ledger's ids are
// ULIDs. Both are 128 bits, so the ULID's 16 bytes (big-endian: 48-bit time first,
// then 80 random bits) are written out as a UUID string and read back the same way.
// Big-endian keeps order: monotonic ULIDs give UUID strings that sort the same way.
// The UUID's version/variant bits are whatever the ULID holds; EventStoreDB does not
// check them.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Canonical ULID: 26 upper-case Crockford characters, the first at most '7' (128 bits, not 130). */
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUlid(id: string): boolean {
  return ULID.test(id);
}

export function ulidToUuid(ulid: string): string {
  if (!isUlid(ulid)) throw new TypeError(`${JSON.stringify(ulid)} is not a canonical ULID`);
  let bits = 0n;
  for (const char of ulid) bits = (bits << 5n) | BigInt(CROCKFORD.indexOf(char));
  const hex = bits.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ULID a UUID string carries, or undefined when it is not a UUID. */
export function uuidToUlid(uuid: string): string | undefined {
  if (!UUID.test(uuid)) return undefined;
  let bits = BigInt(`0x${uuid.replace(/-/g, '')}`);
  let ulid = '';
  for (let i = 0; i < 26; i++) {
    ulid = CROCKFORD[Number(bits & 31n)] + ulid;
    bits >>= 5n;
  }
  return ulid;
}
