import { useState } from "preact/hooks";
import { signInLocally, type Session } from "../api";
import { t } from "../i18n";
import { Alert, PageHeading } from "../ui";

const GROUPS = ["kyc-reviewer", "kyc-compliance"] as const;

/** The local issuer's sign-in: choose a subject and groups (bin/stack only; in AWS Cognito's managed login). */
export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [subject, setSubject] = useState("");
  const [groups, setGroups] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      onSignedIn(await signInLocally(subject.trim(), groups));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <main id="main">
      <PageHeading>{t("signIn.title")}</PageHeading>
      <p>{t("signIn.local")}</p>
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
        <button type="submit" disabled={!subject.trim()}>
          {t("signIn.submit")}
        </button>
      </form>
    </main>
  );
}
