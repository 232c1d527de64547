// An uploaded spreadsheet between its upload and its recording (the mapping and preview steps):
// held in this process's memory, never written to disk (it holds personal data in clear), for
// at most 30 minutes, and dropped once recorded. Bounded: a few uploads at a time across the
// server; more is refused until one finishes or expires. With several server nodes, an import's
// requests must reach the node that holds its upload (sticky sessions).

import { randomBytes } from 'node:crypto';
import type { Sheet } from './sheet.js';

export const STAGED_FOR_MS = 30 * 60 * 1000;
export const MAX_STAGED_UPLOADS = 8;

export interface ImportJob {
  state: 'checking' | 'recording' | 'done' | 'refused';
  total: number;
  batches: number;
  batchesDone: number;
  recorded: number;
  /** Responses a batch recorded before (the same file, sent again): not recorded twice. */
  alreadyRecorded: number;
  message?: string;
}

export interface StagedUpload {
  id: string;
  actorId: string;
  activityId: string;
  fileName: string;
  /** SHA-256 of the activity and the file's bytes: the same file makes the same response ids. */
  fileHash: string;
  sheet: Sheet;
  expiresAt: number;
  job?: ImportJob;
}

export class StagingFull extends Error {
  constructor() {
    super(`${MAX_STAGED_UPLOADS} uploads are being imported already; try again in a few minutes`);
    this.name = 'StagingFull';
  }
}

export class UploadStaging {
  private readonly uploads = new Map<string, StagedUpload>();

  constructor(private readonly now: () => number = Date.now) {}

  stage(upload: Omit<StagedUpload, 'id' | 'expiresAt'>): StagedUpload {
    this.forgetExpired();
    if (this.uploads.size >= MAX_STAGED_UPLOADS) throw new StagingFull();
    const staged = { ...upload, id: randomBytes(16).toString('base64url'), expiresAt: this.now() + STAGED_FOR_MS };
    this.uploads.set(staged.id, staged);
    return staged;
  }

  /** The upload, only for the officer who made it and the activity it was made for. */
  find(id: string, actorId: string, activityId: string): StagedUpload | undefined {
    this.forgetExpired();
    const staged = this.uploads.get(id);
    return staged && staged.actorId === actorId && staged.activityId === activityId ? staged : undefined;
  }

  /** Its rows are no longer needed (recorded, or refused): keep only the job, for the progress page. */
  release(staged: StagedUpload): void {
    staged.sheet = { columns: staged.sheet.columns, rows: [] };
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [id, staged] of this.uploads) {
      const working = staged.job?.state === 'checking' || staged.job?.state === 'recording';
      if (staged.expiresAt <= now && !working) this.uploads.delete(id);
    }
  }
}
