import { LevelBadge } from "../ui/level-badge";
import type { Cell } from "./cells";

export function MatrixCell({ cell }: { cell: Cell }) {
  switch (cell.kind) {
    case "no-account":
      return (
        <span className="absent">
          <span aria-hidden="true">—</span>
          <span className="sr-only">no account</span>
        </span>
      );
    case "unknown":
      return <span className="level level-unknown">Not known ({cell.why})</span>;
    case "account":
      return (
        <>
          {cell.level ? (
            <LevelBadge level={cell.level} />
          ) : cell.levelKnown ? (
            <span className="level level-noaccess">No access</span>
          ) : (
            <span className="level level-unknown">Access not read</span>
          )}
          {cell.level && !cell.levelKnown ? <span className="note"> or more (not all read)</span> : null}
          {cell.active ? null : <span className="inactive"> inactive</span>}
        </>
      );
  }
}
