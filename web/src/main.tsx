import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { currentSession, type Session } from "./api";
import { completeSignIn, isSignInCallback, signOut as endSession } from "./auth";
import { currentLocale, onLocaleChange, setLocale, t } from "./i18n";
import type { Locale } from "./messages";
import { Applicant } from "./pages/Applicant";
import { AuditTrail, Compliance } from "./pages/Compliance";
import { Queue } from "./pages/Queue";
import { ReviewCase } from "./pages/ReviewCase";
import { Authorize, SignIn } from "./pages/SignIn";
import { navigate, useRoute } from "./router";
import "./styles.css";

function home(s: Session): string {
  return s.groups.includes("kyc-compliance") ? "/compliance" : s.groups.includes("kyc-reviewer") ? "/review" : "/apply";
}

// Back from the issuer with a code: redeem it before anything else reads the address.
const callback = isSignInCallback() ? completeSignIn() : null;

function App() {
  const route = useRoute();
  const [session, setState] = useState<Session | null>(currentSession());
  const [signInError, setSignInError] = useState<unknown>(null);
  const [, setLocaleState] = useState<Locale>(currentLocale());
  useEffect(() => onLocaleChange(() => setLocaleState(currentLocale())), []);
  useEffect(() => {
    document.title = t("app.title");
  });

  const signedIn = (s: Session) => {
    setState(s);
    navigate(home(s));
  };
  useEffect(() => {
    callback?.then(signedIn, setSignInError);
  }, []);
  const signOut = () => {
    endSession();
    setState(null);
    navigate("/sign-in");
  };

  let page;
  const m = (re: RegExp) => route.match(re);
  if (route.startsWith("/authorize")) {
    page = <Authorize query={route.slice("/authorize".length).replace(/^\?/, "")} />;
  } else if (!session) {
    page = <SignIn error={signInError} />;
  } else if (route === "/apply") {
    page = <Applicant />;
  } else if (route === "/review") {
    page = <Queue />;
  } else if (m(/^\/review\/([\w-]+)$/)) {
    page = <ReviewCase key={route} caseId={m(/^\/review\/([\w-]+)$/)![1]} />;
  } else if (route === "/compliance") {
    page = <Compliance />;
  } else if (m(/^\/compliance\/audit\/([\w-]+)$/)) {
    page = <AuditTrail key={route} caseId={m(/^\/compliance\/audit\/([\w-]+)$/)![1]} />;
  } else if (route === "/" || route === "/sign-in") {
    page = <SignIn error={signInError} />;
  } else {
    page = (
      <main id="main">
        <h1>{t("app.notFound")}</h1>
      </main>
    );
  }

  const staff = session?.groups ?? [];
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById("main")?.querySelector("h1")?.focus(); }}>
        {t("app.skip")}
      </a>
      <header>
        <span class="brand">{t("app.title")}</span>
        {session && (
          <nav aria-label={t("app.nav")}>
            <a href="#/apply" aria-current={route === "/apply" ? "page" : undefined}>{t("nav.apply")}</a>
            {staff.includes("kyc-reviewer") && <a href="#/review" aria-current={route.startsWith("/review") ? "page" : undefined}>{t("nav.review")}</a>}
            {staff.includes("kyc-compliance") && <a href="#/compliance" aria-current={route.startsWith("/compliance") ? "page" : undefined}>{t("nav.compliance")}</a>}
          </nav>
        )}
        <div class="session">
          <label for="locale">{t("app.language")}</label>{" "}
          <select id="locale" value={currentLocale()} onChange={(e) => setLocale((e.target as HTMLSelectElement).value as Locale)}>
            <option value="en">English</option>
            <option value="de">Deutsch</option>
          </select>
          {session && (
            <>
              {" "}
              <span id="signed-in-as">{t("app.signedInAs", { subject: session.subject })}</span>{" "}
              <button type="button" class="secondary" onClick={signOut}>{t("app.signOut")}</button>
            </>
          )}
        </div>
      </header>
      {page}
    </>
  );
}

document.documentElement.lang = currentLocale();
render(<App />, document.getElementById("app")!);
