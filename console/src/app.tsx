import { type ReactNode, useCallback, useEffect, useState } from "react";
import { RequestFailed, request } from "./graphql";
import { PeoplePage } from "./people/people-page";
import { PersonPage } from "./people/person-page";
import { OnboardPage } from "./plans/onboard-page";
import { PlanPage } from "./plans/plan-page";
import { VIEWER, type Viewer } from "./queries";
import { ReviewPage } from "./review/review-page";
import { href, type Route, useRoute } from "./route";
import { readCredential, storeCredential } from "./session";
import { SignIn } from "./sign-in";
import { SnapshotsPage } from "./snapshots/snapshots-page";
import { Failure, Loading } from "./ui/problems";
import { signedIn, ViewerContext } from "./viewer";

/**
 * The console's areas, one per first segment of the hash. A new area is one entry here and one
 * page component.
 */
interface Area {
  readonly area: string;
  readonly label: string | null;
  readonly needsWrite?: boolean;
  readonly render: (route: Route) => ReactNode;
}

const AREAS: readonly Area[] = [
  {
    area: "people",
    label: "People",
    render: (route) => (route.id ? <PersonPage id={route.id} /> : <PeoplePage />),
  },
  { area: "snapshots", label: "Snapshots", render: () => <SnapshotsPage /> },
  { area: "review", label: "Review", render: () => <ReviewPage /> },
  { area: "onboard", label: "Onboard", needsWrite: true, render: () => <OnboardPage /> },
  { area: "plans", label: null, render: (route) => (route.id ? <PlanPage id={route.id} /> : null) },
];

type ViewerState =
  | { readonly status: "loading" }
  | { readonly status: "failed"; readonly error: RequestFailed }
  | { readonly status: "done"; readonly viewer: Viewer };

export function App() {
  const route = useRoute();
  const [credential, setCredential] = useState(readCredential);
  const [state, setState] = useState<ViewerState>({ status: "loading" });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the viewer is read again whenever the credential changes
  useEffect(() => {
    let current = true;
    setState({ status: "loading" });
    request(VIEWER).then(
      (answer) => current && answer.data && setState({ status: "done", viewer: answer.data.viewer }),
      (error: unknown) =>
        current &&
        setState({
          status: "failed",
          error: error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined),
        }),
    );
    return () => {
      current = false;
    };
  }, [credential]);

  const signIn = useCallback((value: string | null) => {
    storeCredential(value);
    setCredential(value);
  }, []);

  const viewer = state.status === "done" ? state.viewer : null;
  const who = viewer ? signedIn(viewer) : null;
  const area = AREAS.find((a) => a.area === route.area);
  const tabs = AREAS.filter((a) => a.label !== null && (!a.needsWrite || who?.canWrite));

  let main: ReactNode;
  if (state.status === "loading") main = <Loading what="who you are" />;
  else if (state.status === "failed")
    main = <Failure what={credential ? "Signing in" : "Reading without signing in"} error={state.error} />;
  else if (!area) main = <p>No such page. Open {<a href={href("people")}>People</a>}.</p>;
  else if (area.needsWrite && !who?.canWrite) main = <p>This page needs write scope.</p>;
  else main = area.render(route);

  return (
    <ViewerContext.Provider value={who ?? signedIn({ kind: null, name: null, issuer: null, scopes: [] })}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <h1>
          <a href={href("people")}>Rollcall</a>
        </h1>
        <nav aria-label="Console">
          <ul>
            {tabs.map((tab) => (
              <li key={tab.area}>
                <a href={href(tab.area)} aria-current={tab.area === route.area ? "page" : undefined}>
                  {tab.label}
                </a>
              </li>
            ))}
            <li>
              <a href="/graphql">GraphiQL</a>
            </li>
          </ul>
        </nav>
        <SignIn
          viewer={viewer}
          signedIn={credential !== null}
          onSignIn={(value) => signIn(value)}
          onSignOut={() => signIn(null)}
        />
      </header>
      <main id="main" tabIndex={-1}>
        {main}
      </main>
    </ViewerContext.Provider>
  );
}
