import { useEffect, useState } from "preact/hooks";
import { api, ApiError, currentSession, type QueueEntry } from "../api";
import { t, tc } from "../i18n";
import { navigate } from "../router";
import { Alert, PageHeading, when } from "../ui";

const STATUSES = ["IN_REVIEW", "PENDING_SECOND_APPROVAL", "PENDING_SECOND_REJECTION"];

export function Queue() {
  // The API lists one review status at a time (IN_REVIEW when none is asked for): no "any" choice here.
  const [status, setStatus] = useState("IN_REVIEW");
  const [country, setCountry] = useState("");
  const [assigned, setAssigned] = useState("");
  const [entries, setEntries] = useState<QueueEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = async (more = false) => {
    setError(null);
    const q = new URLSearchParams();
    if (status) q.set("status", status);
    if (country.trim()) q.set("country", country.trim().toUpperCase());
    if (assigned) q.set("assigned", assigned);
    if (more && cursor) q.set("cursor", cursor);
    try {
      const page = await api<{ cases: QueueEntry[]; nextCursor?: string | null }>("GET", `/review/queue?${q}`);
      setEntries(more && entries ? [...entries, ...page.cases] : page.cases);
      setCursor(page.nextCursor ?? null);
    } catch (e) {
      setError(e);
      setEntries([]);
    }
  };
  useEffect(() => {
    load();
  }, []);

  const claimNext = async () => {
    setError(null);
    // Oldest first: the first case this reviewer may claim (nobody's, or already the reviewer's own lease).
    const me = currentSession()?.subject;
    for (const entry of (entries ?? []).filter((e) => !e.claimedBy || e.claimedBy === me)) {
      try {
        await api("POST", `/review/cases/${entry.caseId}/claim`);
        navigate(`/review/${entry.caseId}`);
        return;
      } catch (e) {
        if (!(e instanceof ApiError) || !["CLAIMED_BY_OTHER", "OWN_CASE", "CASE_CLOSED"].includes(e.code)) {
          setError(e);
          return;
        }
      }
    }
    setError(new ApiError(404, "QUEUE_EMPTY", t("queue.empty")));
  };

  useEffect(() => {
    const keys = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "n") claimNext();
      if (e.key === "r") load();
    };
    window.addEventListener("keydown", keys);
    return () => window.removeEventListener("keydown", keys);
  });

  return (
    <main id="main">
      <PageHeading>{t("queue.title")}</PageHeading>
      <p class="hint">{t("queue.shortcuts")}</p>
      <form
        class="filters"
        aria-label={t("queue.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <div class="field">
          <label for="q-status">{t("queue.status")}</label>
          <select id="q-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {tc("status", s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-assigned">{t("queue.assigned")}</label>
          <select id="q-assigned" value={assigned} onChange={(e) => setAssigned((e.target as HTMLSelectElement).value)}>
            <option value="">{t("queue.any")}</option>
            <option value="mine">{t("queue.mine")}</option>
            <option value="unassigned">{t("queue.unassigned")}</option>
          </select>
        </div>
        <div class="field">
          <label for="q-country">{t("queue.country")}</label>
          <input id="q-country" value={country} maxLength={2} size={4} onInput={(e) => setCountry((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="secondary">
          {t("queue.apply")}
        </button>
      </form>
      <p>
        <button type="button" id="claim-next" onClick={claimNext} disabled={!entries?.length}>
          {t("queue.claimNext")}
        </button>
      </p>
      <Alert error={error} />
      {entries === null ? (
        <p>{t("app.loading")}</p>
      ) : entries.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <table id="queue">
          <thead>
            <tr>
              <th scope="col">{t("queue.case")}</th>
              <th scope="col">{t("queue.status")}</th>
              <th scope="col">{t("queue.country")}</th>
              <th scope="col">{t("queue.created")}</th>
              <th scope="col">{t("queue.due")}</th>
              <th scope="col">{t("queue.claimedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((c) => (
              <tr key={c.caseId} data-case-id={c.caseId} data-overdue={String(c.overdue)} data-claimed-by={c.claimedBy ?? ""}>
                <td>
                  <a href={`#/review/${c.caseId}`} aria-label={t("queue.open", { caseId: c.caseId })}>
                    {c.caseId.slice(0, 8)}
                  </a>
                </td>
                <td>{tc("status", c.status)}</td>
                <td>{c.country}</td>
                <td>{when(c.createdAt)}</td>
                <td>
                  {when(c.dueAt)}
                  {c.overdue && (
                    <>
                      {" "}
                      <strong class="badge overdue">{t("queue.overdue")}</strong>
                    </>
                  )}
                </td>
                <td>{c.claimedBy ?? t("queue.nobody")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" class="secondary" onClick={() => load(true)}>
          {t("queue.more")}
        </button>
      )}
    </main>
  );
}
