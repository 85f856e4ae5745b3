import { useEffect, useState } from "preact/hooks";
import { api, currentSession, type ReviewCase as Case, type ReviewDocument } from "../api";
import { t, tc } from "../i18n";
import { ImageView, PdfView } from "../viewer";
import { Alert, Notice, PageHeading, when } from "../ui";

/** The reason taxonomy (kyc.review.*-reasons); the server refuses any other code with UNKNOWN_REASON_CODE. */
const REASONS: Record<string, string[]> = {
  APPROVE: ["IDENTITY_VERIFIED", "ADDRESS_VERIFIED", "FUNDS_VERIFIED", "PEP_SCREENED_CLEAR", "SANCTIONS_SCREENED_CLEAR"],
  REJECT: [
    "DOCUMENT_FORGED",
    "IDENTITY_MISMATCH",
    "SANCTIONS_HIT",
    "PEP_UNACCEPTABLE_RISK",
    "SOURCE_OF_FUNDS_UNEXPLAINED",
    "HIGH_RISK_JURISDICTION",
    "FRAUD_SUSPECTED",
  ],
  REQUEST_RESUBMISSION: [
    "DOCUMENT_UNREADABLE",
    "DOCUMENT_EXPIRED",
    "DOCUMENT_INCOMPLETE",
    "NAME_MISMATCH",
    "ADDRESS_TOO_OLD",
    "FUNDS_EVIDENCE_INSUFFICIENT",
    "WRONG_DOCUMENT_TYPE",
  ],
};
const DOC_TYPES = ["PASSPORT", "ID_CARD_FRONT", "ID_CARD_BACK", "DRIVING_LICENCE_FRONT", "DRIVING_LICENCE_BACK", "PROOF_OF_ADDRESS", "PROOF_OF_FUNDS"];

export function ReviewCase({ caseId }: { caseId: string }) {
  const [view, setView] = useState<Case | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = async () => {
    try {
      setView(await api<Case>("GET", `/review/cases/${caseId}`));
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    load();
  }, [caseId]);

  const claim = async (release = false) => {
    setError(null);
    try {
      await api(release ? "DELETE" : "POST", `/review/cases/${caseId}/claim`);
      await load();
    } catch (e) {
      setError(e);
    }
  };

  useEffect(() => {
    const keys = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.ctrlKey || e.metaKey || e.altKey) return;
      const radio = { a: "APPROVE", j: "REJECT", s: "REQUEST_RESUBMISSION" }[e.key];
      if (radio) (document.getElementById("decision-" + radio) as HTMLInputElement | null)?.click();
      if (e.key === "c") claim();
    };
    window.addEventListener("keydown", keys);
    return () => window.removeEventListener("keydown", keys);
  });

  return (
    <main id="main">
      <p>
        <a href="#/review">{t("review.back")}</a>
      </p>
      <PageHeading>{t("review.title", { caseId })}</PageHeading>
      <p class="hint">{t("review.shortcuts")}</p>
      <Alert error={error} />
      {notice && <Notice>{notice}</Notice>}
      {view && (
        <div class="review-grid">
          <div>
            <p>
              {t("case.status")}:{" "}
              <strong id="review-status" data-status={view.status}>
                {tc("status", view.status)}
              </strong>
            </p>
            <section aria-labelledby="lease-heading">
              <h2 id="lease-heading" class="visually-hidden">
                {t("review.claim")}
              </h2>
              <p id="lease">
                {view.lease ? t("review.lease", { reviewer: view.lease.reviewer, until: when(view.lease.until) }) : t("review.unclaimed")}
              </p>
              {view.lease?.reviewer === currentSession()?.subject ? (
                <button type="button" class="secondary" onClick={() => claim(true)}>
                  {t("review.release")}
                </button>
              ) : (
                <button type="button" class="secondary" onClick={() => claim()}>
                  {t("review.claim")}
                </button>
              )}
            </section>
            <section aria-labelledby="pd-heading">
              <h2 id="pd-heading">{t("review.personalData")}</h2>
              <PersonalData data={view.personalData} />
            </section>
            <FourEyes view={view} />
            <DecisionForm view={view} onDecided={(status) => { setNotice(t("review.decided", { status: tc("status", status) })); load(); }} />
          </div>
          <section aria-labelledby="docs-heading">
            <h2 id="docs-heading">{t("review.documents")}</h2>
            {view.documents.map((d) => (
              <DocumentItem key={d.documentId} caseId={caseId} doc={d} />
            ))}
          </section>
        </div>
      )}
    </main>
  );
}

function PersonalData({ data }: { data: Record<string, unknown> }) {
  const rows: [string, string][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value && typeof value === "object") {
      Object.entries(value as Record<string, unknown>).forEach(([k, v]) => walk(prefix ? `${prefix}.${k}` : k, v));
    } else if (value !== null && value !== undefined && value !== "") {
      rows.push([prefix, String(value)]);
    }
  };
  walk("", data);
  return (
    <dl class="personal-data">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{tc("field", k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Each document is opened through its short-lived view link only when shown. */
function DocumentItem({ caseId, doc }: { caseId: string; doc: ReviewDocument }) {
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const label = tc("doc", doc.docType);
  const show = async () => {
    setError(null);
    try {
      const issued = await api<{ url: string }>("POST", `/review/cases/${caseId}/documents/${doc.documentId}/view`);
      setLink(issued.url);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div class="document" data-doc-type={doc.docType} data-status={doc.status}>
      <h3>
        {label} <span class="badge">{tc("docStatus", doc.status)}</span>
      </h3>
      {doc.reasonCode && <p>{tc("rejection", doc.reasonCode)}</p>}
      <Alert error={error} />
      {link ? (
        <>
          <button type="button" class="secondary" onClick={() => setLink(null)}>
            {t("review.hide")}
          </button>
          {doc.contentType === "application/pdf" ? <PdfView url={link} label={label} /> : <ImageView url={link} label={label} />}
        </>
      ) : (
        <button type="button" class="secondary" onClick={show}>
          {t("review.show", { doc: label })}
        </button>
      )}
    </div>
  );
}

function FourEyes({ view }: { view: Case }) {
  const votes = view.decisions.length ? view.decisions : view.pendingFirstVote ? [view.pendingFirstVote] : [];
  return (
    <section aria-labelledby="four-eyes-heading" id="four-eyes">
      <h2 id="four-eyes-heading">{t("review.fourEyes")}</h2>
      {votes.length === 0 ? (
        <p>{t("review.noVotes")}</p>
      ) : (
        <ul>
          {votes.map((v) => (
            <li key={v.decisionId} data-reviewer={v.reviewer} data-decision={v.decision}>
              {t("review.vote", {
                reviewer: v.reviewer,
                decision: tc("decision", v.decision),
                reasons: v.reasonCodes.map((r) => tc("reason", r)).join(", "),
              })}
              {v.rating ? " — " + t("review.voteRating", { rating: v.rating, expires: v.ratingExpiresOn ?? "" }) : ""}
              {v.evidence !== view.evidence && <strong> {t("review.evidenceChanged")}</strong>}
            </li>
          ))}
        </ul>
      )}
      <p class="hint">
        {t("review.evidence")}: <code>{view.evidence}</code>
      </p>
    </section>
  );
}

function DecisionForm({ view, onDecided }: { view: Case; onDecided: (status: string) => void }) {
  const [decision, setDecision] = useState("APPROVE");
  const [reasons, setReasons] = useState<string[]>([]);
  const [rating, setRating] = useState("");
  const [expiry, setExpiry] = useState("");
  const [requested, setRequested] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { decision, reasonCodes: reasons, evidence: view.evidence };
      if (decision === "APPROVE") {
        body.rating = rating === "" ? null : Number(rating);
        if (expiry) body.ratingExpiresOn = expiry;
      }
      if (decision === "REQUEST_RESUBMISSION") body.requestedDocuments = requested;
      const result = await api<{ status: string }>("POST", `/review/cases/${view.caseId}/decisions`, body);
      onDecided(result.status);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="decision-heading" id="decision-form">
      <h2 id="decision-heading">{t("review.decision")}</h2>
      <Alert error={error} />
      <fieldset>
        <legend>{t("review.decision")}</legend>
        {Object.keys(REASONS).map((kind) => (
          <label key={kind} class="choice">
            <input
              type="radio"
              name="decision"
              id={"decision-" + kind}
              value={kind}
              checked={decision === kind}
              onChange={() => {
                setDecision(kind);
                setReasons([]);
              }}
            />{" "}
            {tc("decision", kind)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("review.reasons")}</legend>
        {REASONS[decision].map((r) => (
          <label key={r} class="choice">
            <input type="checkbox" name="reason" value={r} checked={reasons.includes(r)} onChange={() => setReasons(toggle(reasons, r))} />{" "}
            {tc("reason", r)}
          </label>
        ))}
      </fieldset>
      {decision === "APPROVE" && (
        <>
          <div class="field">
            <label for="rating">{t("review.rating")}</label>
            <input id="rating" type="number" min={1} max={255} value={rating} onInput={(e) => setRating((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="expiry">{t("review.expiry")}</label>
            <input id="expiry" type="date" value={expiry} onInput={(e) => setExpiry((e.target as HTMLInputElement).value)} />
          </div>
        </>
      )}
      {decision === "REQUEST_RESUBMISSION" && (
        <fieldset>
          <legend>{t("review.requested")}</legend>
          {DOC_TYPES.map((d) => (
            <label key={d} class="choice">
              <input type="checkbox" name="requested" value={d} checked={requested.includes(d)} onChange={() => setRequested(toggle(requested, d))} />{" "}
              {tc("doc", d)}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={busy}>
        {t("review.decide")}
      </button>
    </form>
  );
}
