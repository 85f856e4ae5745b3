// The API on this origin. The bearer token lives in this module's memory only (never in storage).

export interface FieldError {
  field: string;
  code: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export interface Session {
  subject: string;
  groups: string[];
  token: string;
}

let session: Session | null = null;

export function currentSession(): Session | null {
  return session;
}

export function setSession(next: Session | null) {
  session = next;
}

async function refusal(response: Response): Promise<ApiError> {
  try {
    const body = await response.json();
    return new ApiError(response.status, body.code ?? "HTTP_" + response.status, body.message ?? "", body.errors ?? []);
  } catch {
    return new ApiError(response.status, "HTTP_" + response.status, response.statusText);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (session) {
    headers.authorization = `Bearer ${session.token}`;
  }
  if (body !== undefined) {
    headers["content-type"] = "application/json";
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, "NETWORK", String(e));
  }
  if (!response.ok) {
    throw await refusal(response);
  }
  return (await response.json()) as T;
}

// ---- shapes of the API's answers (README, HTTP API) ----

export interface DocumentView {
  documentId: string;
  docType: string;
  status: string;
  reasonCode?: string | null;
  reason?: string | null;
}

export interface CaseView {
  caseId: string;
  status: string;
  createdAt: string;
  documents: DocumentView[];
  resubmission?: { requestedAt: string; documents: string[]; reasonCodes: string[] } | null;
}

export interface UploadInstructions {
  documentId: string;
  method: string;
  uploadUrl: string;
  headers: Record<string, string>;
  expiresAt: string;
}

export interface QueueEntry {
  caseId: string;
  applicantId: string;
  status: string;
  country: string;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string | null;
  dueAt: string;
  overdue: boolean;
  claimedBy?: string | null;
  claimedUntil?: string | null;
}

export interface Vote {
  decisionId: string;
  reviewer: string;
  decision: string;
  reasonCodes: string[];
  rating?: number | null;
  ratingExpiresOn?: string | null;
  evidence: string;
  at: string;
}

export interface ReviewDocument {
  documentId: string;
  docType: string;
  status: string;
  contentType: string;
  contentLength: number;
  reasonCode?: string | null;
}

export interface ReviewCase {
  caseId: string;
  status: string;
  country: string;
  createdAt: string;
  personalData: Record<string, unknown>;
  documents: ReviewDocument[];
  evidence: string;
  pendingFirstVote?: Vote | null;
  lease?: { reviewer: string; until: string } | null;
  decisions: Vote[];
}

export interface AuditRecord {
  sequence: number;
  at: string;
  actor: string;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
}

export interface AuditView {
  caseId: string;
  intact: boolean;
  problems: unknown[];
  /** The signed checkpoint the chain was held against (null before the first), and records written since. */
  checkpoint?: string | null;
  notYetAnchored?: number;
  records: AuditRecord[];
}
