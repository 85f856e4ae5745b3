import { useEffect, useState } from "preact/hooks";
import { api, type AuditView } from "../api";
import { t, tc } from "../i18n";
import { navigate } from "../router";
import { Alert, PageHeading, when } from "../ui";

export function Compliance() {
  const [caseId, setCaseId] = useState("");
  const [pending, setPending] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api("GET", "/compliance/pending").then(setPending).catch(setError);
  }, []);
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
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">{t("compliance.pending")}</h2>
        {pending ? <pre class="json">{JSON.stringify(pending, null, 2)}</pre> : <p>{t("compliance.nothingPending")}</p>}
      </section>
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
