import { useState } from "react";
import { RequestFailed } from "../graphql";
import { Failure } from "../ui/problems";
import { downloadExport } from "./download";

/** A button that downloads one export with the caller's credential, saying how it went. */
export function ExportButton({ path, label }: { path: string; label: string }) {
  const [state, setState] = useState<
    | { status: "idle" }
    | { status: "busy" }
    | { status: "saved"; name: string }
    | { status: "failed"; error: RequestFailed }
  >({ status: "idle" });
  const download = async () => {
    setState({ status: "busy" });
    try {
      setState({ status: "saved", name: await downloadExport(path) });
    } catch (error) {
      setState({
        status: "failed",
        error: error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined),
      });
    }
  };
  return (
    <div className="export">
      <button type="button" onClick={() => void download()} disabled={state.status === "busy"}>
        {label}
      </button>
      <span role="status" className="note">
        {state.status === "busy" ? "Preparing…" : state.status === "saved" ? `Saved ${state.name}` : ""}
      </span>
      {state.status === "failed" ? <Failure what={label} error={state.error} /> : null}
    </div>
  );
}
