import { useEffect, useState } from "preact/hooks";
import { api, ApiError, type CaseView, type FieldError, type UploadInstructions } from "../api";
import { t, tc } from "../i18n";
import type { MessageKey } from "../messages";
import { putToStorage, sha256Base64 } from "../upload";
import { firstAccount, injectedWallet, personalSign } from "../wallet";
import { Alert, Notice, PageHeading } from "../ui";

const FIELDS = [
  "givenNames",
  "familyName",
  "dateOfBirth",
  "nationality",
  "countryOfResidence",
  "region",
  "address.line1",
  "address.line2",
  "address.postalCode",
  "address.city",
  "taxId",
] as const;
type Field = (typeof FIELDS)[number];

const DOC_TYPES = [
  "PASSPORT",
  "ID_CARD_FRONT",
  "ID_CARD_BACK",
  "DRIVING_LICENCE_FRONT",
  "DRIVING_LICENCE_BACK",
  "PROOF_OF_ADDRESS",
  "PROOF_OF_FUNDS",
];
const CONTENT_TYPES: Record<string, string> = { pdf: "application/pdf", jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png" };
/** Document states after which nothing more happens without the applicant. */
const SETTLED = new Set(["VERIFIED", "REJECTED"]);
/** Case states that wait for others (reviewers, the chain). */
const WAITING = new Set(["IN_REVIEW", "PENDING_SECOND_APPROVAL", "PENDING_SECOND_REJECTION", "APPROVED"]);

let rememberedCaseId: string | null = null;

export function Applicant() {
  const [caseId, setCaseId] = useState<string | null>(rememberedCaseId);
  const [lookupDone, setLookupDone] = useState(caseId !== null);
  useEffect(() => {
    if (caseId) {
      return;
    }
    // An open case from an earlier visit: "everything held about me" names it.
    api<{ cases: { caseId: string; status: string }[] }>("GET", "/me/export")
      .then((e) => {
        const open = e.cases.find((c) => !["REJECTED", "EXPIRED", "ERASED"].includes(c.status));
        if (open) {
          remember(open.caseId);
        }
      })
      .catch(() => undefined)
      .finally(() => setLookupDone(true));
  }, []);
  const remember = (id: string) => {
    rememberedCaseId = id;
    setCaseId(id);
  };
  return (
    <main id="main">
      <PageHeading>{t("apply.title")}</PageHeading>
      <p>{t("apply.intro")}</p>
      {caseId ? <CasePanel caseId={caseId} /> : lookupDone ? <OpenCase onOpened={remember} /> : <p>{t("app.loading")}</p>}
      <Privacy />
    </main>
  );
}

function OpenCase({ onOpened }: { onOpened: (caseId: string) => void }) {
  const [values, setValues] = useState<Record<Field, string>>(Object.fromEntries(FIELDS.map((f) => [f, ""])) as Record<Field, string>);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors([]);
    const v = (f: Field) => values[f].trim() || undefined;
    try {
      const created = await api<{ caseId: string }>("POST", "/cases", {
        givenNames: v("givenNames"),
        familyName: v("familyName"),
        dateOfBirth: v("dateOfBirth"),
        nationality: v("nationality")?.toUpperCase(),
        countryOfResidence: v("countryOfResidence")?.toUpperCase(),
        region: v("region")?.toUpperCase(),
        address: { line1: v("address.line1"), line2: v("address.line2"), postalCode: v("address.postalCode"), city: v("address.city") },
        taxId: v("taxId"),
      });
      onOpened(created.caseId);
    } catch (err) {
      if (err instanceof ApiError && err.code === "INVALID_DATE") {
        setErrors([{ field: "dateOfBirth", code: "INVALID_DATE" }]);
      } else if (err instanceof ApiError) {
        setErrors(err.errors);
      }
      setError(err);
      // The first refused field takes the focus, so the error is where the user is.
      setTimeout(() => (document.querySelector("[aria-invalid=true]") as HTMLElement | null)?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors = (field: string) => errors.filter((x) => x.field === field || (field === "address.line1" && x.field === "address"));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="open-heading">
      <h2 id="open-heading">{t("apply.open")}</h2>
      <Alert error={error} />
      {FIELDS.map((field) => {
        const id = "f-" + field.replace(".", "-");
        const mine = fieldErrors(field);
        return (
          <div class="field" key={field}>
            <label for={id}>{t(("field." + field) as MessageKey)}</label>
            <input
              id={id}
              name={field}
              type={field === "dateOfBirth" ? "date" : "text"}
              value={values[field]}
              aria-invalid={mine.length > 0}
              aria-describedby={mine.length ? id + "-error" : undefined}
              onInput={(e) => setValues({ ...values, [field]: (e.target as HTMLInputElement).value })}
            />
            {mine.length > 0 && (
              <p class="field-error" id={id + "-error"} data-code={mine[0].code}>
                {mine[0].code === "INVALID_DATE" ? t("code.INVALID_DATE") : tc("fieldError", mine[0].code)}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" disabled={busy}>
        {t("apply.openSubmit")}
      </button>
    </form>
  );
}

function CasePanel({ caseId }: { caseId: string }) {
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [docType, setDocType] = useState("PASSPORT");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [wallet, setWallet] = useState<string | null>(null);

  const load = async () => {
    try {
      setView(await api<CaseView>("GET", `/cases/${caseId}`));
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    load();
  }, [caseId]);
  // Follow the case while something is under way: a document being checked, reviewers, the chain.
  const busy = view && (view.documents.some((d) => !SETTLED.has(d.status)) || WAITING.has(view.status));
  useEffect(() => {
    if (!busy) {
      return;
    }
    const timer = setInterval(load, 1000);
    return () => clearInterval(timer);
  }, [busy]);

  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) {
      return;
    }
    setError(null);
    setNotice(t("case.hashing"));
    try {
      const bytes = await file.arrayBuffer();
      const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
      const contentType = file.type || CONTENT_TYPES[extension] || "application/octet-stream";
      const slot = await api<UploadInstructions>("POST", `/cases/${caseId}/documents`, {
        docType,
        contentType,
        contentLength: bytes.byteLength,
        sha256: await sha256Base64(bytes),
      });
      setNotice(null);
      setProgress({ name: file.name, fraction: 0 });
      const status = await putToStorage(slot.uploadUrl, slot.headers, bytes, (fraction) => setProgress({ name: file.name, fraction }));
      setProgress(null);
      if (status < 200 || status >= 300) {
        throw new ApiError(status, "UPLOAD_FAILED", "");
      }
      setNotice(t("case.uploaded", { name: file.name }));
      setFile(null);
      (document.getElementById("upload-file") as HTMLInputElement).value = "";
      await load();
    } catch (err) {
      setProgress(null);
      setNotice(null);
      setError(err);
    }
  };

  const proveWallet = async () => {
    setError(null);
    const provider = injectedWallet();
    if (!provider) {
      setNotice(t("case.walletNone"));
      return;
    }
    try {
      const account = await firstAccount(provider);
      const challenge = await api<{ message: string; address: string }>("POST", `/cases/${caseId}/wallets/challenge`, {
        address: account,
      });
      const signature = await personalSign(provider, challenge.message, challenge.address);
      const bound = await api<{ address: string }>("POST", `/cases/${caseId}/wallets`, { message: challenge.message, signature });
      setWallet(bound.address);
      setNotice(t("case.walletProven", { address: bound.address }));
    } catch (err) {
      setError(err);
    }
  };

  const submit = async () => {
    setError(null);
    try {
      await api("POST", `/cases/${caseId}/submit`);
      setNotice(t("case.submitted"));
      await load();
    } catch (err) {
      setError(err);
    }
  };

  if (!view) {
    return error ? <Alert error={error} /> : <p>{t("app.loading")}</p>;
  }
  const open = ["DRAFT", "RESUBMISSION_REQUESTED"].includes(view.status);
  return (
    <section aria-labelledby="case-heading">
      <h2 id="case-heading">{t("case.title", { caseId: view.caseId })}</h2>
      <p>
        {t("case.status")}:{" "}
        <strong id="case-status" data-status={view.status}>
          {tc("status", view.status)}
        </strong>{" "}
        <button type="button" class="secondary" onClick={load}>
          {t("case.refresh")}
        </button>
      </p>
      <Alert error={error} />
      {notice && <Notice>{notice}</Notice>}
      {view.resubmission && view.status === "RESUBMISSION_REQUESTED" && (
        <div class="panel" role="note">
          <h3>{t("case.resubmission")}</h3>
          <p>{t("case.resubmissionDocs", { docs: view.resubmission.documents.map((d) => tc("doc", d)).join(", ") })}</p>
          <ul>
            {view.resubmission.reasonCodes.map((r) => (
              <li key={r}>{tc("reason", r)}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t("case.documents")}</h3>
      {view.documents.length === 0 ? (
        <p>{t("case.noDocuments")}</p>
      ) : (
        <table id="documents">
          <thead>
            <tr>
              <th scope="col">{t("case.docType")}</th>
              <th scope="col">{t("case.docStatus")}</th>
              <th scope="col">{t("case.docReason")}</th>
            </tr>
          </thead>
          <tbody>
            {view.documents.map((d) => (
              <tr key={d.documentId} data-status={d.status} data-doc-type={d.docType}>
                <td>{tc("doc", d.docType)}</td>
                <td>{tc("docStatus", d.status)}</td>
                <td data-reason-code={d.reasonCode ?? undefined}>
                  {d.reasonCode ? tc("rejection", d.reasonCode) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open || view.status.startsWith("PENDING") || view.status === "IN_REVIEW" ? (
        <form onSubmit={upload} aria-labelledby="upload-heading">
          <h3 id="upload-heading">{t("case.upload")}</h3>
          <div class="field">
            <label for="upload-type">{t("case.docType")}</label>
            <select id="upload-type" value={docType} onChange={(e) => setDocType((e.target as HTMLSelectElement).value)}>
              {DOC_TYPES.map((d) => (
                <option key={d} value={d}>
                  {tc("doc", d)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="upload-file">{t("case.file")}</label>
            <input
              id="upload-file"
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
            />
          </div>
          {progress && (
            <div class="field">
              <label for="upload-progress">{t("case.uploading", { name: progress.name })}</label>
              <progress id="upload-progress" max={1} value={progress.fraction} />
            </div>
          )}
          <button type="submit" disabled={!file || progress !== null}>
            {t("case.uploadSubmit")}
          </button>
        </form>
      ) : null}
      {open && (
        <div>
          <h3>{t("case.wallet")}</h3>
          <p>{t("case.walletIntro")}</p>
          {wallet && <p id="wallet-address">{wallet}</p>}
          <button type="button" id="prove-wallet" onClick={proveWallet}>
            {t("case.walletProve")}
          </button>
          <p>
            <button type="button" id="submit-case" onClick={submit}>
              {t("case.submit")}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}

function Privacy() {
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const download = async () => {
    try {
      const data = await api("GET", "/me/export");
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "kyc-vault-export.json";
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e);
    }
  };
  const erase = async () => {
    try {
      const r = await api<{ note: string }>("DELETE", "/me");
      setDone(t("case.erased", { note: r.note }));
      setConfirming(false);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t("case.privacy")}</h2>
      <Alert error={error} />
      {done && <Notice>{done}</Notice>}
      <p>
        <button type="button" class="secondary" onClick={download}>
          {t("case.export")}
        </button>
      </p>
      <p>{t("case.eraseExplain")}</p>
      {confirming ? (
        <button type="button" class="danger" onClick={erase}>
          {t("case.eraseConfirm")}
        </button>
      ) : (
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          {t("case.erase")}
        </button>
      )}
    </section>
  );
}
