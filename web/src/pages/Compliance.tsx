import { useEffect, useState } from "preact/hooks";
import { api, type AuditView } from "../api";
import { t, tc } from "../i18n";
import { navigate } from "../router";
import { Alert, PageHeading, when } from "../ui";

interface PendingCase {
  caseId: string;
  status: string;
  processingRestricted: boolean;
  erasureRequestedAt?: string | null;
  legalHold?: string | null;
  retentionEndsAt?: string | null;
}

/** A two-officer act's answer: 202 {awaiting: SECOND_OFFICER, proposedBy, confirmBy}, or 200 once confirmed. */
interface RetentionAnswer {
  caseId: string;
  awaiting?: "SECOND_OFFICER";
  proposedBy?: string;
  confirmBy?: string;
  legalHold?: boolean;
  retentionEndsAt?: string;
}

type Outcome = { state: "done" | "awaiting"; text: string };

/** GET /compliance/registrations/parked: approved cases whose registration waits for a person's decision. */
interface ParkedRegistration {
  caseId: string;
  status: string;
  reasonCode: string;
  parkedAt?: string | null;
}

/** GET /audit/verification: every case's chain verified now. */
interface Verification {
  cases: number;
  intact: number;
  broken: { caseId: string; problems: string[] }[];
  checkpoint?: string | null;
  notYetAnchored: number;
}

function VerifyAll() {
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<Verification>("GET", "/audit/verification"));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="verify-all-heading">
      <h2 id="verify-all-heading">{t("compliance.verifyAll")}</h2>
      <p class="hint">{t("compliance.verifyAllNote")}</p>
      <button type="button" id="verify-all" disabled={busy} onClick={run}>
        {t("compliance.verifyAllRun")}
      </button>
      <Alert error={error} />
      {result && (
        <div>
          <p id="verify-all-verdict" data-intact={String(result.broken.length === 0)} data-cases={String(result.cases)}
            class={result.broken.length === 0 ? "ok" : "alert"} role="status">
            {t("compliance.verifyAllResult", { cases: result.cases, intact: result.intact, broken: result.broken.length })}
          </p>
          {result.broken.length > 0 && (
            <ul id="verify-all-broken">
              {result.broken.map((b) => (
                <li key={b.caseId} data-case-id={b.caseId}>
                  <a href={`#/compliance/audit/${b.caseId}`}>{b.caseId}</a>: {b.problems.join("; ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function ParkedRegistrations() {
  const [parked, setParked] = useState<ParkedRegistration[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ cases: ParkedRegistration[] }>("GET", "/compliance/registrations/parked")
      .then((p) => setParked(p.cases))
      .catch(setError);
  }, []);
  return (
    <section aria-labelledby="parked-heading">
      <h2 id="parked-heading">{t("compliance.parked")}</h2>
      <p class="hint">{t("compliance.parkedHelp")}</p>
      <Alert error={error} />
      {parked === null ? null : parked.length > 0 ? (
        <table id="parked">
          <thead>
            <tr>
              <th scope="col">{t("compliance.pendingCase")}</th>
              <th scope="col">{t("compliance.pendingStatus")}</th>
              <th scope="col">{t("compliance.parkedReason")}</th>
              <th scope="col">{t("compliance.parkedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {parked.map((p) => (
              <tr key={p.caseId} data-case-id={p.caseId}>
                <td>
                  <a href={`#/compliance/audit/${p.caseId}`}>{p.caseId}</a>
                </td>
                <td>{tc("status", p.status)}</td>
                <td data-reason-code={p.reasonCode}>
                  {tc("parked", p.reasonCode)}
                </td>
                <td>{when(p.parkedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p id="parked-none">{t("compliance.parkedNone")}</p>
      )}
    </section>
  );
}

export function Compliance() {
  const [caseId, setCaseId] = useState("");
  const [pending, setPending] = useState<PendingCase[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [target, setTarget] = useState("");
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [actError, setActError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = () =>
    api<{ cases: PendingCase[] }>("GET", "/compliance/pending")
      .then((p) => setPending(p.cases))
      .catch(setError);
  useEffect(() => {
    load();
  }, []);

  async function act(kind: "hold" | "release" | "offboard") {
    const id = target.trim();
    if (!id) return;
    setBusy(true);
    setOutcome(null);
    setActError(null);
    try {
      const path = `/compliance/cases/${encodeURIComponent(id)}/${kind === "offboard" ? "offboard" : "legal-hold"}`;
      const answer =
        kind === "hold"
          ? await api<RetentionAnswer>("POST", path, { reason })
          : await api<RetentionAnswer>(kind === "release" ? "DELETE" : "POST", path);
      if (answer.awaiting === "SECOND_OFFICER") {
        setOutcome({
          state: "awaiting",
          text: t("compliance.awaiting", { proposedBy: answer.proposedBy ?? "?", confirmBy: when(answer.confirmBy) }),
        });
      } else if (kind === "hold") {
        setOutcome({ state: "done", text: t("compliance.holdPlaced", { caseId: id }) });
      } else if (kind === "release") {
        setOutcome({ state: "done", text: t("compliance.holdReleased", { caseId: id, proposedBy: answer.proposedBy ?? "?" }) });
      } else {
        setOutcome({
          state: "done",
          text: t("compliance.offboarded", { caseId: id, proposedBy: answer.proposedBy ?? "?", retentionEndsAt: when(answer.retentionEndsAt) }),
        });
      }
      await load();
    } catch (e) {
      setActError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main">
      <PageHeading>{t("compliance.title")}</PageHeading>
      <Alert error={error} />
      <form
        aria-labelledby="audit-case-heading"
        onSubmit={(e) => {
          e.preventDefault();
          if (caseId.trim()) navigate(`/compliance/audit/${caseId.trim()}`);
        }}
      >
        <h2 id="audit-case-heading">{t("compliance.auditCase")}</h2>
        <div class="field">
          <label for="audit-case-id">{t("compliance.caseId")}</label>
          <input id="audit-case-id" value={caseId} onInput={(e) => setCaseId((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit">{t("compliance.verify")}</button>
      </form>
      <VerifyAll />
      <form aria-labelledby="retention-heading" onSubmit={(e) => e.preventDefault()}>
        <h2 id="retention-heading">{t("compliance.retention")}</h2>
        <p class="hint">{t("compliance.retentionHelp")}</p>
        <div class="field">
          <label for="retention-case-id">{t("compliance.caseId")}</label>
          <input id="retention-case-id" value={target} onInput={(e) => setTarget((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="hold-reason">{t("compliance.holdReason")}</label>
          <input id="hold-reason" maxLength={200} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </div>
        <button type="button" id="place-hold" disabled={busy} onClick={() => act("hold")}>
          {t("compliance.placeHold")}
        </button>{" "}
        <button type="button" id="release-hold" disabled={busy} onClick={() => act("release")}>
          {t("compliance.releaseHold")}
        </button>{" "}
        <button type="button" id="offboard" disabled={busy} onClick={() => act("offboard")}>
          {t("compliance.offboard")}
        </button>
        <div aria-live="polite">
          {outcome && (
            <p id="retention-outcome" data-state={outcome.state} class={outcome.state === "done" ? "ok" : "notice"} role="status">
              {outcome.text}
            </p>
          )}
        </div>
        <Alert error={actError} />
      </form>
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">{t("compliance.pending")}</h2>
        {pending && pending.length > 0 ? (
          <table id="pending">
            <thead>
              <tr>
                <th scope="col">{t("compliance.pendingCase")}</th>
                <th scope="col">{t("compliance.pendingStatus")}</th>
                <th scope="col">{t("compliance.erasureRequested")}</th>
                <th scope="col">{t("compliance.restricted")}</th>
                <th scope="col">{t("compliance.legalHold")}</th>
                <th scope="col">{t("compliance.retentionEnds")}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((p) => (
                <tr key={p.caseId} data-case-id={p.caseId}>
                  <td>
                    <a href={`#/compliance/audit/${p.caseId}`}>{p.caseId}</a>
                  </td>
                  <td>{tc("status", p.status)}</td>
                  <td>{when(p.erasureRequestedAt)}</td>
                  <td>{p.processingRestricted ? t("compliance.yes") : t("compliance.no")}</td>
                  <td>{p.legalHold ?? ""}</td>
                  <td>{when(p.retentionEndsAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("compliance.nothingPending")}</p>
        )}
      </section>
      <ParkedRegistrations />
    </main>
  );
}

export function AuditTrail({ caseId }: { caseId: string }) {
  const [view, setView] = useState<AuditView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<AuditView>("GET", `/audit/cases/${caseId}`).then(setView).catch(setError);
  }, [caseId]);
  return (
    <main id="main">
      <p>
        <a href="#/compliance">{t("compliance.title")}</a>
      </p>
      <PageHeading>{t("audit.title", { caseId })}</PageHeading>
      <Alert error={error} />
      {view && (
        <>
          <p id="audit-verdict" data-intact={String(view.intact)} class={view.intact ? "ok" : "alert"} role="status">
            {view.intact ? t("audit.intact", { count: view.records.length }) : t("audit.broken", { count: view.problems.length })}
          </p>
          <p id="audit-checkpoint" data-not-yet-anchored={String(view.notYetAnchored ?? 0)}>
            {view.checkpoint
              ? t("audit.checkpoint", { checkpoint: view.checkpoint, count: view.notYetAnchored ?? 0 })
              : t("audit.noCheckpoint", { count: view.notYetAnchored ?? 0 })}
          </p>
          <table id="audit-records">
            <thead>
              <tr>
                <th scope="col">{t("audit.sequence")}</th>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.transition")}</th>
              </tr>
            </thead>
            <tbody>
              {view.records.map((r) => (
                <tr key={r.sequence}>
                  <td>{r.sequence}</td>
                  <td>{when(r.at)}</td>
                  <td>{r.actor}</td>
                  <td>{r.action}</td>
                  <td>{r.toStatus ? `${r.fromStatus ? tc("status", r.fromStatus) + " → " : ""}${tc("status", r.toStatus)}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
