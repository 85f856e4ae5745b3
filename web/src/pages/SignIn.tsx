import { useState } from "preact/hooks";
import { authorizeLocally, startSignIn } from "../auth";
import { t } from "../i18n";
import { Alert, PageHeading } from "../ui";

const GROUPS = ["kyc-reviewer", "kyc-compliance"] as const;

/** Sign-in: off to the issuer (authorization code with PKCE); back with a code, redeemed in memory. */
export function SignIn({ error: callbackError }: { error?: unknown }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main id="main">
      <PageHeading>{t("signIn.title")}</PageHeading>
      <p>{t("signIn.oidc")}</p>
      <Alert error={error ?? callbackError} />
      <button
        type="button"
        id="oidc-sign-in"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await startSignIn();
          } catch (e) {
            setError(e);
            setBusy(false);
          }
        }}
      >
        {t("signIn.submit")}
      </button>
    </main>
  );
}

/**
 * The local issuer's authorization endpoint (bin/stack only; in AWS Cognito's managed login): choose a
 * subject and groups; the issuer answers with the redirect back to the portal, carrying the code.
 */
export function Authorize({ query }: { query: string }) {
  const [subject, setSubject] = useState("");
  const [groups, setGroups] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const params = new URLSearchParams(query);
  const client = params.get("client_id");
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      location.assign(await authorizeLocally(query, subject.trim(), groups));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <main id="main">
      <PageHeading>{t("authorize.title")}</PageHeading>
      <p>{t("signIn.local")}</p>
      {client ? <p id="authorize-client">{t("authorize.client", { client })}</p> : <p class="alert">{t("authorize.invalid")}</p>}
      <form onSubmit={submit}>
        <Alert error={error} />
        <div class="field">
          <label for="subject">{t("signIn.subject")}</label>
          <input id="subject" name="subject" required autoComplete="username" value={subject}
            onInput={(e) => setSubject((e.target as HTMLInputElement).value)} />
        </div>
        <fieldset>
          <legend>{t("signIn.groups")}</legend>
          {GROUPS.map((g) => (
            <label key={g} class="choice">
              <input type="checkbox" name="groups" value={g} checked={groups.includes(g)}
                onChange={() => setGroups(groups.includes(g) ? groups.filter((x) => x !== g) : [...groups, g])} />{" "}
              {t(`signIn.group.${g}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={!subject.trim() || !client}>
          {t("authorize.submit")}
        </button>
      </form>
    </main>
  );
}
